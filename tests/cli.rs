//! The `gloss annotate` contract that other tools depend on: code point offsets, JSON lines in
//! and out, and clear errors that lose no earlier output.

use std::io::Write;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use gloss::{DatasetBuilder, EntityInput, EntityType};
use serde_json::Value;

/// A dataset file in a directory of its own, removed with it when the test is done.
struct TestDataset(PathBuf);

impl Deref for TestDataset {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TestDataset {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TestDataset {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Writes a small dataset to a file of its own (tests run in parallel).
fn dataset() -> TestDataset {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gloss-cli-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("dataset.bin");
    let mut b = DatasetBuilder::new("cli-test");
    b.add(
        EntityInput::new("Q8445", EntityType::Per, "minister", "Sergey Lavrov")
            .alias("Lavrov")
            .description("Foreign Minister of Russia"),
    );
    b.add(
        EntityInput::new("Q72", EntityType::Loc, "city", "Zürich")
            .description("City in Switzerland"),
    );
    b.add(
        EntityInput::new(
            "Q8333",
            EntityType::Org,
            "agency",
            "Federal Bureau of Investigation",
        )
        .alias("FBI"),
    );
    std::fs::write(&path, b.build().unwrap()).unwrap();
    TestDataset(path)
}

fn gloss(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env_remove("GLOSS_MODEL")
        .env("GLOSS_MODEL", "/nonexistent/model.bin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // gloss may exit before reading its input (a usage or dataset error): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn slice_chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Checks every mention of `text`: offsets in code points that select its `text`, sorted and
/// non-overlapping.
fn check_offsets(text: &str, mentions: &[Value]) {
    let mut last_end = 0;
    for m in mentions {
        let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        assert!(
            start >= last_end && start < end,
            "sorted, non-overlapping: {m}"
        );
        assert_eq!(
            slice_chars(text, start, end),
            m["text"].as_str().unwrap(),
            "offsets select the mention's text"
        );
        last_end = end;
    }
}

#[test]
fn offsets_are_code_points_with_accents_emoji_and_curly_quotes() {
    let ds = dataset();
    let text = "😀 “Sergey Lavrov” flew to Zürich; the FBI’s agents 🇺🇸 met Lavrov’s aides.";
    let out = gloss(&["annotate", "--dataset", ds.to_str().unwrap(), "-"], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mentions = lines(&out);
    check_offsets(text, &mentions);
    let found: Vec<(&str, u64, &str)> = mentions
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap(),
                m["start"].as_u64().unwrap(),
                m["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Sergey Lavrov", 3, "PER"),
            ("Zürich", 26, "LOC"),
            ("FBI", 38, "ORG"),
            ("Lavrov", 58, "PER")
        ]
    );
    assert_eq!(mentions[0]["entity"]["id"], "Q8445");
    assert_eq!(
        mentions[0]["entity"]["description"],
        "Foreign Minister of Russia"
    );
    assert_eq!(
        mentions[3]["entity"]["id"], "Q8445",
        "the possessive is not part of the name"
    );
    assert_eq!(mentions[0]["page_entity"], mentions[3]["page_entity"]);
}

#[test]
fn jsonl_round_trip_keeps_ids_and_order() {
    let ds = dataset();
    let input = [
        r#"{"id": "a", "text": "Sergey Lavrov met FBI officials."}"#,
        r#"{"id": 7, "text": ""}"#,
        r#"{"id": "c", "text": "Ça va à Zürich? “Lavrov” said."}"#,
    ]
    .join("\n");
    let out = gloss(
        &[
            "annotate",
            "--jsonl",
            "--dataset",
            ds.to_str().unwrap(),
            "-",
        ],
        &input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = lines(&out);
    assert_eq!(records.len(), 3, "one output line per input line");
    assert_eq!(
        records.iter().map(|r| r["id"].clone()).collect::<Vec<_>>(),
        [Value::from("a"), Value::from(7), Value::from("c")]
    );
    assert_eq!(records[1]["mentions"], Value::Array(vec![]));
    for (line, record) in input.lines().zip(&records) {
        let text: Value = serde_json::from_str(line).unwrap();
        check_offsets(
            text["text"].as_str().unwrap(),
            record["mentions"].as_array().unwrap(),
        );
    }
    let c: Vec<&str> = records[2]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(c, ["Zürich", "Lavrov"]);
}

#[test]
fn a_bad_line_is_a_clear_error_after_the_good_lines_are_written() {
    let ds = dataset();
    let input = "{\"id\": \"ok\", \"text\": \"Lavrov spoke.\"}\nnot json\n";
    let out = gloss(
        &[
            "annotate",
            "--jsonl",
            "--dataset",
            ds.to_str().unwrap(),
            "-",
        ],
        input,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 2: not JSON"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(lines(&out).len(), 1, "the first line's result is not lost");
}

#[test]
fn a_missing_or_corrupt_dataset_is_named_in_the_error() {
    let out = gloss(
        &["annotate", "--dataset", "/nonexistent/dataset.bin", "-"],
        "text",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/dataset.bin"));

    let corrupt = std::env::temp_dir().join(format!("gloss-corrupt-{}.bin", std::process::id()));
    let mut bytes = std::fs::read(dataset()).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x55;
    std::fs::write(&corrupt, bytes).unwrap();
    let out = gloss(
        &["annotate", "--dataset", corrupt.to_str().unwrap(), "-"],
        "text",
    );
    std::fs::remove_file(&corrupt).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("dataset could not be loaded: checksum mismatch"));
}

#[test]
fn a_packed_dataset_annotates_as_the_file_itself() {
    let file = dataset();
    let packed = file.with_file_name("packed.bin");
    let out = gloss(
        &[
            "dataset",
            "pack",
            file.to_str().unwrap(),
            packed.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(
        std::fs::read(&packed).unwrap(),
        std::fs::read(&file).unwrap()
    );
    let text = "Sergey Lavrov flew to Zürich; the FBI said Lavrov left.";
    let annotate = |path: &Path| {
        let out = gloss(
            &["annotate", "--dataset", path.to_str().unwrap(), "-"],
            text,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        lines(&out)
    };
    let mentions = annotate(&packed);
    assert_eq!(mentions, annotate(&file));
    assert!(mentions.iter().any(|m| m["entity"]["id"] == "Q8445"));
    let out = gloss(
        &["dataset", "pack", packed.to_str().unwrap(), "/dev/null"],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a packed file is not packed again"
    );
}

#[test]
fn usage_errors_exit_with_code_2() {
    assert_eq!(gloss(&[], "").status.code(), Some(2));
    assert_eq!(gloss(&["frobnicate"], "").status.code(), Some(2));
}

#[test]
fn a_reader_that_stops_early_ends_output_quietly() {
    // `gloss dataset lookup Lavrov DATASET | head -0`: the pipe closes before gloss writes.
    let ds = dataset();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["dataset", "lookup", "Lavrov", ds.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");

    // With a reader, the same command prints the entity.
    let out = gloss(&["dataset", "lookup", "Lavrov", ds.to_str().unwrap()], "");
    assert_eq!(lines(&out)[0]["id"], "Q8445", "{out:?}");
}
