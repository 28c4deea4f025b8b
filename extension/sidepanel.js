// The "On this page" list in the browser's own side panel (Chrome) or sidebar (Firefox): every
// person, place and organization marked in the active tab, by type and number of mentions, each
// with its one-line description (or how the page describes it). Clicking a name scrolls the page
// to its first mention and flashes it; the arrows step through the others. The content script
// owns the marks; this page only asks it for the list and tells it which mention to show.
"use strict";
const { CS, BG } = globalThis.GlossMessages;
const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;

// `?tab=ID` pins the list to one tab (used by the browser tests); otherwise it follows the
// active tab of this window.
const params = new URLSearchParams(location.search);
const pinnedTab = params.has("tab") ? Number(params.get("tab")) : null;
const list = document.getElementById("list");
document.getElementById("title").textContent = t("panelTitle");
let tabId = null;
const positions = new Map(); // entity key → index of the mention last shown
const cards = new Map(); // entity id → card (or null)

async function activeTab() {
  if (pinnedTab !== null) return pinnedTab;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function cardFor(id) {
  if (!cards.has(id)) {
    const reply = await chrome.runtime.sendMessage({ type: CS.CARD, id }).catch(() => null);
    cards.set(id, reply?.ok ? reply.card ?? null : null);
  }
  return cards.get(id);
}

function show(entity, i) {
  const index = ((i % entity.count) + entity.count) % entity.count;
  positions.set(entity.key, index);
  chrome.tabs.sendMessage(tabId, { type: BG.SHOW_MENTION, key: entity.key, index }).catch(() => {});
}

let generation = 0;
async function refresh() {
  const gen = ++generation;
  tabId = await activeTab();
  const reply = tabId === null ? null : await chrome.tabs.sendMessage(tabId, { type: BG.LIST_ENTITIES }).catch(() => null);
  const entities = reply?.ok && Array.isArray(reply.entities) ? reply.entities : [];
  const described = new Map(await Promise.all(entities.filter((e) => e.id).map(async (e) => [e.key, await cardFor(e.id)])));
  if (gen !== generation) return;
  if (reply?.ok) globalThis.GlossPanel.fill(list, entities, described, { show, position: positions, heading: "h2" });
  else {
    const empty = document.createElement("div");
    empty.className = "empty";
    empty.textContent = t("sidePanelNotHere");
    list.replaceChildren(empty);
  }
}

// The list follows the page: when its content script finishes annotating (its status message),
// when the user switches tabs, and when a tab finishes loading.
chrome.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id === chrome.runtime.id && msg?.type === CS.STATUS && msg.done && sender.tab?.id === tabId) refresh();
  return false;
});
if (pinnedTab === null) chrome.tabs.onActivated.addListener(() => refresh());
chrome.tabs.onUpdated.addListener((id, info) => {
  if (id === tabId && info.status === "complete") refresh();
});
refresh();
