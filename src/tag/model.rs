//! The trained model: reading, writing and running it.

use super::features::{doc_features, token_features, Clusters, Doc, FirstPass};
use super::labels::{viterbi, Constraints, N};
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"GLOSSTG\0";
/// The model format version this build writes (it also reads version 1, whose weight tables
/// are stored whole).
pub(crate) const FORMAT_VERSION: u32 = 2;
const HEADER_LEN: usize = 32;
/// Smallest and largest weight-table sizes accepted, as bits of the row count.
const MIN_BITS: u8 = 8;
const MAX_BITS: u8 = 24;
/// Most features summed per token (far above what the templates produce), so that 16-bit
/// sums of 8-bit weights cannot overflow: 200 × 127 < 32767.
const MAX_FEATURES: usize = 200;
/// Score taken from forbidden labels: far beyond any sum of weights, far inside i32.
const FORBIDDEN: i32 = 1 << 24;
// `accumulate` sums 16 labels in i16 lanes and the 17th apart.
const _: () = assert!(N == 17);

/// The first pass: a hashed weight table and label transitions, in one integer unit.
pub(crate) struct Stage {
    /// `N` transition scores per previous label (`trans[p * N + y]`).
    pub trans: Vec<i32>,
    /// Scores of each label first in a sentence.
    pub start: Vec<i32>,
    /// Scores of each label last in a sentence.
    pub end: Vec<i32>,
    /// `2^bits` rows of `N` weights.
    pub weights: Vec<i8>,
}

/// A trained tagger model.
///
/// Tagging runs up to two passes, each with its own weights. The first scores every token from
/// its own features and decodes each sentence. The second adds document-level features (the
/// first pass's labels around the token, and how it tagged the same capitalized word elsewhere
/// in the document) and decodes again the sentences where such a word occurs; the others keep
/// their first-pass labels.
///
/// # File layout (format version 2)
///
/// All integers are little-endian.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `GLOSSTG\0` |
/// | 8 | 4 | format version (`2`) |
/// | 12 | 4 | CRC-32 of every byte after the 32-byte header |
/// | 16 | 4 | length of the file after the header |
/// | 20 | 1 | `bits`: the first pass's weight table has `2^bits` rows |
/// | 21 | 1 | label count (17: O, then B/I/L/U for PER, LOC, ORG, MISC) |
/// | 22 | 1 | pass count: 1, or 2 with the second pass |
/// | 23 | 1 | flags: bit 0 set when trained with gazetteer features |
/// | 24 | 4 | cluster count `c` |
/// | 28 | 4 | weight unit as an `f32` (the float value of one integer step; informative) |
///
/// Then `c` cluster keys (`u32`, strictly increasing, non-zero; see `features::cluster_key`),
/// `c` cluster paths (`u32`: the Brown-cluster bit string below a leading 1 bit; bit 31 marks a
/// word frequent in the training text, whose cluster is not used), then per pass: `17 × 17`
/// transition scores `i32`, 17 start scores `i32`, 17 end scores `i32`, and the `2^bits × 17`
/// weights `i8` (a feature's row is the top `bits` bits of its 64-bit hash). Most rows and most
/// weights are zero, so the table is stored sparse: a bitmap of the rows with a non-zero weight
/// (`2^bits / 8` bytes, row `r` at bit `r % 8` of byte `r / 8`), then for each such row a 3-byte
/// mask of its non-zero labels (bit `y`, little-endian) and those weights in label order. This
/// keeps the file a quarter of the table's size, which is what the extension fetches on a cold
/// start. (Version 1 stored the table whole, row by row.)
#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
pub(crate) struct Model {
    pub bits: u8,
    pub gazetteer: bool,
    pub unit: f32,
    pub cluster_pairs: Vec<(u32, u32)>,
    pub clusters: Clusters,
    pub stage: Stage,
    /// The second pass, if any.
    pub stage2: Option<Stage>,
    cons: Constraints,
}

