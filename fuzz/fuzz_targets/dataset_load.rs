//! Any bytes as a dataset file: a typed error or a dataset whose every lookup works.
//!
//! The first input byte picks how the rest is used:
//! - 2 modulo 4: the packed form (what the extension ships) around the fuzzer's bytes: the next
//!   two are the unpacked length it declares, the rest is the LZ4 data of its one block, and
//!   the block table and checksums are made to match. This reaches the unpacking and, through the
//!   seed's packed dataset, the file inside.
//! - other even: the bytes are the file as they are. Corruption of any kind must give a typed
//!   error; a flipped byte almost always fails the checksum.
//! - odd: a file whose meta, candidate lists, records and record offsets are the fuzzer's bytes
//!   (cut into four by the next seven bytes), around the fst maps and set of a small valid dataset, with
//!   the header's lengths and checksum made to match. This reaches everything the crate parses
//!   itself behind the checksum. The fst automata are left valid: the `fst` crate trusts their
//!   structure (a crafted automaton with a recomputed checksum can make it panic; see
//!   fuzz/README.md), and only the extension's own signed package supplies them.
#![no_main]

use std::sync::OnceLock;

#[path = "../common/seed_dataset.rs"]
mod seed_dataset;

use gloss::Dataset;
use libfuzzer_sys::fuzz_target;
use seed_dataset::{seed_dataset, u32_at, HEADER_LEN};

fn seed() -> &'static [u8] {
    static SEED: OnceLock<Vec<u8>> = OnceLock::new();
    SEED.get_or_init(seed_dataset)
}

/// The seed's header and fst maps with the fuzzer's other sections.
fn spliced(data: &[u8]) -> Vec<u8> {
    let seed = seed();
    // The alias map, id map and reversed alias keys lie together after the meta section.
    let meta_len = u32_at(seed, 20);
    let fst_len = u32_at(seed, 24) + u32_at(seed, 28) + u32_at(seed, 32);
    let fsts = &seed[HEADER_LEN + meta_len..HEADER_LEN + meta_len + fst_len];
    // Three u16 lengths and an entity count (0–7), then the sections' bytes.
    let Some((head, mut rest)) = data.split_at_checked(7) else {
        return Vec::new();
    };
    let mut parts: Vec<&[u8]> = Vec::new();
    for i in 0..3 {
        let len = u16::from_le_bytes([head[2 * i], head[2 * i + 1]]) as usize;
        let (part, tail) = rest.split_at(len.min(rest.len()));
        parts.push(part);
        rest = tail;
    }
    parts.push(rest);
    let count = head[6] as u32 % 8;
    let mut out = seed[..HEADER_LEN].to_vec();
    out[16..20].copy_from_slice(&count.to_le_bytes());
    out[20..24].copy_from_slice(&(parts[0].len() as u32).to_le_bytes());
    out[36..40].copy_from_slice(&(parts[1].len() as u32).to_le_bytes());
    out[40..44].copy_from_slice(&(parts[2].len() as u32).to_le_bytes());
    out.extend_from_slice(parts[0]);
    out.extend_from_slice(fsts);
    for p in &parts[1..] {
        out.extend_from_slice(p);
    }
    // The file's checksum: the low 32 bits of the body's XXH3-64 hash.
    let checksum = xxhash_rust::xxh3::xxh3_64(&out[HEADER_LEN..]) as u32;
    out[12..16].copy_from_slice(&checksum.to_le_bytes());
    out
}

/// A packed file around LZ4 data, declaring the unpacked length the first two bytes give: one
/// block (none for length 0), with the block table and its checksums made to match.
fn packed(data: &[u8]) -> Vec<u8> {
    let Some((len, lz4)) = data.split_at_checked(2) else {
        return Vec::new();
    };
    let len = u32::from(u16::from_le_bytes([len[0], len[1]]));
    let blocks = u32::from(len > 0);
    let checksum = |bytes: &[u8]| xxhash_rust::xxh3::xxh3_64(bytes) as u32;
    let mut table = Vec::new();
    if blocks == 1 {
        table.extend_from_slice(&(lz4.len() as u32).to_le_bytes());
        table.extend_from_slice(&checksum(lz4).to_le_bytes());
    }
    let mut out = b"GLOSSPK\x02".to_vec();
    out.extend_from_slice(&gloss::dataset::FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&blocks.to_le_bytes());
    out.extend_from_slice(&checksum(&table).to_le_bytes());
    out.extend_from_slice(&table);
    out.extend_from_slice(lz4);
    out
}

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let bytes = match mode % 4 {
        2 => packed(rest),
        1 | 3 => spliced(rest),
        _ => rest.to_vec(),
    };
    let loaded = Dataset::from_bytes(bytes);
    // GLOSS_FUZZ_DEBUG=1 shows what each input loads to (run the target on files to check).
    if std::env::var_os("GLOSS_FUZZ_DEBUG").is_some() {
        eprintln!(
            "mode {mode}: {:?}",
            loaded.as_ref().map(|d| d.len()).map_err(|e| e.to_string())
        );
    }
    let Ok(dataset) = loaded else {
        return;
    };
    for index in 0..dataset.len().min(64) as u32 + 1 {
        if let Some(entity) = dataset.entity(index) {
            let _ = dataset.index_of(&entity.id);
            let _ = dataset.candidates(&entity.name);
        }
    }
    for key in dataset.alias_keys() {
        for candidate in dataset.candidates_for_key(&key) {
            let _ = dataset.entity(candidate.index);
        }
        let _ = dataset.has_key_with_prefix(&key);
        let _ = dataset.keys_one_edit(&key, &vec![true; key.len() + 1], 4);
    }
    let _ = dataset.index_of("gloss:per/lavrov");
});
