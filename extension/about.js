// The About/credits page: dataset version and every source with its license, read from the
// dataset file itself so it always matches what ships.
"use strict";
(async () => {
  const { UI, loadError } = globalThis.GlossMessages;
  const datasetLine = document.getElementById("dataset");
  const body = document.getElementById("sources");
  const reply = await chrome.runtime.sendMessage({ type: UI.INFO }).catch((e) => ({ ok: false, error: String(e) }));
  if (!reply?.ok) {
    const { file, reason } = loadError(reply?.error);
    datasetLine.textContent = `The ${file === "model" ? "tagger model" : "dataset"} could not be loaded: ${reason}`;
    datasetLine.classList.add("error");
    return;
  }
  const info = reply.info;
  datasetLine.textContent = `Version ${info.version}: ${info.entities.toLocaleString()} entities, ${(info.bytes / 1e6).toFixed(1)} MB; tagger: ${info.tagger}.`;
  for (const s of info.sources) {
    const tr = document.createElement("tr");
    for (const v of [s.name, s.license, s.attribution, s.entities.toLocaleString()]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.append(td);
    }
    body.append(tr);
  }
})();
