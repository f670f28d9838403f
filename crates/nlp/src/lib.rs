//! Tokenizer and sentence splitter for news English, with code-point spans.
//!
//! Rule-based for now: it keeps "U.S.-led", "F/A-18E", "1,200", "p.m." and initials whole, splits possessives, and
//! finds sentence ends that survive abbreviations ("Gen.", "U.S."), initials, headlines without final punctuation,
//! hard-wrapped wire copy and ALL-CAPS text. The trained tagger and parser of the linguistic-core issue build on these
//! tokens.
//!
//! ```
//! use sitrep_nlp::split_sentences;
//! let text = "U.S.-led forces struck Raqqa at 3 p.m. on Monday, Gen. Smith said. Rebels denied it.";
//! let sentences = split_sentences(text);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[0].tokens[0].text(text), "U.S.-led");
//! ```

mod sentence;
mod token;

pub use sentence::{split_sentences, Sentence};
pub use token::{tokenize, Token, TokenKind};
