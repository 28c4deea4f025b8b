//! Feature extraction for the trained tagger, shared by training and tagging so that both see
//! exactly the same features.
//!
//! Every feature is a 64-bit hash of a template number and a value; the model maps it to a row
//! of its weight table (the top bits of the hash). Nothing here allocates per token except the
//! output vectors, and nothing depends on a random seed, so native and WASM builds agree.
//!
//! Token text is normalized before hashing: curly quotes and apostrophes become straight ones,
//! dashes become `-`, and (for word identities) digits become `0`. CoNLL text, on which the model
//! is trained, uses straight quotes; web pages mostly use curly ones.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::dataset::Dataset;
use crate::normalize::alias_key;
use crate::tokenize::Token;

// ---------------------------------------------------------------------------------------------
// Hashing

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(FNV_PRIME)
}

/// The splitmix64 finalizer: spreads every input bit over the whole word.
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Combines a template number with a value into a feature hash.
#[inline]
fn feat(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Combines two values.
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(21) ^ b.wrapping_mul(0xff51_afd7_ed55_8ccd))
}

/// Straightens quotes and apostrophes and unifies dashes.
#[inline]
pub(crate) fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '‛' | 'ʼ' | '′' | '`' | '´' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '–' | '—' | '‐' | '‑' | '‒' | '−' | '―' => '-',
        _ => c,
    }
}

/// The key under which a word's cluster is stored: a 32-bit hash of the word with normalized
/// quotes and digits folded to `0`, case kept.
#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
pub(crate) fn cluster_key(word: &str) -> u32 {
    fold32(word_hash(word.chars()))
}

#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
fn word_hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut h = FNV_OFFSET;
    for c in chars {
        let c = norm_char(c);
        h = fnv(h, if c.is_ascii_digit() { '0' } else { c });
    }
    h
}

#[inline]
fn fold32(h: u64) -> u32 {
    let k = (h ^ (h >> 32)) as u32;
    // 0 marks an empty slot in the cluster table.
    if k == 0 {
        1
    } else {
        k
    }
}

// ---------------------------------------------------------------------------------------------
// Per-token facts

/// Capitalization classes.
pub(crate) mod cap {
    /// Starts with a lower-case letter, no upper case inside.
    pub const LOWER: u8 = 0;
    /// Starts with an upper-case letter, has lower case.
    pub const INIT: u8 = 1;
    /// Two or more letters, all upper case.
    pub const ALL: u8 = 2;
    /// One upper-case letter (possibly with punctuation: "J.").
    pub const ONE: u8 = 3;
    /// Starts lower case with upper case inside ("iPhone").
    pub const MIXED: u8 = 4;
    /// Digits and no letters.
    pub const NUM: u8 = 5;
    /// Neither letters nor digits.
    pub const PUNCT: u8 = 6;
}

/// What the features need to know about one token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    /// Normalized word, case kept, digits folded.
    pub w: u64,
    /// Lower-cased normalized word.
    pub l: u64,
    /// The word as it would be written in Title case ("JAPAN" → "Japan").
    pub t: u64,
    /// Shape: X/x/d per character, punctuation kept, at most 12 characters.
    pub shape: u64,
    /// Short shape: runs of one class collapsed ("Xx", "X.X.", "d-d").
    pub sshape: u64,
    /// Lower-cased prefixes of 1–4 characters (0 when the word is shorter).
    pub pre: [u64; 4],
    /// Lower-cased suffixes of 1–4 characters.
    pub suf: [u64; 4],
    /// Capitalization class ([`cap`]).
    pub cap: u8,
    /// Number of characters, capped at 255.
    pub len: u8,
    /// Has a hyphen inside.
    pub hyphen: bool,
    /// Brown-cluster path with a leading 1 bit (0: no cluster).
    pub cls: u32,
    /// The lower-cased word is common enough in lower case to have a cluster ("Says" in a Title
    /// Case headline).
    pub lower_known: bool,
}

impl Tok {
    fn is_alpha(&self) -> bool {
        self.cap <= cap::MIXED
    }
    fn capitalized(&self) -> bool {
        matches!(self.cap, cap::INIT | cap::ALL | cap::ONE)
    }
}

/// The shape class of a character: `X`, `x`, `d`, or the character itself. With `ASCII`, the
/// caller promises an ASCII character (the same answer, without Unicode tables).
#[inline]
fn shape_class<const ASCII: bool>(c: char) -> char {
    if is_upper::<ASCII>(c) {
        'X'
    } else if is_alpha::<ASCII>(c) {
        'x'
    } else if is_num::<ASCII>(c) {
        'd'
    } else {
        c
    }
}

#[inline]
fn is_upper<const ASCII: bool>(c: char) -> bool {
    if ASCII {
        c.is_ascii_uppercase()
    } else {
        cyrillic_case(c).unwrap_or_else(|| c.is_uppercase())
    }
}

#[inline]
fn is_alpha<const ASCII: bool>(c: char) -> bool {
    if ASCII {
        c.is_ascii_alphabetic()
    } else {
        cyrillic_case(c).is_some() || c.is_alphabetic()
    }
}

#[inline]
fn is_num<const ASCII: bool>(c: char) -> bool {
    if ASCII {
        c.is_ascii_digit()
    } else {
        cyrillic_case(c).is_none() && c.is_numeric()
    }
}

/// For a letter of the basic Cyrillic block (U+0400–U+045F: the Russian, Ukrainian,
/// Belarusian, Serbian and Macedonian alphabets), whether it is upper case; `None` for any
/// other character. Such letters are the most common non-ASCII ones in the bench texts
/// (Russian news), and the Unicode tables cost a search per character (same answers, a test
/// checks).
#[inline]
fn cyrillic_case(c: char) -> Option<bool> {
    match c {
        '\u{400}'..='\u{42f}' => Some(true),
        '\u{430}'..='\u{45f}' => Some(false),
        _ => None,
    }
}

