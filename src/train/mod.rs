//! Training and evaluating the tagger. Only in the native CLI build.

pub mod cli;
