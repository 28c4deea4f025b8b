//! Properties that hold for any input text: mentions are sorted, non-overlapping, on character
//! boundaries, and their code point and UTF-16 offsets select the same text. Page text never
//! makes the core panic.

use gloss::offsets::{convert, Unit};
use gloss::{Annotator, Dataset, DatasetBuilder, EntityInput, EntityType};
use proptest::prelude::*;

fn annotator() -> Annotator {
    let mut b = DatasetBuilder::new("prop");
    b.add(EntityInput::new("Q8445", EntityType::Per, "minister", "Sergey Lavrov").alias("Lavrov"));
    b.add(EntityInput::new("Q72", EntityType::Loc, "city", "Zürich"));
    b.add(
        EntityInput::new(
            "Q8333",
            EntityType::Org,
            "agency",
            "Federal Bureau of Investigation",
        )
        .alias("FBI"),
    );
    Annotator::new(Dataset::from_bytes(b.build().unwrap()).unwrap(), None)
}

/// Text made of news-like pieces and arbitrary characters, so names do occur.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Sergey Lavrov".to_string()),
        Just("Lavrov’s".to_string()),
        Just("FBI".to_string()),
        Just("Zürich".to_string()),
        Just("U.S.".to_string()),
        Just("“".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just(". ".to_string()),
        "[A-Z][a-z]{0,8}",
        "\\PC{0,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mentions_are_sorted_disjoint_and_agree_in_every_unit(text in text()) {
        let annotator = annotator();
        let mentions = annotator.annotate(&text);
        let mut last_end = 0;
        for m in &mentions {
            prop_assert!(m.start >= last_end && m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
            last_end = m.end;
        }
        let bytes: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
        let chars = convert(&text, &bytes, Unit::CodePoint);
        let utf16 = convert(&text, &bytes, Unit::Utf16);
        let text_chars: Vec<char> = text.chars().collect();
        let text_utf16: Vec<u16> = text.encode_utf16().collect();
        for (i, m) in mentions.iter().enumerate() {
            let by_chars: String = text_chars[chars[2 * i]..chars[2 * i + 1]].iter().collect();
            prop_assert_eq!(&by_chars, &m.text);
            let by_utf16 = String::from_utf16(&text_utf16[utf16[2 * i]..utf16[2 * i + 1]]).unwrap();
            prop_assert_eq!(&by_utf16, &m.text);
        }
    }
}
