//! Every weapon or military platform a document names, with its class and code-point span (what the re3d scorer
//! reads; events carry the weapons of their own sentences).

use sitrep_lexicon::Lexicon;
use sitrep_model::{CharIndex, Document, Weapon};

/// The document's weapon mentions from the weapons lexicon, in text order.
pub fn document_weapons(doc: &Document) -> Vec<Weapon> {
    let text = doc.text.as_str();
    let chars = CharIndex::new(text);
    Lexicon::builtin()
        .weapons
        .find(text)
        .into_iter()
        .map(|h| Weapon {
            text: text[h.start..h.end].to_string(),
            class: *h.value,
            span: chars.span(h.start, h.end).shifted(doc.char_offset()),
        })
        .collect()
}
