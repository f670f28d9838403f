//! The event coder: from a document's sentences to event records.
//!
//! For each sentence: event triggers (verbs and nouns from `data/lexicon/triggers.tsv`) give the PLOVER type, mode,
//! CAMEO code and ACLED type; actor mentions (countries, demonyms, capitals, named groups, generic agents) fill the
//! actor and recipient roles by position and voice ("were killed by X"); modality cues flag negated, hypothetical,
//! future and hedged events; reporting phrases ("X said", "according to X") name who claims it; counts, weapons,
//! dates and places come from their own stages. Then sentences that report the same event are folded together,
//! keeping every source's casualty figure side by side.
//!
//! ```
//! use sitrep_coder::Coder;
//! use sitrep_model::Document;
//! let doc = Document::from_text("a.txt", "Seven soldiers were killed by al-Shabaab fighters on Saturday, the army said.")
//!     .with_publication_date(Some("2024-02-26".into()));
//! let events = Coder::new().code(&doc);
//! assert_eq!(events[0].event_type.as_str(), "ASSAULT");
//! assert_eq!(events[0].actors[0].name, "al-Shabaab");
//! assert_eq!(events[0].casualties.killed.as_ref().unwrap().primary.best, Some(7));
//! assert_eq!(events[0].date.value.as_deref(), Some("2024-02-24"));
//! ```

mod attribution;
mod counts;
mod crosswalk;
mod dating;
mod dictionary_verbs;
mod id;
mod locating;
mod mentions;
mod merge;
mod modality;
mod numbers;
mod patterns;
mod places;
mod roles;
mod sentence_coder;
mod syntax_roles;
mod timexes;
mod weapons;

use sitrep_geo::Gazetteer;
use sitrep_lexicon::Lexicon;
use sitrep_model::{CharIndex, DateBasis, Document, Event, EventDate};

pub use numbers::parse_number;
pub use places::{document_places, PlaceRecord};
pub use timexes::{document_timexes, TimexRecord};
pub use weapons::document_weapons;

/// Codes documents into events. Cheap to clone; the lexicon and gazetteer are shared.
#[derive(Clone, Copy)]
pub struct Coder {
    lexicon: &'static Lexicon,
    gazetteer: &'static Gazetteer,
    /// Read roles from the dependency parse (else from positions alone).
    parse: bool,
    /// Unasserted events emitted besides the asserted ones (none by default).
    include: Include,
}

/// Which unasserted events a coder emits, flagged in their `modality`. By default neither: "would not engage"
/// and "if talks fail, X could strike" are not events that happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Include {
    pub negated: bool,
    pub hypothetical: bool,
}

impl Default for Coder {
    fn default() -> Self {
        Coder::new()
    }
}

/// The events of one document (or part), and how many sentences it had.
#[derive(Debug, Clone)]
pub struct CodedText {
    pub events: Vec<Event>,
    pub sentences: usize,
}

impl Coder {
    /// A coder over the built-in lexicon and gazetteer.
    pub fn new() -> Self {
        Coder { lexicon: Lexicon::builtin(), gazetteer: Gazetteer::builtin(), parse: true, include: Include::default() }
    }

    /// A coder over another lexicon (e.g. [`Lexicon::builtin_with`] PETRARCH dictionaries) and the built-in
    /// gazetteer. The lexicon must live as long as the program: build it once (a binary may `Box::leak` it).
    pub fn with_lexicon(lexicon: &'static Lexicon) -> Self {
        Coder { lexicon, ..Coder::new() }
    }

    /// Whether roles come from the dependency parse where it finds arguments (the default) or from positions and
    /// voice alone (faster: tagging and parsing is most of the coder's time on sentences it parses).
    pub fn with_parse(mut self, parse: bool) -> Self {
        self.parse = parse;
        self
    }

    /// Emits negated and/or hypothetical events too (flagged), e.g. for `--include negated,hypothetical`.
    pub fn with_include(mut self, include: Include) -> Self {
        self.include = include;
        self
    }