/// The lower-case form of a non-ASCII character (its first character where that is several).
#[inline]
fn lower_char(c: char) -> char {
    match c {
        '\u{400}'..='\u{40f}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        '\u{410}'..='\u{42f}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{430}'..='\u{45f}' => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The upper-case form of a non-ASCII character (its first character where that is several).
#[inline]
fn upper_char(c: char) -> char {
    match c {
        '\u{400}'..='\u{42f}' => c,
        '\u{430}'..='\u{44f}' => char::from_u32(c as u32 - 0x20).unwrap_or(c),
        '\u{450}'..='\u{45f}' => char::from_u32(c as u32 - 0x50).unwrap_or(c),
        _ => c.to_uppercase().next().unwrap_or(c),
    }
}

/// Computes the per-token facts of one token's text.
pub(crate) fn tok(word: &str) -> Tok {
    // Most words are ASCII: they skip the Unicode tables (same result, a property test checks).
    if word.is_ascii() {
        tok_of::<true>(word.bytes().map(char::from))
    } else {
        tok_of::<false>(word.chars())
    }
}

fn tok_of<const ASCII: bool>(chars: impl Iterator<Item = char>) -> Tok {
    let mut w = FNV_OFFSET;
    let mut l = FNV_OFFSET;
    let mut t = FNV_OFFSET;
    let mut shape = FNV_OFFSET;
    let mut sshape = FNV_OFFSET;
    let mut last_class = '\0';
    let mut pre = [0u64; 4];
    let mut ring = ['\0'; 4];
    let mut n = 0usize;
    let (mut letters, mut uppers, mut digits) = (0usize, 0usize, 0usize);
    let mut first_letter_upper = None;
    let mut hyphen = false;
    for c in chars {
        let c = norm_char(c);
        let folded = if c.is_ascii_digit() { '0' } else { c };
        w = fnv(w, folded);
        let lower = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            lower_char(c)
        };
        let lf = if lower.is_ascii_digit() { '0' } else { lower };
        l = fnv(l, lf);
        t = fnv(
            t,
            if n > 0 {
                lf
            } else if c.is_ascii() {
                c.to_ascii_uppercase()
            } else {
                upper_char(c)
            },
        );
        let class = shape_class::<ASCII>(c);
        if n < 12 {
            shape = fnv(shape, class);
        }
        if class != last_class {
            sshape = fnv(sshape, class);
            last_class = class;
        }
        if n < 4 {
            pre[n] = fnv(if n == 0 { FNV_OFFSET } else { pre[n - 1] }, lf);
        }
        ring[n % 4] = lf;
        n += 1;
        if is_alpha::<ASCII>(c) {
            letters += 1;
            if is_upper::<ASCII>(c) {
                uppers += 1;
            }
            if first_letter_upper.is_none() {
                first_letter_upper = Some(is_upper::<ASCII>(c));
            }
        } else if is_num::<ASCII>(c) {
            digits += 1;
        } else if c == '-' && n > 1 {
            hyphen = true;
        }
    }
    let mut suf = [0u64; 4];
    for (k, s) in suf.iter_mut().enumerate() {
        if k < n {
            let mut h = FNV_OFFSET ^ 0x5f;
            for j in (0..=k).rev() {
                h = fnv(h, ring[(n - 1 - j) % 4]);
            }
            *s = h;
        }
    }
    let cap = match first_letter_upper {
        None if digits > 0 => cap::NUM,
        None => cap::PUNCT,
        Some(true) if uppers == letters && letters == 1 => cap::ONE,
        Some(true) if uppers == letters => cap::ALL,
        Some(true) => cap::INIT,
        Some(false) if uppers > 0 => cap::MIXED,
        Some(false) => cap::LOWER,
    };
    Tok {
        w,
        l,
        t,
        shape,
        sshape,
        pre,
        suf,
        cap,
        len: n.min(255) as u8,
        hyphen: hyphen && letters > 0,
        cls: 0,
        lower_known: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Word clusters

/// Flag on a cluster path: the word is frequent in the labeled training text. Its cluster
/// features are left out, so that cluster weights are learned from rare training words, which
/// resemble the unseen words they must generalize to; frequent words are known by their own
/// features (with their clusters, a city's cluster outvoted "Barcelona" the football club).
pub(crate) const FREQUENT: u32 = 1 << 31;

/// Word → Brown-cluster path, keyed by [`cluster_key`]. Open addressing over a power-of-two
/// table built at load time from the model's sorted key list.
pub(crate) struct Clusters {
    slots: Vec<(u32, u32)>,
    mask: usize,
}

impl Clusters {
    /// Builds the lookup table from `(key, path)` pairs with distinct non-zero keys.
    pub(crate) fn new(pairs: &[(u32, u32)]) -> Clusters {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, 0u32); cap];
        let mask = cap - 1;
        for &(k, v) in pairs {
            let mut i = mix(k as u64) as usize & mask;
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (k, v);
        }
        Clusters { slots, mask }
    }

    /// The path of `key`, or 0.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> u32 {
        let mut i = mix(key as u64) as usize & self.mask;
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return v;
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The cluster of a token: its own form, else (for capitalized words) its Title-case form,
    /// else its lower-case form. Words marked [`FREQUENT`] get the root path `1`: their
    /// clusters are left out, see [`FREQUENT`]. Also whether the lower-case form has a
    /// cluster. (A lower-case word's own form is its lower-case form: looked up once.)
    #[inline]
    fn lookup(&self, t: &Tok) -> (u32, bool) {
        let own = self.get(fold32(t.w));
        let lower = if t.l == t.w {
            own
        } else {
            self.get(fold32(t.l))
        };
        let mut c = own;
        if c == 0 && t.cap == cap::ALL {
            c = self.get(fold32(t.t));
        }
        if c == 0 {
            c = lower;
        }
        (if c & FREQUENT != 0 { 1 } else { c }, lower != 0)
    }
}

/// Lower-case words that may stand inside a person's name ("Ludwig van Beethoven").
const NAME_PARTICLES: [&str; 20] = [
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "bin", "al",
    "el", "ibn", "y", "dos", "das", "ter",
];

const NAME_PARTICLE_HASHES: [u64; 20] = {
    let mut out = [0u64; 20];
    let mut i = 0;
    while i < 20 {
        out[i] = ascii_hash(NAME_PARTICLES[i]);
        i += 1;
    }
    out
};

impl Tok {
    /// True for a lower-case word that cannot be part of a person's name: decoding never puts
    /// it inside a PER span ("Abdullah met Biden" is two names, whatever the suffix "-met" of
    /// Turkish names suggests).
    pub(crate) fn never_person(&self) -> bool {
        self.cap == cap::LOWER && self.len >= 2 && !NAME_PARTICLE_HASHES.contains(&self.l)
    }
}

/// The first `bits` bits of a cluster path (with its leading 1), or the whole path when shorter.
#[inline]
fn cls_prefix(path: u32, bits: u32) -> u64 {
    if path == 0 {
        return 0;
    }
    let len = 31 - path.leading_zeros();
    if len <= bits {
        path as u64
    } else {
        (path >> (len - bits)) as u64
    }
}

// ---------------------------------------------------------------------------------------------
// Documents

/// Sentence modes.
pub(crate) mod mode {
    /// Ordinary running text.
    pub const TEXT: u8 = 0;
    /// A line in capitals ("SOCCER - JAPAN GET LUCKY WIN").
    pub const CAPS: u8 = 1;
    /// A line in Title Case ("Putin Meets Xi In Beijing").
    pub const TITLE: u8 = 2;
}

/// [`Doc::word`] of a token without letters.
const NO_WORD: u32 = u32::MAX;

/// How a lower-cased word is written elsewhere in the document.
#[derive(Debug, Clone, Copy, Default)]
struct DocStat {
    /// Capitalized in running text, not first in its sentence.
    cap_mid: u16,
    /// Written in lower case.
    lower: u16,
    /// The first such mid-sentence capitalized form: its word hash and cluster.
    variant: u64,
    variant_cls: u32,
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Entity-type bits of the gazetteer marks: 4 bits (B, I, L, U) per type PER, LOC, ORG.
pub(crate) const GAZ_TYPES: usize = 3;

/// Longest alias, in tokens, tried against the dataset.
const MAX_ALIAS_TOKENS: usize = 8;

/// One document prepared for feature extraction.
pub(crate) struct Doc {
    pub toks: Vec<Tok>,
    /// Sentences as token ranges (clamped to the tokens, never empty).
    pub sentences: Vec<Range<usize>>,
    /// Mode of each sentence.
    pub modes: Vec<u8>,
    /// Share of number tokens in each sentence, in quarters (0–3): result tables and lists.
    pub numeric: Vec<u8>,
    /// The lower-cased first word of the document (a section word such as "SOCCER" in wire
    /// text), 0 when it is not a capitalized word.
    pub topic: u64,
    /// Position of each token in its sentence.
    pub pos: Vec<u32>,
    /// Gazetteer marks per token (see [`GAZ_TYPES`]); empty without a dataset.
    pub gaz: Vec<u16>,
    /// Each token's word: its index in `stats` (and in the first pass's votes), [`NO_WORD`]
    /// for a token without letters. Numbered once per document, so that the per-word tallies
    /// are read by index, not looked up by hash token after token.
    word: Vec<u32>,
    /// Per word, how it is written in the document's sentences.
    stats: Vec<DocStat>,
    /// Which tokens are [surely outside](Doc::surely_outside) a name.
    outside: Vec<bool>,
    /// Which tokens sit in a run of plain tokens (the first reason for [`Doc::surely_outside`]).
    in_plain_run: Vec<bool>,
}

impl Doc {
    /// How token `i`'s word is written in the document's sentences (`None` for a token without
    /// letters).
    fn stat(&self, i: usize) -> Option<&DocStat> {
        self.stats.get(self.word[i] as usize)
    }

    /// True for a token in a run of plain tokens (lower-case words, numbers, punctuation, and a
    /// closed-class word opening the sentence such as "The") that reaches two tokens either side
    /// of it within its sentence, as in "said on Monday that the talks , which". Such a token is
    /// O: on CoNLL-2003 train and test the trained model labels 12 of the 85,536 lower-case ones
    /// otherwise, lower-case phrases such as "interior ministry". The tagger skips its features
    /// and labels it O, which saves a third of the tagging work on news text with the same CoNLL
    /// scores. Name particles ("van der Sar") and lower-case words inside names ("Bank of the
    /// West") are within two tokens of a capital. So is, wherever it stands, a lower-case word
    /// of [`NEVER_IN_NAMES`] ("said", "was", "their"): 4% more of CoNLL-2003 test's tokens, with
    /// the same CoNLL-2003 and CoNLL++ test scores. So is a plain token whose neighbours either
    /// side are plain, as "on" in "the talks on 3 May", unless it is a name particle or stands
    /// next to an ampersand ("Amigo & amigo"): a name's lower-case words sit next to one of its
    /// capitals or particles. That skips another tenth of the tagging work, with the same
    /// CoNLL-2003 and CoNLL++ test scores (WikiANN test F1 0.426 against 0.425, and 2 of 10,964
    /// mentions changed on the benchmark's texts). Training's own features ignore this; the
    /// first-pass labels the second pass is trained on come through it.
    pub(crate) fn surely_outside(&self, i: usize) -> bool {
        self.outside.get(i).copied().unwrap_or(false)
    }

    /// True for a token whose window of two tokens either side holds no capital (see
    /// [`Doc::surely_outside`]).
    pub(crate) fn in_plain_run(&self, i: usize) -> bool {
        self.in_plain_run.get(i).copied().unwrap_or(false)
    }

    /// [`Doc::surely_outside`] for each token of `sent`, one of the document's sentences.
    pub(crate) fn outside(&self, sent: &Range<usize>) -> &[bool] {
        self.outside.get(sent.clone()).unwrap_or(&[])
    }
}

/// Closed-class words that begin sentences in capitals ("The", "In", "But"): at the start of a
/// sentence they count as plain words for [`Doc::surely_outside`].
const OPENING_WORDS: [&str; 40] = [
    "the", "an", "in", "on", "at", "for", "but", "and", "or", "as", "if", "when", "while", "after",
    "before", "this", "that", "these", "those", "it", "he", "she", "they", "we", "you", "his",
    "her", "their", "its", "our", "there", "here", "however", "so", "yet", "also", "then", "by",
    "from", "with",
];

/// Lower-case words that are never part of a name, separated by spaces: auxiliary and modal
/// verbs, pronouns, verbs of saying and other common verbs of news text, conjunctions and
/// adverbs. Name particles and the prepositions of titles and organizations ("of", "the",
/// "for", "to" as in "Committee to Protect Journalists", "with", "van", "de") are not here, nor
/// English words that are particles of other languages' names ("am" in "Braunau am Inn", "do"
/// in "Rio Grande do Sul").
const NEVER_IN_NAMES: &str =
    "is are was were be been being has have had having does did will would could should can \
     might must not n't he she it they we him her them us his its their our who whom whose \
     which that this these those there said says say told tells added according asked \
     announced reported stated noted explained claimed denied confirmed warned urged wrote \
     made make makes took take takes gave give got get went came come saw expected won lost \
     beat played scored met held led killed arrested but because although though while when \
     where whether if also only just still already even however then than now later earlier \
     yesterday ago so very too again both either percent million billion";

/// "&", which joins names ("Procter & Gamble").
const AMP: u64 = ascii_hash("&");

/// [`Doc::surely_outside`] and [`Doc::in_plain_run`] for every token.
fn surely_outside(toks: &[Tok], sentences: &[Range<usize>]) -> (Vec<bool>, Vec<bool>) {
    static OPENING: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let opening = OPENING.get_or_init(|| OPENING_WORDS.iter().map(|w| tok(w).l).collect());
    static NEVER: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let never = NEVER.get_or_init(|| {
        let mut v: Vec<u64> = NEVER_IN_NAMES
            .split_whitespace()
            .map(|w| tok(w).l)
            .collect();
        v.sort_unstable();
        v
    });
    let mut plain = vec![false; toks.len()];
    let mut run = vec![false; toks.len()];
    let mut outside = vec![false; toks.len()];
    for sent in sentences {
        let mut first = true; // no word yet in the sentence
        for i in sent.clone() {
            let t = &toks[i];
            plain[i] = matches!(t.cap, cap::LOWER | cap::NUM | cap::PUNCT)
                || (first && t.cap == cap::INIT && opening.contains(&t.l));
            first &= t.cap == cap::PUNCT;
        }
        for i in sent.clone() {
            run[i] = plain[i.saturating_sub(2).max(sent.start)..(i + 3).min(sent.end)]
                .iter()
                .all(|&p| p);
            let window = i.saturating_sub(1).max(sent.start)..(i + 2).min(sent.end);
            let near = plain[window.clone()].iter().all(|&p| p)
                && toks[window].iter().all(|t| t.l != AMP)
                && !NAME_PARTICLE_HASHES.contains(&toks[i].l);
            outside[i] = run[i]
                || near
                || (toks[i].cap == cap::LOWER && never.binary_search(&toks[i].l).is_ok());
        }
    }
    (outside, run)
}

/// Sentence mode from the capitalization of its words.
fn sentence_mode(toks: &[Tok]) -> u8 {
    let (mut words, mut all, mut caps) = (0, 0, 0);
    let mut lower_content_word = false;
    for t in toks {
        if !t.is_alpha() {
            continue;
        }
        if t.len >= 2 {
            words += 1;
            if t.cap == cap::ALL {
                all += 1;
            }
        }
        if t.len >= 4 && t.capitalized() {
            caps += 1;
        }
        if !t.capitalized() && t.len >= 2 && !TITLE_LOWER.contains(&t.l) {
            lower_content_word = true;
        }
    }
    if words >= 2 && all * 10 >= words * 8 {
        mode::CAPS
    } else if caps >= 3 && !lower_content_word {
        mode::TITLE
    } else {
        mode::TEXT
    }
}

/// FNV-1a of an ASCII word, as [`tok`] hashes a lower-case word.
const fn ascii_hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < b.len() {
        h = (h ^ b[i] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// Words a Title Case headline leaves in lower case ("Putin Meets Xi in Beijing as …").
pub(crate) const TITLE_LOWER_WORDS: [&str; 20] = [
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "as", "by", "with",
    "from", "vs", "'s", "into", "over",
];

const TITLE_LOWER: [u64; 20] = {
    let mut out = [0u64; 20];
    let mut i = 0;
    while i < 20 {
        out[i] = ascii_hash(TITLE_LOWER_WORDS[i]);
        i += 1;
    }
    out
};

impl Doc {
    /// Prepares a document. `sentences` may be anything: ranges are clamped and empty ones dropped.
    pub(crate) fn new(
        text: &str,
        tokens: &[Token],
        sentences: &[Range<usize>],
        clusters: &Clusters,
        dataset: Option<&Dataset>,
    ) -> Doc {
        let mut toks: Vec<Tok> = tokens
            .iter()
            .map(|t| tok(text.get(t.start..t.end).unwrap_or("")))
            .collect();
        for t in toks.iter_mut() {
            (t.cls, t.lower_known) = clusters.lookup(t);
        }
        let n = toks.len();
        let mut sents = Vec::with_capacity(sentences.len());
        let mut last_end = 0;
        for s in sentences {
            let start = s.start.max(last_end).min(n);
            let end = s.end.min(n);
            if start < end {
                sents.push(start..end);
                last_end = end;
            }
        }
        let modes: Vec<u8> = sents
            .iter()
            .map(|s| sentence_mode(&toks[s.clone()]))
            .collect();
        let numeric: Vec<u8> = sents
            .iter()
            .map(|s| {
                let nums = toks[s.clone()].iter().filter(|t| t.cap == cap::NUM).count();
                (nums * 4 / s.len().max(1)).min(3) as u8
            })
            .collect();
        let topic = sents
            .first()
            .map(|s| &toks[s.start])
            .filter(|t| t.capitalized())
            .map_or(0, |t| t.l);
        let mut pos = vec![0u32; n];
        for s in &sents {
            for (k, i) in s.clone().enumerate() {
                pos[i] = k as u32;
            }
        }
        // Words are their lower-cased hashes, numbered in order of first appearance.
        let mut numbers: IdMap<u32> = IdMap::default();
        let word: Vec<u32> = toks
            .iter()
            .map(|t| {
                if !t.is_alpha() {
                    return NO_WORD;
                }
                let next = numbers.len() as u32;
                *numbers.entry(t.l).or_insert(next)
            })
            .collect();
        let mut stats = vec![DocStat::default(); numbers.len()];
        for (s, &m) in sents.iter().zip(&modes) {
            for i in s.clone() {
                let t = &toks[i];
                if !t.is_alpha() {
                    continue;
                }
                let st = &mut stats[word[i] as usize];
                if t.cap == cap::LOWER {
                    st.lower = st.lower.saturating_add(1);
                } else if is_cap_mid(&toks, s, m, i) {
                    if st.cap_mid == 0 {
                        st.variant = t.w;
                        st.variant_cls = t.cls;
                    }
                    st.cap_mid = st.cap_mid.saturating_add(1);
                }
            }
        }
        let gaz = match dataset {
            Some(ds) => gazetteer_marks(text, tokens, &toks, &sents, ds),
            None => Vec::new(),
        };
        let (outside, in_plain_run) = surely_outside(&toks, &sents);
        Doc {
            toks,
            sentences: sents,
            modes,
            numeric,
            topic,
            pos,
            gaz,
            word,
            stats,
            outside,
            in_plain_run,
        }
    }
}

/// True when token `i` is capitalized in running text where a capital letter means something:
/// not first in its sentence nor after a quote, colon, dash or bracket.
fn is_cap_mid(toks: &[Tok], s: &Range<usize>, m: u8, i: usize) -> bool {
    m == mode::TEXT && i > s.start && toks[i].cap == cap::INIT && toks[i - 1].cap != cap::PUNCT
}

/// Lower-case words found inside aliases ("Bank of England", "Trinidad and Tobago").
const ALIAS_CONNECTORS: [&str; 16] = [
    "of", "the", "and", "de", "da", "del", "la", "le", "du", "van", "von", "der", "bin", "al",
    "on", "for",
];

const ALIAS_CONNECTOR_HASHES: [u64; 16] = {
    let mut out = [0u64; 16];
    let mut i = 0;
    while i < 16 {
        out[i] = ascii_hash(ALIAS_CONNECTORS[i]);
        i += 1;
    }
    out
};

/// Whether an alias may go on with this token: a capitalized word, a number, a connector or a
/// comma or ampersand; not a lower-case word or other punctuation. Saves most prefix lookups.
fn may_continue_alias(t: &Tok) -> bool {
    match t.cap {
        cap::LOWER | cap::MIXED => ALIAS_CONNECTOR_HASHES.contains(&t.l),
        cap::PUNCT => t.w == ascii_hash(",") || t.w == ascii_hash("&") || t.w == ascii_hash("-"),
        _ => true,
    }
}

/// [`alias_key`] of one token, as [`AliasCursor::follow`](crate::dataset::AliasCursor::follow)
/// reads it (ASCII lower-cased as it goes): a plain ASCII word (the common case) is its own
/// bytes, with nothing to allocate.
fn token_key(word: &str) -> Cow<'_, [u8]> {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Cow::Borrowed(word.as_bytes());
    }
    Cow::Owned(alias_key(word).into_bytes())
}

/// Marks, for each token, where it lies in a dataset alias of each type (B, I, L or U).
/// Matches start only at tokens that begin with an upper-case letter or a digit; from there an
/// alias key grows a token at a time, following the alias map from where the last token left
/// it.
fn gazetteer_marks(
    text: &str,
    tokens: &[Token],
    toks: &[Tok],
    sentences: &[Range<usize>],
    ds: &Dataset,
) -> Vec<u16> {
    let mut marks = vec![0u16; tokens.len()];
    let mut keys: Vec<Option<Cow<[u8]>>> = vec![None; tokens.len()];
    for s in sentences {
        for i in s.clone() {
            if !(toks[i].capitalized() || toks[i].cap == cap::NUM) {
                continue;
            }
            let mut cursor = ds.alias_cursor();
            let mut spelled = false;
            let last = s.end.min(i + MAX_ALIAS_TOKENS);
            for j in i..last {
                let k = keys[j].get_or_insert_with(|| token_key(tokens[j].text(text)));
                if spelled && !k.is_empty() && !cursor.follow(b" ") {
                    break;
                }
                if !cursor.follow(k) {
                    break;
                }
                spelled |= !k.is_empty();
                if !spelled {
                    break;
                }
                let types = cursor.kinds(ds);
                for ty in 0..GAZ_TYPES {
                    if types & (1 << ty) == 0 {
                        continue;
                    }
                    let base = ty * 4;
                    if j == i {
                        marks[i] |= 1 << (base + 3);
                    } else {
                        marks[i] |= 1 << base;
                        for m in &mut marks[i + 1..j] {
                            *m |= 1 << (base + 1);
                        }
                        marks[j] |= 1 << (base + 2);
                    }
                }
                if j + 1 == last || !may_continue_alias(&toks[j + 1]) || !cursor.can_follow(b' ') {
                    break;
                }
            }
        }
    }
    marks
}

// ---------------------------------------------------------------------------------------------
// Second-pass information

/// What the first pass said about a document, for the second pass's non-local features.
pub(crate) struct FirstPass {
    /// First-pass label of each token.
    pub labels: Vec<u8>,
    /// Per word ([`Doc::word`]): how often the first pass gave it each entity type (PER, LOC,
    /// ORG, MISC) or none, summed over the document's words of two letters or more.
    votes: Vec<[u16; 5]>,
}

impl FirstPass {
    /// Aggregates first-pass labels over the document.
    pub(crate) fn new(doc: &Doc, labels: Vec<u8>) -> FirstPass {
        let mut votes = vec![[0u16; 5]; doc.stats.len()];
        for ((t, &w), &y) in doc.toks.iter().zip(&doc.word).zip(&labels) {
            if !t.is_alpha() || t.len < 2 {
                continue;
            }
            let v = &mut votes[w as usize];
            let k = super::labels::kind_of(y).map_or(4, |k| k as usize);
            v[k] = v[k].saturating_add(1);
        }
        FirstPass { labels, votes }
    }
}

// ---------------------------------------------------------------------------------------------
// Feature templates

const BOS: u64 = 0x1111_2222_3333_4444;
const EOS: u64 = 0x5555_6666_7777_8888;

/// Appends the feature hashes of token `i` of sentence `s` (an index into `doc.sentences`).
/// Gazetteer features go to `gaz_out` so that training can drop them for some documents.
pub(crate) fn token_features(
    doc: &Doc,
    s: usize,
    i: usize,
    out: &mut Vec<u64>,
    gaz_out: &mut Vec<u64>,
) {
    let sent = doc.sentences[s].clone();
    let m = doc.modes[s] as u64;
    let toks = &doc.toks;
    let t = &toks[i];
    let at = |d: isize| -> Option<&Tok> {
        let j = i as isize + d;
        if j < sent.start as isize || j >= sent.end as isize {
            None
        } else {
            Some(&toks[j as usize])
        }
    };
    let lw = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |t| t.l);
    let sh = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |t| t.sshape);
    let capc = t.cap as u64;
    let pos = doc.pos[i].min(2) as u64;

    out.push(feat(1, 0));
    out.push(feat(2, t.w));
    out.push(feat(3, t.l));
    out.push(feat(4, lw(-1)));
    out.push(feat(5, lw(1)));
    out.push(feat(6, lw(-2)));
    out.push(feat(7, lw(2)));
    out.push(feat(8, pair(lw(-1), t.l)));
    out.push(feat(9, pair(t.l, lw(1))));
    for k in 0..4 {
        if t.pre[k] != 0 && (k as u8) < t.len {
            out.push(feat(10 + k as u64, t.pre[k]));
        }
        if t.suf[k] != 0 {
            out.push(feat(14 + k as u64, t.suf[k]));
        }
    }
    out.push(feat(18, t.shape));
    out.push(feat(19, sh(-1)));
    out.push(feat(20, sh(1)));
    out.push(feat(21, pair(sh(-1), t.sshape)));
    out.push(feat(22, pair(t.sshape, sh(1))));
    out.push(feat(23, pair(pair(sh(-1), t.sshape), sh(1))));
    out.push(feat(24, sh(-2)));
    out.push(feat(25, sh(2)));
    out.push(feat(26, pos | capc << 4 | m << 8));
    out.push(feat(27, pair(m, t.sshape)));
    if let Some(p) = at(-1) {
        // The previous word with its case: "Mr." vs "mr", "AT" in a headline.
        out.push(feat(28, p.w));
    }
    if let Some(nx) = at(1) {
        out.push(feat(29, nx.w));
    }
    out.push(feat(
        30,
        t.len.min(12) as u64 | capc << 8 | (t.hyphen as u64) << 12,
    ));
    if t.capitalized() {
        out.push(feat(
            64,
            t.lower_known as u64 | capc << 4 | m << 8 | pos << 12,
        ));
    }
    // Tables of results and the document's section word, with the word's cluster: a city in a
    // line of scores is a team.
    let num = doc.numeric[s] as u64;
    out.push(feat(37, cls_prefix(t.cls, 6) | num << 40 | capc << 44));
    if doc.topic != 0 {
        out.push(feat(38, pair(doc.topic, cls_prefix(t.cls, 4) | capc << 40)));
        out.push(feat(39, pair(doc.topic, t.l)));
    }
    // Word clusters.
    let mut cls = if t.cap == cap::ALL {
        doc.stat(i)
            .filter(|s| s.variant_cls != 0)
            .map_or(t.cls, |s| s.variant_cls)
    } else {
        t.cls
    };
    if t.capitalized() && cls != 0 {
        // A capitalized word's own cluster is left out: with clusters learned from a few
        // million words of mixed text, cities, clubs and companies share clusters, and the
        // cluster outvoted the word's own features (a city name in a table of football scores
        // is a club). Clusters still describe lower-case words and the context window.
        cls = 1;
    }
    if cls == 0 {
        out.push(feat(31, capc | m << 8));
    } else {
        for (k, bits) in [4u32, 6, 10, 20].into_iter().enumerate() {
            out.push(feat(32 + k as u64, cls_prefix(cls, bits)));
        }
        out.push(feat(36, pair(cls_prefix(cls, 6), capc)));
    }
    for (d, tpl) in [(-1isize, 40u64), (1, 44), (-2, 48), (2, 52)] {
        let c = at(d).map_or(if d < 0 { 1 } else { 2 }, |t| t.cls);
        let widths: &[u32] = if d.abs() == 1 { &[4, 6, 10] } else { &[4, 6] };
        for (k, &bits) in widths.iter().enumerate() {
            out.push(feat(tpl + k as u64, cls_prefix(c, bits)));
        }
    }
    // Non-local: how this word is written elsewhere in the document.
    if t.is_alpha() {
        let st = doc.stat(i).copied().unwrap_or_default();
        let mid = st
            .cap_mid
            .saturating_sub(is_cap_mid(toks, &sent, doc.modes[s], i) as u16)
            .min(2) as u64;
        let low = st.lower.saturating_sub((t.cap == cap::LOWER) as u16).min(2) as u64;
        out.push(feat(56, capc | m << 4 | pos << 8 | mid << 12 | low << 16));
        out.push(feat(57, capc | mid << 12 | low << 16));
        if t.cap == cap::ALL && st.variant != 0 {
            out.push(feat(58, st.variant));
        }
    }
    // Gazetteer.
    if !doc.gaz.is_empty() {
        let g = doc.gaz[i];
        let capital = t.capitalized() as u64;
        for b in 0..(GAZ_TYPES * 4) as u64 {
            if g & (1 << b) != 0 {
                gaz_out.push(feat(60, b | capital << 8));
                gaz_out.push(feat(61, b | capc << 8 | m << 12));
            }
        }
        let types = |d: isize| -> u64 {
            let j = i as isize + d;
            if j < sent.start as isize || j >= sent.end as isize {
                return 0x100;
            }
            let g = doc.gaz[j as usize];
            (0..GAZ_TYPES).fold(0, |acc, ty| {
                acc | (((g >> (ty * 4)) & 0xf != 0) as u64) << ty
            })
        };
        gaz_out.push(feat(62, types(-1) | types(0) << 12));
        gaz_out.push(feat(63, types(1) | types(0) << 12));
    }
}

