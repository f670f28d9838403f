//! The one normalisation every document goes through, so spans are computed once against one string.

/// Unifies line endings, drops the byte-order mark and control characters, trims trailing spaces on lines and
/// collapses runs of blank lines to one (a blank line separates paragraphs).
pub fn normalize_text(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let cleaned: String = line
            .chars()
            .map(|c| if c == '\t' || c == '\u{a0}' { ' ' } else { c })
            .filter(|c| !c.is_control() && *c != '\u{feff}')
            .collect();
        let cleaned = cleaned.trim_end();
        if cleaned.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(cleaned);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unifies_line_endings_and_paragraphs() {
        assert_eq!(normalize_text("\u{feff}Title\r\n\r\n\r\nBody one.\r\nBody two.  \n"), "Title\n\nBody one.\nBody two.");
    }

    #[test]
    fn drops_control_characters() {
        assert_eq!(normalize_text("a\u{0}b\u{7}c\td"), "abc d");
    }
}
