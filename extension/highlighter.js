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
  const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));
  // The longest slice so far (ms), reported to the worker for the benchmark (./build.sh bench).
  const meter = { longestSliceMs: 0 };
  const endSlice = (start) => {
    meter.longestSliceMs = Math.max(meter.longestSliceMs, performance.now() - start);
  };

  async function collect(root = document.body) {
    const chunks = [];
    if (!root) return chunks;
    if (root.nodeType === Node.TEXT_NODE) root = root.parentNode;
    if (!root || (root.nodeType === Node.ELEMENT_NODE && root.parentElement && skipped(root, new WeakMap()))) return chunks;
    const visibility = new WeakMap();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (!node.data.trim()) return NodeFilter.FILTER_REJECT;
        const parent = node.parentElement;
        if (!parent || skipped(parent, visibility)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    let chunk = { text: "", segments: [] };
    let lastBlock;
    let sliceStart = performance.now();
    let n = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((++n & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
        endSlice(sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
      }
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

  // Marks `mentions` (UTF-16 offsets into chunk.text) and returns the marks made. A mention that
  // crosses text nodes, or whose node changed since it was collected, is left unmarked.
  async function mark(chunk, mentions, attrsOf) {
    const byNode = new Map();
    for (const m of mentions) {
      const seg = segmentAt(chunk.segments, m.start);
      const local = m.start - seg.start;
      const localEnd = m.end - seg.start;
      if (local < 0 || localEnd > seg.node.data.length || !seg.node.isConnected) continue;
      if (flatten(seg.node.data.slice(local, localEnd)) !== m.text) continue; // the page changed the text meanwhile
      if (!byNode.has(seg.node)) byNode.set(seg.node, []);
      byNode.get(seg.node).push({ m, local, localEnd });
    }
    const made = [];
    let sliceStart = performance.now();
    let sliceMarks = 0;
    for (const [node, list] of byNode) {
      // Each new element also costs the browser style and layout work after our slice ends, so
      // a slice is cut by count as well as by time.
      if (performance.now() - sliceStart > SLICE_MS || sliceMarks >= MARKS_PER_SLICE) {
        endSlice(sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
        sliceMarks = 0;
      }
      sliceMarks += list.length;
      if (!node.isConnected || list.some(({ m, local, localEnd }) => flatten(node.data.slice(local, localEnd)) !== m.text)) continue;
      list.sort((a, b) => b.local - a.local); // from the end, so earlier offsets stay valid
      for (const { m, local, localEnd } of list) {
        const middle = node.splitText(local);
        const tail = middle.splitText(localEnd - local);
        created.add(middle);
        created.add(tail);
        const el = document.createElement(MARK);
        for (const [k, v] of Object.entries(attrsOf(m))) el.setAttribute(k, v);
        middle.replaceWith(el);
        el.appendChild(middle);
        marks.add(el);
        made.push(el);
      }
      splitOriginals.add(node);
    }
    endSlice(sliceStart);
    return made;
  }

  // Removes every mark and joins each split text node back into its original node.
  function removeAll() {
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

  // True for nodes this highlighter made (marks and the text nodes it split off).
  const isOurs = (node) => marks.has(node) || created.has(node);

  return { MARK, collect, mark, removeAll, isOurs, isMark: (el) => marks.has(el), marks: () => [...marks], yieldToPage, meter };
})();
