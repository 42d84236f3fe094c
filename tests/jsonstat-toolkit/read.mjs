// Reads a JSON-stat 2.0 dataset with jsonstat-toolkit and prints one JSON line per cell:
// {"index": n, "codes": {"DIM": "code", ...}, "labels": {...}, "value": number|null, "status": string|null}.
// The cell is looked up by category codes through the toolkit (Dataset.Data({...})), so the toolkit's own
// reading of id, size, category.index, value and status is what is checked. Usage: node read.mjs FILE
import { readFileSync } from "node:fs";
import JSONstat from "jsonstat-toolkit";

const file = process.argv[2];
if (!file) {
  console.error("usage: node read.mjs FILE");
  process.exit(2);
}

const ds = JSONstat(JSON.parse(readFileSync(file, "utf8")));
if (ds.class !== "dataset") {
  console.error(`expected a dataset, the toolkit read class ${ds.class}`);
  process.exit(1);
}

const ids = ds.id;
const categories = ids.map((id) => ds.Dimension(id).id);
const total = categories.reduce((n, c) => n * c.length, 1);
if (total !== ds.n) {
  console.error(`the toolkit counts ${ds.n} cells but the categories give ${total}`);
  process.exit(1);
}

const lines = [];
const positions = ids.map(() => 0);
for (let index = 0; index < total; index++) {
  const codes = {};
  const labels = {};
  ids.forEach((id, d) => {
    const code = categories[d][positions[d]];
    codes[id] = code;
    labels[id] = ds.Dimension(id).Category(code).label;
  });
  const cell = ds.Data(codes);
  if (cell === null || cell === undefined) {
    console.error(`the toolkit found no cell for ${JSON.stringify(codes)}`);
    process.exit(1);
  }
  lines.push(JSON.stringify({ index, codes, labels, value: cell.value ?? null, status: cell.status ?? null }));
  for (let d = ids.length - 1; d >= 0; d--) {
    positions[d]++;
    if (positions[d] < categories[d].length) break;
    positions[d] = 0;
  }
}

process.stdout.write(lines.join("\n") + "\n");