fn err(msg: impl Into<String>) -> Error {
    Error::ModelFormat(msg.into())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| err(format!("file ends inside the {what}")))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32s(&mut self, n: usize, what: &str) -> Result<Vec<u32>> {
        let len = n
            .checked_mul(4)
            .ok_or_else(|| err(format!("{what} too large")))?;
        Ok(self
            .take(len, what)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn i32s(&mut self, n: usize, what: &str) -> Result<Vec<i32>> {
        Ok(self.u32s(n, what)?.into_iter().map(|v| v as i32).collect())
    }
}

/// Reads a sparse weight table of `rows` rows (see [`Model`]). Visits only the rows and labels
/// that are set: the table is read on every cold start of the extension's worker.
fn read_sparse(r: &mut Reader, rows: usize) -> Result<Vec<i8>> {
    let bitmap = r.take(rows.div_ceil(8), "weight row bitmap")?;
    let mut weights = vec![0i8; rows * N];
    for (byte_at, &byte) in bitmap.iter().enumerate() {
        let mut set = byte;
        while set != 0 {
            let row = byte_at * 8 + set.trailing_zeros() as usize;
            set &= set - 1;
            let out = weights
                .get_mut(row * N..(row + 1) * N)
                .ok_or_else(|| err(format!("weight row {row} past the table")))?;
            let m = r.take(3, "weight row mask")?;
            let mut mask = u32::from_le_bytes([m[0], m[1], m[2], 0]);
            if mask == 0 || mask >> N != 0 {
                return Err(err(format!("weight row {row} has an invalid label mask")));
            }
            for &value in r.take(mask.count_ones() as usize, "weight row")? {
                out[mask.trailing_zeros() as usize] = value as i8;
                mask &= mask - 1;
            }
        }
    }
    Ok(weights)
}

/// Writes `weights` (rows of `N`) as a sparse table (see [`Model`]).
fn write_sparse(body: &mut Vec<u8>, weights: &[i8]) {
    let rows = weights.len() / N;
    let mut bitmap = vec![0u8; rows.div_ceil(8)];
    let mut packed = Vec::new();
    for (row, w) in weights.chunks_exact(N).enumerate() {
        let mask = w
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != 0)
            .fold(0u32, |m, (y, _)| m | 1 << y);
        if mask == 0 {
            continue;
        }
        bitmap[row / 8] |= 1 << (row % 8);
        packed.extend_from_slice(&mask.to_le_bytes()[..3]);
        packed.extend(w.iter().filter(|&&v| v != 0).map(|&v| v as u8));
    }
    body.extend_from_slice(&bitmap);
    body.extend_from_slice(&packed);
}

impl Model {
    pub(crate) fn new(
        bits: u8,
        gazetteer: bool,
        unit: f32,
        cluster_pairs: Vec<(u32, u32)>,
        stage: Stage,
        stage2: Option<Stage>,
    ) -> Model {
        let clusters = Clusters::new(&cluster_pairs);
        Model {
            bits,
            gazetteer,
            unit,
            cluster_pairs,
            clusters,
            stage,
            stage2,
            cons: Constraints::new(),
        }
    }

