//! Stable event ids: the same input and the same sitrep version always give the same id.

use sitrep_model::{EventType, Span, SITREP_VERSION};

/// FNV-1a over the document id, the trigger's span and type, and the version: no randomness, no clock.
pub(crate) fn event_id(doc_id: &str, trigger: Span, event_type: EventType) -> String {
    event_id_nth(doc_id, trigger, event_type, 0)
}

/// The id of the `nth` event (from 0) with this document, trigger and type: one verb may code several events
/// (a paired dictionary code, "A and B renewed ties" read each way); the first keeps the plain id.
pub(crate) fn event_id_nth(doc_id: &str, trigger: Span, event_type: EventType, nth: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut key = format!("{doc_id}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{SITREP_VERSION}", trigger.0, trigger.1, event_type.as_str());
    if nth > 0 {
        key.push_str(&format!("\u{1f}{nth}"));
    }
    for b in key.bytes() {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("ev-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = event_id("doc", Span(3, 9), EventType::Assault);
        assert_eq!(a, event_id("doc", Span(3, 9), EventType::Assault));
        assert_ne!(a, event_id("doc", Span(3, 9), EventType::Protest));
        assert_ne!(a, event_id("doc2", Span(3, 9), EventType::Assault));
    }
}
