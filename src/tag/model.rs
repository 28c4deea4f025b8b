//! The trained model: reading, writing and running it.

use super::features::{cap, doc_features, token_features, Clusters, Doc, FirstPass};
use super::labels::{viterbi_i32, Transitions, FORBIDDEN, N};
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
// `accumulate` sums 16 labels in i16 lanes and the 17th apart.
const _: () = assert!(N == 17);

/// One pass as training builds it: a hashed weight table and label transitions, in one
/// integer unit.
#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
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

/// One pass's label transitions (its weights are in the model's [`Table`]).
struct Scores {
    trans: Vec<i32>,
    start: Vec<i32>,
    end: Vec<i32>,
    /// The same, arranged for decoding.
    decode: Transitions,
}

impl Scores {
    fn new(trans: Vec<i32>, start: Vec<i32>, end: Vec<i32>) -> Scores {
        let decode = Transitions::new(&trans, &start, &end);
        Scores {
            trans,
            start,
            end,
            decode,
        }
    }
}

/// A row's weights for both passes: the first 16 of each side by side (two 16-byte SIMD
/// loads), then each pass's 17th.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Block {
    head: [[i8; 16]; 2],
    last: [i8; 2],
}

/// The weight tables of both passes, laid out for tagging. Tagging waits on these rows more than
/// it computes (the table is larger than the processor's caches, and rows are scattered), so a
/// row of both passes is one block of one 64-byte cache line: a feature costs one line. Half of
/// each line is padding; with 32-byte blocks and the 17th weights in a table of their own, a
/// feature cost two lines, and WASM annotation took 4–12% longer (side by side, in one process).
struct Table {
    blocks: Vec<Block>,
}

impl Table {
    fn zeros(rows: usize) -> Table {
        Table {
            blocks: vec![
                Block {
                    head: [[0; 16]; 2],
                    last: [0; 2],
                };
                rows
            ],
        }
    }

    /// The `N` weights of `row` in `pass`, or `None` past the table.
    fn row_mut(&mut self, pass: usize, row: usize) -> Option<(&mut [i8; 16], &mut i8)> {
        let block = self.blocks.get_mut(row)?;
        Some((&mut block.head[pass], &mut block.last[pass]))
    }

    fn set_pass(&mut self, pass: usize, weights: &[i8]) {
        for (row, w) in weights.chunks_exact(N).enumerate() {
            if let Some((head, last)) = self.row_mut(pass, row) {
                head.copy_from_slice(&w[..16]);
                *last = w[16];
            }
        }
    }

    /// One pass's weights as rows of `N`.
    fn pass(&self, pass: usize) -> Vec<i8> {
        let mut out = Vec::with_capacity(self.blocks.len() * N);
        for block in &self.blocks {
            out.extend_from_slice(&block.head[pass]);
            out.push(block.last[pass]);
        }
        out
    }
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
    /// Transitions of the first pass and, if any, the second.
    passes: Vec<Scores>,
    table: Table,
}

fn err(msg: impl Into<String>) -> Error {
    Error::ModelFormat(msg.into())
}

