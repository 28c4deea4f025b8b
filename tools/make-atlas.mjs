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
const TOLERANCE = 1.5; // tenths of a degree a simplified outline may stray from the original

// Ramer–Douglas–Peucker: keeps the points that carry the shape.
function simplify(pts, tol) {
  if (pts.length < 4) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a];
    const [bx, by] = pts[b];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    let worst = -1;
    let far = 0;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs((bx - ax) * (ay - pts[i][1]) - (ax - pts[i][0]) * (by - ay)) / len;
      if (d > far) { far = d; worst = i; }
    }
    if (far > tol) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

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
    const raw = ring.map(([lon0, lat]) => [(wrap && lon0 < 0 ? lon0 + 360 : lon0) * 10, -lat * 10]);
    const pts = [];
    // A ring starts and ends at one point: simplify its two halves, split at the farthest point.
    let far = 0;
    raw.forEach(([x, y], i) => { if (Math.hypot(x - raw[0][0], y - raw[0][1]) > Math.hypot(raw[far][0] - raw[0][0], raw[far][1] - raw[0][1])) far = i; });
    const halves = [...simplify(raw.slice(0, far + 1), TOLERANCE), ...simplify(raw.slice(far), TOLERANCE).slice(1)];
    for (const [x0, y0] of halves) {
      const [x, y] = [Math.round(x0), Math.round(y0)];
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
