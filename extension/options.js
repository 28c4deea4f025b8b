// Options: hover delay, which types to mark, mark style, Alt-only cards, and the sites Gloss is
// turned off on. Settings live in storage.sync (they follow the user's browsers); open tabs
// apply a change at once.
"use strict";
(async () => {
  const { STORAGE, SETTINGS_DEFAULTS } = globalThis.GlossMessages;
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  document.title = t("optTitle");
  $("title").textContent = t("optTitle");
  $("delayLegend").textContent = t("optHoverDelay");
  $("typesLegend").textContent = t("optTypes");
  $("styleLegend").textContent = t("optMarkStyle");
  $("sitesLegend").textContent = t("optSitesOff");
  for (const span of document.querySelectorAll("[data-msg]")) span.textContent = t(span.dataset.msg);

  const settings = { ...SETTINGS_DEFAULTS, ...(await chrome.storage.sync.get(STORAGE.settings))[STORAGE.settings] };
  const save = () => chrome.storage.sync.set({ [STORAGE.settings]: settings });

  $("hoverDelay").value = settings.hoverDelay;
  $("hoverDelayOut").textContent = `${settings.hoverDelay} ms`;
  $("hoverDelay").addEventListener("input", (e) => {
    settings.hoverDelay = Number(e.target.value);
    $("hoverDelayOut").textContent = `${settings.hoverDelay} ms`;
  });
  $("hoverDelay").addEventListener("change", save);
  for (const box of document.querySelectorAll("input[name=types]")) {
    box.checked = settings.types.includes(box.value);
    box.addEventListener("change", () => {
      settings.types = [...document.querySelectorAll("input[name=types]:checked")].map((b) => b.value);
      save();
    });
  }
  for (const radio of document.querySelectorAll("input[name=markStyle]")) {
    radio.checked = settings.markStyle === radio.value;
    radio.addEventListener("change", () => {
      settings.markStyle = radio.value;
      save();
    });
  }
  $("altOnly").checked = settings.altOnly;
  $("altOnly").addEventListener("change", (e) => {
    settings.altOnly = e.target.checked;
    save();
  });

  async function renderSites() {
    const sites = (await chrome.storage.local.get(STORAGE.disabledSites))[STORAGE.disabledSites] || {};
    const list = $("sites");
    list.replaceChildren();
    for (const host of Object.keys(sites).sort()) {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = host;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = t("optTurnBackOn");
      remove.addEventListener("click", async () => {
        const now = (await chrome.storage.local.get(STORAGE.disabledSites))[STORAGE.disabledSites] || {};
        delete now[host];
        await chrome.storage.local.set({ [STORAGE.disabledSites]: now });
      });
      li.append(name, remove);
      list.append(li);
    }
    $("noSites").textContent = Object.keys(sites).length ? "" : t("optNoSitesOff");
  }
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && STORAGE.disabledSites in changes) renderSites();
  });
  await renderSites();
})();
