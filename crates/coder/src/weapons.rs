//! Weapons and military platforms a text names, with their class: the lexicon's phrases plus what the lexicon
//! alone cannot see — a coordinated list of platform kinds ("attack, bomber, fighter, and remotely piloted
//! aircraft") is one mention, not a lone "aircraft". A bare "strike" is not a weapon here: it is the event (and
//! a labour strike as often as a military one). Events carry the weapons of their own sentences; `document_weapons` lists a whole document's
//! (what the re3d scorer reads).

use sitrep_lexicon::Lexicon;
use sitrep_model::{CharIndex, Document, Weapon, WeaponClass};

/// One weapon mention: byte offsets into the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WeaponHit {
    pub start: usize,
    pub end: usize,
    pub class: WeaponClass,
}

/// Words that name a kind of military aircraft or vehicle when they modify a platform noun in a list
/// ("attack, bomber, fighter, and remotely piloted aircraft"; "cargo and tanker aircraft").
const PLATFORM_MODIFIERS: &[&str] = &[
    "attack", "bomber", "bombers", "fighter", "fighters", "cargo", "transport", "reconnaissance", "surveillance",
    "tanker", "strike", "combat", "trainer", "utility", "armoured", "armored", "unmanned", "manned", "rotary-wing",
    "fixed-wing",
];

/// Heads that such a list can modify.
const PLATFORM_HEADS: &[&str] = &[
    "aircraft", "planes", "plane", "jets", "helicopters", "helicopter", "drones", "vehicles", "vehicle", "remotely piloted aircraft",
];

/// Weapon mentions in `text`, in text order, non-overlapping.
pub(crate) fn find_weapons(lexicon: &Lexicon, text: &str) -> Vec<WeaponHit> {
    let mut hits: Vec<WeaponHit> =
        lexicon.weapons.find(text).into_iter().map(|h| WeaponHit { start: h.start, end: h.end, class: *h.value }).collect();
    hits.sort_by_key(|h| (h.start, h.end));
    let hits = join_platform_lists(text, hits);
    dedup_overlaps(hits)
}

/// "attack, bomber, fighter, and remotely piloted aircraft": the modifiers before a platform head belong to it.
fn join_platform_lists(text: &str, hits: Vec<WeaponHit>) -> Vec<WeaponHit> {
    hits.into_iter()
        .map(|h| {
            let head = text[h.start..h.end].to_ascii_lowercase();
            if !PLATFORM_HEADS.iter().any(|p| head.ends_with(p)) {
                return h;
            }
            WeaponHit { start: list_start(text, h.start), ..h }
        })
        .collect()
}

/// Where a coordinated list of platform modifiers ending right before `head_start` begins (or `head_start`).
fn list_start(text: &str, head_start: usize) -> usize {
    let before = &text[..head_start];
    let mut start = head_start;
    let mut rest = before;
    let mut items = 0usize;
    loop {
        let trimmed = rest.trim_end_matches(' ');
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphabetic() || *c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        if word.is_empty() {
            break;
        }
        let lower = word.to_ascii_lowercase();
        if lower == "and" || lower == "or" {
            // a conjunction only counts when a modifier precedes it ("bomber, fighter, and")
            rest = trimmed[..word_start].trim_end_matches([' ', ',']);
            continue;
        }
        if !PLATFORM_MODIFIERS.contains(&lower.as_str()) {
            break;
        }
        items += 1;
        start = word_start;
        rest = trimmed[..word_start].trim_end_matches(' ');
        match rest.strip_suffix(',') {
            Some(r) => rest = r,
            None if rest.ends_with(" and") || rest.ends_with(" or") => {}
            None => break,
        }
    }
    // one modifier is an ordinary compound ("attack helicopters" is already a lexicon phrase): only lists join
    if items >= 2 {
        start
    } else {
        head_start
    }
}

/// Keeps the first of overlapping hits, preferring the longer one at the same start.
fn dedup_overlaps(mut hits: Vec<WeaponHit>) -> Vec<WeaponHit> {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<WeaponHit> = Vec::with_capacity(hits.len());
    for h in hits {
        match out.last() {
            Some(last) if h.start < last.end => {}
            _ => out.push(h),
        }
    }
    out
}

/// The document's weapon mentions, in text order.
pub fn document_weapons(doc: &Document) -> Vec<Weapon> {
    let text = doc.text.as_str();
    let chars = CharIndex::new(text);
    find_weapons(Lexicon::builtin(), text)
        .into_iter()
        .map(|h| Weapon {
            text: text[h.start..h.end].to_string(),
            class: h.class,
            span: chars.span(h.start, h.end).shifted(doc.char_offset()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, WeaponClass)> {
        find_weapons(Lexicon::builtin(), text).into_iter().map(|h| (text[h.start..h.end].to_string(), h.class)).collect()
    }

    #[test]
    fn a_list_of_platform_kinds_is_one_mention() {
        let found = names("The coalition used attack, bomber, fighter, and remotely piloted aircraft to conduct the strikes.");
        assert_eq!(found[0].0, "attack, bomber, fighter, and remotely piloted aircraft");
        assert_eq!(found[0].1, WeaponClass::Aircraft);
    }

    #[test]
    fn text_with_multibyte_characters_before_a_platform_is_safe() {
        let found = names("Over Ghouta…fighter, bomber and transport aircraft circled; «cargo, tanker» jets too.");
        assert_eq!(found[0].0, "fighter, bomber and transport aircraft");
    }

    #[test]
    fn a_single_modifier_keeps_the_lexicon_phrase() {
        let found = names("Two attack helicopters fired rockets.");
        assert_eq!(found[0].0, "attack helicopters");
    }
}
