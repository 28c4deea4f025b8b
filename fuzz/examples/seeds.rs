//! Writes small valid inputs for the loader targets: `cargo run --example seeds -- DIR`.
//! The first byte of each seed is the targets' mode byte (1: fix up the checksum; 2: packed).
#[path = "../common/seed_dataset.rs"]
mod seed_dataset;

use seed_dataset::{seed_dataset, u32_at, HEADER_LEN};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: seeds DIR");
    let bytes = seed_dataset();
    let out = std::path::Path::new(&dir).join("dataset_load");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("seed-0"), [&[0u8][..], &bytes].concat()).unwrap();
    // Mode 1 (see dataset_load.rs): seven cut bytes, then meta, candidates, records and offsets.
    let len = |at: usize| u32_at(&bytes, at);
    let (meta, fsts) = (len(20), len(24) + len(28) + len(32));
    let (cands, recs) = (len(36), len(40));
    let body = &bytes[HEADER_LEN..];
    let mut seed = vec![1u8];
    for l in [meta, cands, recs] {
        seed.extend_from_slice(&(l as u16).to_le_bytes());
    }
    seed.push(len(16) as u8);
    seed.extend_from_slice(&body[..meta]);
    seed.extend_from_slice(&body[meta + fsts..]);
    std::fs::write(out.join("seed-1"), seed).unwrap();
    // Mode 2: the unpacked length, then the LZ4 data of the packed form's one block.
    let mut seed = vec![2u8];
    seed.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
    seed.extend_from_slice(&lz4_flex::block::compress(&bytes));
    std::fs::write(out.join("seed-2"), seed).unwrap();
    println!("{} bytes of dataset seed in {}", bytes.len(), out.display());
}
