//! Any bytes as a tagger model: a typed error, or a tagger that tags a sentence without
//! panicking. As in dataset_load, an odd first byte recomputes the checksum over the rest.
#![no_main]

use gloss::{Annotator, Dataset, DatasetBuilder, Tagger};
use libfuzzer_sys::fuzz_target;

const HEADER_LEN: usize = 32;

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let mut bytes = rest.to_vec();
    if mode & 1 == 1 && bytes.len() >= HEADER_LEN {
        let crc = crc32fast::hash(&bytes[HEADER_LEN..]);
        bytes[12..16].copy_from_slice(&crc.to_le_bytes());
    }
    let Ok(tagger) = Tagger::from_bytes(&bytes) else {
        return;
    };
    let dataset = Dataset::from_bytes(DatasetBuilder::new("fuzz").build().unwrap()).unwrap();
    let annotator = Annotator::new(dataset, Some(tagger));
    let _ = annotator
        .annotate("Sergey Lavrov met officials of the FBI in Geneva on Monday.\nThe talks ended.");
});
