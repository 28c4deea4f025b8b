// Dataset text is data, never markup: an entity whose name, description, aliases and facts hold
// HTML and script is built into a copy of the extension's dataset, and its card must show that
// text literally — no element made from it, no script run, no request for the image it names.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, SHARED, serve, launch, EXTENSION, openAnnotated, hoverCard } from "./harness.mjs";

const HOSTILE = {
  name: `<img src=/pwned.png onerror="window.__pwned=1">Zorblax Industries`,
  aliases: ["Zorblax Industries", "Zorblax"],
  subtype: "company",
  kind: `<script>window.__pwned=2</script><b>bold</b> maker of widgets`,
  country: "US",
  hq: `<svg onload="window.__pwned=3"></svg>Springfield`,
  founded: 1999,
  wikipedia: `javascript:window.__pwned=4`,
};

let server;
let dir;
let browser;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-hostile-"));
  // The team's curated files plus the hostile row, built with the real pipeline.
  const curated = path.join(dir, "curated");
  fs.cpSync(path.join(ROOT, "data/curated"), curated, { recursive: true });
  fs.appendFileSync(path.join(curated, "organizations.jsonl"), JSON.stringify(HOSTILE) + "\n");
  const extension = path.join(dir, "extension");
  fs.cpSync(EXTENSION, extension, { recursive: true });
  const gloss = (...args) => spawnSync(path.join(ROOT, "target/release/gloss"), args, { cwd: ROOT, encoding: "utf8" });
  const file = path.join(dir, "dataset.bin");
  const built = gloss("dataset", "build", "--quiet", "--shared", SHARED, "--curated", curated, "--out", file);
  assert.equal(built.status, 0, built.stderr);
  // Packed, as build.sh ships it (the worker learns its length from its header).
  const packed = gloss("dataset", "pack", file, path.join(extension, "data/dataset.bin"));
  assert.equal(packed.status, 0, packed.stderr);
  server = await serve({
    "/news.html": `<!doctype html><meta charset=utf-8><body><p>Shares of Zorblax Industries rose on Monday after the company beat forecasts.</p></body>`,
  });
  browser = await launch({ extension });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("HTML and script in a dataset entry show as plain text on the card", async () => {
  const page = await openAnnotated(browser.context, server.base + "/news.html", { min: 1 });
  const card = await hoverCard(page, "Zorblax Industries");
  const text = await card.card.textContent();
  assert.ok(text.includes(`<img src=/pwned.png onerror="window.__pwned=1">Zorblax Industries`), `the name shows literally: ${text}`);
  assert.ok(text.includes("<script>window.__pwned=2</script><b>bold</b>"), "the description shows literally");
  // Nothing in the card was made from the data: only the card's own elements.
  const made = await card.card.evaluate((el) => [...el.querySelectorAll("img, script, b, iframe, object, embed")].map((e) => e.tagName));
  assert.deepEqual(made, []);
  assert.equal(await card.card.evaluate((el) => el.querySelectorAll("svg:not(.map)").length), 0);
  // A "read more" link is only ever https.
  const hrefs = await card.card.evaluate((el) => [...el.querySelectorAll("a")].map((a) => a.href));
  assert.ok(hrefs.every((h) => h.startsWith("https://")), `links: ${hrefs}`);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no script from the data ran");
  assert.ok(!browser.requests.some((u) => u.includes("pwned")), "the image the data names was never requested");
  await page.close();
});
