// The "dataset could not be loaded" state in real Chromium: a copy of dist/chrome whose
// data/dataset.bin (or data/tagger.bin, the tagger model) is damaged (cut short, one byte
// flipped, another format version). The popup and the About page must say plainly which file
// could not be loaded and why, pages must be left exactly as they were, and nothing may throw in
// the page or the extension.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serve, launch, EXTENSION } from "./harness.mjs";

// A page with names on it and a script of its own, to show the page keeps working.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>News</title></head><body>
<article><h1>Lavrov meets Rubio in Geneva</h1>
<p>Russian Foreign Minister Sergey Lavrov met US Secretary of State Marco Rubio in Geneva on Tuesday.</p>
<p>Officials from the FBI and NATO flew in from Heathrow Airport, Reuters reported.</p></article>
<button id="count" type="button">0</button>
<script>document.getElementById("count").addEventListener("click", (e) => { e.target.textContent = String(Number(e.target.textContent) + 1); });</script>
</body></html>`;

function flipMiddleByte(bytes) {
  const copy = Buffer.from(bytes);
  copy[Math.floor(copy.length / 2)] ^= 0xff;
  return copy;
}

// How each copy's dataset (or model) is damaged, and what the error must name.
const DAMAGE = [
  {
    name: "truncated",
    damage: (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)),
    reason: /packed data ends early: \d+ of \d+ blocks complete/,
  },
  {
    name: "one byte flipped",
    damage: flipMiddleByte,
    reason: /checksum mismatch/,
  },
  {
    name: "cut inside the header",
    damage: (bytes) => bytes.subarray(0, 20),
    reason: /shorter than the \d+-byte header/,
  },
  {
    name: "another format version",
    damage: (bytes) => {
      const copy = Buffer.from(bytes);
      copy.writeUInt32LE(copy.readUInt32LE(8) + 1, 8);
      return copy;
    },
    reason: /format version \d+, this build reads \d+/,
  },
  {
    name: "tagger model cut short",
    file: "data/tagger.bin",
    damage: (bytes) => bytes.subarray(0, bytes.length - 1000),
    reason: /truncated or padded/,
  },
  {
    name: "tagger model with one byte flipped",
    file: "data/tagger.bin",
    damage: flipMiddleByte,
    reason: /checksum mismatch/,
  },
];

let server;
const copies = [];

before(async () => {
  server = await serve({ "/news.html": PAGE });
});

after(async () => {
  await server?.close();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

// dist/chrome copied to a temporary folder with `file` replaced by `damage(original)`.
function damagedCopy(damage, file) {
  const original = path.join(EXTENSION, file);
  if (!fs.existsSync(original)) throw new Error(`${original} is missing: run ./build.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-damaged-"));
  copies.push(dir);
  fs.cpSync(EXTENSION, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), damage(fs.readFileSync(original)));
  return dir;
}

for (const { name, file = "data/dataset.bin", damage, reason } of DAMAGE) {
  // What the core's error, the popup and the About page name.
  const what = file === "data/dataset.bin" ? "dataset" : "tagger model";
  const title = file === "data/dataset.bin" ? `a dataset file ${name}` : `a ${name}`;
  test(`${title}: the popup and About page say it could not be loaded, pages stay untouched`, async () => {
    const browser = await launch({ extension: damagedCopy(damage, file) });
    try {
      // A news page: the content script asks the worker, which fails to load the dataset.
      const page = await browser.context.newPage();
      // The content script logs the worker's answer at debug level when annotating fails.
      const told = new Promise((resolve) => {
        page.on("console", (m) => {
          if (m.type() === "debug" && m.text().includes(`${what} could not be loaded`)) resolve(m.text());
        });
      });
      await page.goto(server.base + "/news.html", { waitUntil: "domcontentloaded" });
      const before = await page.evaluate(() => ({ text: document.body.innerText, html: document.body.innerHTML }));
      const answer = await Promise.race([told, new Promise((resolve) => setTimeout(() => resolve(null), 15000))]);
      assert.ok(answer, `the content script asked for names and was told the ${what} could not be loaded`);
      assert.match(answer, reason);
      assert.ok(browser.requests.includes(`chrome-extension://${browser.extensionId}/${file}`), "the worker read the file");
      // Give a failed load every chance to show up as marks or errors.
      await page.waitForTimeout(1000);
      assert.equal(await page.locator("gloss-mark").count(), 0, "no names are marked");
      const afterLoad = await page.evaluate(() => ({ text: document.body.innerText, html: document.body.innerHTML }));
      assert.equal(afterLoad.text, before.text, "the page's text is unchanged");
      assert.equal(afterLoad.html, before.html, "the page's DOM is unchanged");
      assert.equal(await page.locator("gloss-card-host, gloss-panel-host").count(), 0, "no card or panel was added");
      // The page's own script still runs.
      await page.locator("#count").click();
      await page.locator("#count").click();
      assert.equal(await page.locator("#count").textContent(), "2");

      // The popup names the problem.
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?host=127.0.0.1`);
      const detail = popup.locator("#detail.error");
      await detail.waitFor({ timeout: 10000 });
      const popupText = await detail.textContent();
      assert.ok(popupText.startsWith(`The ${what} could not be loaded: `), popupText);
      assert.match(popupText, reason);
      assert.doesNotMatch(popupText, /could not be loaded: .*could not be loaded/i, "the message says it once");
      assert.equal(await popup.locator("#toggle").getAttribute("data-state"), "on", "the site switch still works");

      // So does the About page, and it lists no sources.
      const about = await browser.context.newPage();
      await about.goto(`chrome-extension://${browser.extensionId}/about.html`);
      await about.waitForFunction(() => document.getElementById("dataset").textContent !== "Loading…");
      const aboutText = await about.locator("#dataset").textContent();
      assert.ok(aboutText.startsWith(`The ${what} could not be loaded: `), aboutText);
      assert.match(aboutText, reason);
      assert.equal(await about.locator("#sources tr").count(), 0);

      assert.deepEqual(browser.errors, [], "no errors in the page, popup, About page or worker");
      assert.deepEqual(browser.extensionErrors, []);
    } finally {
      await browser.close();
    }
  });
}