    /// Reads a model file; see the type's docs for the layout.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Model> {
        if bytes.len() < HEADER_LEN {
            return Err(err(format!(
                "file is {} bytes, shorter than the {HEADER_LEN}-byte header",
                bytes.len()
            )));
        }
        if &bytes[..8] != MAGIC {
            return Err(err("not a Gloss tagger model (bad magic)"));
        }
        let u32_at = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let version = u32_at(8);
        if !(1..=FORMAT_VERSION).contains(&version) {
            return Err(err(format!(
                "format version {version}, this build reads 1 to {FORMAT_VERSION}"
            )));
        }
        let length = u32_at(16) as usize;
        if length != bytes.len() - HEADER_LEN {
            return Err(err(format!(
                "header says {length} bytes follow it, the file has {}: truncated or padded",
                bytes.len() - HEADER_LEN
            )));
        }
        let crc = u32_at(12);
        let actual = crc32fast::hash(&bytes[HEADER_LEN..]);
        if crc != actual {
            return Err(err(format!(
                "checksum mismatch (stored {crc:08x}, computed {actual:08x}): file is corrupt"
            )));
        }
        let bits = bytes[20];
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(err(format!(
                "table size 2^{bits} outside 2^{MIN_BITS}..=2^{MAX_BITS}"
            )));
        }
        if bytes[21] as usize != N {
            return Err(err(format!("{} labels, this build uses {N}", bytes[21])));
        }
        let passes = bytes[22];
        if !(1..=2).contains(&passes) {
            return Err(err(format!("{passes} passes, expected 1 or 2")));
        }
        let gazetteer = bytes[23] & 1 == 1;
        let clusters = u32_at(24) as usize;
        let unit = f32::from_bits(u32_at(28));
        let mut r = Reader {
            bytes,
            at: HEADER_LEN,
        };
        let keys = r.u32s(clusters, "cluster keys")?;
        let paths = r.u32s(clusters, "cluster paths")?;
        if keys.first() == Some(&0) || keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(err("cluster keys are not strictly increasing and non-zero"));
        }
        let mut stages = Vec::new();
        for _ in 0..passes {
            let trans = r.i32s(N * N, "transition scores")?;
            let start = r.i32s(N, "start scores")?;
            let end = r.i32s(N, "end scores")?;
            let weights = if version == 1 {
                r.take((1usize << bits) * N, "weight table")?
                    .iter()
                    .map(|&b| b as i8)
                    .collect()
            } else {
                read_sparse(&mut r, 1usize << bits)?
            };
            stages.push(Stage {
                trans,
                start,
                end,
                weights,
            });
        }
        if r.at != bytes.len() {
            return Err(err(format!(
                "{} trailing bytes after the last section",
                bytes.len() - r.at
            )));
        }
        let stage2 = if passes == 2 { stages.pop() } else { None };
        let stage = stages.pop().ok_or_else(|| err("no passes"))?;
        Ok(Model::new(
            bits,
            gazetteer,
            unit,
            keys.into_iter().zip(paths).collect(),
            stage,
            stage2,
        ))
    }

    /// Writes the model file.
    #[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        let mut pairs = self.cluster_pairs.clone();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        for &(k, _) in &pairs {
            body.extend_from_slice(&k.to_le_bytes());
        }
        for &(_, v) in &pairs {
            body.extend_from_slice(&v.to_le_bytes());
        }
        for st in std::iter::once(&self.stage).chain(&self.stage2) {
            for v in st.trans.iter().chain(&st.start).chain(&st.end) {
                body.extend_from_slice(&v.to_le_bytes());
            }
            write_sparse(&mut body, &st.weights);
        }
        let mut out = Vec::with_capacity(HEADER_LEN + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&[
            self.bits,
            N as u8,
            1 + self.stage2.is_some() as u8,
            self.gazetteer as u8,
        ]);
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.unit.to_bits().to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Feature hashes of every token: `feats[offs[i]..offs[i + 1]]` (gazetteer features included
    /// when the model uses them).
    pub(crate) fn features(&self, doc: &Doc) -> (Vec<u64>, Vec<u32>) {
        let mut feats = Vec::with_capacity(doc.toks.len() * 64);
        let mut offs = vec![0u32; doc.toks.len() + 1];
        let mut gaz = Vec::with_capacity(16);
        for (s, sent) in doc.sentences.iter().enumerate() {
            for i in sent.clone() {
                gaz.clear();
                token_features(doc, s, i, &mut feats, &mut gaz);
                if self.gazetteer {
                    feats.extend_from_slice(&gaz);
                }
                offs[i + 1] = feats.len() as u32;
            }
        }
        // Tokens outside every sentence get empty lists.
        for i in 0..doc.toks.len() {
            offs[i + 1] = offs[i + 1].max(offs[i]);
        }
        (feats, offs)
    }

    /// Forbids PER labels on words that cannot be in a person's name.
    fn mask(&self, doc: &Doc, sent: &std::ops::Range<usize>, em: &mut [i32]) {
        for (k, i) in sent.clone().enumerate() {
            if doc.toks[i].never_person() {
                for y in 1..=4 {
                    em[k * N + y] = em[k * N + y].saturating_sub(FORBIDDEN);
                }
            }
        }
    }

    /// First-pass labels of every token (O outside sentences).
    pub(crate) fn first_pass(&self, doc: &Doc, feats: &[u64], offs: &[u32]) -> Vec<u8> {
        let shift = 64 - self.bits as u32;
        let st = &self.stage;
        let mut labels = vec![0u8; doc.toks.len()];
        let mut em = Vec::new();
        let mut out = Vec::new();
        for sent in &doc.sentences {
            em.clear();
            em.resize(sent.len() * N, 0);
            for (k, i) in sent.clone().enumerate() {
                if i + 1 < sent.end {
                    prefetch(
                        &st.weights,
                        shift,
                        &feats[offs[i + 1] as usize..offs[i + 2] as usize],
                    );
                }
                accumulate(
                    &st.weights,
                    shift,
                    feats[offs[i] as usize..offs[i + 1] as usize].iter(),
                    &mut em[k * N..(k + 1) * N],
                );
            }
            self.mask(doc, sent, &mut em);
            viterbi(&em, &st.trans, &st.start, &st.end, &self.cons, &mut out);
            labels[sent.clone()].copy_from_slice(&out);
        }
        labels
    }

    /// Labels every token of a prepared document (tokens outside its sentences get O).
    pub(crate) fn label(&self, doc: &Doc) -> Vec<u8> {
        let (feats, offs) = self.features(doc);
        let mut labels = self.first_pass(doc, &feats, &offs);
        let Some(st) = &self.stage2 else {
            return labels;
        };
        let first = FirstPass::new(doc, labels.clone());
        let shift = 64 - self.bits as u32;
        let mut extra: Vec<u64> = Vec::with_capacity(64);
        let mut extra_offs: Vec<usize> = Vec::with_capacity(64);
        let mut em = Vec::new();
        let mut out = Vec::new();
        for (s, sent) in doc.sentences.iter().enumerate() {
            extra.clear();
            extra_offs.clear();
            extra_offs.push(0);
            let mut evidence = false;
            for i in sent.clone() {
                evidence |= doc_features(doc, s, i, &first, &mut extra);
                extra_offs.push(extra.len());
            }
            if !evidence {
                continue;
            }
            em.clear();
            em.resize(sent.len() * N, 0);
            for (k, i) in sent.clone().enumerate() {
                if i + 1 < sent.end {
                    prefetch(
                        &st.weights,
                        shift,
                        &feats[offs[i + 1] as usize..offs[i + 2] as usize],
                    );
                }
                let own = feats[offs[i] as usize..offs[i + 1] as usize].iter();
                accumulate(
                    &st.weights,
                    shift,
                    own.chain(&extra[extra_offs[k]..extra_offs[k + 1]]),
                    &mut em[k * N..(k + 1) * N],
                );
            }
            self.mask(doc, sent, &mut em);
            viterbi(&em, &st.trans, &st.start, &st.end, &self.cons, &mut out);
            labels[sent.clone()].copy_from_slice(&out);
        }
        labels
    }
}

