// How cards behave for readers on other devices and settings: a touch screen (tap to open, tap
// elsewhere to close, a second tap follows the link), 200% zoom (the card fits and does not cover
// the name), and Page Previews timing (the card waits for the dwell even when its data is cached,
// and the grace period lets the pointer travel into it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openAnnotated, hoverCard } from "./harness.mjs";

let server;
let browser;
const ARTICLE = "/sample-article.html";

before(async () => {
  server = await serve({
    "/linked.html": `<!doctype html><meta charset=utf-8><body><p>Officials said <a id=link href="/target.html">Sergey Lavrov</a> would travel to Geneva on Friday.</p></body>`,
    "/target.html": `<!doctype html><meta charset=utf-8><title>Target</title><body><p>Arrived.</p></body>`,
  });
  browser = await launch({ hasTouch: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const cardLocator = (page) => page.locator("gloss-card-host .card");

async function center(page, name) {
  const box = await page.locator("gloss-mark", { hasText: name }).first().boundingBox();
  return [box.x + box.width / 2, box.y + box.height / 2];
}

test("touch: a tap opens the card at once, a tap elsewhere closes it", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  await page.locator("gloss-mark", { hasText: "Heathrow Airport" }).first().scrollIntoViewIfNeeded();
  const started = Date.now();
  await page.touchscreen.tap(...(await center(page, "Heathrow Airport")));
  await cardLocator(page).waitFor({ state: "visible", timeout: 3000 });
  assert.ok(Date.now() - started < 1500, "no hover dwell on a touch screen");
  assert.match(await cardLocator(page).locator(".name").textContent(), /Heathrow/);
  await page.touchscreen.tap(5, 5); // the page margin
  await cardLocator(page).waitFor({ state: "hidden", timeout: 3000 });
  await page.close();
});

test("touch: the first tap on a linked name shows the card, the second follows the link", async () => {
  const page = await openAnnotated(browser.context, server.base + "/linked.html", { min: 2 });
  const url = page.url();
  await page.touchscreen.tap(...(await center(page, "Sergey Lavrov")));
  await cardLocator(page).waitFor({ state: "visible", timeout: 3000 });
  assert.equal(page.url(), url, "the first tap does not navigate");
  await page.touchscreen.tap(...(await center(page, "Sergey Lavrov")));
  await page.waitForURL(/target\.html/, { timeout: 5000 });
  await page.close();
});

test("at 200% zoom the card fits in the viewport, does not cover the name, and stays readable", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  // Browser zoom at 200% halves the CSS viewport and doubles the device pixel ratio.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Emulation.setDeviceMetricsOverride", { width: 550, height: 400, deviceScaleFactor: 2, mobile: false });
  assert.equal(await page.evaluate(() => window.devicePixelRatio), 2);
  for (const name of ["Sergey Lavrov", "Heathrow Airport"]) {
    const card = await hoverCard(page, name);
    const box = await card.card.boundingBox();
    const mark = await page.locator("gloss-mark", { hasText: name }).first().boundingBox();
    const view = await page.evaluate(() => ({ w: document.documentElement.clientWidth, h: window.innerHeight }));
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= view.w + 1 && box.y + box.height <= view.h + 1, `${name}: card inside the ${view.w}×${view.h} viewport: ${JSON.stringify(box)}`);
    const overlaps = box.x < mark.x + mark.width && mark.x < box.x + box.width && box.y < mark.y + mark.height && mark.y < box.y + box.height;
    assert.ok(!overlaps, `${name}: the card does not cover the name`);
    const fontPx = await card.card.locator(".name").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(fontPx >= 14, `the name is set at ${fontPx}px`);
    await page.keyboard.press("Escape");
    await card.card.waitFor({ state: "hidden", timeout: 3000 });
  }
  await cdp.send("Emulation.clearDeviceMetricsOverride");
  await page.close();
});

test("a cached card still waits for the dwell, and the grace period lets the pointer reach it", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  const first = await hoverCard(page, "Sergey Lavrov");
  await page.mouse.move(2, 2);
  await first.card.waitFor({ state: "hidden", timeout: 3000 });
  // Second hover: the card data is cached, yet the card appears after the same dwell.
  const second = await hoverCard(page, "Sergey Lavrov");
  assert.ok(second.waitedMs >= 400 && second.waitedMs < 1500, `cached card after ${second.waitedMs} ms`);
  // Travel from the name into the card: it stays open during the move and after.
  const box = await second.card.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await page.waitForTimeout(600);
  assert.ok(await second.card.isVisible(), "the card is still open with the pointer on it");
  await page.mouse.move(2, 2);
  await second.card.waitFor({ state: "hidden", timeout: 3000 });
  await page.close();
});
