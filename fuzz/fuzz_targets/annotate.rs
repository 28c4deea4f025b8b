//! Any text through the whole pipeline with the real dataset and model: no panic, and the
//! mentions obey the contract the extension relies on.
#![no_main]

use std::sync::OnceLock;

use gloss::offsets::{convert, Unit};
use gloss::{Annotator, Dataset, Tagger};
use libfuzzer_sys::fuzz_target;

fn annotator() -> &'static Annotator {
    static ANNOTATOR: OnceLock<Annotator> = OnceLock::new();
    ANNOTATOR.get_or_init(|| {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let dataset = std::fs::read(format!("{root}/build/dataset.bin"))
            .expect("build/dataset.bin: run ./build.sh first");
        let model = std::fs::read(format!("{root}/models/tagger.bin")).expect("models/tagger.bin");
        Annotator::new(
            Dataset::from_bytes(dataset).expect("dataset loads"),
            Some(Tagger::from_bytes(&model).expect("model loads")),
        )
    })
}

fuzz_target!(|text: &str| {
    let annotator = annotator();
    let mentions = annotator.annotate(text);
    let mut last_end = 0;
    for m in &mentions {
        assert!(m.start >= last_end, "mentions overlap or are out of order");
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
        if let Some(entity) = &m.entity {
            assert!(
                annotator.card(&entity.id).is_some(),
                "linked entity without a card"
            );
        }
        last_end = m.end;
    }
    let bytes: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    let utf16 = convert(text, &bytes, Unit::Utf16);
    for (b, u) in bytes.iter().zip(&utf16) {
        assert_eq!(text[..*b].encode_utf16().count(), *u);
    }
});
