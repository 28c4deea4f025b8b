// The worker's mentions, as built from the WASM core's packed answer (extension/mentions.js),
// against the native CLI's on the same texts: the same names, types, entities, page entities and
// descriptors, with offsets in UTF-16 units that slice the name out of the text. Runs in Node
// (no browser): the worker runs this exact code on every text a page sends.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, SHARED } from "./harness.mjs";
import { annotate } from "../../extension/mentions.js";

const glossJs = await import(path.join(ROOT, "build/wasm/gloss.js"));
glossJs.initSync({ module: fs.readFileSync(path.join(ROOT, "build/wasm/gloss_bg.wasm")) });
const annotator = new glossJs.Annotator(fs.readFileSync(path.join(ROOT, "build/dataset.bin")), fs.readFileSync(path.join(ROOT, "models/tagger.bin")));

const crafted = [
  "The country’s finance minister, Janet Yellen, met Sergey Lavrov in Geneva. Yellen said Politico was wrong.",
  "🙂🙂 Sergey Lavrov 🇷🇺 flew from Ben Gurion airport to 東京 with Angela Merkel.",
  "Ле́в Толсто́й and Zoë Ba\u0301rtok visited Zürich; Apple and Microsoft opened offices in São Paulo.",
  "שלום Benjamin Netanyahu said in Jerusalem that Hamas and the United Nations disagree.",
  "",
  "no names at all here, only lower-case words.",
];
const truth = JSON.parse(fs.readFileSync(path.join(SHARED, "pages/article-extraction-benchmark/ground-truth.json"), "utf8"));
const articles = Object.values(truth).map((t) => t.articleBody).filter((t) => typeof t === "string" && t.trim()).slice(0, 40);
const texts = [...crafted, ...articles];

// Code point offsets (the CLI's) to UTF-16 ones.
const utf16 = (text, cp) => Array.from(text).slice(0, cp).join("").length;

test("the worker's mentions match the native core's on crafted texts and 40 saved articles", () => {
  const input = texts.map((text, id) => JSON.stringify({ id, text })).join("\n") + "\n";
  const cli = spawnSync(path.join(ROOT, "target/release/gloss"), ["annotate", "--jsonl", "--dataset", "build/dataset.bin", "-"], { input, cwd: ROOT, maxBuffer: 1 << 28 });
  assert.equal(cli.status, 0, String(cli.stderr));
  const native = cli.stdout.toString().trim().split("\n").map((l) => JSON.parse(l).mentions);
  let total = 0, linked = 0, described = 0, astral = 0;
  texts.forEach((text, i) => {
    const got = annotate(annotator, text);
    const want = native[i].map((m) => ({
      start: utf16(text, m.start),
      end: utf16(text, m.end),
      text: m.text,
      type: m.type,
      entity: m.entity ? { id: m.entity.id } : null,
      page_entity: m.page_entity,
      descriptor: m.descriptor ?? null,
    }));
    assert.deepEqual(got, want, `text ${i}`);
    for (const m of got) {
      assert.equal(text.slice(m.start, m.end), m.text);
      total++;
      if (m.entity) linked++;
      if (m.descriptor) described++;
      if (m.start !== Array.from(text.slice(0, m.start)).length) astral++;
    }
  });
  // The texts exercise every part of the packing.
  assert.ok(total > 500 && linked > 200 && described > 0 && astral > 0, JSON.stringify({ total, linked, described, astral }));
});
