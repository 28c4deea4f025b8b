//! Dataset sources: each module reads one open-data source and adds its entities to a
//! [`DatasetBuilder`]. Only in the native CLI build.

pub mod cli;
pub mod curated;

use std::path::PathBuf;

use crate::dataset::DatasetBuilder;
use crate::Result;

/// Where the sources are.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The shared data folder (`../shared`, or `$GLOSS_SHARED`).
    pub shared: PathBuf,
    /// The team's curated data folder (`data/curated`).
    pub curated: PathBuf,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            shared: std::env::var_os("GLOSS_SHARED").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared")),
            curated: PathBuf::from("data/curated"),
        }
    }
}

/// Builds the dataset file from every source.
pub fn build(opts: &BuildOptions) -> Result<Vec<u8>> {
    let mut builder = DatasetBuilder::new(env!("CARGO_PKG_VERSION"));
    curated::add(&opts.curated, &mut builder)?;
    builder.build()
}
