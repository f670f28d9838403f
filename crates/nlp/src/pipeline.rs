//! The built-in pipeline: sentences and tokens from [`crate::split_sentences`], then tags, lemmas and a labelled
//! dependency parse from the models shipped in `data/models/` (compiled into the binary, loaded once on first use).

use std::sync::OnceLock;

use sitrep_model::Span;

use crate::conllu::{ConlluSentence, Word};
use crate::error::NlpError;
use crate::parser::Parser;
use crate::sentence::{split_sentences, Sentence};
use crate::tagger::Tagger;

static TAGGER_BYTES: &[u8] = include_bytes!("../../../data/models/tagger.bin");
static PARSER_BYTES: &[u8] = include_bytes!("../../../data/models/parser.bin");

/// One analysed token. `start..end` are byte offsets into the text, `span` code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedToken {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub form: String,
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// 0 for the root of the sentence, else the 1-based index of the head token in the sentence.
    pub head: usize,
    /// Universal Dependencies relation (with subtype, e.g. `nsubj:pass`).
    pub deprel: String,
}

/// One analysed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSentence {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub tokens: Vec<ParsedToken>,
}

impl ParsedSentence {
    /// The token heading token `i` (0-based), if it is not the root.
    pub fn head_of(&self, i: usize) -> Option<&ParsedToken> {
        let h = self.tokens.get(i)?.head;
        if h == 0 {
            None
        } else {
            self.tokens.get(h - 1)
        }
    }

    /// 0-based indexes of the dependents of token `i`.
    pub fn dependents(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens.iter().enumerate().filter(move |(_, t)| t.head == i + 1).map(|(j, _)| j)
    }

    /// The sentence as CoNLL-U, with `# sent_id` and `# text` comments and `SpaceAfter=No` where tokens touch.
    pub fn to_conllu(&self, sent_id: &str, text: &str) -> ConlluSentence {
        let sentence_text = text.get(self.start..self.end).unwrap_or("").replace(['\n', '\r'], " ");
        let words = self
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let touches = self.tokens.get(i + 1).is_some_and(|n| n.start == t.end);
                Word {
                    form: t.form.clone(),
                    lemma: t.lemma.clone(),
                    upos: t.upos.clone(),
                    xpos: t.xpos.clone(),
                    feats: "_".into(),
                    head: t.head,
                    deprel: t.deprel.clone(),
                    deps: "_".into(),
                    misc: if touches { "SpaceAfter=No".into() } else { "_".into() },
                }
            })
            .collect();
        ConlluSentence {
            comments: vec![format!("# sent_id = {sent_id}"), format!("# text = {sentence_text}")],
            words,
            extra: Vec::new(),
        }
    }
}

/// Tagger, lemmatizer and parser together.
pub struct Pipeline {
    tagger: Tagger,
    parser: Parser,
}

impl Pipeline {
    pub fn new(tagger: Tagger, parser: Parser) -> Pipeline {
        Pipeline { tagger, parser }
    }

