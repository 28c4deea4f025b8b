//! The `gloss` command line: annotate text, build and inspect the dataset, train and evaluate
//! the tagger. Run `gloss help` for the commands.

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gloss::offsets::{convert, Unit};
use gloss::{Annotator, Dataset, Error, Mention, Result, Tagger};
use serde_json::{json, Value};

const USAGE: &str = "\
gloss — find people, places and organizations in text, on the device

USAGE:
    gloss annotate [--dataset FILE] [--model FILE] FILE|-     one JSON object per mention
    gloss annotate --jsonl [--dataset FILE] [--model FILE] FILE|-
                                    input lines {\"id\",\"text\"}; output {\"id\",\"mentions\"}
    gloss dataset build|stats|lookup|import-wikidata ...     the reference dataset
    gloss train ...                                           train the tagger
    gloss eval conll FILE                                     evaluate the tagger (P/R/F1)
    gloss eval links [DIR]                                    evaluate linking on GUM news
    gloss help

Offsets are Unicode code points. Defaults: dataset build/dataset.bin, model models/tagger.bin
(or the GLOSS_DATASET / GLOSS_MODEL environment variables).
";

/// Exit codes: 0 success, 1 a runtime error (bad file, bad input), 2 a usage error.
fn main() -> ExitCode {
    match try_main() {
        Ok(code) => code,
        // The reader went away (`gloss dataset lookup X | head`): stop quietly, as Unix tools do.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gloss: {err}");
            ExitCode::from(1)
        }
    }
}

fn try_main() -> Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    let rest = &args[1..];
    match command.as_str() {
        "annotate" => annotate(rest),
        "dataset" => gloss::sources::cli::run(rest).map(ExitCode::from),
        "train" => gloss::train::cli::train(rest).map(ExitCode::from),
        "eval" if rest.first().map(String::as_str) == Some("links") => {
            gloss::link_eval::run(&rest[1..]).map(ExitCode::from)
        }
        "eval" => gloss::train::cli::eval(rest).map(ExitCode::from),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => {
            eprintln!("gloss: unknown command {other:?}\n\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The default dataset path: `$GLOSS_DATASET`, else `build/dataset.bin`.
pub fn default_dataset_path() -> PathBuf {
    std::env::var_os("GLOSS_DATASET")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("build/dataset.bin"))
}

/// The default model path: `$GLOSS_MODEL`, else `models/tagger.bin`.
pub fn default_model_path() -> PathBuf {
    std::env::var_os("GLOSS_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("models/tagger.bin"))
}

fn load_annotator(dataset: Option<PathBuf>, model: Option<PathBuf>) -> Result<Annotator> {
    let dataset_path = dataset.unwrap_or_else(default_dataset_path);
    let bytes = std::fs::read(&dataset_path).map_err(|e| {
        Error::io(
            format!(
                "reading dataset {} (build it with ./build.sh)",
                dataset_path.display()
            ),
            e,
        )
    })?;
    let dataset = Dataset::from_bytes(bytes)?;
    let tagger = match model {
        Some(path) => Some(load_model(&path)?),
        None => {
            let path = default_model_path();
            if path.exists() {
                Some(load_model(&path)?)
            } else {
                None
            }
        }
    };
    Ok(Annotator::new(dataset, tagger))
}

fn load_model(path: &Path) -> Result<Tagger> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(format!("reading model {}", path.display()), e))?;
    Tagger::from_bytes(&bytes)
}

/// `gloss annotate [--jsonl] [--dataset FILE] [--model FILE] FILE|-`
fn annotate(args: &[String]) -> Result<ExitCode> {
    let mut jsonl = false;
    let mut dataset = None;
    let mut model = None;
    let mut input = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => jsonl = true,
            "--dataset" => {
                dataset =
                    Some(PathBuf::from(it.next().ok_or_else(|| {
                        Error::InvalidInput("--dataset needs a file".into())
                    })?))
            }
            "--model" => {
                model =
                    Some(PathBuf::from(it.next().ok_or_else(|| {
                        Error::InvalidInput("--model needs a file".into())
                    })?))
            }
            other if input.is_none() => input = Some(other.to_string()),
            other => {
                return Err(Error::InvalidInput(format!(
                    "unexpected argument {other:?}"
                )))
            }
        }
    }
    let Some(input) = input else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    let annotator = load_annotator(dataset, model)?;
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file =
            std::fs::File::open(&input).map_err(|e| Error::io(format!("opening {input}"), e))?;
        Box::new(std::io::BufReader::new(file))
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let write_err = |e| Error::io("writing output", e);
    if jsonl {
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(format!("reading {input}"), e))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: Value = serde_json::from_str(&line)
                .map_err(|e| Error::InvalidInput(format!("line {}: not JSON: {e}", n + 1)))?;
            let text = record.get("text").and_then(Value::as_str).ok_or_else(|| {
                Error::InvalidInput(format!("line {}: no string field \"text\"", n + 1))
            })?;
            let id = record.get("id").cloned().unwrap_or(Value::Null);
            let mentions = mentions_json(text, &annotator.annotate(text));
            writeln!(out, "{}", json!({"id": id, "mentions": mentions})).map_err(write_err)?;
        }
    } else {
        let mut text = String::new();
        let mut reader = reader;
        reader
            .read_to_string(&mut text)
            .map_err(|e| Error::io(format!("reading {input} (it must be UTF-8)"), e))?;
        for m in mentions_json(&text, &annotator.annotate(&text)) {
            writeln!(out, "{m}").map_err(write_err)?;
        }
    }
    out.flush().map_err(write_err)?;
    Ok(ExitCode::SUCCESS)
}

/// The CLI's mention objects: `start`/`end` in code points, `type`, `entity` (`null` or
/// `{id, name, description}`), `page_entity`, and `descriptor` (how the page describes the
/// page entity) when one was found.
fn mentions_json(text: &str, mentions: &[Mention]) -> Vec<Value> {
    let bytes: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    let chars = convert(text, &bytes, Unit::CodePoint);
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut o = json!({
                "start": chars[2 * i],
                "end": chars[2 * i + 1],
                "text": m.text,
                "type": m.kind,
                "entity": m.entity,
                "page_entity": m.page_entity,
            });
            if let Some(d) = &m.descriptor {
                o["descriptor"] = json!(d);
            }
            o
        })
        .collect()
}
