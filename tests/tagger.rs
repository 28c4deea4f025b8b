//! The committed trained tagger (`models/tagger.bin`): it loads, rejects damaged files with a
//! typed error, never panics on page text, and gets a table of hard news-text cases right.
//!
//! The model is reproduced by the command in `src/train/cli.rs`.

use gloss::tokenize::{sentences, tokenize};
use gloss::{Dataset, DatasetBuilder, EntityInput, EntityType, Error, Tagger};
use proptest::prelude::*;

const MODEL: &[u8] = include_bytes!("../models/tagger.bin");

fn tagger() -> Tagger {
    Tagger::from_bytes(MODEL).expect("the committed model loads")
}

/// Tags `text` (no dataset) and returns `(span text, type)` pairs.
fn tagged(tagger: &Tagger, text: &str) -> Vec<(String, EntityType)> {
    tagged_with(tagger, text, None)
}

/// Tags `text` with an optional dataset.
fn tagged_with(
    tagger: &Tagger,
    text: &str,
    dataset: Option<&Dataset>,
) -> Vec<(String, EntityType)> {
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    tagger
        .tag(text, &tokens, &sents, dataset)
        .into_iter()
        .map(|s| {
            (
                text[tokens[s.start].start..tokens[s.end - 1].end].to_string(),
                s.kind,
            )
        })
        .collect()
}

struct Case {
    name: &'static str,
    text: &'static str,
    spans: &'static [(&'static str, EntityType)],
}

use EntityType::{Loc, Org, Per};

/// Hard cases from news pages: headline capitals, sentence-initial names, possessives, a name
/// that is a country and a person, organizations named after places, names inside quotes.
const HARD_CASES: &[Case] = &[
    Case { name: "wire headline in capitals", text: "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", spans: &[("JAPAN", Loc), ("CHINA", Loc)] },
    Case {
        name: "headline in capitals helped by the body",
        text: "MERKEL WINS FOURTH TERM\nAngela Merkel won a fourth term as German chancellor on Sunday, and Merkel thanked voters in Berlin.",
        spans: &[("MERKEL", Per), ("Angela Merkel", Per), ("Merkel", Per), ("Berlin", Loc)],
    },
    Case { name: "sentence-initial surname", text: "Lavrov said on Tuesday that Moscow would respond.", spans: &[("Lavrov", Per), ("Moscow", Loc)] },
    Case { name: "straight possessive", text: "The deal strengthens Germany's position.", spans: &[("Germany", Loc)] },
    Case { name: "Jordan the country", text: "Jordan closed its border with Syria on Monday.", spans: &[("Jordan", Loc), ("Syria", Loc)] },
    Case { name: "Jordan the person", text: "Michael Jordan scored 30 points for the Chicago Bulls.", spans: &[("Michael Jordan", Per), ("Chicago Bulls", Org)] },
    Case { name: "bank named after a place", text: "The Bank of England raised interest rates on Thursday.", spans: &[("Bank of England", Org)] },
    Case { name: "name inside curly quotes", text: "“We will not back down,” said Volodymyr Zelensky.", spans: &[("Volodymyr Zelensky", Per)] },
    Case { name: "country inside single quotes", text: "He called the plan ‘a gift to Russia’ in an interview.", spans: &[("Russia", Loc)] },
    Case { name: "hyphenated adjective is no entity", text: "The Russian-flagged tanker left the port.", spans: &[] },
    Case { name: "dotted abbreviation", text: "U.S. officials met NATO envoys in Brussels.", spans: &[("U.S.", Loc), ("NATO", Org), ("Brussels", Loc)] },
    Case { name: "title before a name", text: "Secretary of State Antony Blinken arrived in Kyiv.", spans: &[("Antony Blinken", Per), ("Kyiv", Loc)] },
    Case { name: "byline and time stamp", text: "By Jane Doe, Reuters\nUpdated March 3, 2026\nJane Doe reported from Kyiv.", spans: &[("Jane Doe", Per), ("Reuters", Org), ("Jane Doe", Per), ("Kyiv", Loc)] },
];

/// A few names the reference dataset knows, as the extension always tags with its dataset.
fn small_dataset() -> Dataset {
    let mut b = DatasetBuilder::new("test");
    b.add(EntityInput::new("Q7747", Per, "head_of_state", "Vladimir Putin").alias("Putin"));
    b.add(EntityInput::new("Q8333", Org, "agency", "Federal Bureau of Investigation").alias("FBI"));
    b.add(EntityInput::new("Q810", Loc, "country", "Jordan"));
    b.add(EntityInput::new("Q2283", Org, "company", "Microsoft"));
    Dataset::from_bytes(b.build().expect("dataset builds")).expect("dataset loads")
}

