// The worker's copy of the dataset and model (origin-private file system): after the first
// start reads them from the package, a restarted worker reads the copy; a copy under another
// package's name, or one that does not load, is never used, and pages are annotated the same
// either way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, marksOf, packagedFiles } from "./harness.mjs";

// The name build.sh gave the packaged files.
const KEY = packagedFiles().key;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>News</title></head><body>
<p>Russian Foreign Minister Sergey Lavrov met US Secretary of State Marco Rubio in Geneva on Tuesday.</p>
<p>Officials from the FBI flew in from Heathrow Airport.</p></body></html>`;

let server;
let browser;
let about;
let cdp;

before(async () => {
  server = await serve({ "/news.html": PAGE });
  browser = await launch();
  about = await browser.context.newPage();
  await about.goto(`chrome-extension://${browser.extensionId}/about.html`);
  cdp = await browser.context.newCDPSession(about);
  await cdp.send("ServiceWorker.enable");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const info = async () => {
  const reply = await about.evaluate(() => chrome.runtime.sendMessage({ type: "gloss/info" }));
  assert.ok(reply?.ok, `info: ${reply?.error}`);
  return reply.info;
};

// Stops the worker as Chromium does when it is idle; the next message starts it again.
async function restart() {
  await cdp.send("ServiceWorker.stopAllWorkers");
  await about.waitForTimeout(300);
}

// The name of the worker's copy (the extension's pages share its file system), or null.
const copyKey = () => about.evaluate(async () => {
  const dir = await navigator.storage.getDirectory();
  try {
    return await (await (await dir.getFileHandle("files-key")).getFile()).text();
  } catch {
    return null;
  }
});

// Waits until the copy is complete under the package's name.
async function copied() {
  for (let i = 0; i < 60 && (await copyKey()) !== KEY; i++) await about.waitForTimeout(200);
  assert.equal(await copyKey(), KEY, "the copy was written under the package's name");
}

async function marks() {
  const page = await browser.context.newPage();
  await page.goto(`${server.base}/news.html`);
  await page.waitForFunction(() => document.querySelectorAll("gloss-mark").length >= 4, null, { timeout: 20000 });
  const found = (await marksOf(page)).map((m) => `${m.text}=${m.id}`).sort();
  await page.close();
  return found;
}

test("a restarted worker reads its copy, and pages come out the same", async () => {
  const first = await info();
  assert.equal(first.phases.source, "package");
  const before = await marks();
  // The copy is written a few seconds after the first start (its name last).
  await copied();
  await restart();
  const again = await info();
  assert.equal(again.phases.source, "copy");
  assert.equal(again.entities, first.entities);
  assert.deepEqual(await marks(), before);
});

test("a copy under another package's name is not used", async () => {
  await about.evaluate(async () => {
    const dir = await navigator.storage.getDirectory();
    const w = await (await dir.getFileHandle("files-key", { create: true })).createWritable();
    await w.write("from-an-older-version");
    await w.close();
  });
  await restart();
  assert.equal((await info()).phases.source, "package");
});

test("a damaged copy is dropped and the package read instead", async () => {
  // Wait for the fresh copy, then flip a byte in its dataset.
  await copied();
  await about.evaluate(async () => {
    const dir = await navigator.storage.getDirectory();
    const handle = await dir.getFileHandle("dataset.bin");
    const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
    bytes[bytes.length >> 1] ^= 0xff;
    const w = await handle.createWritable();
    await w.write(bytes);
    await w.close();
  });
  await restart();
  const after = await info();
  assert.match(after.phases.source, /^package/);
  assert.ok(after.entities > 1000);
  assert.ok((await marks()).some((m) => m.startsWith("Sergey Lavrov=")));
});
