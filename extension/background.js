// The background service worker (Firefox: background script). It alone loads the WASM core and
// the dataset, once per worker lifetime, and answers the content scripts. Page text stays here:
// nothing is sent anywhere.
import "./messages.js";
import init, { Annotator, Loader } from "./wasm/gloss.js";
import { annotate } from "./mentions.js";
import packaged from "./data/files.js";

const { CS, UI, BG, LIMITS, STORAGE } = globalThis.GlossMessages;
const api = globalThis.browser ?? globalThis.chrome;

let ready = null; // Promise<Annotator>
let loadMs = null; // cold start: fetches, WASM instantiation, dataset and model
let annotatorMs = null; // of which the last step once the files are in: the Annotator constructor (copy) or the Loader's finish (package)
let wasmMemory = null;
let phases = null; // when each part of the cold start finished, in ms from its start, and where the files came from;
// bootMs: the worker's own start before it (from its time origin: Chromium starting it, its scripts)

// The dataset and model are read from the package once, then from a copy in the extension's
// origin-private file system: reading from the package costs several times as long in Chromium,
// and the worker starts again every time the browser has stopped it. The package's dataset is
// packed (4.5 instead of 9.2 MB) for that first read; the copy holds it unpacked. data/files.js
// (written by build.sh, and bundled into this script with the other modules it imports) names the
// packaged files with a hash of them; the copy is used only under that name.
const COPY = { key: "files-key", dataset: "dataset.bin", model: "tagger.bin" };

async function readFile(dir, name) {
  return (await (await dir.getFileHandle(name)).getFile()).arrayBuffer();
}

// The copied { key, dataset, model }, or null.
async function copiedFiles() {
  const dir = await navigator.storage.getDirectory();
  const [key, dataset, model] = await Promise.all([readFile(dir, COPY.key), readFile(dir, COPY.dataset), readFile(dir, COPY.model)]);
  return { key: new TextDecoder().decode(key), dataset, model };
}

async function writeFile(dir, name, data) {
  const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
  await writable.write(data);
  await writable.close();
}

// The key goes last, after a removal first: a copy cut short never matches.
async function copyFiles({ key, dataset, model }) {
  const dir = await navigator.storage.getDirectory();
  await dir.removeEntry(COPY.key).catch(() => {});
  await writeFile(dir, COPY.dataset, dataset);
  await writeFile(dir, COPY.model, model);
  await writeFile(dir, COPY.key, key);
}

// Reads a packaged file into the Loader piece by piece as it arrives (`feed` queues a step on the
// Loader, `push` hands it a piece), and ends the read once the Loader has the whole file
// (`complete`): each file's header gives its length, and Chromium reports the end of the stream
// itself 20–30 ms after the last byte. The pieces are also kept in `kept`, when given.
async function readInto(path, feed, push, complete, kept) {
  const res = await fetch(api.runtime.getURL(path));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    kept?.push(value);
    feed((loader) => {
      push(loader, value);
      if (complete(loader)) reader.cancel().catch(() => {});
    });
  }
}

