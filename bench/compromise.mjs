// Benchmark adapter for npm `compromise`: tags a CoNLL-format file with
// nlp(text).people() / .places() / .organizations() and prints precision, recall and F1 per type
// and overall plus tokens per second, in the same layout as `gloss eval conll FILE`, so the two
// compare side by side.
//
//   node bench/compromise.mjs ../shared/corpora/conll2003/test.txt
//
// The metric is the one `gloss eval conll` uses (src/train/eval.rs): conlleval's exact match of
// first token, last token and type; MISC ignored on both sides. Documents are built the same way
// too: tokens joined by spaces, sentences by line breaks, one nlp() call per document. A
// compromise match is mapped to the tokens it covers, without leading or trailing punctuation
// tokens ("Brussels ." → "Brussels"). Time counts only the nlp() calls and their match lists.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';

const KINDS = ['PER', 'LOC', 'ORG'];

function kindOf(type) {
  switch (type.toLowerCase()) {
    case 'per': case 'person': return 0;
    case 'loc': case 'location': return 1;
    case 'org': case 'corporation': case 'group': return 2;
    case 'misc': return 3;
    default: return -1;
  }
}

// Parses an IOB tag into [begins, kind] or null for O and ignored types.
function parseTag(tag) {
  const dash = tag.indexOf('-');
  if (dash < 0) return null;
  const kind = kindOf(tag.slice(dash + 1));
  if (kind < 0) return null;
  return [tag.slice(0, dash).toUpperCase() === 'B', kind];
}

// conlleval chunks: a chunk starts at B or at an I whose kind differs from the open chunk's.
function chunks(tags, offset) {
  const out = [];
  let open = null;
  tags.forEach((tag, i) => {
    const continues = open && tag && !tag[0] && tag[1] === open[1];
    if (!continues) {
      if (open) out.push([open[0] + offset, i + offset, open[1]]);
      open = tag ? [i, tag[1]] : null;
    }
  });
  if (open) out.push([open[0] + offset, tags.length + offset, open[1]]);
  return out;
}

function readConll(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const hasDocs = lines.some((l) => l.startsWith('-DOCSTART-'));
  const docs = [];
  let sentences = [];
  let sent = [];
  const flushDoc = () => {
    if (sentences.length) docs.push(makeDoc(sentences));
    sentences = [];
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.startsWith('-DOCSTART-')) {
      if (sent.length) sentences.push(sent);
      sent = [];
      flushDoc();
      continue;
    }
    if (!line.trim()) {
      if (sent.length) {
        sentences.push(sent);
        sent = [];
        if (!hasDocs) flushDoc();
      }
      continue;
    }
    const cols = line.split(/[\t ]/).filter((c) => c.length);
    let word = cols[0];
    if (word.startsWith('en:') && word.length > 3) word = word.slice(3);
    sent.push([word, cols.length > 1 ? cols[cols.length - 1] : 'O']);
  }
  if (sent.length) sentences.push(sent);
  flushDoc();
  return docs;
}

function makeDoc(sentences) {
  let text = '';
  const starts = [];
  const ends = [];
  const gold = [];
  for (const sent of sentences) {
    const first = starts.length;
    sent.forEach(([word], k) => {
      if (text.length) text += k === 0 ? '\n' : ' ';
      starts.push(text.length);
      text += word;
      ends.push(text.length);
    });
    gold.push(...chunks(sent.map(([, tag]) => parseTag(tag)), first));
  }
  return { text, starts, ends, gold };
}

const isPunct = (s) => !/[\p{L}\p{N}]/u.test(s);

// Token span [start, end) covered by a match at JS string offsets [from, to).
function toSpan(doc, from, to) {
  let s = doc.starts.findIndex((_, i) => doc.ends[i] > from);
  if (s < 0) return null;
  let e = s;
  while (e < doc.starts.length && doc.starts[e] < to) e++;
  while (s < e && isPunct(doc.text.slice(doc.starts[s], doc.ends[s]))) s++;
  while (e > s && isPunct(doc.text.slice(doc.starts[e - 1], doc.ends[e - 1]))) e--;
  return s < e ? [s, e] : null;
}

function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/compromise.mjs CONLL-FILE');
    process.exit(2);
  }
  const docs = readConll(file);
  const correct = [0, 0, 0];
  const goldN = [0, 0, 0];
  const predN = [0, 0, 0];
  let tokens = 0;
  let ms = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const d = nlp(doc.text);
    const found = [d.people(), d.places(), d.organizations()].map((m) => m.json({ offset: true }));
    ms += performance.now() - t0;
    tokens += doc.starts.length;
    const goldSet = new Set(doc.gold.filter((g) => g[2] < 3).map((g) => g.join(',')));
    for (const g of doc.gold) if (g[2] < 3) goldN[g[2]]++;
    const seen = new Set();
    found.forEach((matches, kind) => {
      for (const m of matches) {
        const span = toSpan(doc, m.offset.start, m.offset.start + m.offset.length);
        if (!span) continue;
        const key = [span[0], span[1], kind].join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        predN[kind]++;
        if (goldSet.has(key)) correct[kind]++;
      }
    });
  }
  const prf = (c, g, p) => {
    const pr = p ? c / p : 0;
    const rc = g ? c / g : 0;
    return [pr, rc, pr + rc ? (2 * pr * rc) / (pr + rc) : 0];
  };
  const row = (name, c, g, p) => {
    const [pr, rc, f] = prf(c, g, p);
    return `${name.padEnd(8)} ${pr.toFixed(4).padStart(9)} ${rc.toFixed(4).padStart(9)} ${f.toFixed(4).padStart(9)} ${String(g).padStart(7)} ${String(p).padStart(7)} ${String(c).padStart(7)}`;
  };
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  console.log(`${file} (compromise ${nlp.version})`);
  console.log(`${'type'.padEnd(8)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)} ${'gold'.padStart(7)} ${'pred'.padStart(7)} ${'correct'.padStart(7)}`);
  KINDS.forEach((k, i) => console.log(row(k, correct[i], goldN[i], predN[i])));
  console.log(row('overall', sum(correct), sum(goldN), sum(predN)));
  const seconds = ms / 1000;
  console.log(`tokens ${tokens}  seconds ${seconds.toFixed(3)}  tokens/s ${Math.round(tokens / Math.max(seconds, 1e-9))}`);
}

main();
