// Finds the page's visible text and marks name ranges in it, touching only text nodes: each
// marked range is split out of its text node and wrapped in a <gloss-mark> element; removal
// joins the pieces back into the original text node, so the page's DOM is as it was.
"use strict";
globalThis.GlossHighlighter = (() => {
  const MARK = "gloss-mark";
  // Elements whose text is not prose to annotate.
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEXTAREA", "INPUT", "SELECT", "OPTION", "CODE", "PRE",
    "TEMPLATE", "KBD", "SAMP", "VAR", "BUTTON", "SVG", "MATH", "IFRAME", "OBJECT", "CANVAS", MARK.toUpperCase(),
    "GLOSS-CARD-HOST"]);
  // Elements that end a line of text: the text on either side belongs to different sentences.
  const BLOCK = new Set(["P", "DIV", "LI", "UL", "OL", "DL", "DT", "DD", "H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH",
    "TR", "TABLE", "CAPTION", "SECTION", "ARTICLE", "ASIDE", "HEADER", "FOOTER", "NAV", "MAIN", "BLOCKQUOTE",
    "FIGURE", "FIGCAPTION", "FORM", "FIELDSET", "LEGEND", "ADDRESS", "DETAILS", "SUMMARY", "BODY", "HR", "BR"]);
  const CHUNK_CHARS = 60000;

  const marks = new Set(); // every <gloss-mark> we made
  const mentionOfMark = new WeakMap(); // mark → its mention record; the page can rewrite attributes, not this
  const splitOriginals = new Set(); // text nodes we split, to be joined back
  const created = new WeakSet(); // text nodes splitText made

  const HTML_NS = "http://www.w3.org/1999/xhtml";

  // True when text under `el` is not to be marked: inside a skipped or non-HTML element (SVG,
  // MathML), editable, hidden, or a direct child of a flex or grid container (where wrapping part
  // of a text node in an element would make it a separate flex/grid item and move things).
  function skipped(el, verdicts) {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      if (SKIP.has(e.tagName) || e.namespaceURI !== HTML_NS || e.isContentEditable || e.getAttribute?.("aria-hidden") === "true") return true;
    }
    if (verdicts.has(el)) return verdicts.get(el);
    const hidden = typeof el.checkVisibility === "function" ? !el.checkVisibility({ visibilityProperty: true }) : false;
    const verdict = hidden || /flex|grid/.test(getComputedStyle(el).display);
    verdicts.set(el, verdict);
    return verdict;
  }

  function blockOf(node) {
    let e = node.parentElement;
    while (e && !BLOCK.has(e.tagName)) e = e.parentElement;
    return e;
  }

  // Collects the visible text under `root` into chunks: { text, segments: [{ node, start }] }.
  // Text nodes of one block are joined directly (inline elements split words); blocks are joined
  // with a newline, which the core reads as a sentence break.
  // Work on the page's main thread is cut into slices of at most SLICE_MS, with a yield to the
  // page between them, so no task of ours is long enough to make scrolling or typing stutter.
  const SLICE_MS = 8;
  const MARKS_PER_SLICE = 120;
  const MARKS_PER_COSTLY_SLICE = 1000;
  const COSTLY_FRAME_MS = 50;
  const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));
  // The longest slice so far (ms), reported to the worker for the benchmark (./build.sh bench);
  // onLonger is called when it grows.
  const meter = { longestSliceMs: 0, onLonger: null };
  const endSlice = (start) => {
    const ms = performance.now() - start;
    if (ms <= meter.longestSliceMs) return;
    meter.longestSliceMs = ms;
    meter.onLonger?.();
  };

  async function collect(root = document.body) {
    const chunks = [];
    if (!root) return chunks;
    if (root.nodeType === Node.TEXT_NODE) root = root.parentNode;
    if (!root || (root.nodeType === Node.ELEMENT_NODE && root.parentElement && skipped(root, new WeakMap()))) return chunks;
    const visibility = new WeakMap();
    // Text nodes that are not read are passed over in this loop, not by a filter of the
    // walker's: one nextNode() would pass over any number of them (a long hidden menu) in one
    // step, with no chance to yield (one such step took 45–257 ms on a saved Yahoo page).
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let chunk = { text: "", segments: [] };
    let lastBlock;
    let sliceStart = performance.now();
    let n = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((++n & 15) === 0 && performance.now() - sliceStart > SLICE_MS) {
        endSlice(sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
      }
      if (!node.data.trim()) continue;
      const parent = node.parentElement;
      if (!parent || skipped(parent, visibility)) continue;
      const block = blockOf(node);
      if (chunk.segments.length && block !== lastBlock) {
        if (chunk.text.length >= CHUNK_CHARS) {
          chunks.push(chunk);
          chunk = { text: "", segments: [] };
        } else {
          chunk.text += "\n";
        }
      }
      lastBlock = block;
      chunk.segments.push({ node, start: chunk.text.length });
      chunk.text += flatten(node.data);
    }
    if (chunk.segments.length) chunks.push(chunk);
    endSlice(sliceStart);
    return chunks;
  }

  // Line breaks inside a text node are layout-free white space in HTML (pre-formatted text is
  // skipped), not sentence breaks: they become spaces, one for one, so offsets do not move.
  function flatten(text) {
    return text.replace(/[\n\r\f]/g, " ");
  }

  // Whether `node` still reads `text` at `local..localEnd`: false once the page changed it.
  function reads(node, local, localEnd, text) {
    return flatten(node.data.slice(local, localEnd)) === text;
  }

  function segmentAt(segments, offset) {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo];
  }

  // Every mark is an element the browser must style and lay out, so marking costs grow with the
  // page. The first EAGER_MARKS names of a page are marked at once; beyond that, a text node's
  // names are marked when its element comes within NEAR_SCREENS screens of the viewport. A page
  // of any length then costs what is read, and its counts and panels still cover every name
  // (they are built from the mentions, marked or not).
  //
  // An IntersectionObserver costs every frame in proportion to its targets (watching each of the
  // 10 MB page's 58,000 paragraphs made its frames take 150 ms while it scrolled), so the
  // elements holding waiting names are grouped in runs of up to RUN_ELEMENTS, in the order they
  // were found, and only each run's first and last element is watched: either coming near marks
  // the whole run. A run taller than that reach could hold the viewport with both ends out of
  // it, so when its ends' first positions come in, such a run is split in pieces expected to
  // fill RUN_FILL of it, each measured again, until each fits. In ordinary layout, a run with
  // any part on the screen then has an end within reach.
  const EAGER_MARKS = 2000;
  const NEAR_SCREENS = 2; // how far from the viewport waiting names are marked
  const RUN_ELEMENTS = 64;
  const RUN_FILL = 0.8;
  let mentions = []; // every mention given to mark(): { m, node, local, localEnd, el }, el once marked
  const waitingNodes = new Map(); // text node → { node, list, attrsOf } not marked yet
  const waitingByElement = new Map(); // the element holding such text → Set of those entries
  const runOf = new Map(); // element holding waiting names → its run { elements, ends, rects }
  const watchedRuns = new Set();
  let openRun = null; // the run that elements found next join
  let due = []; // entries whose element came near the viewport, marked in slices
  let draining = false;
  let epoch = 0; // bumps on removeAll, so work in flight for the old marks stops
  const near = typeof IntersectionObserver === "function" ? new IntersectionObserver(cameNear, { rootMargin: `${NEAR_SCREENS * 100}% 0px` }) : null;

  // Marks `found` (mentions from the worker, UTF-16 offsets into chunk.text) or queues them until
  // they come near the viewport; `attrsOf(m)` gives a mark's attributes when it is made. A
  // mention that crosses text nodes, or whose node changed since it was collected, is left out.
  // `slice` is the caller's slice of work when it has begun one (see slicer). Returns the
  // mentions taken, or none if removeAll came first.
  async function mark(chunk, found, attrsOf, slice = slicer()) {
    const at = epoch;
    const byNode = new Map();
    const taken = [];
    for (let i = 0; i < found.length; i++) {
      if (slice.due(i)) {
        await slice.pause();
        if (at !== epoch) return [];
      }
      const m = found[i];
      const seg = segmentAt(chunk.segments, m.start);
      const local = m.start - seg.start;
      const localEnd = m.end - seg.start;
      if (local < 0 || localEnd > seg.node.data.length || !seg.node.isConnected) continue;
      if (!reads(seg.node, local, localEnd, m.text)) continue; // the page changed the text meanwhile
      if (waitingNodes.has(seg.node)) continue; // already annotated (a subtree the page moved)
      if (!byNode.has(seg.node)) byNode.set(seg.node, []);
      const mention = { m, node: seg.node, local, localEnd, el: null };
      byNode.get(seg.node).push(mention);
      mentions.push(mention);
      taken.push(m);
    }
    for (const [node, list] of byNode) {
      list.sort(byOffset);
      if (marks.size >= EAGER_MARKS && near) {
        await slice.next(0);
        if (at !== epoch) return [];
        wait({ node, list, attrsOf });
        continue;
      }
      // A text node holding thousands of names is marked over several slices, from its end.
      while (list.length) {
        await slice.next(Math.min(list.length, MARKS_PER_SLICE));
        if (at !== epoch) return [];
        markTail(node, list, attrsOf, MARKS_PER_SLICE);
      }
    }
    watch(openRun);
    openRun = null;
    slice.end();
    return taken;
  }

  // Work in slices of at most SLICE_MS and MARKS_PER_SLICE marks: each new element also costs the
  // browser style and layout work after our slice ends, so a slice is cut by count as well. On a
  // huge page, though, that work is mostly a fixed cost per frame (in Chromium about 200 ms for
  // 10 MB of text, however few elements changed), so once a yield takes that long, slices take
  // more marks and fewer frames are spent. A slice starts when it is made: the caller makes one
  // as its work begins (an answer from the worker arrives), so every step of ours is metered.
  let costlyFrames = false;
  function slicer() {
    let start = performance.now();
    let count = 0;
    const full = () => performance.now() - start > SLICE_MS || count >= (costlyFrames ? MARKS_PER_COSTLY_SLICE : MARKS_PER_SLICE);
    const pause = async () => {
      endSlice(start);
      const before = performance.now();
      await yieldToPage();
      start = performance.now();
      if (count) costlyFrames = start - before > COSTLY_FRAME_MS;
      count = 0;
    };
    return {
      // For loops over many small steps: true every 32nd step once the slice is full, when the
      // caller awaits pause() (the clock is read only then).
      due: (step) => (step & 31) === 31 && full(),
      pause,
      async next(n) {
        if (full()) await pause();
        count += n;
      },
      end: () => endSlice(start),
    };
  }

  const byOffset = (a, b) => a.local - b.local;
  // A text node longer than this has the stretch holding the names being marked split off first,
  // once per batch: each split copies the text before it, and a batch makes two per name.
  const LONG_TEXT = 10000;

  // Splits the last `most` names of `list` (mentions in `node`, by offset) out of `node` and
  // takes them off the list. Going from the end keeps the offsets of the names left valid. If
  // the page changed the text, the list is emptied and nothing is marked.
  function markTail(node, list, attrsOf, most = list.length) {
    const batch = list.splice(Math.max(0, list.length - most));
    if (!batch.length) return;
    if (!node.isConnected || batch.some(({ m, local, localEnd }) => !reads(node, local, localEnd, m.text))) {
      list.length = 0;
      return;
    }
    let stretch = node;
    let base = 0;
    if (node.data.length > LONG_TEXT && batch[0].local > 0) {
      base = batch[0].local;
      stretch = node.splitText(base);
      created.add(stretch);
    }
    for (let i = batch.length - 1; i >= 0; i--) {
      const mention = batch[i];
      const from = mention.local - base;
      const middle = from || stretch === node ? stretch.splitText(from) : stretch;
      const tail = middle.splitText(mention.localEnd - mention.local);
      created.add(middle);
      created.add(tail);
      const el = document.createElement(MARK);
      for (const [k, v] of Object.entries(attrsOf(mention.m))) el.setAttribute(k, v);
      middle.replaceWith(el);
      el.appendChild(middle);
      marks.add(el);
      mentionOfMark.set(el, mention);
      mention.el = el;
    }
    splitOriginals.add(node);
  }

  function wait(entry) {
    const holder = entry.node.parentElement;
    if (!holder) return;
    entry.holder = holder;
    waitingNodes.set(entry.node, entry);
    if (!waitingByElement.has(holder)) waitingByElement.set(holder, new Set());
    waitingByElement.get(holder).add(entry);
    if (runOf.has(holder)) return; // its run will mark this too
    if (openRun?.elements.length >= RUN_ELEMENTS) watch(openRun);
    if (!openRun || openRun.ends) openRun = { elements: [], ends: null, rects: null };
    openRun.elements.push(holder);
    runOf.set(holder, openRun);
  }

  // Watches a run's ends, anew: each one's first report gives its position, and both positions
  // are compared once both are in (they come from the same frame).
  function watch(run) {
    if (!run?.elements.length) return;
    run.ends = [...new Set([run.elements[0], run.elements.at(-1)])];
    run.rects = new Map();
    watchedRuns.add(run);
    for (const end of run.ends) {
      near.unobserve(end);
      near.observe(end);
    }
  }

  // Marks the last `most` of a waiting entry's names (all of those left by default); the entry
  // stops waiting once none are left.
  function markWaiting(entry, most) {
    markTail(entry.node, entry.list, entry.attrsOf, most);
    if (!entry.list.length) unwait(entry);
  }

  function unwait(entry) {
    waitingNodes.delete(entry.node);
    const set = waitingByElement.get(entry.holder);
    if (!set) return;
    set.delete(entry);
    if (!set.size) waitingByElement.delete(entry.holder);
  }

  function cameNear(entries) {
    const measured = new Set();
    const arrived = []; // [run, its distance from the screen]
    for (const e of entries) {
      const run = runOf.get(e.target);
      if (!run?.ends?.includes(e.target)) continue;
      if (e.isIntersecting) arrived.push([run, Math.max(0, e.boundingClientRect.top - innerHeight, -e.boundingClientRect.bottom)]);
      else if (run.rects) {
        run.rects.set(e.target, e.boundingClientRect);
        measured.add(run);
      }
    }
    // The names on the screen first, then those nearest to it.
    arrived.sort((a, b) => a[1] - b[1]);
    for (const [run] of arrived) if (run.ends.length) release(run);
    for (const run of measured) {
      if (run.ends.length && run.rects?.size === run.ends.length) split(run);
    }
    if (due.length && !draining) drain().catch((e) => console.debug("Gloss:", e));
  }

  // Stops watching a run's ends.
  function unwatch(run) {
    for (const end of run.ends) near.unobserve(end);
    watchedRuns.delete(run);
    run.ends = [];
    run.rects = null;
  }

  // Queues every waiting name of the run for marking.
  function release(run) {
    unwatch(run);
    for (const element of run.elements) {
      runOf.delete(element);
      const set = waitingByElement.get(element);
      if (!set) continue;
      waitingByElement.delete(element);
      for (const entry of set) due.push(entry);
    }
  }

  // Splits a run taller than RUN_FILL of NEAR_SCREENS screens into pieces expected to fit,
  // going by its height; each piece is measured again.
  function split(run) {
    const rects = [...run.rects.values()];
    run.rects = null;
    const height = Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top));
    const fits = NEAR_SCREENS * innerHeight * RUN_FILL;
    if (height <= fits || run.elements.length < 2) return;
    const pieces = Math.min(run.elements.length, Math.ceil(height / fits));
    unwatch(run);
    const size = Math.ceil(run.elements.length / pieces);
    for (let i = 0; i < run.elements.length; i += size) {
      const piece = { elements: run.elements.slice(i, i + size), ends: null, rects: null };
      for (const element of piece.elements) runOf.set(element, piece);
      watch(piece);
    }
  }

  // The page removed nodes: a run is released only through its ends, so one whose end went is
  // watched again through the elements it has left (a page that drops far items of a long list).
  function pruneRuns() {
    for (const run of watchedRuns) {
      if (run.ends.every((end) => end.isConnected)) continue;
      unwatch(run);
      run.elements = run.elements.filter((element) => {
        if (element.isConnected) return true;
        runOf.delete(element);
        return false;
      });
      watch(run);
    }
  }

  async function drain() {
    draining = true;
    const at = epoch;
    const slice = slicer();
    try {
      for (let i = 0; i < due.length; i++) {
        const entry = due[i];
        // Until its last names are marked, an entry stays waiting: markOf marks the rest at once,
        // or in a crowded node the name asked for.
        while (waitingNodes.get(entry.node) === entry) {
          await slice.next(Math.min(entry.list.length, MARKS_PER_SLICE));
          if (at !== epoch) return;
          if (waitingNodes.get(entry.node) !== entry) break; // marked meanwhile (markOf)
          markWaiting(entry, MARKS_PER_SLICE);
        }
      }
      due = [];
      slice.end();
    } finally {
      if (at === epoch) draining = false;
    }
  }

  // The mark of `mention`, marking its text node's names now if they were waiting; null when the
  // page changed that text meanwhile.
  function markOf(mention) {
    if (!mention.el) {
      const start = performance.now(); // a slice of its own (a jump from a panel)
      const entry = waitingNodes.get(mention.node);
      if (entry?.list.length > MARKS_PER_SLICE) markOneOf(entry, mention);
      else if (entry) markWaiting(entry);
      endSlice(start);
    }
    return mention.el;
  }

  // Marks one name of a waiting text node that holds many: the names after it move to a text
  // node of their own, which waits as this one did, and the names before it go on waiting.
  function markOneOf(entry, mention) {
    const { node, list } = entry;
    const k = list.indexOf(mention);
    if (k < 0) return;
    if (!node.isConnected || !reads(node, mention.local, mention.localEnd, mention.m.text)) {
      markWaiting(entry); // the page changed the text: nothing is marked
      return;
    }
    const after = list.splice(k + 1);
    if (after.length) {
      const cut = mention.localEnd;
      const rest = node.splitText(cut);
      created.add(rest);
      splitOriginals.add(node);
      for (const m of after) {
        m.node = rest;
        m.local -= cut;
        m.localEnd -= cut;
      }
      const restEntry = { node: rest, list: after, attrsOf: entry.attrsOf, holder: entry.holder };
      waitingNodes.set(rest, restEntry);
      const set = waitingByElement.get(entry.holder);
      if (set) set.add(restEntry); // its run marks it with the rest
      else {
        due.push(restEntry); // its run was released already
        if (!draining) drain().catch((e) => console.debug("Gloss:", e));
      }
    }
    markWaiting(entry, 1);
  }

  // Removes every mark and joins each split text node back into its original node.
  function removeAll() {
    epoch++;
    near?.disconnect();
    waitingNodes.clear();
    waitingByElement.clear();
    runOf.clear();
    watchedRuns.clear();
    openRun = null;
    due = [];
    draining = false;
    mentions = [];
    for (const original of splitOriginals) {
      let text = original.data;
      let next = original.nextSibling;
      while (next && (marks.has(next) || created.has(next))) {
        text += next.textContent;
        const gone = next;
        next = next.nextSibling;
        gone.remove();
      }
      if (original.data !== text) original.data = text;
    }
    // Marks whose original was moved by the page: unwrap them in place.
    for (const el of marks) if (el.isConnected) el.replaceWith(...el.childNodes);
    marks.clear();
    splitOriginals.clear();
  }

  // True when the mention's text is still on the page (marked or waiting to be).
  const isPresent = (mention) => (mention.el ?? mention.node).isConnected;

  // True for nodes this highlighter made (marks and the text nodes it split off).
  const isOurs = (node) => marks.has(node) || created.has(node);

  return {
    MARK, collect, mark, markOf, removeAll, isOurs, isPresent, slicer, meter, pruneRuns,
    isMark: (el) => marks.has(el),
    // The mention a mark was made for ({ m, node, local, localEnd, el }), or undefined.
    mentionOf: (el) => mentionOfMark.get(el),
    marks: () => [...marks],
    mentions: () => mentions,
  };
})();
