// What a page's own scripts and malformed messages cannot do, in real Chromium: the worker answers
// every bad message from a content script with an error and keeps working, and a page's scripts
// (synthetic events, postMessage, rewritten marks) neither open cards nor reach the worker.
// Run by ./build.sh test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openAnnotated, hoverCard } from "./harness.mjs";

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

// Runs `fn(arg)` in the content script's isolated world of `page` (the world Gloss's content
// script runs in, with its chrome.runtime), through the DevTools protocol; returns its value.
async function inContentScript(page, fn, arg) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on("Runtime.executionContextCreated", ({ context }) => contexts.push(context));
  await cdp.send("Runtime.enable");
  const world = contexts.find((c) => c.auxData?.type === "isolated" && c.origin === `chrome-extension://${browser.extensionId}`);
  assert.ok(world, "the content script's world is found");
  const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", {
    expression: `(${fn})(${JSON.stringify(arg)})`,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

// Records, in the worker, the type of every message it is sent from now on.
function recordMessages() {
  return browser.worker.evaluate(() => {
    globalThis.__testSeen = [];
    if (!globalThis.__testRecording) {
      globalThis.__testRecording = true;
      chrome.runtime.onMessage.addListener((msg) => {
        globalThis.__testSeen?.push(typeof msg?.type === "string" ? msg.type : typeof msg);
        return false;
      });
    }
  });
}
// Status reports (the content script's own, for the toolbar button) are left out.
const messagesSeen = async () => (await browser.worker.evaluate(() => globalThis.__testSeen)).filter((t) => t !== "gloss/status");

test("the worker answers every malformed message from a content script with an error, and keeps working", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  // A mark in the worker's global scope: a worker that crashed or restarted loses it.
  await browser.worker.evaluate(() => { globalThis.__testAlive = "same worker"; });
  const MAX_CHARS = 4 * 1024 * 1024;
  const bad = [
    [null, /message must be an object with a type/],
    ["gloss/annotate", /message must be an object with a type/],
    [{}, /message must be an object with a type/],
    [{ type: 42 }, /message must be an object with a type/],
    [{ type: "gloss/delete-everything" }, /unknown message type gloss\/delete-everything/],
    [{ type: "gloss/annotate" }, /texts must be an array/],
    [{ type: "gloss/annotate", texts: "Sergey Lavrov" }, /texts must be an array/],
    [{ type: "gloss/annotate", texts: { 0: "Sergey Lavrov", length: 1 } }, /texts must be an array/],
    [{ type: "gloss/annotate", texts: [1] }, /every text must be a string/],
    [{ type: "gloss/annotate", texts: ["Sergey Lavrov", null] }, /every text must be a string/],
    [{ type: "gloss/annotate", texts: Array(513).fill("Sergey Lavrov") }, /at most 512 texts per message/],
    // Counted over all the texts of a message.
    [{ type: "gloss/annotate", texts: ["a".repeat(MAX_CHARS / 2), "b".repeat(MAX_CHARS / 2 + 1)] }, /at most 4194304 characters per message/],
    [{ type: "gloss/card" }, /id must be a short string/],
    [{ type: "gloss/card", id: "" }, /id must be a short string/],
    [{ type: "gloss/card", id: ["Q1"] }, /id must be a short string/],
    [{ type: "gloss/card", id: "Q".repeat(257) }, /id must be a short string/],
    [{ type: "gloss/status", enabled: "yes", done: true, count: 1 }, /status needs enabled, done and count/],
    [{ type: "gloss/status", enabled: true, done: true, count: -1 }, /status needs enabled, done and count/],
    [{ type: "gloss/status", enabled: true, done: true, count: 1.5 }, /status needs enabled, done and count/],
    [{ type: "gloss/status", enabled: true, done: true, count: 1, longestTaskMs: "fast" }, /longestTaskMs must be a number of milliseconds/],
  ];
  const replies = await inContentScript(page, async (messages) => {
    const out = [];
    for (const msg of messages) out.push(await chrome.runtime.sendMessage(msg).catch((e) => ({ thrown: String(e) })));
    return out;
  }, bad.map(([msg]) => msg));
  for (const [i, [msg, error]] of bad.entries()) {
    const shown = JSON.stringify(msg)?.slice(0, 80);
    assert.equal(replies[i]?.ok, false, `${shown} is refused (reply: ${JSON.stringify(replies[i])?.slice(0, 200)})`);
    assert.match(replies[i].error, error, `${shown} gets a clear error`);
  }

  // Odd but valid messages get answers: an unknown id has no card; no texts, an empty text, a lone
  // surrogate and control characters give no names; 512 texts at once are allowed.
  const odd = await inContentScript(page, async () => ({
    unknownCard: await chrome.runtime.sendMessage({ type: "gloss/card", id: "Q0000000000" }),
    none: await chrome.runtime.sendMessage({ type: "gloss/annotate", texts: [] }),
    strange: await chrome.runtime.sendMessage({ type: "gloss/annotate", texts: ["", "\ud800 \u0000\u0007 \ufeff\u202e", "🇺🇦 Sergey Lavrov"] }),
    many: await chrome.runtime.sendMessage({ type: "gloss/annotate", texts: Array(512).fill("Sergey Lavrov met Marco Rubio.") }),
  }));
  assert.deepEqual(odd.unknownCard, { ok: true, card: null });
  assert.deepEqual(odd.none, { ok: true, results: [] });
  assert.equal(odd.strange.ok, true);
  assert.deepEqual(odd.strange.results.slice(0, 2), [[], []]);
  assert.deepEqual(odd.strange.results[2].map((m) => [m.text, m.type]), [["Sergey Lavrov", "PER"]]);
  assert.equal(odd.many.ok, true);
  assert.equal(odd.many.results.length, 512);
  assert.ok(odd.many.results.every((r) => r.length === 2), "every one of the 512 texts is annotated");

  // The same worker still annotates and gives cards, and the page is still annotated.
  assert.equal(await browser.worker.evaluate(() => globalThis.__testAlive), "same worker");
  const card = await hoverCard(page, "Sergey Lavrov");
  assert.match(card.description, /Foreign Minister of Russia/);
  assert.deepEqual(browser.extensionErrors, [], "no errors from the extension");
  await page.close();
});

