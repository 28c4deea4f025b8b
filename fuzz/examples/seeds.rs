//! Writes small valid inputs for the loader targets: `cargo run --example seeds -- DIR`.
//! The first byte of each seed is the targets' mode byte (1: fix up the checksum).
use gloss::{DatasetBuilder, EntityInput, EntityType};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: seeds DIR");
    // The same dataset as dataset_load.rs's `seed()`: mode 1 splices its fst maps in.
    let mut builder = DatasetBuilder::new("fuzz");
    builder
        .add(EntityInput::new("gloss:org/fbi", EntityType::Org, "agency", "FBI").alias("Bureau"));
    builder.add(EntityInput::new(
        "gloss:loc/geneva",
        EntityType::Loc,
        "city",
        "Geneva",
    ));
    builder.add(EntityInput::new(
        "gloss:per/lavrov",
        EntityType::Per,
        "politician",
        "Sergey Lavrov",
    ));
    let bytes = builder.build().expect("seed dataset builds");
    let out = std::path::Path::new(&dir).join("dataset_load");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("seed-0"), [&[0u8][..], &bytes].concat()).unwrap();
    // Mode 1 (see dataset_load.rs): four cut bytes, then meta, candidates, records and offsets.
    let len = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let (meta, fsts) = (len(20), len(24) + len(28) + len(32));
    let (cands, recs) = (len(36), len(40));
    let body = &bytes[44..];
    let mut seed = vec![1u8];
    for l in [meta, cands, recs] {
        seed.extend_from_slice(&(l as u16).to_le_bytes());
    }
    seed.push(len(16) as u8);
    seed.extend_from_slice(&body[..meta]);
    seed.extend_from_slice(&body[meta + fsts..]);
    std::fs::write(out.join("seed-1"), seed).unwrap();
    println!("{} bytes of dataset seed in {}", bytes.len(), out.display());
}
