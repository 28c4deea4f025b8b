//! `gloss dataset …` subcommands.

use std::path::PathBuf;

use serde_json::json;

use crate::dataset::Dataset;
use crate::sources::{build, BuildOptions};
use crate::{Error, Result};

const DEFAULT_OUT: &str = "build/dataset.bin";

/// Runs `gloss dataset SUBCOMMAND ARGS`; returns the exit code.
pub fn run(args: &[String]) -> Result<u8> {
    match args.first().map(String::as_str) {
        Some("build") => {
            let mut opts = BuildOptions::default();
            let mut out = PathBuf::from(DEFAULT_OUT);
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let mut value = || it.next().cloned().ok_or_else(|| Error::InvalidInput(format!("{a} needs a value")));
                match a.as_str() {
                    "--out" => out = PathBuf::from(value()?),
                    "--shared" => opts.shared = PathBuf::from(value()?),
                    "--curated" => opts.curated = PathBuf::from(value()?),
                    other => return Err(Error::InvalidInput(format!("unexpected argument {other:?}"))),
                }
            }
            let bytes = build(&opts)?;
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
            }
            std::fs::write(&out, &bytes).map_err(|e| Error::io(format!("writing {}", out.display()), e))?;
            eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
            Ok(0)
        }
        Some("stats") => {
            let ds = load(args.get(1))?;
            let mut per_type = serde_json::Map::new();
            let mut per_subtype = serde_json::Map::new();
            for i in 0..ds.len() as u32 {
                let e = ds.entity(i).ok_or_else(|| Error::DatasetFormat(format!("record {i} does not decode")))?;
                *per_type.entry(e.kind.as_str()).or_insert(json!(0)) = json!(per_type.get(e.kind.as_str()).and_then(|v| v.as_u64()).unwrap_or(0) + 1);
                let key = format!("{}/{}", e.kind.as_str(), e.subtype);
                let n = per_subtype.get(&key).and_then(|v| v.as_u64()).unwrap_or(0) + 1;
                per_subtype.insert(key, json!(n));
            }
            let stats = json!({
                "version": ds.meta().version,
                "entities": ds.len(),
                "file_size_bytes": ds.file_size(),
                "types": per_type,
                "subtypes": per_subtype,
                "sources": ds.meta().sources,
            });
            println!("{}", serde_json::to_string_pretty(&stats).expect("json"));
            Ok(0)
        }
        Some("lookup") => {
            let name = args.get(1).ok_or_else(|| Error::InvalidInput("lookup needs a NAME".into()))?;
            let ds = load(args.get(2))?;
            for c in ds.candidates(name) {
                if let Some(e) = ds.entity(c.index) {
                    println!("{}", json!({"id": e.id, "name": e.name, "type": e.kind, "subtype": e.subtype, "description": e.description, "prior": c.prior, "is_name": c.is_name}));
                }
            }
            Ok(0)
        }
        _ => {
            eprintln!("usage: gloss dataset build [--out FILE] [--shared DIR] [--curated DIR]\n       gloss dataset stats [FILE]\n       gloss dataset lookup NAME [FILE]");
            Ok(2)
        }
    }
}

fn load(path: Option<&String>) -> Result<Dataset> {
    let path = path.map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_OUT));
    let bytes = std::fs::read(&path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    Dataset::from_bytes(bytes)
}
