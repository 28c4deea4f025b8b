//! The crate's one error type.

/// Everything that can go wrong in Gloss. Page text never produces an error: only data files
/// (dataset, model) and caller input such as a malformed JSON line do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dataset file is not one this version can read: wrong magic, version, checksum, or a
    /// truncated or inconsistent section.
    #[error("dataset could not be loaded: {0}")]
    DatasetFormat(String),
    /// The tagger model file is corrupt, truncated or of another version.
    #[error("tagger model could not be loaded: {0}")]
    ModelFormat(String),
    /// Caller input that cannot be used, named in the message.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, with the path.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, Error>;