/// The first pass's verdicts on the other occurrences of token `i`'s word in the document:
/// counts per kind (PER, LOC, ORG, MISC, none), or `None` when the token is not capitalized or
/// its word occurs nowhere else.
fn votes_elsewhere(doc: &Doc, fp: &FirstPass, i: usize) -> Option<[u16; 5]> {
    let t = &doc.toks[i];
    if !t.capitalized() || t.len < 2 {
        return None;
    }
    // The token's own occurrence is among its word's votes.
    let mut v = *fp.votes.get(doc.word[i] as usize)?;
    let own = super::labels::kind_of(fp.labels[i]).map_or(4, |k| k as usize);
    v[own] = v[own].saturating_sub(1);
    // Evidence needs another occurrence, and an entity here or there: a sentence-initial "The"
    // seen elsewhere says nothing.
    if v.iter().all(|&n| n == 0) || (own == 4 && v[..4].iter().all(|&n| n == 0)) {
        None
    } else {
        Some(v)
    }
}

/// The kind most often given elsewhere (4: none), ties to the lower kind.
fn majority(v: &[u16; 5]) -> u64 {
    (0..5).max_by_key(|&k| (v[k], 5 - k)).unwrap_or(4) as u64
}

/// Appends the second pass's own features of token `i` of sentence `s`: the first pass's labels
/// here and next door, and how the first pass tagged the same capitalized word elsewhere in
/// the document (and the words next to it). Returns whether there was any such evidence from
/// elsewhere: sentences without any keep their first-pass labels.
pub(crate) fn doc_features(
    doc: &Doc,
    s: usize,
    i: usize,
    fp: &FirstPass,
    out: &mut Vec<u64>,
) -> bool {
    let sent = doc.sentences[s].clone();
    let t = &doc.toks[i];
    let capc = t.cap as u64;
    let m = doc.modes[s] as u64;
    let own = fp.labels[i] as u64;
    let initial = (i == sent.start) as u64;
    let prev = if i > sent.start {
        fp.labels[i - 1] as u64
    } else {
        99
    };
    let next = if i + 1 < sent.end {
        fp.labels[i + 1] as u64
    } else {
        99
    };
    out.push(feat(70, own | capc << 8));
    out.push(feat(71, own | prev << 8));
    out.push(feat(72, own | next << 8));
    let mut evidence = false;
    if let Some(v) = votes_elsewhere(doc, fp, i) {
        evidence = true;
        let total: u32 = v.iter().map(|&x| x as u32).sum();
        for (k, &n) in v.iter().enumerate().take(4) {
            if n > 0 {
                let frac = (n as u32 * 4 / total).min(3) as u64;
                out.push(feat(73, k as u64 | frac << 4 | capc << 8));
            }
        }
        let best = majority(&v);
        out.push(feat(74, best | capc << 8 | m << 12));
        out.push(feat(75, best | own << 8));
        out.push(feat(76, best | own << 8 | initial << 16 | capc << 20));
    }
    for (d, tpl) in [(-1isize, 78u64), (1, 79)] {
        let j = i as isize + d;
        if j >= sent.start as isize && j < sent.end as isize {
            if let Some(v) = votes_elsewhere(doc, fp, j as usize) {
                evidence = true;
                out.push(feat(tpl, majority(&v) | own << 8 | capc << 16));
            }
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_words_tallies_and_votes_gather_its_occurrences_in_any_case() {
        let text = "Reports said Paris won . PARIS LEADS . The paris agreement held . Paris rose .";
        let tokens = crate::tokenize::tokenize(text);
        let sents = crate::tokenize::sentences(text, &tokens);
        let doc = Doc::new(text, &tokens, &sents, &Clusters::new(&[]), None);
        let at = |w: &str, n: usize| {
            (0..tokens.len())
                .filter(|&i| tokens[i].text(text) == w)
                .nth(n)
                .unwrap()
        };
        let paris = [
            at("Paris", 0),
            at("PARIS", 0),
            at("paris", 0),
            at("Paris", 1),
        ];
        assert!(paris.iter().all(|&i| doc.word[i] == doc.word[paris[0]]));
        assert_ne!(doc.word[at("said", 0)], doc.word[paris[0]]);
        assert_eq!(doc.word[at(".", 0)], NO_WORD);
        assert!(doc.stat(at(".", 0)).is_none());
        // Mid-sentence capitals ("said Paris") and lower-case uses, over the whole document.
        let st = doc.stat(paris[3]).unwrap();
        assert_eq!((st.cap_mid, st.lower), (1, 1));
        // First-pass votes: each occurrence once, whatever its case; its own is taken off.
        let mut labels = vec![0u8; tokens.len()];
        labels[paris[0]] = 8; // U-LOC
        labels[paris[1]] = 8;
        let fp = FirstPass::new(&doc, labels);
        assert_eq!(votes_elsewhere(&doc, &fp, paris[3]), Some([0, 2, 0, 0, 1]));
        assert_eq!(votes_elsewhere(&doc, &fp, paris[0]), Some([0, 1, 0, 0, 2]));
    }

    #[test]
    fn only_plain_tokens_between_plain_neighbours_are_surely_outside_names() {
        let outside = |text: &str| -> Vec<String> {
            let tokens = crate::tokenize::tokenize(text);
            let sents = crate::tokenize::sentences(text, &tokens);
            assert_eq!((sents.len(), sents[0].len()), (1, tokens.len()));
            let doc = Doc::new(text, &tokens, &sents, &Clusters::new(&[]), None);
            (0..tokens.len())
                .filter(|&i| doc.surely_outside(i))
                .map(|i| text[tokens[i].start..tokens[i].end].to_string())
                .collect()
        };
        // Particles and the words of "Bank of the West" stay in play next to a capital.
        let text = "the talks on 3 May , said van der Sar of the Bank of the West in a note";
        assert_eq!(outside(text), ["the", "talks", "on", "said", "a", "note"]);
        // An opening "The" counts as a plain word; an opening name does not.
        let text = "The talks , said the minister on Monday , went well";
        assert_eq!(
            outside(text),
            ["The", "talks", ",", "said", "the", "minister", "went", "well"]
        );
        // A word next to an ampersand may end a name ("Amigo & amigo").
        assert_eq!(
            outside("Amigo & amigo ( an art show ) opened today"),
            ["(", "an", "art", "show", ")", "opened", "today"]
        );
        // Words never in a name are outside next to one too; other languages' particles not.
        assert_eq!(
            outside("Bush said on the radio that"),
            ["said", "on", "the", "radio", "that"]
        );
        assert_eq!(
            outside("Merkel was in Frankfurt am Main and Rio Grande do Sul"),
            ["was"]
        );
    }

    #[test]
    fn one_pass_word_hash_matches_cluster_key() {
        for w in ["Japan", "JAPAN", "don’t", "1996-08-22", "Zürich", "a", ""] {
            assert_eq!(fold32(tok(w).w), cluster_key(w), "{w}");
        }
        assert_eq!(tok("don’t").w, tok("don't").w);
        assert_eq!(tok("JAPAN").t, tok("Japan").w);
        assert_eq!(tok("Japan").l, tok("japan").w);
    }

    #[test]
    fn fast_token_keys_match_alias_keys() {
        for w in [
            "Putin",
            "U.S.",
            "the",
            "The",
            "AT&T",
            "O'Brien",
            "Zürich",
            "1996",
            "’s",
            ",",
            "Russian-flagged",
            "ABC123",
        ] {
            assert_eq!(
                token_key(w).to_ascii_lowercase(),
                alias_key(w).as_bytes(),
                "{w}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_get_the_same_facts_either_way(word in "[ -~]{0,16}") {
            let fast = tok_of::<true>(word.bytes().map(char::from));
            let general = tok_of::<false>(word.chars());
            proptest::prop_assert_eq!(format!("{fast:?}"), format!("{general:?}"));
        }
    }

    #[test]
    fn cyrillic_letters_get_the_unicode_tables_answers() {
        for c in (0x3f0..0x470).filter_map(char::from_u32) {
            assert_eq!(is_upper::<false>(c), c.is_uppercase(), "{c}");
            assert_eq!(is_alpha::<false>(c), c.is_alphabetic(), "{c}");
            assert_eq!(is_num::<false>(c), c.is_numeric(), "{c}");
            assert_eq!(Some(lower_char(c)), c.to_lowercase().next(), "{c}");
            assert_eq!(Some(upper_char(c)), c.to_uppercase().next(), "{c}");
        }
        assert_eq!(tok("Москва").cap, cap::INIT);
        assert_eq!(tok("Москва").l, tok("москва").l);
        assert_eq!(tok("МОСКВА").t, tok("Москва").w);
    }

    #[test]
    fn sentence_modes() {
        let mode_of = |s: &str| sentence_mode(&s.split(' ').map(tok).collect::<Vec<_>>());
        assert_eq!(mode_of("SOCCER - JAPAN GET LUCKY WIN"), mode::CAPS);
        assert_eq!(
            mode_of("Putin Meets Xi in Beijing as Trade War Looms"),
            mode::TITLE
        );
        assert_eq!(mode_of("Jordan 's King Abdullah met Biden ."), mode::TEXT);
        assert_eq!(mode_of("Peter Blackburn"), mode::TEXT);
        assert_eq!(ascii_hash("the"), tok("The").l);
    }

    #[test]
    fn capitalization_classes() {
        let cases = [
            ("the", cap::LOWER),
            ("Putin", cap::INIT),
            ("FBI", cap::ALL),
            ("U.S.", cap::ALL),
            ("J.", cap::ONE),
            ("iPhone", cap::MIXED),
            ("1996", cap::NUM),
            (",", cap::PUNCT),
            ("’s", cap::LOWER),
        ];
        for (w, c) in cases {
            assert_eq!(tok(w).cap, c, "{w}");
        }
    }

    #[test]
    fn prefixes_and_suffixes_are_lower_case() {
        let a = tok("Washington");
        let b = tok("washingtonian");
        assert_eq!(a.pre, b.pre);
        assert_eq!(tok("Lavrov").suf[2], tok("prov").suf[2]);
        assert_ne!(tok("Lavrov").suf[3], tok("prov").suf[3]);
    }

    #[test]
    fn cluster_prefixes_keep_the_leading_bit() {
        assert_eq!(cls_prefix(0b1_0110, 2), 0b1_01);
        assert_eq!(cls_prefix(0b1_0110, 10), 0b1_0110);
        assert_eq!(cls_prefix(0, 4), 0);
    }
}
