// The whole chain in real Chromium: page text → content script → background worker (WASM) →
// marks and hover cards, the per-site switch, and privacy. Run by ./build.sh test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openAnnotated, marksOf, hoverCard, actionTitles } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const ARTICLE = "/sample-article.html";

test("names on a news page are marked and hovering one shows its card", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  const marks = await marksOf(page);
  const texts = marks.map((m) => m.text);
  for (const name of ["Sergey Lavrov", "Marco Rubio", "Heathrow Airport", "Federal Bureau of Investigation", "Politico", "NATO"]) {
    assert.ok(texts.includes(name), `${name} is marked (marked: ${texts.join(", ")})`);
  }
  const lavrov = marks.find((m) => m.text === "Sergey Lavrov");
  assert.equal(lavrov.type, "PER");
  assert.ok(lavrov.id, "Sergey Lavrov is linked to the dataset");

  const card = await hoverCard(page, "Sergey Lavrov");
  assert.equal(card.name, "Sergey Lavrov");
  assert.match(card.description, /Foreign Minister of Russia/);
  assert.match(card.type, /Person/);
  assert.match(card.count, /Mentioned 2 times/, "the surname-only mention counts as the same person");
  assert.ok(card.waitedMs >= 400, `the card waits for the dwell (${card.waitedMs} ms)`);

  // Esc closes it.
  await page.keyboard.press("Escape");
  await card.card.waitFor({ state: "hidden", timeout: 2000 });

  // A name inside a link gets a card and the link still works.
  const nato = await hoverCard(page, "NATO");
  assert.equal(nato.name, "NATO");
  await page.mouse.move(5, 5);
  await nato.card.waitFor({ state: "hidden", timeout: 3000 });
  await page.locator("gloss-mark", { hasText: "NATO" }).click();
  assert.match(page.url(), /#nato$/, "clicking a marked name inside a link follows the link");
  await page.close();
});

test("the card stays inside the viewport and does not cover the name", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  await page.setViewportSize({ width: 360, height: 640 });
  const card = await hoverCard(page, "Reuters");
  const box = await card.card.boundingBox();
  const mark = await page.locator("gloss-mark", { hasText: "Reuters" }).first().boundingBox();
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 360 && box.y + box.height <= 640, `card inside the viewport: ${JSON.stringify(box)}`);
  const overlaps = box.x < mark.x + mark.width && mark.x < box.x + box.width && box.y < mark.y + mark.height && mark.y < box.y + box.height;
  assert.ok(!overlaps, "the card does not cover the hovered name");
  await page.close();
});

test("a page with a strict Content-Security-Policy is annotated too", async () => {
  const page = await openAnnotated(browser.context, `${server.base}/csp${ARTICLE}`, { min: 8 });
  const card = await hoverCard(page, "Sergey Lavrov");
  assert.match(card.description, /Foreign Minister of Russia/);
  const style = await card.card.evaluate((e) => ({ position: getComputedStyle(e).position, radius: getComputedStyle(e).borderTopLeftRadius }));
  assert.deepEqual(style, { position: "fixed", radius: "8px" }, "the card is styled despite the policy");
  await page.close();
});

test("the page's text is exactly the same after annotation", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.base + ARTICLE, { waitUntil: "domcontentloaded" });
  // Read the text before the content script (document_idle) can have run: the page is static.
  const before = await page.evaluate(() => document.body.innerText);
  await page.waitForFunction(() => document.querySelectorAll("gloss-mark").length >= 8);
  const afterText = await page.evaluate(() => document.body.innerText);
  assert.equal(afterText, before);
  const textContent = await page.evaluate(() => document.body.textContent);
  assert.ok(textContent.includes("Russian Foreign Minister Sergey Lavrov met"));
  await page.close();
});

test("turning the site off in the popup removes the marks, survives a reload, and on brings them back", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  const originalHtml = await page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll("gloss-mark").forEach((m) => m.replaceWith(...m.childNodes));
    clone.normalize();
    return clone.innerHTML;
  });
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?host=127.0.0.1`);
  const toggle = popup.locator("#toggle");
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute("data-state"), "on");
  assert.match(await popup.locator("#state").textContent(), /on for 127\.0\.0\.1/);

  await toggle.click();
  await popup.waitForFunction(() => document.getElementById("toggle").dataset.state === "off");
  await page.waitForFunction(() => document.querySelectorAll("gloss-mark").length === 0, null, { timeout: 5000 });
  const restoredHtml = await page.evaluate(() => document.body.innerHTML);
  assert.equal(restoredHtml, originalHtml, "the original DOM is back");
  const textNodes = await page.evaluate(() => {
    const p = [...document.querySelectorAll("article p")].find((e) => e.textContent.startsWith("The meeting came"));
    return [...p.childNodes].filter((n) => n.nodeType === 3).length;
  });
  assert.equal(textNodes, 1, "split text nodes are joined back into one");

  await page.reload();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator("gloss-mark").count(), 0, "still off after a reload");
  assert.ok((await actionTitles(browser.worker)).includes("Gloss: off for this site"), "the toolbar shows the off state");

  await popup.reload();
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute("data-state"), "off");
  await toggle.click();
  await page.waitForFunction(() => document.querySelectorAll("gloss-mark").length >= 8, null, { timeout: 10000 });
  await popup.close();
  await page.close();
});

test("pages without names, and empty pages, give no errors and no marks", async () => {
  for (const url of ["/no-names.html", "/empty.html"]) {
    const page = await browser.context.newPage();
    await page.goto(server.base + url);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator("gloss-mark").count(), 0, `${url}: nothing marked (code, textarea and editable text are skipped)`);
    await page.close();
  }
  // The extension is alive: the article right after is marked.
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  await page.close();
  assert.deepEqual(browser.errors, [], "no errors in pages or the worker");
});

test("the extension makes no network request except to its own files", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  await hoverCard(page, "Heathrow Airport");
  await page.close();
  const own = `chrome-extension://${browser.extensionId}/`;
  const foreign = browser.requests.filter((u) => !u.startsWith(server.base) && !u.startsWith(own));
  assert.deepEqual(foreign, []);
  // Prove the recorder sees the worker's own requests: a fetch made there must show up.
  await browser.worker.evaluate(() => fetch(chrome.runtime.getURL("manifest.json")).then((r) => r.text()));
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(browser.requests.includes(own + "manifest.json"), "requests made by the worker are recorded");
});
