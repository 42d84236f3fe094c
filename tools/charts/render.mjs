// Renders Vega-Lite specifications to standalone SVG with Vega's headless view (no browser, no canvas).
// Input on stdin: a JSON array of Vega-Lite specs. Output on stdout: a JSON array of SVG strings, in the same order.
// Any spec that fails stops the run with exit code 1 and a message naming its index.
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const specs = JSON.parse(await readStdin());
if (!Array.isArray(specs)) {
  console.error('render.mjs: expected a JSON array of Vega-Lite specifications on stdin');
  process.exit(1);
}

const out = [];
for (let i = 0; i < specs.length; i++) {
  try {
    const compiled = vegaLite.compile(specs[i]).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: vega.loader({ mode: 'file', baseURL: '/nonexistent/' }) });
    out.push(await view.toSVG());
    view.finalize();
  } catch (err) {
    console.error(`render.mjs: chart ${i} failed: ${err && err.message ? err.message : err}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
