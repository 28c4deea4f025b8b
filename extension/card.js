// The hover card: a custom element host with its own shadow root and stylesheet, placed next to
// the hovered name and kept inside the viewport. Every piece of text goes in via textContent.
"use strict";
globalThis.GlossCard = (() => {
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;

  const STYLE = `
    :host { all: initial; }
    .card {
      position: fixed; box-sizing: border-box; width: 320px; max-width: calc(100vw - 16px);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202122;
      background: #fff; border: 1px solid #c8ccd1; border-radius: 8px; padding: 12px 14px 10px;
      box-shadow: 0 4px 16px rgba(0,0,0,.18); z-index: 2147483647; text-align: left;
      opacity: 0; transform: translateY(4px); transition: opacity .12s ease, transform .12s ease;
      overflow-y: auto; overscroll-behavior: contain;
    }
    .card.open { opacity: 1; transform: none; }
    .card.dark { color: #eaecf0; background: #202124; border-color: #54595d; box-shadow: 0 4px 16px rgba(0,0,0,.5); }
    .head { display: flex; align-items: baseline; gap: 8px; }
    .name { font-weight: 650; font-size: 16px; flex: 1; overflow-wrap: anywhere; }
    .type { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #54595d; white-space: nowrap; }
    .dark .type { color: #a2a9b1; }
    .desc { margin: 4px 0 6px; }
    .facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; font-size: 13px; }
    .facts dt { color: #54595d; } .dark .facts dt { color: #a2a9b1; }
    .facts dd { margin: 0; overflow-wrap: anywhere; }
    .also, .count, .note { font-size: 12px; color: #54595d; margin-top: 4px; }
    svg.map { display: block; width: 100%; height: 96px; margin: 6px 0 2px; background: #eaf3fb; border-radius: 6px; }
    .dark svg.map { background: #1b2a38; }
    svg.map path { fill: #c8d3c0; stroke: #7a8a70; stroke-width: 1.2; vector-effect: non-scaling-stroke; }
    .dark svg.map path { fill: #4a5a48; stroke: #8fa38a; }
    svg.map circle { fill: #d6336c; stroke: #fff; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
    .dark .also, .dark .count, .dark .note { color: #a2a9b1; }
    .foot { display: flex; justify-content: space-between; align-items: center; margin-top: 8px; }
    a { color: #3366cc; text-decoration: none; font-size: 13px; } a:hover { text-decoration: underline; }
    .dark a { color: #88a3e8; }
    button.close { all: unset; cursor: pointer; font-size: 16px; line-height: 1; padding: 2px 4px; color: inherit; opacity: .6; }
    button.close:hover, button.close:focus-visible { opacity: 1; outline: 2px solid #3366cc; border-radius: 4px; }
    .pinned button.pin { opacity: 1; color: #3366cc; }
    .card.pinned { border-color: #3366cc; }
    .onpage { font-style: italic; }
  `;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";

  const mentionsText = (count) => (count > 1 ? t("cardMentions", String(count)) : t("cardMentionedOnce"));

  // A small locator map: the country's outline, and a dot where the place is.
  function locatorMap(map, label) {
    const [x0, y0, x1, y1] = map.box;
    let [minX, minY, maxX, maxY] = [x0, y0, x1, y1];
    if (map.dot) {
      minX = Math.min(minX, map.dot[0]); maxX = Math.max(maxX, map.dot[0]);
      minY = Math.min(minY, map.dot[1]); maxY = Math.max(maxY, map.dot[1]);
    }
    // Pad to the drawing's 3:1 shape, with a margin, so small countries are not stretched.
    const w = Math.max(maxX - minX, 10);
    const h = Math.max(maxY - minY, 10);
    const width = Math.max(w, h * 3) * 1.15;
    const height = width / 3;
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "map");
    svg.setAttribute("viewBox", `${cx - width / 2} ${cy - height / 2} ${width} ${height}`);
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", map.d);
    svg.append(path);
    if (map.dot) {
      const dot = document.createElementNS(SVG_NS, "circle");
      dot.setAttribute("cx", map.dot[0]);
      dot.setAttribute("cy", map.dot[1]);
      dot.setAttribute("r", width / 60);
      svg.append(dot);
    }
    return svg;
  }

  function pageIsDark() {
    if (matchMedia("(prefers-color-scheme: dark)").matches) return true;
    const bg = getComputedStyle(document.body || document.documentElement).backgroundColor;
    const rgb = bg.match(/\d+(\.\d+)?/g);
    if (!rgb || (rgb.length === 4 && Number(rgb[3]) === 0)) return false;
    const [r, g, b] = rgb.map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
  }

  // A constructed stylesheet is not subject to the page's Content-Security-Policy, which blocks
  // <style> elements even inside our shadow root; where it cannot be adopted, fall back to one.
  function adoptStyle(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = el("style");
      style.textContent = STYLE;
      root.prepend(style);
    }
  }

  class Card {
    constructor({ onEnter, onLeave, onClose }) {
      this.host = document.createElement("gloss-card-host");
      this.host.style.cssText = "all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; z-index: 2147483647 !important;";
      this.root = this.host.attachShadow({ mode: "open" });
      this.box = el("div", "card");
      this.box.setAttribute("role", "dialog");
      this.box.hidden = true;
      this.root.append(this.box);
      adoptStyle(this.root);
      this.box.addEventListener("mouseenter", onEnter);
      this.box.addEventListener("mouseleave", onLeave);
      this.onClose = onClose;
    }

    get isOpen() {
      return !this.box.hidden;
    }

    // Shows `info` ({ name, type, card?, count, descriptor? }) next to `anchor`.
    show(anchor, info) {
      if (!this.host.isConnected) document.documentElement.appendChild(this.host);
      this.pinned = false;
      const box = this.box;
      box.replaceChildren();
      box.classList.toggle("dark", pageIsDark());
      const card = info.card;
      const head = el("div", "head");
      const name = el("div", "name", card ? card.name : info.name);
      const typeLabel = t(`type${info.type}`) + (card && card.subtype ? ` · ${card.subtype}` : "");
      const pin = el("button", "close pin", "⚲");
      pin.setAttribute("aria-label", t("cardPin"));
      pin.setAttribute("aria-pressed", "false");
      pin.title = t("cardPin");
      pin.addEventListener("click", () => {
        this.pinned = !this.pinned;
        pin.setAttribute("aria-pressed", String(this.pinned));
        box.classList.toggle("pinned", this.pinned);
      });
      const close = el("button", "close", "×");
      close.setAttribute("aria-label", t("cardClose"));
      close.addEventListener("click", () => this.onClose());
      head.append(name, el("span", "type", typeLabel), pin, close);
      box.append(head);
      box.setAttribute("aria-label", card ? card.name : info.name);
      // How the page itself describes the name: under the dataset's description, or the main
      // content for a name the dataset does not know.
      const onPage = info.descriptor ? el("div", "note onpage", t("cardOnThisPage", info.descriptor)) : null;
      if (card) {
        if (card.description) box.append(el("div", "desc", card.description));
        if (onPage) box.append(onPage);
        if (card.map) box.append(locatorMap(card.map, `Map: ${card.name}`));
        if (card.facts?.length) {
          const dl = el("dl", "facts");
          for (const f of card.facts.slice(0, 5)) dl.append(el("dt", "", f.label), el("dd", "", f.value));
          box.append(dl);
        }
        if (card.aliases?.length) box.append(el("div", "also", t("cardAlso", card.aliases.join(", "))));
      } else {
        if (onPage) box.append(onPage);
        box.append(el("div", "note", t("cardNotInDataset")));
      }
      box.append(el("div", "count", mentionsText(info.count)));
      if (card?.url && /^https:\/\//.test(card.url)) {
        const foot = el("div", "foot");
        const link = el("a", "", t("cardReadMore"));
        link.href = card.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        foot.append(link);
        box.append(foot);
      }
      box.hidden = false;
      this.place(anchor);
      requestAnimationFrame(() => box.classList.add("open"));
    }

    // The open card's mention count, as more of the page is read (a long page, added content).
    setCount(count) {
      const line = this.box.querySelector(".count");
      if (line) line.textContent = mentionsText(count);
    }

    // Below the name if it fits, else above; where neither fits (a small window, high zoom) on
    // the roomier side, its height capped so it scrolls inside. Clamped to the viewport
    // horizontally; never over the name itself.
    place(anchor) {
      const r = anchor.getBoundingClientRect();
      const box = this.box;
      box.style.maxHeight = "";
      const w = box.offsetWidth;
      let h = box.offsetHeight;
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      const gap = 6;
      const below = vh - 8 - (r.bottom + gap);
      const above = r.top - gap - 8;
      let top;
      if (h <= below) top = r.bottom + gap;
      else if (h <= above) top = r.top - gap - h;
      else {
        box.style.maxHeight = `${Math.max(Math.floor(Math.max(below, above)), 96)}px`;
        h = box.offsetHeight;
        top = below >= above ? r.bottom + gap : r.top - gap - h;
      }
      let left = Math.min(Math.max(8, r.left), Math.max(8, vw - w - 8));
      box.style.top = `${Math.round(top)}px`;
      box.style.left = `${Math.round(left)}px`;
    }

    hide() {
      this.pinned = false;
      this.box.classList.remove("open", "pinned");
      this.box.hidden = true;
    }

    destroy() {
      this.host.remove();
    }
  }
  return Card;
})();
