// Turns the WASM core's packed answer (Annotator.annotatePacked, see src/wasm.rs) into the
// mention objects the content script takes: building them here, in plain JavaScript, is cheaper
// than creating each property through the WASM boundary, and one array of numbers is cheaper to
// hand over than several objects.
const TYPES = ["PER", "LOC", "ORG"];

/** The mentions in `text`: GlossMention[] with UTF-16 offsets, in text order. */
export function annotate(annotator, text) {
  const packed = annotator.annotatePacked(text);
  const count = packed[0];
  const stringsAt = 1 + 6 * count;
  const stringCount = packed[stringsAt];
  const unitsAt = stringsAt + 1 + stringCount;
  const strings = new Array(stringCount);
  for (let i = 0, from = unitsAt; i < stringCount; i++) {
    const to = unitsAt + packed[stringsAt + 1 + i];
    strings[i] = fromUnits(packed, from, to);
    from = to;
  }
  const mentions = new Array(count);
  for (let i = 0, k = 1; i < count; i++, k += 6) {
    const start = packed[k];
    const end = packed[k + 1];
    const entity = packed[k + 4];
    const descriptor = packed[k + 5];
    mentions[i] = {
      start,
      end,
      text: text.slice(start, end),
      type: TYPES[packed[k + 2]],
      entity: entity ? { id: strings[entity - 1] } : null,
      page_entity: packed[k + 3],
      descriptor: descriptor ? strings[descriptor - 1] : null,
    };
  }
  return mentions;
}

// The string of UTF-16 units `units[from..to]`, in pieces small enough to pass as arguments.
function fromUnits(units, from, to) {
  let out = "";
  for (let at = from; at < to; at += 8192) {
    out += String.fromCharCode.apply(null, units.subarray(at, Math.min(to, at + 8192)));
  }
  return out;
}
