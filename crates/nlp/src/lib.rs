//! Linguistic core for news English: tokenizer and sentence splitter, part-of-speech tagger (UPOS and XPOS),
//! lemmatizer and labelled dependency parser (Universal Dependencies relations), all with code-point spans.
//!
//! The tokenizer and splitter are rule-based: they keep "U.S.-led", "F/A-18E", "1,200", "p.m." and initials whole,
//! split possessives, and find sentence ends that survive abbreviations ("Gen.", "U.S."), initials, headlines
//! without final punctuation, hard-wrapped wire copy and ALL-CAPS text.
//!
//! The tagger, lemmatizer and parser are trained by this crate on UD English-EWT (see `docs/nlp.md`): a greedy
//! averaged-perceptron tagger over joint UPOS+XPOS classes with a learned lemma table and suffix rules
//! ([`Tagger`], [`Lemmatizer`]), and an arc-hybrid transition parser trained with a dynamic oracle plus a top-down
//! arc labeller ([`Parser`]). The trained models ship in `data/models/` and are compiled in: [`Pipeline::builtin`]
//! loads them once. [`conllu`] reads and writes CoNLL-U and [`score`] scores a parse against gold.
//!
//! ```
//! use sitrep_nlp::split_sentences;
//! let text = "U.S.-led forces struck Raqqa at 3 p.m. on Monday, Gen. Smith said. Rebels denied it.";
//! let sentences = split_sentences(text);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[0].tokens[0].text(text), "U.S.-led");
//! ```
//!
//! ```
//! use sitrep_nlp::Pipeline;
//! let nlp = Pipeline::builtin().expect("the shipped models load");
//! let sentences = nlp.analyze("Seven soldiers were killed by al-Shabaab fighters.");
//! let s = &sentences[0];
//! let soldiers = &s.tokens[1];
//! assert_eq!(soldiers.deprel, "nsubj:pass");
//! assert_eq!(s.head_of(1).map(|h| h.lemma.as_str()), Some("kill"));
//! ```

pub mod conllu;
mod error;
mod features;
mod labeler;
mod lemmatizer;
mod model_io;
mod parser;
mod perceptron;
mod pipeline;
pub mod score;
mod sentence;
mod tagger;
mod token;

pub use error::NlpError;
pub use lemmatizer::Lemmatizer;
pub use parser::{Parse, Parser, ParserConfig};
pub use pipeline::{ParsedSentence, ParsedToken, Pipeline};
pub use sentence::{split_sentences, Sentence};
pub use tagger::{Tagger, TaggerConfig};
pub use token::{tokenize, Token, TokenKind};
