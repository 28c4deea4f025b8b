//! Gloss finds the people, places and organizations named in a text and links them to a bundled
//! reference dataset, entirely on the device.
//!
//! The pipeline has one module per stage:
//! [`normalize`] (alias keys) → [`tokenize`] (tokens and sentences) → [`tag`] (PER/LOC/ORG spans)
//! → [`describe`] (how the page describes each name) → [`link`] (dataset entities, page
//! coreference) → [`card`] (what a hover card shows).
//! [`Annotator`] runs them all.
//!
//! ```
//! use gloss::{Annotator, Dataset, DatasetBuilder, EntityInput, EntityType};
//!
//! let mut builder = DatasetBuilder::new("doc-example");
//! builder.add(EntityInput::new("gloss:org/fbi", EntityType::Org, "agency", "Federal Bureau of Investigation")
//!     .alias("FBI")
//!     .description("US federal law enforcement agency"));
//! let bytes = builder.build().unwrap();
//! let annotator = Annotator::new(Dataset::from_bytes(bytes).unwrap(), None);
//! let mentions = annotator.annotate("The FBI said on Monday it was investigating.");
//! assert_eq!(mentions[0].text, "FBI");
//! assert_eq!(mentions[0].entity.as_ref().unwrap().name, "Federal Bureau of Investigation");
//! ```
#![deny(missing_docs)]

pub mod annotate;
pub mod card;
pub mod dataset;
pub mod describe;
mod error;
pub mod link;
#[cfg(feature = "cli")]
pub mod link_eval;
pub mod normalize;
pub mod offsets;
#[cfg(feature = "cli")]
pub mod sources;
pub mod tag;
pub mod tokenize;
#[cfg(feature = "cli")]
pub mod train;
mod words;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use annotate::{Annotator, Mention};
pub use card::Card;
pub use dataset::{Dataset, DatasetBuilder, EntityInput, EntityType};
pub use error::{Error, Result};
pub use tag::Tagger;
