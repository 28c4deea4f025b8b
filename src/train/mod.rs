//! Training and evaluating the tagger. Only in the native CLI build.

mod brown;
pub mod cli;
pub mod conll;
pub mod eval;
pub(crate) mod perceptron;
mod text;