    /// All events in a document, spans into `doc.text`.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        self.code_part(doc, 0).events
    }

    /// Codes one part of a long document: spans are shifted by the part's `char_offset` and sentence indexes by
    /// `sentence_offset` (the sentences of earlier parts), so they index the whole document.
    pub fn code_part(&self, doc: &Document, sentence_offset: usize) -> CodedText {
        let text = doc.text.as_str();
        let sentences = sitrep_nlp::split_sentences(text);
        let chars = CharIndex::new(text);
        let reference = doc.publication_date.as_deref().and_then(sitrep_time::parse_reference_date);
        let context = sentence_coder::DocumentFacts::gather(self.lexicon, self.gazetteer, text, &sentences);
        let mut events = Vec::new();
        let mut loose = Vec::new();
        let mut speakers = attribution::Speakers::default();
        let inferred = std::cell::RefCell::new(Vec::new());
        for (i, sentence) in sentences.iter().enumerate() {
            let sentence_coder = sentence_coder::SentenceCoder {
                lexicon: self.lexicon,
                doc,
                chars: &chars,
                reference,
                facts: &context,
                index: i,
                is_headline: i == 0 && doc.title.is_some() && sentence.start == 0,
                use_parse: self.parse,
                speakers: &speakers,
                reporters: std::cell::OnceCell::new(),
                inferred: &inferred,
            };
            let coded = sentence_coder.code(sentence);
            if coded.is_empty() {
                let casualties = sentence_coder.loose_casualties(sentence);
                if !casualties.is_empty() {
                    loose.push((i, casualties));
                }
            }
            events.extend(coded);
            for (name, kind) in sentence_coder.named_speakers(sentence) {
                speakers.observe(name, kind);
            }
        }
        // dropped before folding, so a denial never merges into the event it denies
        events.retain(|e: &Event| (self.include.negated || !e.modality.negated) && (self.include.hypothetical || !e.modality.hypothetical));
        merge::attach_loose_counts(&mut events, loose);
        let mut events = merge::fold_reports(events);
        sentence_coder::apply_inferred(&mut events, &inferred.borrow());
        // "an insurgency since 1984 in which 40,000 were killed": the sentence dates itself to earlier years that
        // the time reader did not resolve, so the publication week would be a made-up date
        for e in &mut events {
            if e.date.basis == DateBasis::Publication
                && sentence_coder::tells_of_earlier_years(&e.evidence, doc.publication_date.as_deref())
            {
                e.date = EventDate::unresolved();
            }
        }
        let shift = doc.char_offset();
        let mut ids = std::collections::HashSet::new();
        for e in &mut events {
            if shift > 0 || sentence_offset > 0 {
                shift_event(e, shift, sentence_offset);
            }
            let mut nth = 0;
            e.id = id::event_id(&e.doc_id, e.trigger.span, e.event_type);
            while !ids.insert(e.id.clone()) {
                nth += 1;
                e.id = id::event_id_nth(&e.doc_id, e.trigger.span, e.event_type, nth);
            }
        }
        CodedText { events, sentences: sentences.len() }
    }
}

fn shift_event(e: &mut Event, by: usize, sentences: usize) {
    e.sentence_index += sentences;
    e.evidence_span = e.evidence_span.shifted(by);
    e.trigger.span = e.trigger.span.shifted(by);
    for a in e.actors.iter_mut().chain(e.recipients.iter_mut()) {
        a.span = a.span.shifted(by);
    }
    if let Some(s) = e.date.span.as_mut() {
        *s = s.shifted(by);
    }
    if let Some(s) = e.location.as_mut().and_then(|l| l.span.as_mut()) {
        *s = s.shifted(by);
    }
    for w in &mut e.weapons {
        w.span = w.span.shifted(by);
    }
    for r in &mut e.reporters {
        r.span = r.span.shifted(by);
        if let Some(name) = r.refers_to.as_mut() {
            name.span = name.span.shifted(by);
        }
    }
    for c in [&mut e.casualties.killed, &mut e.casualties.injured, &mut e.casualties.arrested].into_iter().flatten() {
        c.primary.span = c.primary.span.shifted(by);
        c.primary.sentence_index += sentences;
        for claim in &mut c.claims {
            claim.span = claim.span.shifted(by);
            claim.sentence_index += sentences;
        }
    }
}
