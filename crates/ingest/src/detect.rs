//! Input type detection from the first bytes of content.

/// The input formats `sitrep extract --input` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(InputFormat::Text),
            "html" => Ok(InputFormat::Html),
            "jsonl" => Ok(InputFormat::Jsonl),
            other => Err(format!("unknown input type {other:?} (expected text, html or jsonl)")),
        }
    }
}

/// Guesses the format of content from its first bytes: a JSON object on the first line is JSONL, markup is HTML,
/// anything else is text.
pub fn detect_format(head: &[u8]) -> InputFormat {
    let head = String::from_utf8_lossy(&head[..head.len().min(8192)]);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format_from_content() {
        assert_eq!(detect_format(b"{\"id\": \"a\", \"text\": \"x\"}\n"), InputFormat::Jsonl);
        assert_eq!(detect_format(b"\n<!DOCTYPE html><html><body><p>x</p>"), InputFormat::Html);
        assert_eq!(detect_format(b"Rebels attacked the town."), InputFormat::Text);
        assert_eq!(detect_format(b"{not json at all, just braces in prose}"), InputFormat::Text);
    }
}