/// Cases where the dataset's knowledge decides, as it does in the extension.
const KNOWN_NAME_CASES: &[Case] = &[
    Case {
        name: "Title Case headline: \"The\" is not part of the name",
        text: "New Sanctions From The European Union\nThe European Union announced the sanctions on Monday.",
        spans: &[("European Union", Org), ("European Union", Org)],
    },
    Case {
        name: "Title Case headline over its article",
        text: "Putin Meets Xi in Beijing\nRussian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Friday.",
        spans: &[("Putin", Per), ("Xi", Per), ("Beijing", Loc), ("Vladimir Putin", Per), ("Xi Jinping", Per), ("Beijing", Loc)],
    },
    Case {
        name: "company with suffix, and a known company",
        text: "Shares of Apple Inc. fell after Microsoft reported earnings.",
        spans: &[("Apple Inc.", Org), ("Microsoft", Org)],
    },
    Case {
        name: "curly possessive of a known name",
        text: "Putin’s spokesman Dmitry Peskov denied the report.",
        spans: &[("Putin", Per), ("Dmitry Peskov", Per)],
    },
    Case {
        name: "known acronym before a slash",
        text: "FBI/police officers searched the house.",
        spans: &[("FBI", Org)],
    },
    Case {
        name: "Jordan the person despite the country in the dataset",
        text: "Michael Jordan scored 30 points for the Chicago Bulls.",
        spans: &[("Michael Jordan", Per), ("Chicago Bulls", Org)],
    },
    Case {
        name: "Jordan the country",
        text: "Jordan closed its border with Syria on Monday.",
        spans: &[("Jordan", Loc), ("Syria", Loc)],
    },
];

#[test]
fn hard_cases_with_known_names() {
    let t = tagger();
    let ds = small_dataset();
    let mut failures = Vec::new();
    for case in KNOWN_NAME_CASES {
        let got = tagged_with(&t, case.text, Some(&ds));
        let want: Vec<(String, EntityType)> = case
            .spans
            .iter()
            .map(|(s, k)| (s.to_string(), *k))
            .collect();
        if got != want {
            failures.push(format!(
                "{}: {:?}\n  expected {want:?}\n  got      {got:?}",
                case.name, case.text
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn regression_lower_case_word_between_names_is_outside_them() {
    let t = tagger();
    let ds = small_dataset();
    for text in [
        "Abdullah met Biden on Monday.",
        "King Abdullah met Biden.",
        "Abdullah met Joe Biden.",
    ] {
        for dataset in [None, Some(&ds)] {
            let got = tagged_with(&t, text, dataset);
            assert!(
                got.iter().all(|(span, _)| !span.contains(" met")),
                "{text}: {got:?}"
            );
        }
    }
}

#[test]
fn committed_model_loads_and_tags_a_sentence() {
    let t = tagger();
    assert!(t.is_trained());
    let got = tagged(&t, "Angela Merkel met Emmanuel Macron in Paris.");
    assert_eq!(
        got,
        vec![
            ("Angela Merkel".to_string(), Per),
            ("Emmanuel Macron".to_string(), Per),
            ("Paris".to_string(), Loc)
        ]
    );
}

#[test]
fn committed_model_is_small() {
    assert!(
        MODEL.len() <= 5 * 1024 * 1024,
        "model is {} bytes",
        MODEL.len()
    );
}

#[test]
fn hard_cases() {
    let t = tagger();
    let mut failures = Vec::new();
    for case in HARD_CASES {
        let got = tagged(&t, case.text);
        let want: Vec<(String, EntityType)> = case
            .spans
            .iter()
            .map(|(s, k)| (s.to_string(), *k))
            .collect();
        if got != want {
            failures.push(format!(
                "{}: {:?}\n  expected {want:?}\n  got      {got:?}",
                case.name, case.text
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn damaged_files_are_typed_errors() {
    let model_err = |bytes: &[u8]| matches!(Tagger::from_bytes(bytes), Err(Error::ModelFormat(_)));
    assert!(model_err(b""), "empty");
    assert!(model_err(&MODEL[..MODEL.len() / 2]), "truncated");
    assert!(model_err(&MODEL[..31]), "shorter than the header");
    let mut flipped = MODEL.to_vec();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    assert!(model_err(&flipped), "corrupt byte");
    let mut version = MODEL.to_vec();
    version[8] = 99;
    assert!(model_err(&version), "other version");
    let mut magic = MODEL.to_vec();
    magic[0] = b'X';
    assert!(model_err(&magic), "bad magic");
    let mut longer = MODEL.to_vec();
    longer.push(0);
    assert!(model_err(&longer), "trailing byte");
}

#[test]
fn odd_sentence_ranges_do_not_panic() {
    let t = tagger();
    let text = "Putin met Xi in Beijing.";
    let tokens = tokenize(text);
    #[allow(clippy::reversed_empty_ranges)]
    let ranges = [0..100, 3..1, 2..2, 4..5, 0..3];
    let spans = t.tag(text, &tokens, &ranges, None);
    assert!(spans
        .iter()
        .all(|s| s.start < s.end && s.end <= tokens.len()));
    assert!(t.tag("", &[], &[], None).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_tags_without_panicking(text in "\\PC{0,200}") {
        let t = tagger();
        let tokens = tokenize(&text);
        let sents = sentences(&text, &tokens);
        let spans = t.tag(&text, &tokens, &sents, None);
        let mut last_end = 0;
        for s in spans {
            prop_assert!(s.start >= last_end && s.start < s.end && s.end <= tokens.len());
            last_end = s.end;
        }
    }

    #[test]
    fn capitals_and_symbols_tag_without_panicking(text in "[A-Z’'\\-\\./ ]{0,80}[a-zé😀\n ]{0,40}") {
        let t = tagger();
        let tokens = tokenize(&text);
        let sents = sentences(&text, &tokens);
        let _ = t.tag(&text, &tokens, &sents, None);
    }
}
