// The popup: one button turns Gloss off or on for the current site (hostname). The choice is
// stored in chrome.storage.local; the page's content script follows the change at once.
"use strict";
(async () => {
  const { UI, STORAGE } = globalThis.GlossMessages;
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;
  const state = document.getElementById("state");
  const button = document.getElementById("toggle");
  const detail = document.getElementById("detail");
  document.getElementById("about").textContent = t("popupAbout");

  // Tests open the popup as a page and name the site with ?host=…; normally it is the active tab's.
  const params = new URLSearchParams(location.search);
  let host = params.get("host");
  if (!host) {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
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
    state.textContent = t(off ? "popupOffForSite" : "popupOnForSite", host);
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

  await render();
  const info = await chrome.runtime.sendMessage({ type: UI.INFO }).catch((e) => ({ ok: false, error: String(e) }));
  if (!info?.ok) {
    detail.textContent = t("popupDatasetError", info?.error ?? "no answer");
    detail.classList.add("error");
  } else {
    detail.textContent = `${info.info.entities.toLocaleString()} people, places and organizations · dataset ${info.info.version}`;
  }
})();