test("a page's scripts cannot open cards, switch modes or reach the worker, and rewriting a mark changes nothing", async () => {
  const page = await openAnnotated(browser.context, server.base + ARTICLE, { min: 8 });
  await page.waitForTimeout(500); // the page's annotation messages are done
  await recordMessages();
  // Everything here runs in the page's own world, as the page's scripts would.
  const attempt = await page.evaluate(async () => {
    const marks = [...document.querySelectorAll("gloss-mark")];
    const lavrov = marks.find((m) => m.textContent === "Sergey Lavrov");
    const rect = lavrov.getBoundingClientRect();
    const at = { bubbles: true, composed: true, clientX: rect.x + 5, clientY: rect.y + 5 };
    for (const m of marks) {
      m.dispatchEvent(new MouseEvent("mouseover", at));
      m.dispatchEvent(new PointerEvent("pointerdown", { ...at, pointerType: "touch" }));
      m.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    }
    // Focus from script gives trusted focus events: the mark is made focusable and focused.
    lavrov.tabIndex = 0;
    lavrov.focus();
    const focused = document.activeElement === lavrov;
    lavrov.blur();
    // The keyboard: Alt+Shift+N (names mode), then Tab, dispatched by the page.
    for (const type of ["keydown", "keyup"]) {
      document.dispatchEvent(new KeyboardEvent(type, { key: "N", code: "KeyN", altKey: true, shiftKey: true, bubbles: true }));
    }
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Tab", bubbles: true }));
    // Messages in the extension's own format, posted to the window and to every frame.
    window.postMessage({ type: "gloss/annotate", texts: ["Sergey Lavrov"] }, "*");
    window.postMessage({ type: "gloss/card", id: "Q0" }, "*");
    window.dispatchEvent(new MessageEvent("message", { data: { type: "gloss/card", id: "Q0" } }));
    const runtime = typeof chrome === "object" && chrome?.runtime?.sendMessage ? "chrome.runtime.sendMessage exists" : "no chrome.runtime.sendMessage";
    await new Promise((r) => setTimeout(r, 1500)); // past the hover delay and the card fetch
    return { focused, runtime };
  });
  assert.ok(attempt.focused, "the page's script did focus a mark");
  assert.equal(attempt.runtime, "no chrome.runtime.sendMessage", "the page has no way to message the extension");
  assert.equal(await page.locator("gloss-card-host .card").count(), 0, "no card opened");
  assert.equal(await page.locator("gloss-mark[data-gloss-active]").count(), 0, "no mark became active");
  assert.equal(await page.evaluate(() => document.activeElement?.nodeName), "BODY", "names mode did not move the focus");
  assert.deepEqual(await messagesSeen(), [], "nothing reached the worker");

  // The page rewrites Lavrov's mark: another entity's id and type, a description of its own, and
  // other text. A real hover still shows what Gloss found there.
  const rubioId = await page.locator("gloss-mark", { hasText: "Marco Rubio" }).first().getAttribute("data-gloss-id");
  assert.ok(rubioId, "Marco Rubio is linked");
  await page.evaluate((id) => {
    const lavrov = [...document.querySelectorAll("gloss-mark")].find((m) => m.textContent === "Sergey Lavrov");
    lavrov.setAttribute("data-gloss-id", id);
    lavrov.setAttribute("data-gloss-type", "ORG");
    lavrov.setAttribute("data-gloss-key", "c0:999");
    lavrov.setAttribute("data-gloss-descriptor", "a name the page chose");
    lavrov.firstChild.data = "Sergey Lavrov ";
  }, rubioId);
  const card = await hoverCard(page, "Sergey Lavrov");
  assert.equal(card.name, "Sergey Lavrov");
  assert.match(card.description, /Foreign Minister of Russia/);
  assert.match(card.type, /Person/);
  assert.match(card.count, /Mentioned 2 times/);
  assert.equal(await card.card.getByText("a name the page chose").count(), 0, "the page's descriptor is not shown");
  assert.deepEqual(await messagesSeen(), ["gloss/card"], "only the real hover asked the worker, for Lavrov's card");

  // A copy of a mark the page makes is not a mark of Gloss's: hovering it opens nothing.
  await page.keyboard.press("Escape");
  await page.evaluate(() => {
    const copy = document.querySelector("gloss-mark").cloneNode(true);
    copy.id = "copy";
    copy.textContent = "A page-made copy";
    document.querySelector("article").prepend(copy);
  });
  await page.locator("#copy").hover();
  await page.waitForTimeout(1200);
  assert.equal(await page.locator("gloss-card-host .card:visible").count(), 0, "the copy opens no card");
  assert.deepEqual(browser.extensionErrors, [], "no errors from the extension");
  await page.close();
});
