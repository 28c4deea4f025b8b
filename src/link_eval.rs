//! `gloss eval links`: linking accuracy on the GUM news documents. Only in the CLI build.

use crate::{Error, Result};

/// Runs `gloss eval links [DIR]`; returns the exit code.
pub fn run(_args: &[String]) -> Result<u8> {
    Err(Error::InvalidInput("linking evaluation is not implemented yet".into()))
}
