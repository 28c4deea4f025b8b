// Shared set-up for the browser tests and the demo: a static server on 127.0.0.1 and Debian's
// Chromium with the built extension (dist/chrome) loaded, recording every request and error.
import zlib from "node:zlib";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, FIXTURES, STRICT_CSP, serve } from "./server.mjs";

export { ROOT, FIXTURES, STRICT_CSP, serve };

// Service-worker requests are reported to the context only with this switch (Chromium).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
const { chromium } = await import("playwright-core");

export const EXTENSION = path.join(ROOT, "dist/chrome");
export const SHARED = process.env.GLOSS_SHARED ?? path.join(ROOT, "../shared");

// The listing build.sh bundled into the worker (build/files.js): { key } of the packaged dataset
// and model.
export function packagedFiles() {
  const text = fs.readFileSync(path.join(ROOT, "build/files.js"), "utf8");
  return JSON.parse(/^export default (.*);$/m.exec(text)[1]);
}

// The saved news pages in shared/pages: [{ name, html }] (the pages are not ours: test fixtures
// only, served from 127.0.0.1, never shipped).
export function savedPages() {
  const out = [];
  const readability = path.join(SHARED, "pages/readability");
  for (const name of fs.existsSync(readability) ? fs.readdirSync(readability).sort() : []) {
    const file = path.join(readability, name, "source.html");
    if (fs.existsSync(file)) out.push({ name: `readability/${name}`, html: fs.readFileSync(file, "utf8") });
  }
  const bench = path.join(SHARED, "pages/article-extraction-benchmark");
  for (const f of fs.existsSync(bench) ? fs.readdirSync(bench).sort() : []) {
    if (f.endsWith(".html.gz")) out.push({ name: `aeb/${f.slice(0, 12)}`, html: zlib.gunzipSync(fs.readFileSync(path.join(bench, f))).toString("utf8") });
  }
  return out;
}

// A saved page made static: its scripts removed (and refused by policy), so that what changes
// on it is what the extension changes.
export function staticPage(html) {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, "").replace(/<meta[^>]+http-equiv=["']?refresh[^>]*>/gi, "");
}

export const CHROMIUM_ARGS = [
  // Saved pages name hosts on the internet; fail those look-ups at once instead of waiting.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-default-apps",
];

// Launches Chromium with the extension. Returns the context, the extension id, its service
// worker, and the lists of requests and errors seen so far.
export async function launch({ headless = true, extension = EXTENSION, colorScheme = "light", hasTouch = false } = {}) {
  if (!fs.existsSync(path.join(extension, "manifest.json"))) throw new Error(`${extension} is not built: run ./build.sh`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless,
    colorScheme,
    viewport: { width: 1100, height: 800 },
    hasTouch,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const requests = [];
  const requestLog = []; // { url, type } of every request
  const errors = [];
  context.on("request", (r) => {
    requests.push(r.url());
    requestLog.push({ url: r.url(), type: r.resourceType() });
  });
  context.on("weberror", (e) => errors.push(`weberror: ${e.error().message}`));
  // Errors of the extension's own: uncaught ones, and console errors or warnings whose source is
  // the extension. (Saved pages log errors of their own about missing resources.)
  const extensionErrors = [];
  const watch = (page) => {
    page.on("pageerror", (e) => {
      errors.push(`pageerror: ${e.message}`);
      if (/chrome-extension:/.test(e.stack ?? "")) extensionErrors.push(`pageerror: ${e.message}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
      if ((m.type() === "error" || m.type() === "warning") && (m.location().url ?? "").startsWith("chrome-extension:")) extensionErrors.push(`console: ${m.text()}`);
    });
  };
  context.on("page", watch);
  context.pages().forEach(watch);
  let worker = context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://"));
  try {
    worker ??= await context.waitForEvent("serviceworker", { timeout: 30000 });
  } catch (e) {
    // A browser left running would keep the test run waiting for ever.
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`the extension in ${extension} started no service worker: ${e.message}`);
  }
  const extensionId = new URL(worker.url()).host;
  return {
    context, worker, extensionId, requests, requestLog, errors, extensionErrors,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Opens `url` and waits until at least `min` names are marked (or, with min 0, until the
// extension reports the page done). Returns the page.
export async function openAnnotated(context, url, { min = 1, timeout = 20000 } = {}) {
  const page = await context.newPage();
  // Records when the first mark appears, to measure page load → marks visible.
  await page.addInitScript(() => {
    new MutationObserver((records, observer) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n.nodeName === "GLOSS-MARK"))) {
        window.__glossFirstMark = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  if (min > 0) await page.waitForFunction((n) => document.querySelectorAll("gloss-mark").length >= n, min, { timeout });
  return page;
}

// Milliseconds from the page's load event to the first mark.
export function loadToMarksMs(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return window.__glossFirstMark === undefined || !nav ? null : Math.round(window.__glossFirstMark - nav.loadEventEnd);
  });
}

// Every mark on the page: { text, id, type }.
export function marksOf(page) {
  return page.$$eval("gloss-mark", (ms) => ms.map((m) => ({ text: m.textContent, id: m.getAttribute("data-gloss-id"), type: m.getAttribute("data-gloss-type") })));
}

// The action titles the worker set for every tab ("Gloss: N names" once a page is done).
export function actionTitles(worker) {
  return worker.evaluate(async () => {
    const tabs = await chrome.tabs.query({});
    return Promise.all(tabs.map((t) => chrome.action.getTitle({ tabId: t.id })));
  });
}

// Turns Gloss off or on for a site, as the popup does.
export function setSiteEnabled(worker, host, on) {
  return worker.evaluate(async ([host, on]) => {
    const key = "disabledSites";
    const sites = (await chrome.storage.local.get(key))[key] || {};
    if (on) delete sites[host];
    else sites[host] = true;
    await chrome.storage.local.set({ [key]: sites });
  }, [host, on]);
}

// Waits until the only page tab reports it is annotated ("Gloss: N names"); returns N.
export async function waitAnnotated(worker, { timeout = 30000 } = {}) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const done = (await actionTitles(worker)).map((t) => /^Gloss: (\d+) names$/.exec(t)).find(Boolean);
    if (done) return Number(done[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the page was not annotated in time");
}

// Hovers the first mark whose text is `name` and waits for the card; returns its text parts.
export async function hoverCard(page, name) {
  const mark = page.locator("gloss-mark", { hasText: name }).first();
  await mark.scrollIntoViewIfNeeded();
  const started = Date.now();
  await mark.hover();
  const card = page.locator("gloss-card-host .card");
  await card.waitFor({ state: "visible", timeout: 5000 });
  const waitedMs = Date.now() - started;
  const text = async (sel) => ((await card.locator(sel).count()) ? (await card.locator(sel).first().textContent()) : null);
  return { card, waitedMs, name: await text(".name"), type: await text(".type"), description: await text(".desc"), count: await text(".count") };
}
