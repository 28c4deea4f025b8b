// The page-safety sweep: every saved news page in shared/pages, plus synthetic pages with the
// awkward parts of the web. On each, Gloss must leave the text exactly as it was, not move
// anything but by its marks' styling, throw nothing, and give the original DOM back when off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, savedPages, staticPage, setSiteEnabled, waitAnnotated, actionTitles } from "./harness.mjs";

const SYNTHETIC = {
  "iframes-shadow-template": `<!doctype html><meta charset=utf-8><body>
    <p>Sergey Lavrov spoke in Moscow on Monday.</p>
    <iframe srcdoc="<p>Marco Rubio in a frame</p>"></iframe>
    <div id=host></div>
    <template><p>Emmanuel Macron in a template</p></template>
    <svg width=300 height=40><text x=0 y=20>Keir Starmer in SVG</text></svg>
    <script>document.getElementById("host").attachShadow({ mode: "open" }).innerHTML = "<p>NATO in a shadow root</p>";</script>
  </body>`,
  "rtl-cjk-emoji-marks": `<!doctype html><meta charset=utf-8><body>
    <p dir=rtl>قال سيرغي لافروف إن Sergey Lavrov وصل إلى موسكو.</p>
    <p>東京で岸田文雄首相と Emmanuel Macron が会談した。</p>
    <p>🇺🇦 Volodymyr Zelenskyy 👋🏽 met Keir Starmer 🇬🇧 in Kyiv — “Zelenskyy’s” aides said.</p>
    <p>Combining marks: Zu\u0308rich, Sergey\u0301 Lavrov, Ｆｕｌｌｗｉｄｔｈ ＮＡＴＯ.</p>
  </body>`,
  "huge-table": `<!doctype html><meta charset=utf-8><body><table>${Array.from({ length: 3000 }, (_, i) =>
    `<tr><td>${i}</td><td>Sergey Lavrov met Marco Rubio</td><td>Heathrow Airport</td><td>FBI</td></tr>`).join("")}</table></body>`,
  "text-changing": `<!doctype html><meta charset=utf-8><body>
    <p id=live>Sergey Lavrov said the talks went well.</p><p>Marco Rubio agreed.</p>
    <script>let i = 0; setInterval(() => { document.getElementById("live").firstChild.data = "Update " + (++i) + ": Sergey Lavrov said more."; }, 5);</script>
  </body>`,
};

// Pages whose own CSS restyles elements by their position among siblings (`a:first-child`,
// `:nth-child`): an element inserted next to them shifts which rule applies. Known, and left
// alone: the alternative (no elements in the page) would mean no marks.
const STRUCTURAL_CSS = new Set(["/static/aeb/5f9c5ed5d64d.html"]);

let server;
let browser;
const pages = {};
const names = [];

before(async () => {
  for (const { name, html } of savedPages()) {
    pages[`/static/${name}.html`] = staticPage(html);
    names.push(`/static/${name}.html`);
  }
  for (const [name, html] of Object.entries(SYNTHETIC)) {
    pages[`/synthetic/${name}.html`] = html;
    names.push(`/synthetic/${name}.html`);
  }
  server = await serve(pages);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// What a reader would notice: the text, and where a sample of elements sits.
function snapshot(page) {
  return page.evaluate(() => {
    const els = [...document.body.querySelectorAll("*")].filter((e) => e.tagName !== "GLOSS-MARK");
    const step = Math.max(1, Math.floor(els.length / 60));
    const boxes = [];
    for (let i = 0; i < els.length; i += step) {
      const r = els[i].getBoundingClientRect();
      boxes.push([els[i].tagName, Math.round(r.x * 2) / 2, Math.round(r.y * 2) / 2, Math.round(r.width * 2) / 2, Math.round(r.height * 2) / 2]);
    }
    return { text: document.body.innerText, html: document.body.innerHTML, boxes };
  });
}

// A snapshot once the page's own layout has stopped moving (late fonts, images, a saved page's
// leftover lazy-loading): two snapshots 250 ms apart agree, or 3 s have passed. Without this, a
// page that shifts by itself after load reads as moved by Gloss.
async function settled(page) {
  let last = await snapshot(page);
  for (let i = 0; i < 12; i++) {
    await page.waitForTimeout(250);
    const next = await snapshot(page);
    if (JSON.stringify(next.boxes) === JSON.stringify(last.boxes)) return next;
    last = next;
  }
  return last;
}

test("every saved and synthetic page keeps its text, layout and DOM", { timeout: 30 * 60 * 1000 }, async () => {
  assert.ok(names.length >= 150, `the sweep covers the saved pages (${names.length})`);
  const host = "127.0.0.1";
  const problems = [];
  let markedPages = 0;
  let totalMarks = 0;
  for (const url of names) {
    await setSiteEnabled(browser.worker, host, false);
    const page = await browser.context.newPage();
    try {
      await page.goto(server.base + url, { waitUntil: "load", timeout: 20000 });
      const changing = url.includes("text-changing");
      const before = await settled(page);
      await setSiteEnabled(browser.worker, host, true);
      const count = await waitAnnotated(browser.worker);
      const marks = await page.locator("gloss-mark").count();
      if (marks > 0) markedPages++;
      totalMarks += marks;
      if (!changing) {
        const during = await snapshot(page);
        if (during.text !== before.text) problems.push(`${url}: innerText changed`);
        // Splitting a text node can shift glyph positions by a fraction of a pixel (shaping across
        // the split); anything beyond a pixel is a real layout change.
        const moved = before.boxes.filter((b, i) => {
          const d = during.boxes[i];
          return !d || b[0] !== d[0] || b.slice(1).some((v, k) => Math.abs(v - d[k + 1]) > 1);
        });
        if (moved.length && !STRUCTURAL_CSS.has(url)) problems.push(`${url}: ${moved.length} element boxes moved, e.g. ${JSON.stringify(moved[0])} → ${JSON.stringify(during.boxes[before.boxes.indexOf(moved[0])])}`);
      }
      await setSiteEnabled(browser.worker, host, false);
      await page.waitForFunction(() => document.querySelectorAll("gloss-mark").length === 0, null, { timeout: 10000 });
      if (!changing) {
        const afterOff = await snapshot(page);
        if (afterOff.html !== before.html) problems.push(`${url}: DOM not restored after turning off`);
      }
      void count;
    } catch (e) {
      problems.push(`${url}: ${e.message.split("\n")[0]}`);
    } finally {
      await page.close();
    }
  }
  await setSiteEnabled(browser.worker, host, true);
  console.log(`# sweep: ${names.length} pages, ${markedPages} with marks, ${totalMarks} marks`);
  assert.deepEqual(problems, []);
  assert.deepEqual(browser.extensionErrors, [], "no errors from the extension");
  assert.ok(markedPages >= names.length * 0.8, `most pages have names marked (${markedPages}/${names.length})`);
  // The saved pages still load their own images, style sheets, fonts and preloaded scripts from
  // elsewhere (which fail: the network is closed, and the scripts could not run); with their
  // scripts removed, a request of another kind (fetch, XHR, beacon, websocket) that leaves
  // 127.0.0.1 and the extension's origin could only be ours.
  const own = `chrome-extension://${browser.extensionId}/`;
  const pageOwn = new Set(["document", "stylesheet", "image", "media", "font", "manifest", "texttrack", "script", "other"]);
  const leaks = browser.requestLog.filter((r) => !r.url.startsWith(server.base) && !r.url.startsWith(own) && !r.url.startsWith("data:") && !pageOwn.has(r.type));
  assert.deepEqual(leaks, []);
  void actionTitles;
});
