//! The coder must not panic on any text: random mixes of words that trigger every stage, digits, punctuation,
//! multibyte characters and odd spacing, with and without a publication date.

use sitrep_coder::{document_places, document_timexes, Coder};
use sitrep_model::{char_slice, Document};

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Rebels", "attacked", "were killed by", "Syrian", "troops", "in", "Raqqa", "on Tuesday", "at least", "12", "dozens",
    "more than", "1,200", "said", "according to", "Reuters", "would not", "engage", "air strike", "Deir ez-Zor", "U.S.-led",
    "'s", "\"", "(", ")", ",", ".", "–", "—", "\n", "\n\n", "  ", "é", "Şemdinli", "دير الزور", "Дейр", "🙂", "\u{200b}",
    "between", "and", "up to", "killed", "wounded", "arrested", "2017", "June", "last week", "since 1984", "F/A-18E",
    "IED", "no", "clashes", "police", "in Iran", "Moscow", "protest", "tear gas", "-", "—led", "p.m.", "Gen.", "A.", "'",
];

#[test]
fn random_text_codes_without_panicking_and_spans_stay_in_bounds() {
    let coder = Coder::new();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for round in 0..400 {
        let n = 1 + (rng.next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(rng.pick(PIECES));
            if rng.next() % 3 != 0 {
                text.push(' ');
            }
        }
        let date = if round % 2 == 0 { Some("2024-02-29".to_string()) } else { None };
        let doc = Document::from_text(format!("r{round}"), text.clone()).with_publication_date(date);
        for e in coder.code(&doc) {
            assert_eq!(char_slice(&doc.text, e.evidence_span), Some(e.evidence.as_str()), "{text:?}");
            assert_eq!(char_slice(&doc.text, e.trigger.span), Some(e.trigger.text.as_str()), "{text:?}");
        }
        for t in document_timexes(&doc) {
            assert_eq!(char_slice(&doc.text, t.span), Some(t.text.as_str()), "{text:?}");
        }
        for p in document_places(&doc) {
            assert_eq!(char_slice(&doc.text, p.span), Some(p.text.as_str()), "{text:?}");
        }
    }
}