/// The little-endian `u32` at `at` in a header.
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// The length of the model file whose first bytes are `head`, as its header gives it: `None`
/// until the header is in, and for bytes that do not begin a model file.
pub(crate) fn file_length(head: &[u8]) -> Option<usize> {
    if head.len() < HEADER_LEN || &head[..8] != MAGIC {
        return None;
    }
    Some(HEADER_LEN + u32_at(head, 16) as usize)
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

/// Reads a sparse weight table (see [`Model`]) into `pass` of `table`. Visits only the rows and
/// labels that are set: the table is read on every cold start of the extension's worker.
fn read_sparse(r: &mut Reader, table: &mut Table, pass: usize) -> Result<()> {
    let rows = table.blocks.len();
    let bitmap = r.take(rows.div_ceil(8), "weight row bitmap")?;
    for (byte_at, &byte) in bitmap.iter().enumerate() {
        let mut set = byte;
        while set != 0 {
            let row = byte_at * 8 + set.trailing_zeros() as usize;
            set &= set - 1;
            let (head, last) = table
                .row_mut(pass, row)
                .ok_or_else(|| err(format!("weight row {row} past the table")))?;
            let m = r.take(3, "weight row mask")?;
            let mut mask = u32::from_le_bytes([m[0], m[1], m[2], 0]);
            if mask == 0 || mask >> N != 0 {
                return Err(err(format!("weight row {row} has an invalid label mask")));
            }
            for &value in r.take(mask.count_ones() as usize, "weight row")? {
                match mask.trailing_zeros() as usize {
                    16 => *last = value as i8,
                    y => head[y] = value as i8,
                }
                mask &= mask - 1;
            }
        }
    }
    Ok(())
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
    #[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
    pub(crate) fn new(
        bits: u8,
        gazetteer: bool,
        unit: f32,
        cluster_pairs: Vec<(u32, u32)>,
        stage: Stage,
        stage2: Option<Stage>,
    ) -> Model {
        let mut table = Table::zeros(1 << bits);
        let mut passes = Vec::new();
        for (pass, st) in std::iter::once(stage).chain(stage2).enumerate() {
            table.set_pass(pass, &st.weights);
            passes.push(Scores::new(st.trans, st.start, st.end));
        }
        Model::assemble(bits, gazetteer, unit, cluster_pairs, passes, table)
    }

    fn assemble(
        bits: u8,
        gazetteer: bool,
        unit: f32,
        cluster_pairs: Vec<(u32, u32)>,
        passes: Vec<Scores>,
        table: Table,
    ) -> Model {
        let clusters = Clusters::new(&cluster_pairs);
        Model {
            bits,
            gazetteer,
            unit,
            cluster_pairs,
            clusters,
            passes,
            table,
        }
    }

    /// The passes as training builds them: the first, and the second if any.
    #[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
    pub(crate) fn into_stages(self) -> (Stage, Option<Stage>) {
        let table = self.table;
        let mut stages = self.passes.into_iter().enumerate().map(|(pass, sc)| Stage {
            trans: sc.trans,
            start: sc.start,
            end: sc.end,
            weights: table.pass(pass),
        });
        let first = stages.next().expect("a model has a first pass");
        (first, stages.next())
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
        let version = u32_at(bytes, 8);
        if !(1..=FORMAT_VERSION).contains(&version) {
            return Err(err(format!(
                "format version {version}, this build reads 1 to {FORMAT_VERSION}"
            )));
        }
        let length = u32_at(bytes, 16) as usize;
        if length != bytes.len() - HEADER_LEN {
            return Err(err(format!(
                "header says {length} bytes follow it, the file has {}: truncated or padded",
                bytes.len() - HEADER_LEN
            )));
        }
        let crc = u32_at(bytes, 12);
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
        let clusters = u32_at(bytes, 24) as usize;
        let unit = f32::from_bits(u32_at(bytes, 28));
        let mut r = Reader {
            bytes,
            at: HEADER_LEN,
        };
        let keys = r.u32s(clusters, "cluster keys")?;
        let paths = r.u32s(clusters, "cluster paths")?;
        if keys.first() == Some(&0) || keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(err("cluster keys are not strictly increasing and non-zero"));
        }
        let mut table = Table::zeros(1 << bits);
        let mut scores = Vec::new();
        for pass in 0..passes as usize {
            let trans = r.i32s(N * N, "transition scores")?;
            let start = r.i32s(N, "start scores")?;
            let end = r.i32s(N, "end scores")?;
            if version == 1 {
                let whole = r.take((1usize << bits) * N, "weight table")?;
                let weights: Vec<i8> = whole.iter().map(|&b| b as i8).collect();
                table.set_pass(pass, &weights);
            } else {
                read_sparse(&mut r, &mut table, pass)?;
            }
            scores.push(Scores::new(trans, start, end));
        }
        if r.at != bytes.len() {
            return Err(err(format!(
                "{} trailing bytes after the last section",
                bytes.len() - r.at
            )));
        }
        Ok(Model::assemble(
            bits,
            gazetteer,
            unit,
            keys.into_iter().zip(paths).collect(),
            scores,
            table,
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
        for (pass, sc) in self.passes.iter().enumerate() {
            for v in sc.trans.iter().chain(&sc.start).chain(&sc.end) {
                body.extend_from_slice(&v.to_le_bytes());
            }
            write_sparse(&mut body, &self.table.pass(pass));
        }
        let mut out = Vec::with_capacity(HEADER_LEN + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&[
            self.bits,
            N as u8,
            self.passes.len() as u8,
            self.gazetteer as u8,
        ]);
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.unit.to_bits().to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Feature rows of every token: `rows[offs[i]..offs[i + 1]]` (gazetteer features included
    /// when the model uses them). A feature's row is the top `bits` bits of its hash.
    pub(crate) fn features(&self, doc: &Doc) -> (Vec<u32>, Vec<u32>) {
        let shift = 64 - self.bits as u32;
        let mut rows = Vec::with_capacity(doc.toks.len() * 64);
        let mut offs = vec![0u32; doc.toks.len() + 1];
        let mut feats = Vec::with_capacity(80);
        let mut gaz = Vec::with_capacity(16);
        for (s, sent) in doc.sentences.iter().enumerate() {
            for i in sent.clone() {
                // A token surely outside a name gets none: `mask` labels it O.
                if !doc.surely_outside(i) {
                    feats.clear();
                    gaz.clear();
                    token_features(doc, s, i, &mut feats, &mut gaz);
                    if self.gazetteer {
                        feats.extend_from_slice(&gaz);
                    }
                    rows.extend(feats.iter().map(|&h| (h >> shift) as u32));
                }
                offs[i + 1] = rows.len() as u32;
            }
        }
        // Tokens outside every sentence get empty lists.
        for i in 0..doc.toks.len() {
            offs[i + 1] = offs[i + 1].max(offs[i]);
        }
        (rows, offs)
    }

    /// Forbids PER labels on words that cannot be in a person's name. (The words
    /// [`Doc::surely_outside`] a name are O: decoding takes them so.)
    fn mask(&self, doc: &Doc, sent: &std::ops::Range<usize>, em: &mut [i32]) {
        for (k, i) in sent.clone().enumerate() {
            if doc.toks[i].never_person() && !doc.surely_outside(i) {
                for y in 1..=4 {
                    em[k * N + y] = em[k * N + y].saturating_sub(FORBIDDEN);
                }
            }
        }
    }

    /// First-pass labels of every token (O outside sentences).
    #[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
    pub(crate) fn first_pass(&self, doc: &Doc, rows: &[u32], offs: &[u32]) -> Vec<u8> {
        self.run_first_pass(doc, rows, offs, None)
    }

    /// Decodes the first pass. With `own2`, also sums every token's own features under the
    /// second pass's weights into it (`N` per token): they lie in the same cache lines.
    fn run_first_pass(
        &self,
        doc: &Doc,
        rows: &[u32],
        offs: &[u32],
        mut own2: Option<&mut [i32]>,
    ) -> Vec<u8> {
        let sc = &self.passes[0];
        let mut labels = vec![0u8; doc.toks.len()];
        let (mut em, mut back, mut out) = (Vec::new(), Vec::new(), Vec::new());
        for sent in &doc.sentences {
            em.clear();
            em.resize(sent.len() * N, 0);
            prefetch(
                &self.table,
                &rows[offs[sent.start] as usize..offs[sent.end] as usize],
            );
            for (k, i) in sent.clone().enumerate() {
                let own = &rows[offs[i] as usize..offs[i + 1] as usize];
                let acc = &mut em[k * N..(k + 1) * N];
                match own2.as_deref_mut() {
                    Some(own2) => accumulate_both(&self.table, own, acc, &mut own2[i * N..][..N]),
                    None => accumulate(&self.table, 0, own, acc),
                }
            }
            self.mask(doc, sent, &mut em);
            viterbi_i32(&em, doc.outside(sent), &sc.decode, &mut back, &mut out);
            labels[sent.clone()].copy_from_slice(&out);
        }
        labels
    }

    /// Labels every token of a prepared document (tokens outside its sentences get O).
    pub(crate) fn label(&self, doc: &Doc) -> Vec<u8> {
        let (rows, offs) = self.features(doc);
        let Some(sc) = self.passes.get(1) else {
            return self.run_first_pass(doc, &rows, &offs, None);
        };
        let mut own2 = vec![0i32; doc.toks.len() * N];
        let mut labels = self.run_first_pass(doc, &rows, &offs, Some(&mut own2));
        let first = FirstPass::new(doc, labels.clone());
        let shift = 64 - self.bits as u32;
        let mut extra: Vec<u64> = Vec::with_capacity(64);
        let mut extra_offs: Vec<usize> = Vec::with_capacity(64);
        let mut extra_rows: Vec<u32> = Vec::with_capacity(16);
        let (mut em, mut back, mut out) = (Vec::new(), Vec::new(), Vec::new());
        for (s, sent) in doc.sentences.iter().enumerate() {
            extra.clear();
            extra_offs.clear();
            extra_offs.push(0);
            let mut evidence = false;
            // Evidence from elsewhere needs a capitalized word here or next door: a word in a
            // run of plain words has none, unless the sentence's opening "The" is one of those.
            // (A word of the never-in-names list next to a name still counts its evidence: it
            // decides whether the sentence is decoded again.)
            let opening = |j: usize| doc.toks.get(j).is_some_and(|t| t.cap == cap::INIT);
            for i in sent.clone() {
                if !doc.in_plain_run(i) || opening(i) || opening(i + 1) || (i > 0 && opening(i - 1))
                {
                    evidence |= doc_features(doc, s, i, &first, &mut extra);
                }
                extra_offs.push(extra.len());
            }
            if !evidence {
                continue;
            }
            em.clear();
            em.extend_from_slice(&own2[sent.start * N..sent.end * N]);
            for (k, i) in sent.clone().enumerate() {
                // At most MAX_FEATURES in all, own features first.
                let room = MAX_FEATURES.saturating_sub((offs[i + 1] - offs[i]) as usize);
                extra_rows.clear();
                extra_rows.extend(
                    extra[extra_offs[k]..extra_offs[k + 1]]
                        .iter()
                        .take(room)
                        .map(|&h| (h >> shift) as u32),
                );
                accumulate(&self.table, 1, &extra_rows, &mut em[k * N..(k + 1) * N]);
            }
            self.mask(doc, sent, &mut em);
            viterbi_i32(&em, doc.outside(sent), &sc.decode, &mut back, &mut out);
            labels[sent.clone()].copy_from_slice(&out);
        }
        labels
    }
}

/// Starts loading the weight blocks of `rows` (a sentence's) before they are summed: the table
/// is larger than the caches, and the rows are scattered, so tagging waits on memory more than
/// it computes. WASM has no prefetch instruction, so there each block is read once, and the
/// reads, which depend on nothing, are in flight together. In the worker a page's scripts run
/// between two calls and leave the table in main memory: with each text after a compromise
/// run, this made WASM annotation about 3% faster (the same with the next token's rows only).
#[inline]
fn prefetch(table: &Table, rows: &[u32]) {
    #[cfg(target_arch = "x86_64")]
    for &r in rows {
        if let Some(block) = table.blocks.get(r as usize) {
            // SAFETY: a prefetch is only a hint and cannot fault.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    (block as *const Block).cast(),
                );
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut touched = 0i8; // kept, so that the reads are not optimized away
        for &r in rows {
            if let Some(block) = table.blocks.get(r as usize) {
                touched ^= block.last[0];
            }
        }
        std::hint::black_box(touched);
    }
}

/// Adds `pass`'s weights of `rows` to `acc` (`N` scores).
#[inline]
fn accumulate(table: &Table, pass: usize, rows: &[u32], acc: &mut [i32]) {
    // 16 lanes of i16 vectorize well; MAX_FEATURES keeps the sums of 8-bit weights inside i16.
    let mut lanes = [0i16; 16];
    let mut last = 0i32;
    for &r in rows.iter().take(MAX_FEATURES) {
        let block = &table.blocks[r as usize];
        for (a, &x) in lanes.iter_mut().zip(&block.head[pass]) {
            *a += x as i16;
        }
        last += block.last[pass] as i32;
    }
    for (o, &a) in acc.iter_mut().zip(&lanes) {
        *o += a as i32;
    }
    acc[16] += last;
}

/// [`accumulate`] for both passes at once: `acc` gets the first pass's sums, `acc2` the
/// second's.
///
/// In WASM, with SIMD: each block is two 16-byte loads and four widening adds. (The compiler's
/// own vectorization of the loop below loads 4 bytes at a time; a loop that long leaves few
/// weight rows in flight while it waits on memory, and WASM has no prefetch.)
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn accumulate_both(table: &Table, rows: &[u32], acc: &mut [i32], acc2: &mut [i32]) {
    use std::arch::wasm32::*;
    let mut lanes = [i16x8_splat(0); 4];
    let mut last = [0i32; 2];
    for &r in rows.iter().take(MAX_FEATURES) {
        let r = r as usize;
        let block = &table.blocks[r].head;
        // SAFETY: each pass's half of a block is 16 readable bytes; v128_load needs no alignment.
        let (one, two) = unsafe {
            (
                v128_load(block[0].as_ptr().cast()),
                v128_load(block[1].as_ptr().cast()),
            )
        };
        lanes[0] = i16x8_add(lanes[0], i16x8_extend_low_i8x16(one));
        lanes[1] = i16x8_add(lanes[1], i16x8_extend_high_i8x16(one));
        lanes[2] = i16x8_add(lanes[2], i16x8_extend_low_i8x16(two));
        lanes[3] = i16x8_add(lanes[3], i16x8_extend_high_i8x16(two));
        let [l1, l2] = table.blocks[r].last;
        last[0] += l1 as i32;
        last[1] += l2 as i32;
    }
    let sums = lanes.map(|v| {
        [
            i16x8_extract_lane::<0>(v),
            i16x8_extract_lane::<1>(v),
            i16x8_extract_lane::<2>(v),
            i16x8_extract_lane::<3>(v),
            i16x8_extract_lane::<4>(v),
            i16x8_extract_lane::<5>(v),
            i16x8_extract_lane::<6>(v),
            i16x8_extract_lane::<7>(v),
        ]
    });
    add_lane_sums(&sums, last, acc, acc2);
}

/// Adds the SIMD paths' sums to the scores: `sums` holds each pass's first 16 labels as two
/// halves of 8, `last` each pass's 17th.
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline]
fn add_lane_sums(sums: &[[i16; 8]; 4], last: [i32; 2], acc: &mut [i32], acc2: &mut [i32]) {
    for (pass, acc) in [acc, acc2].into_iter().enumerate() {
        let halves = sums[2 * pass].iter().chain(&sums[2 * pass + 1]);
        for (o, &a) in acc.iter_mut().zip(halves) {
            *o += a as i32;
        }
        acc[16] += last[pass];
    }
}

/// [`accumulate`] for both passes at once, on x86-64 with SSE2 (every x86-64 has it): the same
/// two 16-byte loads per block as in WASM, widened by interleaving each byte with itself and
/// shifting right arithmetically. (The compiler's own vectorization loads 4 bytes at a time.)
#[cfg(target_arch = "x86_64")]
#[inline]
fn accumulate_both(table: &Table, rows: &[u32], acc: &mut [i32], acc2: &mut [i32]) {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86-64; each pass's half of a block is 16 readable bytes and
    // _mm_loadu_si128 needs no alignment.
    unsafe {
        let mut lanes = [_mm_setzero_si128(); 4];
        let mut last = [0i32; 2];
        for &r in rows.iter().take(MAX_FEATURES) {
            let r = r as usize;
            let block = &table.blocks[r].head;
            for (pass, half) in block.iter().enumerate() {
                let v = _mm_loadu_si128(half.as_ptr().cast());
                let low = _mm_srai_epi16::<8>(_mm_unpacklo_epi8(v, v));
                let high = _mm_srai_epi16::<8>(_mm_unpackhi_epi8(v, v));
                lanes[2 * pass] = _mm_add_epi16(lanes[2 * pass], low);
                lanes[2 * pass + 1] = _mm_add_epi16(lanes[2 * pass + 1], high);
            }
            let [l1, l2] = table.blocks[r].last;
            last[0] += l1 as i32;
            last[1] += l2 as i32;
        }
        let mut sums = [[0i16; 8]; 4];
        for (out, v) in sums.iter_mut().zip(lanes) {
            _mm_storeu_si128(out.as_mut_ptr().cast(), v);
        }
        add_lane_sums(&sums, last, acc, acc2);
    }
}

/// [`accumulate`] for both passes at once: `acc` gets the first pass's sums, `acc2` the
/// second's.
#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
#[inline]
fn accumulate_both(table: &Table, rows: &[u32], acc: &mut [i32], acc2: &mut [i32]) {
    let mut lanes = [[0i16; 16]; 2];
    let mut last = [0i32; 2];
    for &r in rows.iter().take(MAX_FEATURES) {
        let r = r as usize;
        let block = &table.blocks[r].head;
        for pass in 0..2 {
            for (a, &x) in lanes[pass].iter_mut().zip(&block[pass]) {
                *a += x as i16;
            }
            last[pass] += table.blocks[r].last[pass] as i32;
        }
    }
    for (pass, acc) in [acc, acc2].into_iter().enumerate() {
        for (o, &a) in acc.iter_mut().zip(&lanes[pass]) {
            *o += a as i32;
        }
        acc[16] += last[pass];
    }
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

    /// The passes of a model, through a file (a model cannot be cloned).
    fn stages(model: &Model) -> Vec<Stage> {
        let (first, second) = Model::from_bytes(&model.to_bytes()).unwrap().into_stages();
        std::iter::once(first).chain(second).collect()
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
        let (ours, theirs) = (stages(&model), stages(&back));
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a.weights, b.weights);
            assert_eq!((&a.trans, &a.start, &a.end), (&b.trans, &b.start, &b.end));
        }
        assert_eq!(theirs.len(), 2);
        assert_eq!(ours[0].weights, stage(10, 1).weights);
        assert_eq!(ours[1].weights, stage(10, 2).weights);
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
        for st in &ours {
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
        let old = stages(&Model::from_bytes(&v1).unwrap());
        assert_eq!(old[0].weights, ours[0].weights);
        assert_eq!(old[1].weights, ours[1].weights);
    }

    #[test]
    fn the_header_gives_the_file_length() {
        let bytes = Model::new(8, false, 1.0, vec![(3, 1)], stage(8, 4), None).to_bytes();
        assert_eq!(file_length(&bytes), Some(bytes.len()));
        assert_eq!(file_length(&bytes[..HEADER_LEN]), Some(bytes.len()));
        assert_eq!(
            file_length(&bytes[..HEADER_LEN - 1]),
            None,
            "a header cut short"
        );
        let mut other = bytes[..HEADER_LEN].to_vec();
        other[0] = b'X';
        assert_eq!(file_length(&other), None, "not a model's header");
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
