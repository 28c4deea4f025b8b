//! `gloss train` and `gloss eval` subcommands.

use crate::{Error, Result};

/// `gloss train ARGS`.
pub fn train(_args: &[String]) -> Result<u8> {
    Err(Error::InvalidInput("training is not implemented yet".into()))
}

/// `gloss eval conll FILE`.
pub fn eval(_args: &[String]) -> Result<u8> {
    Err(Error::InvalidInput("evaluation is not implemented yet".into()))
}
