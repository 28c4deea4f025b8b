// Message types, one enum per direction (content script → background, popup → background),
// and the limits the background enforces on what it is sent.
"use strict";
globalThis.GlossMessages = Object.freeze({
  // Content script → background.
  CS: Object.freeze({
    ANNOTATE: "gloss/annotate", // { texts: string[] } → { ok, results: Mention[][] }
    CARD: "gloss/card", // { id } → { ok, card }
    STATUS: "gloss/status", // { enabled, count } → { ok }  (badge and icon)
  }),
  // Background, popup or side panel → content script.
  BG: Object.freeze({
    SHOW_PANEL: "gloss/show-panel", // {} → { ok }  (the in-page panel)
    LIST_ENTITIES: "gloss/list-entities", // {} → { ok, entities: [{ key, type, id, name, count, descriptor }] }
    SHOW_MENTION: "gloss/show-mention", // { key, index } → { ok }  (scroll to it and flash it)
  }),
  // Popup / about page → background.
  UI: Object.freeze({
    INFO: "gloss/info", // {} → { ok, info } or { ok: false, error }
  }),
  SETTINGS_DEFAULTS: Object.freeze({
    hoverDelay: 500, // ms of dwell before a card shows
    types: ["PER", "LOC", "ORG"], // which names to mark
    markStyle: "underline", // "underline" | "background" | "invisible" (shown while Alt is held)
    altOnly: false, // cards open only while Alt is held
  }),
  // The worker's load error as { file, reason }: the core's messages begin "dataset could not be
  // loaded: " or "tagger model could not be loaded: ", and the pages say which file it was once.
  loadError(error) {
    const text = String(error ?? "no answer");
    const model = /^tagger model could not be loaded:\s*/i.exec(text);
    if (model) return { file: "model", reason: text.slice(model[0].length) };
    return { file: "dataset", reason: text.replace(/^dataset could not be loaded:\s*/i, "") };
  },
  LIMITS: Object.freeze({
    maxTexts: 512, // texts in one ANNOTATE message
    maxChars: 4 * 1024 * 1024, // characters in one ANNOTATE message
    maxIdLength: 256,
  }),
  // Storage keys (chrome.storage.local).
  STORAGE: Object.freeze({
    disabledSites: "disabledSites", // { [hostname]: true }
    paused: "paused", // true: off on every site
    settings: "settings", // chrome.storage.sync: see SETTINGS_DEFAULTS
  }),
});