/// Asks the processor to start loading the weight rows of `features` (the next token's) while
/// the current token's are summed: the table is larger than the caches, and the rows are
/// scattered, so tagging waits on memory more than it computes.
#[inline]
fn prefetch(weights: &[i8], shift: u32, features: &[u64]) {
    #[cfg(target_arch = "x86_64")]
    for &h in features {
        let row = (h >> shift) as usize * N;
        if row < weights.len() {
            // SAFETY: a prefetch is only a hint and cannot fault; the address lies inside
            // `weights` besides.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    weights.as_ptr().add(row),
                );
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (weights, shift, features);
}

/// Adds the weight rows of `features` to `acc` (`N` scores).
#[inline]
fn accumulate<'a>(
    weights: &[i8],
    shift: u32,
    features: impl Iterator<Item = &'a u64>,
    acc: &mut [i32],
) {
    // 16 lanes of i16 vectorize well; MAX_FEATURES keeps the sums of 8-bit weights inside i16.
    let mut lanes = [0i16; 16];
    let mut last = 0i32;
    for &h in features.take(MAX_FEATURES) {
        let row = (h >> shift) as usize * N;
        let w = &weights[row..row + N];
        for (a, &x) in lanes.iter_mut().zip(&w[..16]) {
            *a += x as i16;
        }
        last += w[16] as i32;
    }
    for (o, &a) in acc.iter_mut().zip(&lanes) {
        *o += a as i32;
    }
    acc[16] += last;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(bits: u8, seed: u64) -> Stage {
        let mut x = seed;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // Mostly zero rows, and zeros inside the others, as training leaves them.
        let weights = (0..(1usize << bits) * N)
            .map(|i| {
                if (i / N).is_multiple_of(3) && next() % 4 != 0 {
                    (next() % 255) as i8
                } else {
                    0
                }
            })
            .collect();
        Stage {
            trans: (0..N * N).map(|i| i as i32 - 100).collect(),
            start: vec![3; N],
            end: vec![-3; N],
            weights,
        }
    }

    #[test]
    fn sparse_tables_read_back_exactly_and_version_1_files_still_load() {
        let model = Model::new(
            10,
            true,
            0.5,
            vec![(7, 2), (9, 5)],
            stage(10, 1),
            Some(stage(10, 2)),
        );
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        for (a, b) in [
            (&model.stage, &back.stage),
            (
                model.stage2.as_ref().unwrap(),
                back.stage2.as_ref().unwrap(),
            ),
        ] {
            assert_eq!(a.weights, b.weights);
            assert_eq!((&a.trans, &a.start, &a.end), (&b.trans, &b.start, &b.end));
        }
        let dense = 2 * (1 << 10) * N;
        assert!(
            bytes.len() < dense / 2,
            "{} bytes for a table of {dense}",
            bytes.len()
        );

        // The same model written whole, as version 1 did.
        let mut body = Vec::new();
        for &(k, _) in &model.cluster_pairs {
            body.extend_from_slice(&k.to_le_bytes());
        }
        for &(_, v) in &model.cluster_pairs {
            body.extend_from_slice(&v.to_le_bytes());
        }
        for st in [&model.stage, model.stage2.as_ref().unwrap()] {
            for v in st.trans.iter().chain(&st.start).chain(&st.end) {
                body.extend_from_slice(&v.to_le_bytes());
            }
            body.extend(st.weights.iter().map(|&w| w as u8));
        }
        let mut v1 = bytes[..HEADER_LEN].to_vec();
        v1[8..12].copy_from_slice(&1u32.to_le_bytes());
        v1[12..16].copy_from_slice(&crc32fast::hash(&body).to_le_bytes());
        v1[16..20].copy_from_slice(&(body.len() as u32).to_le_bytes());
        v1.extend_from_slice(&body);
        let old = Model::from_bytes(&v1).unwrap();
        assert_eq!(old.stage.weights, model.stage.weights);
        assert_eq!(old.stage2.unwrap().weights, model.stage2.unwrap().weights);
    }

    #[test]
    fn bad_row_masks_are_typed_errors() {
        let model = Model::new(8, false, 1.0, vec![], stage(8, 3), None);
        let bytes = model.to_bytes();
        // The first row with weights sits right after the bitmap; give it labels past the 17th.
        let table = HEADER_LEN + (N * N + 2 * N) * 4;
        let first_row = table + (1 << 8) / 8;
        let mut bad = bytes.clone();
        bad[first_row + 2] |= 0x80;
        let crc = crc32fast::hash(&bad[HEADER_LEN..]);
        bad[12..16].copy_from_slice(&crc.to_le_bytes());
        assert!(
            matches!(Model::from_bytes(&bad), Err(Error::ModelFormat(m)) if m.contains("mask"))
        );
    }
}
