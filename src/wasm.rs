//! The WASM facade: one exported `Annotator` for the extension's background worker.
//!
//! Offsets returned to JavaScript are UTF-16 code units, what the DOM's `Text.splitText` takes.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::dataset::packed::Unpacker;
use crate::dataset::{Dataset, SourceInfo};
use crate::offsets::{convert, Unit};
use crate::tag::Tagger;
use crate::words::PageMap;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** What extension/mentions.js makes of `annotatePacked`. */
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

/// The numbers and strings of [`Annotator::annotate_packed`]. A page entity has one entity and
/// one descriptor, so most strings are shared by several mentions: each is sent once.
fn pack<'m>(text: &str, mentions: &'m [crate::Mention]) -> Vec<u32> {
    let bytes: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    let units = convert(text, &bytes, Unit::Utf16);
    let mut out: Vec<u32> = Vec::with_capacity(2 + mentions.len() * 8);
    out.push(mentions.len() as u32);
    let mut strings: Vec<&'m str> = Vec::new();
    let mut numbered: PageMap<&str, u32> = PageMap::default();
    // Each distinct string once, numbered from 1 in order of first use.
    let mut number = |s: Option<&'m str>| -> u32 {
        let Some(s) = s else { return 0 };
        let next = numbered.len() as u32 + 1;
        *numbered.entry(s).or_insert_with(|| {
            strings.push(s);
            next
        })
    };
    for (i, m) in mentions.iter().enumerate() {
        let entity = number(m.entity.as_ref().map(|e| e.id.as_str()));
        let descriptor = number(m.descriptor.as_deref());
        out.extend([
            units[2 * i] as u32,
            units[2 * i + 1] as u32,
            m.kind as u32,
            m.page_entity,
            entity,
            descriptor,
        ]);
    }
    out.push(strings.len() as u32);
    let ends_at = out.len();
    let units_at = ends_at + strings.len();
    out.resize(units_at, 0);
    for (i, s) in strings.iter().enumerate() {
        out.extend(s.encode_utf16().map(u32::from));
        out[ends_at + i] = (out.len() - units_at) as u32;
    }
    out
}

/// `b - a`, when both clock readings were taken.
fn between(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(b? - a?)
}

/// Milliseconds since `started`, or 0 where the host has no clock.
fn ms_since(started: Option<f64>) -> f64 {
    between(started, now_ms()).unwrap_or(0.0)
}

/// Builds an [`Annotator`] from the packaged files while they are still being read: the packed
/// dataset is unpacked block by block as its pieces arrive, and the model is read as soon as its
/// last piece is in, so that little is left to do after the last byte (the worker's first start
/// after an install). Each file's header gives its length, so the loader also tells when each
/// is complete: the worker ends its reads there, without waiting for the browser to report the
/// end of the stream.
#[wasm_bindgen]
#[derive(Default)]
pub struct Loader {
    dataset: Unpacker,
    /// The model file's pieces so far, until it is read.
    model: Vec<u8>,
    tagger: Option<Tagger>,
    /// Time spent in the core on the dataset and on the model so far (ms).
    dataset_ms: f64,
    model_ms: Option<f64>,
}

#[wasm_bindgen]
impl Loader {
    /// A loader that has received nothing yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Takes the next piece of the packed dataset file. Throws on a corrupt file; so does every
    /// call after that.
    #[wasm_bindgen(js_name = pushDataset)]
    pub fn push_dataset(&mut self, piece: &[u8]) -> Result<(), JsError> {
        let started = now_ms();
        let result = self.dataset.push(piece).map_err(into_error);
        self.dataset_ms += ms_since(started);
        result
    }

    /// Whether the whole dataset file has arrived.
    #[wasm_bindgen(getter, js_name = datasetComplete)]
    pub fn dataset_complete(&self) -> bool {
        self.dataset.complete()
    }

