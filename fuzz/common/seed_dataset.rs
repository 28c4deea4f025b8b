//! The small dataset the `dataset_load` target splices its input around, and that
//! `examples/seeds.rs` writes as seeds: one definition, so the seeds always match the target.
use gloss::{DatasetBuilder, EntityInput, EntityType};

/// Length of the dataset file's header (format 3).
pub const HEADER_LEN: usize = 44;

/// The little-endian `u32` at `at`, as a length.
pub fn u32_at(bytes: &[u8], at: usize) -> usize {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize
}

/// Three entities, one of each type.
pub fn seed_dataset() -> Vec<u8> {
    let mut b = DatasetBuilder::new("fuzz");
    b.add(EntityInput::new("gloss:org/fbi", EntityType::Org, "agency", "FBI").alias("Bureau"));
    b.add(EntityInput::new(
        "gloss:loc/geneva",
        EntityType::Loc,
        "city",
        "Geneva",
    ));
    b.add(EntityInput::new(
        "gloss:per/lavrov",
        EntityType::Per,
        "politician",
        "Sergey Lavrov",
    ));
    b.build().expect("seed dataset builds")
}
