// The "On this page" panel: every person, place and organization marked on the page, grouped by
// type and ordered by mentions, each with its one-line description. Clicking a name scrolls to
// its first mention and flashes it; the arrows step through its other mentions. It lives in a
// shadow root at the side of the page, like the cards.
"use strict";
globalThis.GlossPanel = (() => {
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs) || key;
  const STYLE = `
    :host { all: initial; }
    .panel { position: fixed; top: 12px; right: 12px; bottom: 12px; width: 320px; max-width: calc(100vw - 24px);
      display: flex; flex-direction: column; box-sizing: border-box; z-index: 2147483647;
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202122; background: #fff;
      border: 1px solid #c8ccd1; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.2); }
    .panel.dark { color: #eaecf0; background: #202124; border-color: #54595d; }
    header { display: flex; align-items: center; padding: 10px 12px; border-bottom: 1px solid #c8ccd180; }
    h2 { font-size: 15px; margin: 0; flex: 1; }
    .list { overflow: auto; padding: 4px 0 10px; }
    h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: #72777d; margin: 12px 12px 4px; }
    .item { display: flex; align-items: flex-start; gap: 6px; padding: 5px 12px; }
    .item:hover { background: #8881; }
    .main { flex: 1; min-width: 0; cursor: pointer; border: 0; background: none; color: inherit; font: inherit; text-align: left; padding: 0; }
    .name { font-weight: 600; } .count { color: #72777d; font-weight: 400; font-size: 12px; }
    .desc { font-size: 12px; color: #54595d; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .dark .desc { color: #a2a9b1; }
    button.nav, button.close { border: 0; background: none; color: inherit; cursor: pointer; font-size: 14px; padding: 2px 5px; border-radius: 4px; opacity: .7; }
    button.nav:hover, button.close:hover, button:focus-visible { opacity: 1; outline: 2px solid #3366cc; }
    .empty { padding: 12px; color: #72777d; }
  `;
  const GROUPS = [["PER", "panelPeople"], ["LOC", "panelPlaces"], ["ORG", "panelOrganizations"]];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // The highlighter's mentions ({ m, node, local, el }, marked or still waiting to be) that are
  // still on the page, grouped into page entities, each entity's mentions in reading order:
  // [{ key, type, id, name, descriptor, count, mentions }]. One walk of the page's text gives the
  // order (sorting with compareDocumentPosition took minutes on a page of 60,000 paragraphs: each
  // comparison of two siblings walks their parent's list of children), and the work yields to
  // the page between slices as the highlighter's does.
  async function entitiesOn(mentions) {
    const H = globalThis.GlossHighlighter;
    const slice = H.slicer();
    // The mentions under the node that holds their text: a mark, or the text node they wait in.
    const byHolder = new Map();
    for (let i = 0; i < mentions.length; i++) {
      if (slice.due(i)) await slice.pause();
      const mention = mentions[i];
      const holder = mention.el ?? mention.node;
      const list = byHolder.get(holder);
      if (list) list.push(mention);
      else byHolder.set(holder, [mention]);
    }
    const byKey = new Map();
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    let step = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (slice.due(step++)) await slice.pause();
      const holder = byHolder.has(node) ? node : node.parentNode;
      const list = byHolder.get(holder);
      if (!list) continue;
      byHolder.delete(holder); // once, though a mark's text may be split into several nodes
      list.sort((a, b) => a.local - b.local);
      for (const mention of list) {
        const { key, type, text } = mention.m;
        let e = byKey.get(key);
        if (!e) byKey.set(key, (e = { key, type, id: mention.m.entity?.id ?? "", name: text, descriptor: "", mentions: [] }));
        e.mentions.push(mention);
        if (text.length > e.name.length) e.name = text; // "Sergey Lavrov" over "Lavrov"
        if (!e.descriptor && typeof mention.m.descriptor === "string") e.descriptor = mention.m.descriptor;
      }
    }
    slice.end();
    for (const e of byKey.values()) e.count = e.mentions.length;
    return [...byKey.values()];
  }

  // Fills `list` with `entities` ({ key, type, name, count, descriptor }) grouped by type under
  // `heading` elements, most mentioned first. `cards` maps an entity key to its card;
  // `show(entity, i)` goes to mention `i` (wrapping) and `position` (key → index last shown)
  // drives the arrows. Used by the in-page panel and by the browser's side panel.
  function fill(list, entities, cards, { show, position, heading }) {
    list.replaceChildren();
    if (!entities.length) list.append(el("div", "empty", t("panelEmpty")));
    for (const [type, label] of GROUPS) {
      const group = entities.filter((e) => e.type === type).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
      if (!group.length) continue;
      list.append(el(heading, "", t(label)));
      for (const e of group) list.append(row(e, cards.get(e.key), show, position));
    }
  }

  function row(entity, card, show, position) {
    const item = el("div", "item");
    item.dataset.key = entity.key;
    const main = el("button", "main");
    main.type = "button";
    const name = el("div", "name", card?.name ?? entity.name);
    name.append(" ", el("span", "count", `×${entity.count}`));
    // A name the dataset does not know is described the way the page describes it.
    const onPage = entity.descriptor ? t("cardOnThisPage", entity.descriptor) : "";
    main.append(name, el("div", "desc", card?.description || onPage || t("cardNotInDataset")));
    main.addEventListener("click", () => show(entity, 0));
    const prev = el("button", "nav", "‹");
    prev.type = "button";
    prev.setAttribute("aria-label", t("panelPrevious"));
    prev.addEventListener("click", () => show(entity, (position.get(entity.key) ?? 0) - 1));
    const next = el("button", "nav", "›");
    next.type = "button";
    next.setAttribute("aria-label", t("panelNext"));
    next.addEventListener("click", () => show(entity, (position.get(entity.key) ?? -1) + 1));
    item.append(main, prev, next);
    return item;
  }

  class Panel {
    constructor({ cardFor, isDark }) {
      this.cardFor = cardFor;
      this.isDark = isDark;
      this.host = null;
      this.position = new Map(); // key → index of the mention last shown
    }

    get isOpen() {
      return Boolean(this.host?.isConnected);
    }

    close() {
      this.host?.remove();
      this.host = null;
    }

    async open(mentions) {
      this.close();
      this.host = document.createElement("gloss-panel-host");
      this.host.style.cssText = "all: initial !important; position: fixed !important; z-index: 2147483647 !important;";
      const root = this.host.attachShadow({ mode: "open" });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
        root.adoptedStyleSheets = [sheet];
      } catch {
        root.append(el("style", "", STYLE));
      }
      const panel = el("aside", "panel");
      panel.classList.toggle("dark", this.isDark());
      panel.setAttribute("role", "complementary");
      panel.setAttribute("aria-label", t("panelTitle"));
      const header = el("header");
      const close = el("button", "close", "×");
      close.setAttribute("aria-label", t("cardClose"));
      close.addEventListener("click", () => this.close());
      header.append(el("h2", "", t("panelTitle")), close);
      const list = el("div", "list");
      panel.append(header, list);
      root.append(panel);
      document.documentElement.appendChild(this.host);

      const host = this.host;
      const entities = await entitiesOn(mentions);
      if (this.host !== host) return; // closed or opened again meanwhile
      const cards = new Map(await Promise.all(entities.filter((e) => e.id).map(async (e) => [e.key, await this.cardFor(e.id)])));
      fill(list, entities, cards, { show: (e, i) => this.show(e, i), position: this.position, heading: "h3" });
    }

    // Scrolls to mention `i` (wrapping) of an entity and flashes it.
    show(entity, i) {
      const index = Panel.flash(entity.mentions, i);
      if (index !== null) this.position.set(entity.key, index);
    }

    // Scrolls to mention `i` (wrapping) of `mentions` and flashes its mark (made now if it was
    // waiting); returns the index shown, or null when none is left. Also used for the browser's
    // side panel.
    static flash(mentions, i) {
      const H = globalThis.GlossHighlighter;
      mentions = mentions.filter(H.isPresent);
      if (!mentions.length) return null;
      const index = ((i % mentions.length) + mentions.length) % mentions.length;
      const mark = H.markOf(mentions[index]);
      if (!mark) return null;
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
      for (const m of mentions) m.el?.removeAttribute("data-gloss-flash"); // one flash at a time
      void mark.offsetWidth; // restart the animation
      mark.setAttribute("data-gloss-flash", "");
      setTimeout(() => mark.removeAttribute("data-gloss-flash"), 1600);
      return index;
    }
  }
  Panel.entitiesOn = entitiesOn;
  Panel.fill = fill;
  return Panel;
})();
