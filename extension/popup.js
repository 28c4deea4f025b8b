// The popup: one button turns Gloss off or on for the current site (hostname). The choice is
// stored in chrome.storage.local; the page's content script follows the change at once.
"use strict";
(async () => {
  const { UI, BG, STORAGE, loadError } = globalThis.GlossMessages;
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;
  const state = document.getElementById("state");
  const button = document.getElementById("toggle");
  const detail = document.getElementById("detail");
  const panelButton = document.getElementById("panel");
  const pauseButton = document.getElementById("pause");
  document.getElementById("about").textContent = t("popupAbout");
  document.getElementById("options").textContent = t("popupOptions");

  // Tests open the popup as a page and name the site with ?host=…; normally it is the active tab's.
  const params = new URLSearchParams(location.search);
  let host = params.get("host");
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  pauseButton.addEventListener("click", async () => {
    const paused = Boolean((await chrome.storage.local.get(STORAGE.paused))[STORAGE.paused]);
    await chrome.storage.local.set({ [STORAGE.paused]: !paused });
    await renderPause();
    if (host) await render();
  });
  async function renderPause() {
    const paused = Boolean((await chrome.storage.local.get(STORAGE.paused))[STORAGE.paused]);
    pauseButton.textContent = t(paused ? "popupResumeAll" : "popupPauseAll");
    pauseButton.dataset.state = paused ? "paused" : "running";
    return paused;
  }
  await renderPause();
  if (!host) {
    try {
      const url = new URL(tab?.url ?? "");
      if (url.protocol === "http:" || url.protocol === "https:") host = url.hostname;
    } catch {
      host = null;
    }
  }
  if (!host) {
    state.textContent = t("popupNotAvailable");
    return;
  }

  async function disabledSites() {
    return (await chrome.storage.local.get(STORAGE.disabledSites))[STORAGE.disabledSites] || {};
  }

  async function render() {
    const off = Boolean((await disabledSites())[host]);
    const paused = await renderPause();
    state.textContent = paused ? t("popupPaused") : t(off ? "popupOffForSite" : "popupOnForSite", host);
    panelButton.hidden = off || paused || !tab?.id || params.has("host");
    button.textContent = t(off ? "popupTurnOn" : "popupTurnOff");
    button.classList.toggle("off", !off);
    button.dataset.state = off ? "off" : "on";
    button.hidden = false;
  }

  button.addEventListener("click", async () => {
    const sites = await disabledSites();
    if (sites[host]) delete sites[host];
    else sites[host] = true;
    await chrome.storage.local.set({ [STORAGE.disabledSites]: sites });
    await render();
  });

  panelButton.textContent = t("popupShowPanel");
  panelButton.addEventListener("click", () => {
    // The browser's side panel (Chrome) or sidebar (Firefox), opened within the click as both
    // require; the in-page panel where neither exists.
    const opened = chrome.sidePanel?.open
      ? chrome.sidePanel.open({ tabId: tab.id })
      : globalThis.browser?.sidebarAction?.open
        ? globalThis.browser.sidebarAction.open()
        : Promise.reject(new Error("no side panel"));
    opened
      .catch(() => chrome.tabs.sendMessage(tab.id, { type: BG.SHOW_PANEL }))
      .catch(() => {})
      .finally(() => window.close());
  });

  await render();
  const info = await chrome.runtime.sendMessage({ type: UI.INFO }).catch((e) => ({ ok: false, error: String(e) }));
  if (!info?.ok) {
    const { file, reason } = loadError(info?.error);
    detail.textContent = file === "model" ? t("popupModelError", reason) : t("popupDatasetError", reason);
    detail.classList.add("error");
  } else {
    detail.textContent = `${info.info.entities.toLocaleString()} people, places and organizations · dataset ${info.info.version}`;
  }
})();