function joined(pieces) {
  const bytes = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

// Reads the package's dataset and model into a Loader as they arrive: the dataset is unpacked
// block by block while the rest is still being read, and the model is read as soon as it is in.
// Resolves to { loader, model } once every byte is in (`model`: the model file's bytes, for the
// copy; null without one).
async function loadPackage(wasm) {
  let loader = wasm.then(() => new Loader());
  const feed = (step) => {
    loader = loader.then((l) => (step(l), l));
  };
  const modelPieces = [];
  try {
    // The model is asked for first: it is read while the dataset's pieces arrive. Chromium
    // sometimes serves the second request only after most of the first.
    await Promise.all([
      // Without a model file the tagger uses its rules; one cut short fails in Loader.finish.
      readInto("data/tagger.bin", feed, (l, piece) => l.pushModel(piece), (l) => l.modelComplete, modelPieces).catch(() => {}),
      readInto("data/dataset.bin", feed, (l, piece) => l.pushDataset(piece), (l) => l.datasetComplete),
    ]);
  } catch (err) {
    loader.catch(() => {}); // the read's failure is the one reported
    throw err;
  }
  const done = await loader;
  return { loader: done, model: done.modelComplete ? joined(modelPieces) : null };
}

// `installed`: the extension has just been installed, so the worker has no copy yet and the
// package is read at once.
function loadAnnotator({ installed = false } = {}) {
  if (!ready) {
    ready = (async () => {
      const started = performance.now();
      const since = () => performance.now() - started;
      const wasm = init({ module_or_path: api.runtime.getURL("wasm/gloss_bg.wasm") }).then((exports) => ({ exports, ms: since() }));
      const { key } = packaged;
      let source = "package";
      let annotator = null;
      let filesMs, finishing, model;
      if (!installed) {
        const copied = await copiedFiles().catch(() => null);
        if (key && copied?.key === key) {
          filesMs = since();
          await wasm;
          finishing = performance.now();
          try {
            annotator = new Annotator(new Uint8Array(copied.dataset), new Uint8Array(copied.model));
            source = "copy";
          } catch {
            // A damaged copy is dropped and the package read instead.
            await navigator.storage.getDirectory().then((dir) => dir.removeEntry(COPY.key)).catch(() => {});
            source = "package (the copy did not load)";
          }
        }
      }
      if (!annotator) {
        const fromPackage = await loadPackage(wasm);
        filesMs = since();
        finishing = performance.now();
        annotator = fromPackage.loader.finish();
        model = fromPackage.model;
      }
      annotatorMs = performance.now() - finishing;
      loadMs = since();
      const { exports, ms: wasmMs } = await wasm;
      phases = { source, filesMs, wasmMs, bootMs: started };
      wasmMemory = exports.memory;
      // Only files that loaded are copied, after the first answers.
      // The package's dataset is packed (LZ4): the copy holds it unpacked, as the core has it.
      if (source.startsWith("package") && key && model) {
        setTimeout(() => copyFiles({ key, dataset: annotator.datasetBytes(), model }).catch(() => {}), 3000);
      }
      return annotator;
    })();
    // A failed load is reported to every caller; the next message tries again.
    ready.catch(() => { ready = null; });
  }
  return ready;
}

// Country outlines for the place cards' locator maps (build/atlas.json, from Natural Earth).
let atlas = null;
function loadAtlas() {
  atlas ??= fetch(api.runtime.getURL("data/atlas.json")).then((r) => r.json()).catch(() => ({}));
  return atlas;
}

// Adds { box, d, dot } to a place card: the outline of its country and, for a place inside it,
// a dot at its coordinates (tenths of a degree, y pointing south, as in the atlas).
async function withMap(card) {
  if (!card || card.type !== "LOC" || !card.country) return card;
  const shape = (await loadAtlas())[card.country];
  if (!shape) return card;
  let dot = null;
  if (card.coords && card.subtype !== "country") {
    const [lat, lon] = card.coords;
    dot = [Math.round((shape.wrap && lon < 0 ? lon + 360 : lon) * 10), Math.round(-lat * 10)];
  }
  return { ...card, map: { box: shape.box, d: shape.d, dot } };
}

// Validates a message from a content script; returns an error string or null.
function invalid(msg) {
  if (!msg || typeof msg !== "object" || typeof msg.type !== "string") return "message must be an object with a type";
  switch (msg.type) {
    case CS.ANNOTATE: {
      if (!Array.isArray(msg.texts)) return "texts must be an array";
      if (msg.texts.length > LIMITS.maxTexts) return `at most ${LIMITS.maxTexts} texts per message`;
      let total = 0;
      for (const t of msg.texts) {
        if (typeof t !== "string") return "every text must be a string";
        total += t.length;
      }
      if (total > LIMITS.maxChars) return `at most ${LIMITS.maxChars} characters per message`;
      return null;
    }
    case CS.CARD:
      if (typeof msg.id !== "string" || msg.id.length === 0 || msg.id.length > LIMITS.maxIdLength) return "id must be a short string";
      return null;
    case CS.STATUS:
      if (typeof msg.enabled !== "boolean" || typeof msg.done !== "boolean" || !Number.isInteger(msg.count) || msg.count < 0) return "status needs enabled, done and count";
      if (msg.longestTaskMs !== undefined && !(Number.isFinite(msg.longestTaskMs) && msg.longestTaskMs >= 0)) return "longestTaskMs must be a number of milliseconds";
      return null;
    case UI.INFO:
      return null;
    default:
      return `unknown message type ${String(msg.type).slice(0, 40)}`;
  }
}

async function handle(msg, sender) {
  const problem = invalid(msg);
  if (problem) return { ok: false, error: problem };
  switch (msg.type) {
    case CS.ANNOTATE: {
      const annotator = await loadAnnotator();
      return { ok: true, results: msg.texts.map((t) => annotate(annotator, t)) };
    }
    case CS.CARD: {
      const annotator = await loadAnnotator();
      return { ok: true, card: await withMap(annotator.card(msg.id)) };
    }
    case CS.STATUS: {
      const tabId = sender?.tab?.id;
      if (tabId !== undefined && msg.longestTaskMs !== undefined) longestTasks.set(tabId, msg.longestTaskMs);
      // One update at a time, in the order they came: each takes several awaited calls, and two
      // interleaved could leave an older title ("finding names…") over the final one.
      if (tabId !== undefined) await (statusQueue = statusQueue.then(() => showStatus(tabId, msg.enabled, msg.done, msg.count)));
      return { ok: true };
    }
    case UI.INFO: {
      const annotator = await loadAnnotator();
      return { ok: true, info: { ...annotator.info(), loadMs, annotatorMs, phases, memoryBytes: wasmMemory?.buffer.byteLength ?? null } };
    }
  }
}

let statusQueue = Promise.resolve();
// Per tab, the longest slice of work its content script has run without yielding (ms): what the
// benchmark reports as the extension's longest task on a page.
const longestTasks = new Map();
api.tabs?.onRemoved?.addListener((tabId) => longestTasks.delete(tabId));

const ICONS = (state) => ({ 16: `icons/${state}-16.png`, 32: `icons/${state}-32.png` });

async function showStatus(tabId, enabled, done, count) {
  try {
    await api.action.setIcon({ tabId, path: ICONS(enabled ? "on" : "off") });
    await api.action.setBadgeBackgroundColor?.({ tabId, color: "#3b5bdb" });
    await api.action.setBadgeText({ tabId, text: enabled && count > 0 ? String(Math.min(count, 999)) : "" });
    const title = !enabled ? "Gloss: off for this site" : done ? `Gloss: ${count} names` : `Gloss: finding names… (${count})`;
    await api.action.setTitle({ tabId, title });
  } catch {
    // The tab may have closed meanwhile; nothing to show.
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only this extension's own pages and content scripts can reach onMessage; pages cannot.
  if (sender.id !== api.runtime.id) return false;
  handle(msg, sender).then(sendResponse, (err) => sendResponse({ ok: false, error: String(err?.message ?? err) }));
  return true; // answer asynchronously
});

// Warm up on install and browser start so the first page is fast.
api.runtime.onInstalled?.addListener(({ reason }) => { loadAnnotator({ installed: reason === "install" }).catch(() => {}); });
api.runtime.onStartup?.addListener(() => { loadAnnotator().catch(() => {}); });

// --- Turning Gloss off for a site from the keyboard or the context menu ---------------------------

function hostOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.hostname : null;
  } catch {
    return null;
  }
}

