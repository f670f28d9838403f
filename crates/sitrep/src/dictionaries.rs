//! `--dictionaries DIR`: PETRARCH-format actor, agent and verb dictionaries loaded on top of the built-in lexicon,
//! once per run; every coder of the run then uses them.

use std::path::Path;
use std::sync::OnceLock;

use anyhow::Context;
use sitrep_coder::Coder;
use sitrep_lexicon::Lexicon;

static CODER: OnceLock<Coder> = OnceLock::new();
static INCLUDE: OnceLock<sitrep_coder::Include> = OnceLock::new();

/// `--include negated,hypothetical`: every coder of the run also emits those events, flagged.
pub fn include(include: sitrep_coder::Include) {
    let _ = INCLUDE.set(include);
}

/// Loads the dictionaries of `dir` (when given) and makes [`coder`] use them. Prints what was read to stderr.
pub fn install(dir: Option<&Path>) -> anyhow::Result<()> {
    let Some(dir) = dir else { return Ok(()) };
    let (lexicon, report) = Lexicon::builtin_with(dir)
        .with_context(|| format!("cannot load PETRARCH dictionaries from {}", dir.display()))?;
    if report.files.is_empty() {
        anyhow::bail!("{}: no PETRARCH dictionary (*actors*.txt, *agents*.txt, *verbs*.txt, CAMEO*.txt) found", dir.display());
    }
    eprintln!(
        "sitrep: dictionaries from {}: {} actor phrases, {} agent phrases, {} verb forms ({} files)",
        dir.display(),
        report.actors,
        report.agents,
        report.verbs,
        report.files.len()
    );
    // one lexicon for the whole run; the coder borrows it for 'static
    let lexicon: &'static Lexicon = Box::leak(Box::new(lexicon));
    let _ = CODER.set(Coder::with_lexicon(lexicon));
    Ok(())
}

/// The coder of this run: over the installed dictionaries, else the built-in lexicon.
pub fn coder() -> Coder {
    CODER.get().copied().unwrap_or_default().with_include(INCLUDE.get().copied().unwrap_or_default())
}
