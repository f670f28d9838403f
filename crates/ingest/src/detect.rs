//! Input type detection from the first bytes of content.

/// The input formats `sitrep extract --input` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
    /// Web ARChive records (ISO 28500), gzipped or not.
    Warc,
    /// RSS (0.9x, 1.0, 2.0) or Atom.
    Feed,
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(InputFormat::Text),
            "html" => Ok(InputFormat::Html),
            "jsonl" => Ok(InputFormat::Jsonl),
            "warc" => Ok(InputFormat::Warc),
            "feed" => Ok(InputFormat::Feed),
            other => Err(format!("unknown input type {other:?} (expected text, html, jsonl, warc or feed)")),
        }
    }
}

/// Guesses the format of content from its first bytes (after gzip decompression): a `WARC/1.x` version line is
/// WARC, an `<rss>`, `<feed>` or `<rdf:RDF>` root is a feed, a JSON object on the first line is JSONL, markup is
/// HTML, anything else is text.
pub fn detect_format(head: &[u8]) -> InputFormat {
    if head.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    let head = String::from_utf8_lossy(&head[..head.len().min(8192)]);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if is_feed(trimmed) {
        return InputFormat::Feed;
    }
    if trimmed.starts_with('{') {
        let first_line = trimmed.lines().next().unwrap_or("");
        let looks_json = serde_json::from_str::<serde_json::Value>(first_line).map(|v| v.is_object()).unwrap_or(false)
            || first_line.contains("\"id\"")
            || first_line.contains("\"text\"")
            || first_line.contains("\"html\"");
        if looks_json {
            return InputFormat::Jsonl;
        }
    }
    let lower = trimmed.get(..trimmed.len().min(2048)).unwrap_or(trimmed).to_ascii_lowercase();
    let markup = ["<!doctype html", "<html", "<head", "<body", "<article", "<meta ", "<div", "<p>"];
    if markup.iter().any(|m| lower.contains(m)) {
        return InputFormat::Html;
    }
    InputFormat::Text
}

/// A feed's root element comes first, after the XML declaration, comments and processing instructions.
fn is_feed(trimmed: &str) -> bool {
    let mut rest = trimmed;
    // skip `<?xml …?>`, `<?xml-stylesheet …?>` and `<!-- … -->` before the root
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            match after.find("?>") {
                Some(end) => rest = &after[end + 2..],
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = &after[end + 3..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let root = rest.get(..rest.len().min(600)).unwrap_or(rest);
    root.starts_with("<rss")
        || root.starts_with("<rdf:RDF")
        || (root.starts_with("<feed") && root.contains("http://www.w3.org/2005/Atom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format_from_content() {
        assert_eq!(detect_format(b"{\"id\": \"a\", \"text\": \"x\"}\n"), InputFormat::Jsonl);
        assert_eq!(detect_format(b"\n<!DOCTYPE html><html><body><p>x</p>"), InputFormat::Html);
        assert_eq!(detect_format(b"Rebels attacked the town."), InputFormat::Text);
        assert_eq!(detect_format(b"{not json at all, just braces in prose}"), InputFormat::Text);
        assert_eq!(detect_format(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), InputFormat::Warc);
        assert_eq!(detect_format(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"), InputFormat::Feed);
        assert_eq!(detect_format(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title>"), InputFormat::Feed);
        assert_eq!(detect_format(b"<?xml version=\"1.0\"?><html><body><p>x</p>"), InputFormat::Html);
    }
}
