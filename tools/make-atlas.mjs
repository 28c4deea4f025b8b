// Builds build/atlas.json for the place cards' locator maps: each country's outline from npm
// world-atlas (Natural Earth, public domain) as an SVG path in tenths of a degree (x = lon,
// y = -lat), keyed by ISO alpha-2 (via npm world-countries' numeric codes).
//   node tools/make-atlas.mjs [OUT]
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topo = require("world-atlas/countries-50m.json");
const countries = require("world-countries/countries.json");
const alpha2 = new Map(countries.filter((c) => c.ccn3).map((c) => [String(Number(c.ccn3)), c.cca2]));
const STEP = 5; // tenths of a degree between kept points (0.5°)

const out = {};
for (const f of feature(topo, topo.objects.countries).features) {
  const cc = alpha2.get(String(Number(f.id)));
  if (!cc || !f.geometry) continue;
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings = polys.map((p) => p[0]); // outer rings are enough at locator size
  let lons = rings.flat().map((p) => p[0]);
  // Countries across the antimeridian (Russia, Fiji): move the far-west part east.
  const wrap = Math.max(...lons) - Math.min(...lons) > 270;
  const parts = [];
  let box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    const pts = [];
    for (const [lon0, lat] of ring) {
      const lon = wrap && lon0 < 0 ? lon0 + 360 : lon0;
      const x = Math.round((lon * 10) / STEP) * STEP;
      const y = Math.round((-lat * 10) / STEP) * STEP;
      const last = pts[pts.length - 1];
      if (!last || last[0] !== x || last[1] !== y) pts.push([x, y]);
    }
    if (pts.length < 3) continue;
    for (const [x, y] of pts) box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
    parts.push("M" + pts.map(([x, y]) => `${x} ${y}`).join("L") + "Z");
  }
  if (parts.length) out[cc] = { box, wrap, d: parts.join("") };
}
const file = process.argv[2] ?? "build/atlas.json";
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(out));
console.error(`wrote ${file}: ${Object.keys(out).length} countries, ${fs.statSync(file).size} bytes`);