    /// Takes the next piece of the tagger model file, and reads the model once the length its
    /// header gives is in. Throws on a corrupt file.
    #[wasm_bindgen(js_name = pushModel)]
    pub fn push_model(&mut self, piece: &[u8]) -> Result<(), JsError> {
        if self.model_complete() {
            return Err(into_error(crate::Error::ModelFormat(
                "bytes after the end of the model file".into(),
            )));
        }
        self.model.extend_from_slice(piece);
        if Tagger::file_length(&self.model).is_some_and(|n| self.model.len() >= n) {
            self.read_model()?;
        }
        Ok(())
    }

    /// Whether the whole model file has arrived (and been read).
    #[wasm_bindgen(getter, js_name = modelComplete)]
    pub fn model_complete(&self) -> bool {
        self.tagger.is_some()
    }

    fn read_model(&mut self) -> Result<(), JsError> {
        let started = now_ms();
        let bytes = std::mem::take(&mut self.model);
        self.tagger = Some(Tagger::from_bytes(&bytes).map_err(into_error)?);
        self.model_ms = Some(ms_since(started));
        Ok(())
    }

    /// The annotator, once the whole dataset has been pushed; the loader is used up. Without a
    /// model it tags by the rules; a model cut short is an error.
    pub fn finish(mut self) -> Result<Annotator, JsError> {
        if !self.model.is_empty() {
            self.read_model()?;
        }
        let started = now_ms();
        let file = self.dataset.finish().map_err(into_error)?;
        let dataset = Dataset::from_bytes(file).map_err(into_error)?;
        let dataset_ms = self.dataset_ms + ms_since(started);
        Ok(Annotator::assemble(
            dataset,
            self.tagger,
            Some(dataset_ms),
            self.model_ms,
        ))
    }
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
        Ok(Annotator::assemble(
            dataset,
            tagger,
            between(started, dataset_done),
            between(dataset_done, model_done).filter(|_| has_model),
        ))
    }

    fn assemble(
        dataset: Dataset,
        tagger: Option<Tagger>,
        dataset_ms: Option<f64>,
        model_ms: Option<f64>,
    ) -> Annotator {
        let kind = if tagger.is_some() { "model" } else { "rules" };
        Annotator {
            inner: crate::Annotator::new(dataset, tagger),
            tagger: kind,
            dataset_ms,
            model_ms,
        }
    }

    /// Annotates `text`, packed for `extension/mentions.js`, whose `annotate` turns this into
    /// `GlossMention[]` (UTF-16 offsets). One array of numbers: the mention count, six numbers
    /// per mention (start, end, type 0–2 for PER, LOC, ORG, page entity, then 1 + the index of
    /// its entity id and of its descriptor among the strings, 0 for none), the string count,
    /// where each string ends (in UTF-16 units from the first string's start: a descriptor is
    /// page text, which may hold any character, so no separator would do), then the strings'
    /// UTF-16 units. Only the linked entity's id goes with a mention: its name and description
    /// reach the page with its card. The mention objects are built in JavaScript: creating them
    /// one property at a time through the WASM boundary took 7% of the whole annotation, and
    /// handing over three objects (two typed arrays and a string) instead of this one array
    /// took 3% when each call finds the caches cold.
    #[wasm_bindgen(js_name = annotatePacked)]
    pub fn annotate_packed(&self, text: &str) -> Vec<u32> {
        let mentions = self.inner.annotate(text);
        pack(text, &mentions)
    }

    /// Finds the names in `text` without linking them and returns how many there are: the
    /// tagger's own throughput, apart from linking and from building JS objects, for the
    /// benchmark (`./build.sh bench`).
    #[wasm_bindgen(js_name = countNames)]
    pub fn count_names(&self, text: &str) -> usize {
        self.inner.annotate_unlinked(text).len()
    }

    /// The dataset file's bytes, unpacked: the worker keeps a copy of these, so that later
    /// starts skip unpacking the file it ships packed.
    #[wasm_bindgen(js_name = datasetBytes)]
    pub fn dataset_bytes(&self) -> js_sys::Uint8Array {
        js_sys::Uint8Array::from(self.inner.dataset().file_bytes())
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
