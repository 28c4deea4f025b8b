//! The WASM facade: one exported `Annotator` for the extension's background worker.
//!
//! Offsets returned to JavaScript are UTF-16 code units, what the DOM's `Text.splitText` takes.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::dataset::{Dataset, EntityType, SourceInfo};
use crate::offsets::{convert, Unit};
use crate::tag::Tagger;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export interface GlossMention { start: number; end: number; text: string; type: "PER" | "LOC" | "ORG";
  entity: { id: string } | null; page_entity: number;
  descriptor: string | null }
export interface GlossCard { id: string; name: string; type: "PER" | "LOC" | "ORG"; subtype: string;
  description: string; facts: { label: string; value: string }[]; aliases: string[];
  coords: [number, number] | null; country: string | null; url: string | null }
"#;

/// Every error crosses into JavaScript as an `Error` with the crate's message.
fn into_error(err: impl std::fmt::Display) -> JsError {
    JsError::new(&err.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(into_error)
}

/// A mention as the content script needs it: the linked entity by id only. Its name and
/// description reach the page with its card; sending them with every mention would cost a
/// string conversion each and bloat the reply for a long page.
#[derive(Serialize)]
struct JsMention<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: EntityType,
    entity: Option<JsEntity<'a>>,
    page_entity: u32,
    descriptor: &'a Option<String>,
}

#[derive(Serialize)]
struct JsEntity<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct Info<'a> {
    version: &'a str,
    entities: usize,
    bytes: usize,
    sources: &'a [SourceInfo],
    tagger: &'static str,
    /// Milliseconds the core took to load the dataset (header, checksum, maps), measured inside
    /// the constructor; `null` where the host has no `performance.now()`.
    dataset_ms: Option<f64>,
    /// The same for the tagger model.
    model_ms: Option<f64>,
}

/// The host's `performance.now()` in milliseconds (the worker's clock), when it has one. Read
/// through `js_sys` so the core needs no web-sys.
fn now_ms() -> Option<f64> {
    use wasm_bindgen::JsCast;
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok()?;
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into())
        .ok()?
        .dyn_into()
        .ok()?;
    now.call0(&performance).ok()?.as_f64()
}

/// Finds and links names; created once per worker from the dataset (and model) bytes.
#[wasm_bindgen]
pub struct Annotator {
    inner: crate::Annotator,
    tagger: &'static str,
    dataset_ms: Option<f64>,
    model_ms: Option<f64>,
}

#[wasm_bindgen]
impl Annotator {
    /// Loads the dataset and, when given, the trained tagger model. Throws a typed message
    /// ("dataset could not be loaded: …") on a corrupt file.
    #[wasm_bindgen(constructor)]
    pub fn new(dataset: Vec<u8>, model: Option<Vec<u8>>) -> Result<Annotator, JsError> {
        let started = now_ms();
        let dataset = Dataset::from_bytes(dataset).map_err(into_error)?;
        let dataset_done = now_ms();
        let has_model = model.is_some();
        let tagger = model
            .map(|m| Tagger::from_bytes(&m))
            .transpose()
            .map_err(into_error)?;
        let model_done = now_ms();
        let kind = if tagger.is_some() { "model" } else { "rules" };
        let between = |a: Option<f64>, b: Option<f64>| Some(b? - a?);
        Ok(Annotator {
            inner: crate::Annotator::new(dataset, tagger),
            tagger: kind,
            dataset_ms: between(started, dataset_done),
            model_ms: between(dataset_done, model_done).filter(|_| has_model),
        })
    }

    /// Annotates `text`; returns `GlossMention[]` with UTF-16 offsets.
    #[wasm_bindgen(unchecked_return_type = "GlossMention[]")]
    pub fn annotate(&self, text: &str) -> Result<JsValue, JsError> {
        let mentions = self.inner.annotate(text);
        let bytes: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
        let units = convert(text, &bytes, Unit::Utf16);
        let out: Vec<JsMention> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| JsMention {
                start: units[2 * i],
                end: units[2 * i + 1],
                text: &m.text,
                kind: m.kind,
                entity: m.entity.as_ref().map(|e| JsEntity { id: &e.id }),
                page_entity: m.page_entity,
                descriptor: &m.descriptor,
            })
            .collect();
        to_js(&out)
    }

    /// Finds the names in `text` without linking them and returns how many there are: the
    /// tagger's own throughput, apart from linking and from building JS objects, for the
    /// benchmark (`./build.sh bench`).
    #[wasm_bindgen(js_name = countNames)]
    pub fn count_names(&self, text: &str) -> usize {
        self.inner.annotate_unlinked(text).len()
    }

    /// Card data for an entity id, or `null` when the id is unknown.
    #[wasm_bindgen(unchecked_return_type = "GlossCard | null")]
    pub fn card(&self, id: &str) -> Result<JsValue, JsError> {
        match self.inner.card(id) {
            Some(card) => to_js(&card),
            None => Ok(JsValue::NULL),
        }
    }

    /// Dataset version, size, entity count, sources and licenses, for the About page; and how
    /// long loading the dataset and the model took (`dataset_ms`, `model_ms`).
    pub fn info(&self) -> Result<JsValue, JsError> {
        let ds = self.inner.dataset();
        to_js(&Info {
            version: &ds.meta().version,
            entities: ds.len(),
            bytes: ds.file_size(),
            sources: &ds.meta().sources,
            tagger: self.tagger,
            dataset_ms: self.dataset_ms,
            model_ms: self.model_ms,
        })
    }
}