// Sets the site's state (`on` true/false), or flips it when `on` is undefined.
async function setSite(host, on) {
  const sites = (await api.storage.local.get(STORAGE.disabledSites))[STORAGE.disabledSites] || {};
  const turnOn = on ?? Boolean(sites[host]);
  if (turnOn) delete sites[host];
  else sites[host] = true;
  await api.storage.local.set({ [STORAGE.disabledSites]: sites });
}

async function onCommand(command, tab) {
  const host = hostOf(tab?.url ?? "");
  if (command === "toggle-site" && host) await setSite(host);
  if (command === "show-panel" && tab?.id !== undefined) {
    // The browser's side panel or sidebar where there is one, else the in-page panel.
    const opened = api.sidePanel?.open ? api.sidePanel.open({ tabId: tab.id }) : api.sidebarAction?.open ? api.sidebarAction.open() : Promise.reject(new Error("no side panel"));
    opened.catch(() => api.tabs.sendMessage(tab.id, { type: BG.SHOW_PANEL })).catch(() => {});
  }
}
api.commands?.onCommand.addListener(onCommand);

const MENU_ID = "gloss-turn-off-site";
api.runtime.onInstalled?.addListener(() => {
  api.contextMenus?.create({ id: MENU_ID, title: api.i18n.getMessage("menuTurnOffSite"), contexts: ["page", "selection", "link"], documentUrlPatterns: ["http://*/*", "https://*/*"] });
});
async function onMenuClicked(info) {
  const host = hostOf(info.pageUrl ?? "");
  if (info.menuItemId === MENU_ID && host) await setSite(host, false);
}
api.contextMenus?.onClicked.addListener(onMenuClicked);

// The browser tests and the benchmark call these (headless, neither a keyboard shortcut nor
// a context-menu click can be dispatched, so the tests call the handlers as the browser would).
// Pages cannot reach the worker's globals.
globalThis.GlossControls = Object.freeze({ onCommand, onMenuClicked, MENU_ID, longestTaskMs: (tabId) => longestTasks.get(tabId) ?? null });
