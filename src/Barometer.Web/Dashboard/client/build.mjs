// Bundles the dashboard's browser code and stylesheet into dist/ (embedded in Barometer.Web and served under
// /dashboard-assets/). Run by the MSBuild target in Barometer.Web.csproj after `npm ci`; nothing is fetched at run time.
import { build } from "esbuild";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

await build({
  entryPoints: { dashboard: "src/dashboard.js", "dashboard-style": "src/dashboard.css" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: "dist",
  legalComments: "linked",
  logLevel: "warning",
});

// The map boundaries (TopoJSON made by `npm run geo` from ../geo/source, see ../geo/README.md), served beside the
// bundle and fetched only by pages that draw a map.
const geometry = ["lan.topo.json", "kommuner.topo.json"];
for (const file of geometry) copyFileSync(`../geo/${file}`, `dist/${file}`);

// Precompressed copies, so the host sends the bundle compressed without compressing it on every request.
for (const file of ["dist/dashboard.js", "dist/dashboard-style.css", ...geometry.map((g) => `dist/${g}`)]) {
  const content = readFileSync(file);
  writeFileSync(file + ".br", brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(file + ".gz", gzipSync(content, { level: 9 }));
}
