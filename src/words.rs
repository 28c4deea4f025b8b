//! Fast maps and sets keyed by a page's words: the per-page maps of linking, and the fixed word
//! lists of linking and description, looked up once per word.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Days and months: capitalized words in every news story that are almost never names.
pub(crate) const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A hash map for the small maps built per page. Their keys are the page's own words and
/// indexes, read once: a multiply-rotate hash (as in rustc's FxHash) costs a fraction of the
/// default SipHash, whose flooding resistance buys nothing here.
pub(crate) type PageMap<K, V> = HashMap<K, V, BuildHasherDefault<PageHasher>>;

/// The hasher of [`PageMap`].
#[derive(Default, Clone, Copy)]
pub(crate) struct PageHasher(u64);

impl PageHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for PageHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 56);
    }
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A fixed list of words, hashed on first use: one look-up instead of a scan of the list.
pub(crate) struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<HashSet<&'static str, BuildHasherDefault<PageHasher>>>,
}

impl WordSet {
    pub(crate) const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            set: OnceLock::new(),
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_hold_exactly_their_lists() {
        static SET: WordSet = WordSet::new(&["of", "for", "minister"]);
        for w in ["of", "for", "minister"] {
            assert!(SET.contains(w));
        }
        for w in ["", "o", "ministers", "Minister"] {
            assert!(!SET.contains(w));
        }
    }
}
