// The content script: sends the page's visible text to the background worker, marks the names it
// returns, shows cards on hover, and follows the per-site switch. No WASM runs here.
"use strict";
(() => {
  if (globalThis.__glossLoaded) return; // injected twice (extension reload): keep the first
  globalThis.__glossLoaded = true;

  const { CS, BG, STORAGE, SETTINGS_DEFAULTS, LIMITS } = globalThis.GlossMessages;
  const H = globalThis.GlossHighlighter;
  const host = location.hostname;
  const DWELL_FETCH_MS = 150; // start fetching the card (the card shows after settings.hoverDelay)
  const GRACE_MS = 300; // time to move the pointer into the card
  const BATCH_CHARS = 200000;

  let enabled = false;
  let settings = { ...SETTINGS_DEFAULTS };
  let altHeld = false;
  let chunkCounter = 0; // numbers chunks across the page's lifetime, for unlinked page entities
  let generation = 0; // bumps on every switch, so late answers for an old state are dropped
  const mentionCount = new Map(); // page entity key → mentions
  const cardCache = new Map(); // entity id → Promise<card|null>

  const send = (msg) => chrome.runtime.sendMessage(msg);

  async function loadSettings() {
    const stored = (await chrome.storage.sync.get(STORAGE.settings).catch(() => ({})))[STORAGE.settings];
    settings = { ...SETTINGS_DEFAULTS, ...(stored && typeof stored === "object" ? stored : {}) };
  }

  async function siteEnabled() {
    const got = await chrome.storage.local.get([STORAGE.disabledSites, STORAGE.paused]);
    return !got[STORAGE.paused] && !(got[STORAGE.disabledSites] || {})[host];
  }

  let lastStatus = null; // the last status sent
  const sendStatus = () => send({ ...lastStatus, longestTaskMs: Math.round(H.meter.longestSliceMs * 10) / 10 }).catch(() => {});
  // Tells the worker what to show on the toolbar button; `done` is false while names are still
  // being found. An open card's count follows too.
  function reportStatus(done = true) {
    const shown = card?.isOpen && active && H.mentionOf(active);
    if (shown) card.setCount(mentionCount.get(shown.m.key) || 1);
    lastStatus = { type: CS.STATUS, enabled, done, count: enabled ? mentionCount.size : 0 };
    sendStatus();
  }

  // Names marked as the reader scrolls are marked after the last status: a longer slice then is
  // reported once the marking pauses, with the last status repeated as it was sent.
  let meterTimer = 0;
  H.meter.onLonger = () => {
    clearTimeout(meterTimer);
    meterTimer = setTimeout(() => {
      if (lastStatus) sendStatus();
    }, 300);
  };

  // The attributes of a name's mark; made when the mark is.
  function attrsOf(m) {
    const attrs = {
      "data-gloss-type": m.type,
      "data-gloss-id": m.entity ? m.entity.id : "",
      "data-gloss-key": m.key,
      "data-gloss-linked": m.entity ? "true" : "false",
      "data-gloss-style": settings.markStyle,
    };
    // How the page itself describes the name ("the country's finance minister").
    if (typeof m.descriptor === "string" && m.descriptor) attrs["data-gloss-descriptor"] = m.descriptor;
    if (altHeld && settings.markStyle === "invisible") attrs["data-gloss-alt"] = "";
    return attrs;
  }

  // Annotates the text under `root` (the whole page by default).
  async function annotatePage(root = document.body, gen = ++generation) {
    const chunks = await H.collect(root);
    if (gen !== generation) return;
    await annotateChunks(chunks, gen);
  }

  // Mentions are kept for the page's lifetime (counts, panels, names marked later), so what they
  // have in common is shared: one entity object and key per entity, one string per way of
  // writing its name, the type names as constants. The worker's answer carries a copy of each
  // in every mention, and those copies now die young (the 10 MB page's 480,000 mentions took
  // 90 MB of heap before, 58 MB now).
  const TYPE_NAMES = { PER: "PER", LOC: "LOC", ORG: "ORG" };
  let sharedKeys = new Map(); // key → { key, entity, texts }
  function keep(m, index, start) {
    const key = m.entity ? `id:${m.entity.id}` : `c${index}:${m.page_entity}`;
    let shared = sharedKeys.get(key);
    if (!shared) sharedKeys.set(key, (shared = { key, entity: m.entity ? { id: m.entity.id } : null, texts: new Map() }));
    let text = shared.texts.get(m.text); // a name is mostly written the same way each time
    if (text === undefined) shared.texts.set(m.text, (text = m.text));
    return {
      start: m.start + start, // offsets into the whole chunk
      end: m.end + start,
      text,
      type: TYPE_NAMES[m.type] ?? m.type,
      entity: shared.entity,
      page_entity: m.page_entity,
      descriptor: m.descriptor ?? null,
      key: shared.key,
    };
  }

  // A chunk goes to the worker in pieces of at most PIECE_CHARS, cut at a line break, else a
  // sentence's end, else a space: one text node can hold more than a message may carry.
  const PIECE_CHARS = 1 << 20;
  function piecesOf(chunk) {
    const text = chunk.text;
    const pieces = [];
    let start = 0;
    while (text.length - start > PIECE_CHARS) {
      const limit = start + PIECE_CHARS;
      const cut = [text.lastIndexOf("\n", limit), text.lastIndexOf(". ", limit - 2) + 1, text.lastIndexOf(" ", limit)]
        .find((at) => at > start + PIECE_CHARS / 2);
      let end = cut ?? limit;
      if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--; // not inside a surrogate pair
      pieces.push({ chunk, start, text: text.slice(start, end), last: false });
      start = end;
    }
    pieces.push({ chunk, start, text: start ? text.slice(start) : text, last: true });
    return pieces;
  }

  // Sends the chunks to the worker in batches (by size, and by count: added content can come as
  // thousands of small chunks) and marks what it finds.
  async function annotateChunks(chunks, gen) {
    let batch = [];
    let size = 0;
    // The mentions found in a chunk's earlier pieces: a chunk's names are marked in one go.
    let earlier = { chunk: null, mentions: [] };
    const flush = async () => {
      if (!batch.length) return;
      const texts = batch.map((piece) => piece.text);
      const piecesOfBatch = batch;
      batch = [];
      size = 0;
      const reply = await send({ type: CS.ANNOTATE, texts });
      const slice = H.slicer(); // our work on the answer starts here, and is cut into slices
      if (gen !== generation || !enabled) return;
      if (!reply?.ok) {
        console.debug("Gloss:", reply?.error ?? "no answer from the background worker");
        return;
      }
      for (let i = 0; i < reply.results.length; i++) {
        const { chunk, start, index, last } = piecesOfBatch[i];
        const wanted = earlier.chunk === chunk ? earlier.mentions : [];
        earlier = { chunk: null, mentions: [] };
        const found = reply.results[i];
        for (let j = 0; j < found.length; j++) {
          if (slice.due(j)) {
            await slice.pause();
            if (gen !== generation) return;
          }
          const m = found[j];
          if (settings.types.includes(m.type)) wanted.push(keep(m, index, start));
        }
        if (!last) {
          earlier = { chunk, mentions: wanted };
          continue;
        }
        // Counted here, not when marked: names far down a long page are marked only when read.
        const taken = await H.mark(chunk, wanted, attrsOf, slice);
        for (const m of taken) mentionCount.set(m.key, (mentionCount.get(m.key) || 0) + 1);
        if (gen !== generation) return;
      }
      reportStatus(false);
    };
    for (const chunk of chunks) {
      for (const piece of piecesOf(chunk)) {
        piece.index = chunkCounter++; // unlinked names are grouped within one piece
        batch.push(piece);
        size += piece.text.length;
        if (size >= BATCH_CHARS || batch.length >= LIMITS.maxTexts) await flush();
        if (gen !== generation) return;
      }
    }
    await flush();
    reportStatus();
  }

  // --- New content (infinite scroll, live blogs, comments, app navigation) -------------------
  // Added subtrees are collected, debounced, and annotated like the page; our own marks and the
  // text nodes we split off are not new content.
  const DEBOUNCE_MS = 400;
  let pendingRoots = new Set();
  let debounceTimer = 0;
  // Single-page apps navigate with history.pushState and swap the content: the swap arrives here
  // as mutations, and a changed address there (or a back/forward step) starts a new page for the
  // counts, the badge and the panels. The recount yields to the page like the rest (a long page
  // holds hundreds of thousands of mentions). It counts the mentions known when the address
  // changed; those found after it are counted as they are marked, as always.
  let address = location.href;
  let recount = 0;
  async function checkNavigation() {
    if (location.href === address) return;
    address = location.href;
    if (card?.isOpen) hideCard(true);
    const run = ++recount;
    const gen = generation;
    mentionCount.clear();
    const known = H.mentions();
    const total = known.length;
    const slice = H.slicer();
    for (let i = 0; i < total; i++) {
      if (slice.due(i)) {
        await slice.pause();
        if (run !== recount || gen !== generation) return;
      }
      const mention = known[i];
      if (!H.isPresent(mention)) continue;
      mentionCount.set(mention.m.key, (mentionCount.get(mention.m.key) || 0) + 1);
    }
    slice.end();
    reportStatus(false);
  }
  addEventListener("popstate", checkNavigation);
  addEventListener("hashchange", checkNavigation);
  let pruneTimer = 0;
  const observer = new MutationObserver((records) => {
    checkNavigation();
    let removed = false; // by the page: our own marking removes text nodes of ours
    for (const r of records) {
      for (const node of r.removedNodes) removed ||= !H.isOurs(node);
      for (const node of r.addedNodes) {
        if (H.isOurs(node) || node.nodeName === "GLOSS-CARD-HOST") continue;
        if (node.nodeType === Node.ELEMENT_NODE || (node.nodeType === Node.TEXT_NODE && node.data.trim())) pendingRoots.add(node);
      }
    }
    if (pendingRoots.size) {
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(annotateAdded, DEBOUNCE_MS);
    }
    // Names waiting below the screen are watched through a few of their elements: after the
    // page removes nodes, those left are watched instead (see GlossHighlighter.pruneRuns).
    if (removed && !pruneTimer) {
      pruneTimer = setTimeout(() => {
        pruneTimer = 0;
        H.pruneRuns();
      }, DEBOUNCE_MS);
    }
  });

  // Added text is read from its element (several text nodes added to one element are read once);
  // a node inside another added node is read with it. Looking up each node's ancestors keeps
  // this linear: a page may add thousands of nodes at once (a table built row by row). All the
  // added text then goes to the worker in as few messages as the limits allow.
  async function annotateAdded() {
    const gen = generation;
    const added = new Set();
    const textParents = new Set(); // elements read for added text, though they may hold marks
    for (const node of pendingRoots) {
      if (node.nodeType !== Node.TEXT_NODE) added.add(node);
      else if (node.parentNode) {
        added.add(node.parentNode);
        textParents.add(node.parentNode);
      }
    }
    pendingRoots = new Set();
    const chunks = [];
    const slice = H.slicer();
    let step = 0;
    for (const root of added) {
      if (slice.due(step++)) {
        await slice.pause();
        if (gen !== generation || !enabled) return;
      }
      if (!root.isConnected || hasAncestorIn(root, added)) continue;
      // An added element that already holds marks was annotated (a subtree the page moved).
      if (root.nodeType === Node.ELEMENT_NODE && !textParents.has(root) && root.querySelector(H.MARK)) continue;
      chunks.push(...(await H.collect(root)));
    }
    slice.end();
    if (gen !== generation || !enabled) return;
    await annotateChunks(chunks, gen);
  }

  function hasAncestorIn(node, nodes) {
    for (let p = node.parentNode; p; p = p.parentNode) if (nodes.has(p)) return true;
    return false;
  }

  function observe(on) {
    if (on && document.body) observer.observe(document.body, { childList: true, subtree: true });
    else {
      observer.disconnect();
      clearTimeout(debounceTimer);
      clearTimeout(pruneTimer);
      pruneTimer = 0;
      pendingRoots = new Set();
    }
  }

  // --- The "On this page" panel ---------------------------------------------------------------
  const panel = new globalThis.GlossPanel({ cardFor, isDark: () => matchMedia("(prefers-color-scheme: dark)").matches });
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    switch (msg?.type) {
      case BG.SHOW_PANEL:
        if (enabled) panel.open(H.mentions()).catch((e) => console.debug("Gloss:", e));
        sendResponse({ ok: enabled });
        break;
      case BG.LIST_ENTITIES: {
        // For the browser's side panel: the same list, without the elements (answered when built).
        const listed = enabled ? globalThis.GlossPanel.entitiesOn(H.mentions()) : Promise.resolve([]);
        listed.then((entities) => sendResponse({
          ok: true,
          enabled,
          entities: entities.map((e) => ({ key: e.key, type: e.type, id: e.id, name: e.name, count: e.count, descriptor: e.descriptor || "" })),
        }), (e) => sendResponse({ ok: false, error: String(e) }));
        return true;
      }
      case BG.SHOW_MENTION: {
        if (typeof msg.key !== "string" || !Number.isInteger(msg.index)) {
          sendResponse({ ok: false, error: "show-mention needs key and index" });
          break;
        }
        // Only that entity's mentions are put in order.
        const own = enabled ? H.mentions().filter((mention) => mention.m.key === msg.key) : [];
        globalThis.GlossPanel.entitiesOn(own).then(([entity]) => {
          sendResponse({ ok: Boolean(entity) && globalThis.GlossPanel.flash(entity.mentions, msg.index) !== null });
        }, (e) => sendResponse({ ok: false, error: String(e) }));
        return true;
      }
      default:
        return false;
    }
    return false;
  });

  function turnOff() {
    panel.close();
    observe(false);
    generation++;
    hideCard(true);
    H.removeAll();
    mentionCount.clear();
    sharedKeys = new Map();
    reportStatus();
  }

  // --- Cards -------------------------------------------------------------------------------
  let card = null;
  let active = null; // the mark whose card is open or pending
  let timers = [];
  let hideTimer = 0;

  function clearTimers() {
    timers.forEach(clearTimeout);
    timers = [];
  }

  function cardFor(id) {
    if (!id) return Promise.resolve(null);
    if (!cardCache.has(id)) {
      cardCache.set(id, send({ type: CS.CARD, id }).then((r) => (r?.ok ? r.card : null), () => null));
    }
    return cardCache.get(id);
  }

  function ensureCard() {
    if (!card) {
      card = new globalThis.GlossCard({
        onEnter: () => clearTimeout(hideTimer),
        onLeave: () => scheduleHide(),
        onClose: () => hideCard(true),
      });
    }
    return card;
  }

  function startDwell(mark, delay = settings.hoverDelay) {
    if (card?.isOpen && card.pinned) return; // a pinned card stays until closed
    if (active === mark) {
      clearTimeout(hideTimer);
      return;
    }
    clearTimers();
    clearTimeout(hideTimer);
    if (card?.isOpen) hideCard(true);
    active = mark;
    // What the card shows comes from the mention the mark was made for, never from the mark's
    // attributes or text, which the page's scripts can rewrite.
    const { m } = H.mentionOf(mark);
    const id = m.entity ? m.entity.id : "";
    let data;
    const started = performance.now();
    timers.push(setTimeout(() => { data = cardFor(id); }, DWELL_FETCH_MS));
    timers.push(setTimeout(async () => {
      if (settings.altOnly && !altHeld) return;
      const fetched = await (data ?? cardFor(id));
      if (active !== mark || !enabled || !mark.isConnected) return;
      mark.setAttribute("data-gloss-active", "");
      ensureCard().show(mark, {
        name: m.text,
        type: m.type,
        card: fetched,
        count: mentionCount.get(m.key) || 1,
        descriptor: typeof m.descriptor === "string" && m.descriptor ? m.descriptor : null,
      });
      card.shownAfterMs = performance.now() - started;
    }, delay));
  }

  function scheduleHide() {
    if (card?.pinned) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => hideCard(false), GRACE_MS);
  }

  function hideCard() {
    clearTimers();
    clearTimeout(hideTimer);
    active?.removeAttribute("data-gloss-active");
    active = null;
    card?.hide();
  }

  // Our mark at or around `target`, or null (an element the page made or copied is not ours).
  function markFrom(target) {
    const m = target instanceof Element ? target.closest(H.MARK) : null;
    return m && H.isMark(m) ? m : null;
  }

  // Only real user input opens cards: events a page script dispatches are ignored.
  document.addEventListener("mouseover", (e) => {
    if (!e.isTrusted || !enabled) return;
    const m = markFrom(e.target);
    if (m) startDwell(m);
  }, true);
  document.addEventListener("mouseout", (e) => {
    if (!e.isTrusted || !active) return;
    const m = markFrom(e.target);
    if (m === active && !m.contains(e.relatedTarget)) {
      if (card?.isOpen) scheduleHide();
      else hideCard();
    }
  }, true);
  // Touch: a tap on a name opens its card at once (no hover on touch screens); a second tap on
  // the same name does what the page would (follow its link); a tap elsewhere closes the card.
  let tapped = null;
  document.addEventListener("pointerdown", (e) => {
    if (!e.isTrusted || !enabled || e.pointerType !== "touch") return;
    const m = markFrom(e.target);
    if (!m) {
      if (card?.isOpen && !card.host.contains(e.target)) hideCard();
      tapped = null;
      return;
    }
    if (tapped !== m) {
      tapped = m;
      hideCard();
      startDwell(m, 0);
    }
  }, true);
  document.addEventListener("click", (e) => {
    const m = markFrom(e.target);
    if (e.isTrusted && m && m === tapped && active === m && !card?.isOpen) e.preventDefault(); // first tap: card only
  }, true);

  // --- Keyboard: cards on focus, and a "names" mode (Alt+Shift+N) in which Tab and Shift+Tab
  // move between the marked names instead of the page's own focus order -----------------------
  let namesMode = false;
  // Marks are focusable only in names mode (focusMark gives them a tabindex). Focus that a page's
  // script gives a mark by other means (a tabindex of its own and focus(), whose events are
  // trusted) opens nothing.
  document.addEventListener("focusin", (e) => {
    const m = markFrom(e.target);
    if (m && enabled && namesMode) startDwell(m);
  }, true);
  document.addEventListener("focusout", (e) => {
    const m = markFrom(e.target);
    if (m && m === active) scheduleHide();
  }, true);

  function focusMark(step) {
    const marks = H.marks().filter((m) => m.isConnected);
    if (!marks.length) return;
    marks.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const at = marks.indexOf(active);
    const next = marks[at < 0 ? (step > 0 ? 0 : marks.length - 1) : (at + step + marks.length) % marks.length];
    if (!next.hasAttribute("tabindex")) next.setAttribute("tabindex", "-1"); // focusable by script only
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", (e) => {
    if (!e.isTrusted || !enabled) return;
    if (e.altKey && e.shiftKey && (e.key === "N" || e.key === "n" || e.code === "KeyN")) {
      namesMode = !namesMode;
      e.preventDefault();
      if (namesMode) focusMark(1);
      else hideCard();
    } else if (namesMode && e.key === "Tab") {
      e.preventDefault();
      focusMark(e.shiftKey ? -1 : 1);
    } else if (namesMode && e.key === "Escape" && !card?.isOpen) {
      namesMode = false;
    }
  }, true);

  // Alt shows invisible marks (and, in Alt-only mode, allows cards) while it is held.
  function setAlt(held) {
    if (held === altHeld) return;
    altHeld = held;
    if (settings.markStyle !== "invisible") return;
    for (const m of H.marks()) {
      if (held) m.setAttribute("data-gloss-alt", "");
      else m.removeAttribute("data-gloss-alt");
    }
  }
  document.addEventListener("keydown", (e) => { if (e.isTrusted && e.key === "Alt") setAlt(true); }, true);
  document.addEventListener("keyup", (e) => { if (e.isTrusted && e.key === "Alt") setAlt(false); }, true);
  window.addEventListener("blur", () => setAlt(false));

  document.addEventListener("keydown", (e) => {
    if (e.isTrusted && e.key === "Escape" && (card?.isOpen || active)) hideCard();
    else if (e.isTrusted && e.key === "Escape" && panel.isOpen) panel.close();
  }, true);
  window.addEventListener("scroll", () => { if (card?.isOpen && active) card.place(active); }, { passive: true });

  // --- The per-site switch -----------------------------------------------------------------
  chrome.storage.onChanged.addListener(async (changes, area) => {
    if (area === "sync" && STORAGE.settings in changes) {
      const before = settings;
      await loadSettings();
      if (!enabled) return;
      if (before.types.join() !== settings.types.join()) {
        turnOff();
        turnOn();
      } else if (before.markStyle !== settings.markStyle) {
        for (const m of H.marks()) m.setAttribute("data-gloss-style", settings.markStyle);
      }
      return;
    }
    if (area !== "local" || !(STORAGE.disabledSites in changes || STORAGE.paused in changes)) return;
    const now = await siteEnabled();
    if (now === enabled) return;
    enabled = now;
    if (enabled) turnOn();
    else turnOff();
  });

  function turnOn() {
    observe(true);
    annotatePage().catch((e) => console.debug("Gloss:", e));
  }

  (async () => {
    await loadSettings();
    enabled = await siteEnabled();
    if (enabled) turnOn();
    else reportStatus();
  })().catch((e) => console.debug("Gloss:", e));
})();
