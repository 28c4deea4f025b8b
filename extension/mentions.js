// Turns the WASM core's packed answer (Annotator.annotatePacked, see src/wasm.rs) into the
// mention objects the content script takes: building them here, in plain JavaScript, is cheaper
// than creating each property through the WASM boundary.
const TYPES = ["PER", "LOC", "ORG"];

/** The mentions in `text`: GlossMention[] with UTF-16 offsets, in text order. */
export function annotate(annotator, text) {
  const [numbers, joined, ends] = annotator.annotatePacked(text);
  const strings = Array.from(ends, (end, i) => joined.slice(i ? ends[i - 1] : 0, end));
  const mentions = new Array(numbers.length / 6);
  for (let i = 0, k = 0; k < numbers.length; i++, k += 6) {
    const start = numbers[k];
    const end = numbers[k + 1];
    const entity = numbers[k + 4];
    const descriptor = numbers[k + 5];
    mentions[i] = {
      start,
      end,
      text: text.slice(start, end),
      type: TYPES[numbers[k + 2]],
      entity: entity ? { id: strings[entity - 1] } : null,
      page_entity: numbers[k + 3],
      descriptor: descriptor ? strings[descriptor - 1] : null,
    };
  }
  return mentions;
}
