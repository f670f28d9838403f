//! Compiling the coder's regular expressions with room for their lazy DFAs.
//!
//! The reporter and count patterns have bounded repetitions over Unicode classes (`[^,;:“"”]{2,90}?`), whose lazy
//! DFAs need far more states than `regex`'s default cache of 2 MiB per thread holds: with the default, the cache is
//! cleared over and over and determinisation dominated the coder's time (about 13 % of `sitrep ingest`). A larger
//! cache is built once per thread and reused for every later sentence.

use regex::{Regex, RegexBuilder};

/// Lazy DFA cache per thread and pattern (an upper bound; memory grows only as states are built). 8 MiB is as fast
/// as 32 MiB on the bench corpus and keeps a two-thread ingest of 10,000 articles at 385 MB peak RSS (409 MB at 32).
const DFA_CACHE_BYTES: usize = 8 << 20;

/// Compiles `pattern` like `Regex::new`, with a larger lazy DFA cache.
pub(crate) fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).dfa_size_limit(DFA_CACHE_BYTES).build()
}