    /// Reads both models from their serialised bytes.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Pipeline, NlpError> {
        Pipeline::load(|| Tagger::from_bytes(tagger), || Parser::from_bytes(parser))
    }

    /// Loads the two models side by side (the parser on a thread of its own).
    fn load(
        tagger: impl FnOnce() -> Result<Tagger, NlpError>,
        parser: impl FnOnce() -> Result<Parser, NlpError> + Send,
    ) -> Result<Pipeline, NlpError> {
        let (tagger, parser) = std::thread::scope(|sc| {
            let p = sc.spawn(parser);
            let t = tagger();
            (t, p.join().unwrap_or_else(|_| Err(NlpError::BadModel { what: "parser", reason: "loading panicked".into() })))
        });
        Ok(Pipeline { tagger: tagger?, parser: parser? })
    }

    /// The models shipped in `data/models/`, loaded on first use and shared afterwards.
    pub fn builtin() -> Result<&'static Pipeline, NlpError> {
        static BUILTIN: OnceLock<Result<Pipeline, String>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // straight from the program's own bytes, without copying them
                Pipeline::load(|| Tagger::from_static(TAGGER_BYTES), || Parser::from_static(PARSER_BYTES)).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|reason| NlpError::BadModel { what: "built-in models", reason: reason.clone() })
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Fills UPOS, XPOS, LEMMA, HEAD and DEPREL of a sentence, keeping its words and other columns; DEPS, which
    /// would no longer agree with the new heads, becomes `_`.
    pub fn annotate(&self, s: &mut ConlluSentence) {
        let classes = self.tagger.annotate(s);
        let keys: Vec<u64> = classes.iter().map(|&c| self.tagger.tag_key(c)).collect();
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let parse = self.parser.parse(&forms, &keys);
        for ((w, h), l) in s.words.iter_mut().zip(parse.heads).zip(parse.deprels) {
            w.head = h;
            w.deprel = l;
            w.deps = "_".into();
        }
    }

    /// Splits `text` into sentences and tokens and analyses each sentence.
    pub fn analyze(&self, text: &str) -> Vec<ParsedSentence> {
        split_sentences(text).iter().map(|s| self.analyze_sentence(text, s)).collect()
    }

    /// Tags and parses one sentence already split from `text` (by [`crate::split_sentences`]): callers that only
    /// need some sentences parsed (the event coder parses those with a trigger) skip the rest.
    pub fn analyze_sentence(&self, text: &str, sentence: &Sentence) -> ParsedSentence {
        self.analyze_one(text, sentence, true)
    }

    /// [`Pipeline::analyze_sentence`] without lemmas (each is `_`, CoNLL-U's "unspecified"), for callers that read
    /// only tags and the tree: the event coder's roles. Lemmatising costs about as much as labelling the arcs' heads.
    pub fn parse_sentence(&self, text: &str, sentence: &Sentence) -> ParsedSentence {
        self.analyze_one(text, sentence, false)
    }

    /// [`Pipeline::parse_sentence`] labelling only the words `wanted` names (0-based) from the unlabelled heads
    /// (0 = root, else 1-based), and the words above them; the other words' `deprel` is `_`. See
    /// [`Parser::parse_labelling`]: the labels given are those of a full parse.
    pub fn parse_sentence_labelling(
        &self,
        text: &str,
        sentence: &Sentence,
        wanted: impl FnOnce(&[usize]) -> Vec<usize>,
    ) -> ParsedSentence {
        self.analyze_with(text, sentence, false, |parser, forms, keys| parser.parse_labelling(forms, keys, wanted))
    }

    fn analyze_one(&self, text: &str, sentence: &Sentence, lemmas: bool) -> ParsedSentence {
        self.analyze_with(text, sentence, lemmas, |parser, forms, keys| parser.parse(forms, keys))
    }

    fn analyze_with(
        &self,
        text: &str,
        sentence: &Sentence,
        lemmas: bool,
        parse: impl FnOnce(&Parser, &[&str], &[u64]) -> crate::parser::Parse,
    ) -> ParsedSentence {
        let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.text(text)).collect();
        let classes = self.tagger.tag(&forms);
        let keys: Vec<u64> = classes.iter().map(|&c| self.tagger.tag_key(c)).collect();
        let parse = parse(&self.parser, &forms, &keys);
        let mut deprels = parse.deprels.into_iter();
        let tokens = sentence
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| ParsedToken {
                start: t.start,
                end: t.end,
                span: t.span,
                form: forms[i].to_string(),
                upos: self.tagger.upos(classes[i]).to_string(),
                xpos: self.tagger.xpos(classes[i]).to_string(),
                lemma: if lemmas { self.tagger.lemmatizer().lemma(forms[i], classes[i]) } else { "_".to_string() },
                head: parse.heads[i],
                deprel: deprels.next().expect("a label per word"),
            })
            .collect();
        ParsedSentence { start: sentence.start, end: sentence.end, span: sentence.span, tokens }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Seven soldiers were killed by al-Shabaab fighters near Mogadishu on Monday, police said. \
        Government forces, supported by Russian jets, shelled rebel positions and seized two villages. \
        Turkey's offensive against the Kurdish militia, which Ankara calls terrorists, entered its third week.";

    #[test]
    fn labelling_some_words_gives_them_and_their_heads_the_full_parse_labels() {
        let nlp = Pipeline::builtin().unwrap();
        for sentence in split_sentences(TEXT) {
            let full = nlp.parse_sentence(TEXT, &sentence);
            let n = full.tokens.len();
            for step in [1, 2, 3, 5] {
                let wanted: Vec<usize> = (0..n).step_by(step).collect();
                let partial = nlp.parse_sentence_labelling(TEXT, &sentence, |_| wanted.clone());
                for (i, (f, p)) in full.tokens.iter().zip(&partial.tokens).enumerate() {
                    assert_eq!(f.head, p.head, "heads never change");
                    let above_wanted = wanted.iter().any(|&w| {
                        let mut d = w + 1; // 1-based walk up the tree
                        (0..=n).any(|_| {
                            let hit = d == i + 1;
                            d = if d == 0 { 0 } else { full.tokens[d - 1].head };
                            hit
                        })
                    });
                    if above_wanted {
                        assert_eq!(
                            f.deprel, p.deprel,
                            "word {} ({}) of {:?}",
                            i, f.form, sentence.span
                        );
                    } else {
                        assert_eq!(p.deprel, "_", "word {} ({}) was not asked for", i, f.form);
                    }
                }
            }
        }
    }

    #[test]
    fn the_wanted_callback_sees_the_heads_of_the_full_parse() {
        let nlp = Pipeline::builtin().unwrap();
        let sentence = &split_sentences(TEXT)[0];
        let full = nlp.parse_sentence(TEXT, sentence);
        let mut seen = Vec::new();
        let partial = nlp.parse_sentence_labelling(TEXT, sentence, |heads| {
            seen = heads.to_vec();
            vec![usize::MAX] // out of range: ignored, nothing labelled
        });
        assert_eq!(seen, full.tokens.iter().map(|t| t.head).collect::<Vec<_>>());
        assert!(partial.tokens.iter().all(|t| t.deprel == "_"));
    }
}
