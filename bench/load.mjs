// node bench/load.mjs [RUNS] — how long the extension's service worker takes to load the dataset,
// in Debian's Chromium, over RUNS cold starts (default 7): each run launches Chromium with a new
// profile and dist/chrome, so the worker, the WASM module and the dataset all load from scratch.
// Prints each run and the medians of:
//   dataset   Dataset::from_bytes inside the WASM core (header, checksum, section bounds, the two
//             fst maps), timed with the worker's performance.now(): the issue's ≤ 50 ms target;
//   model     the tagger model, read the same way;
//   new       the Annotator constructor as JavaScript sees it (the bytes copied into WASM memory,
//             then dataset and model);
//   cold      the whole cold start: fetching the files, instantiating the WASM, and `new`.
// Run ./build.sh first (or ./build.sh loadtime, which builds and then runs this).
import { launch } from "../tests/browser/harness.mjs";

const runs = Number(process.argv[2] ?? 7);
if (!Number.isInteger(runs) || runs < 1) throw new Error("usage: node bench/load.mjs [RUNS]");
const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (typeof x === "number" ? x.toFixed(1).padStart(7) : "      ?");

const rows = [];
let info = null;
console.log(`Dataset load in Chromium's extension service worker, ${runs} cold starts (ms)`);
console.log("  run  dataset    model      new     cold");
for (let i = 1; i <= runs; i++) {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/about.html`);
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: "gloss/info" }));
    if (!reply?.ok) throw new Error(`the worker did not load the dataset: ${reply?.error}`);
    info = reply.info;
    const row = { dataset: info.dataset_ms, model: info.model_ms, new: info.annotatorMs, cold: info.loadMs };
    rows.push(row);
    console.log(`  ${String(i).padStart(3)} ${ms(row.dataset)}  ${ms(row.model)}  ${ms(row.new)}  ${ms(row.cold)}`);
  } finally {
    await browser.close();
  }
}
const med = (k) => median(rows.map((r) => r[k]));
console.log(`  med ${ms(med("dataset"))}  ${ms(med("model"))}  ${ms(med("new"))}  ${ms(med("cold"))}`);
console.log(`Median dataset load: ${med("dataset").toFixed(1)} ms (target ≤ 50 ms) for ${(info.bytes / 1e6).toFixed(1)} MB, ${info.entities.toLocaleString("en-US")} entities, dataset ${info.version}`);
