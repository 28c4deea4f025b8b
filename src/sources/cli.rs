//! `gloss dataset …` subcommands.

use std::path::PathBuf;

use serde_json::json;

use crate::dataset::Dataset;
use crate::sources::wikidata::{import, ImportOptions};
use crate::sources::{build, BuildOptions};
use crate::{Error, Result};

const DEFAULT_OUT: &str = "build/dataset.bin";

const USAGE: &str = "\
usage: gloss dataset build [--out FILE] [--shared DIR] [--curated DIR] [--world-countries FILE]
                           [--geonames DIR] [--wordnet DIR] [--wikidata DIR] [--quiet]
       gloss dataset stats [FILE]
       gloss dataset lookup NAME [FILE]
       gloss dataset dump [FILE]          every entity as a JSON line
       gloss dataset pack FILE OUT        the packed (compressed) form the extension ships
       gloss dataset import-wikidata DUMP.json[.gz] [--min-sitelinks N] [--out FILE]
                           (default: 20 sitelinks, data/wikidata/wikidata.jsonl)";

/// Runs `gloss dataset SUBCOMMAND ARGS`; returns the exit code.
pub fn run(args: &[String]) -> Result<u8> {
    match args.first().map(String::as_str) {
        Some("build") => {
            let mut opts = BuildOptions::default();
            let mut out = PathBuf::from(DEFAULT_OUT);
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let mut value = || {
                    it.next()
                        .cloned()
                        .ok_or_else(|| Error::InvalidInput(format!("{a} needs a value")))
                };
                match a.as_str() {
                    "--out" => out = PathBuf::from(value()?),
                    "--shared" => opts.shared = PathBuf::from(value()?),
                    "--curated" => opts.curated = PathBuf::from(value()?),
                    "--world-countries" => opts.world_countries = PathBuf::from(value()?),
                    "--geonames" => opts.geonames = Some(PathBuf::from(value()?)),
                    "--wordnet" => opts.wordnet = PathBuf::from(value()?),
                    "--wikidata" => opts.wikidata = PathBuf::from(value()?),
                    "--quiet" => opts.progress = false,
                    other => {
                        return Err(Error::InvalidInput(format!(
                            "unexpected argument {other:?}"
                        )))
                    }
                }
            }
            let started = std::time::Instant::now();
            let bytes = build(&opts)?;
            if let Some(dir) = out.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
            }
            std::fs::write(&out, &bytes)
                .map_err(|e| Error::io(format!("writing {}", out.display()), e))?;
            eprintln!(
                "wrote {} ({} bytes) in {:.1} s",
                out.display(),
                bytes.len(),
                started.elapsed().as_secs_f32()
            );
            Ok(0)
        }
        Some("stats") => {
            let ds = load(args.get(1))?;
            let mut per_type = serde_json::Map::new();
            let mut per_subtype = serde_json::Map::new();
            for i in 0..ds.len() as u32 {
                let e = ds
                    .entity(i)
                    .ok_or_else(|| Error::DatasetFormat(format!("record {i} does not decode")))?;
                *per_type.entry(e.kind.as_str()).or_insert(json!(0)) = json!(
                    per_type
                        .get(e.kind.as_str())
                        .and_then(|v| v.as_u64())
                        .unwrap_or(0)
                        + 1
                );
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
        Some("pack") => {
            let [_, file, out] = args else {
                return Err(Error::InvalidInput(format!(
                    "pack needs a dataset file and an output file\n{USAGE}"
                )));
            };
            let bytes = std::fs::read(file).map_err(|e| Error::io(format!("reading {file}"), e))?;
            let packed = crate::dataset::pack(&bytes)?;
            // What ships must load: unpacked, it is the same file.
            if Dataset::from_bytes(packed.clone())?.file_bytes() != bytes.as_slice() {
                return Err(Error::InvalidInput(format!(
                    "{file} did not survive packing"
                )));
            }
            std::fs::write(out, &packed).map_err(|e| Error::io(format!("writing {out}"), e))?;
            eprintln!(
                "packed {file} ({} bytes) into {out} ({} bytes)",
                bytes.len(),
                packed.len()
            );
            Ok(0)
        }
        Some("lookup") => {
            let name = args
                .get(1)
                .ok_or_else(|| Error::InvalidInput("lookup needs a NAME".into()))?;
            let ds = load(args.get(2))?;
            let mut out = std::io::stdout().lock();
            for c in ds.candidates(name) {
                if let Some(e) = ds.entity(c.index) {
                    use std::io::Write;
                    writeln!(
                        out,
                        "{}",
                        json!({"id": e.id, "name": e.name, "type": e.kind, "subtype": e.subtype, "description": e.description, "prior": c.prior, "is_name": c.is_name})
                    )
                    .map_err(|e| Error::io("writing output", e))?;
                }
            }
            Ok(0)
        }
        Some("dump") => {
            // Every entity as one JSON line: for reviewing a build.
            let ds = load(args.get(1))?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for i in 0..ds.len() as u32 {
                let e = ds
                    .entity(i)
                    .ok_or_else(|| Error::DatasetFormat(format!("record {i} does not decode")))?;
                use std::io::Write;
                writeln!(out, "{}", serde_json::to_string(&e).expect("json"))
                    .map_err(|e| Error::io("writing output", e))?;
            }
            Ok(0)
        }
        Some("import-wikidata") => {
            let mut dump = None;
            let mut opts = ImportOptions {
                dump: PathBuf::new(),
                min_sitelinks: 20,
                out: PathBuf::from("data/wikidata/wikidata.jsonl"),
            };
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let mut value = || {
                    it.next()
                        .cloned()
                        .ok_or_else(|| Error::InvalidInput(format!("{a} needs a value")))
                };
                match a.as_str() {
                    "--min-sitelinks" => {
                        let v = value()?;
                        opts.min_sitelinks = v.parse().map_err(|_| {
                            Error::InvalidInput(format!("--min-sitelinks {v:?} is not a number"))
                        })?;
                    }
                    "--out" => opts.out = PathBuf::from(value()?),
                    other if dump.is_none() && !other.starts_with("--") => {
                        dump = Some(PathBuf::from(other))
                    }
                    other => {
                        return Err(Error::InvalidInput(format!(
                            "unexpected argument {other:?}"
                        )))
                    }
                }
            }
            let Some(dump) = dump else {
                eprintln!("{USAGE}");
                return Ok(2);
            };
            opts.dump = dump;
            let n = import(&opts)?;
            eprintln!("wrote {n} rows to {}", opts.out.display());
            Ok(0)
        }
        _ => {
            eprintln!("{USAGE}");
            Ok(2)
        }
    }
}

fn load(path: Option<&String>) -> Result<Dataset> {
    let path = path
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_OUT));
    let bytes =
        std::fs::read(&path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    Dataset::from_bytes(bytes)
}
