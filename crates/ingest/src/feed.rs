//! RSS and Atom feeds (through feed-rs): each item becomes a document with its title, link, date and the text of
//! its content or description.

use std::io::Read;

use sitrep_model::{Document, InputKind};

use crate::entry::Entry;
use crate::normalize::normalize_text;
use crate::reader::ReadOptions;
use crate::IngestError;

/// Parses a whole feed (feeds are small) into one entry per item.
pub(crate) fn feed_entries(shown: &str, reader: Box<dyn Read + Send>, options: &ReadOptions) -> Vec<Result<Entry, IngestError>> {
    let feed = match feed_rs::parser::parse(std::io::BufReader::new(reader)) {
        Ok(feed) => feed,
        Err(e) => return vec![Err(IngestError::BadFeed { path: shown.to_string(), message: e.to_string() })],
    };
    let source = feed.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty());
    let mut out = Vec::with_capacity(feed.entries.len());
    for (n, item) in feed.entries.into_iter().enumerate() {
        let title = item.title.as_ref().map(|t| normalize_text(&plain(&t.content))).filter(|t| !t.is_empty());
        let link = item.links.first().map(|l| l.href.trim().to_string()).filter(|l| !l.is_empty());
        // content:encoded / atom:content is the full text when present; the description is often a teaser
        let body = item
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(plain)
            .filter(|b| !b.trim().is_empty())
            .or_else(|| item.summary.as_ref().map(|s| plain(&s.content)))
            .map(|b| normalize_text(&b))
            .unwrap_or_default();
        let text = match &title {
            Some(t) if !body.starts_with(t.as_str()) && !body.is_empty() => format!("{t}\n\n{body}"),
            Some(t) if body.is_empty() => t.clone(),
            _ => body,
        };
        if text.trim().is_empty() {
            out.push(Err(IngestError::BadRecord {
                path: shown.to_string(),
                line: n + 1,
                message: "feed item has neither title nor text".into(),
            }));
            continue;
        }
        let id = link.clone().or_else(|| Some(item.id.clone()).filter(|i| !i.is_empty())).unwrap_or_else(|| format!("{shown}#{}", n + 1));
        let mut doc = Document::from_text(id, text);
        doc.input = InputKind::Feed;
        doc.title = title;
        doc.url = link;
        doc.source = source.clone();
        doc.publication_date =
            item.published.or(item.updated).map(|d| d.format("%Y-%m-%d").to_string()).or_else(|| options.pub_date.clone());
        out.push(Ok(Entry::Document(doc)));
    }
    out
}

/// The text of an HTML fragment (feeds carry escaped HTML in descriptions): tags dropped, block elements become
/// paragraph breaks, entities decoded. Text without markup comes back unchanged.
pub(crate) fn plain(fragment: &str) -> String {
    if !fragment.contains('<') && !fragment.contains('&') {
        return fragment.to_string();
    }
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &rest[open + close + 1..];
        if !tag.ends_with('/') && (name == "script" || name == "style") && !rest.is_empty() {
            // drop the element's content too
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&end) {
                Some(p) => rest[p..].find('>').map_or("", |q| &rest[p + q + 1..]),
                None => "",
            };
            continue;
        }
        match name.as_str() {
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "tr" | "ul" | "ol" => {
                out.push_str("\n\n")
            }
            "br" => out.push('\n'),
            _ => {}
        }
    }
    out.push_str(rest);
    html_escape::decode_html_entities(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_lose_tags_and_keep_paragraphs() {
        let text = normalize_text(&plain("<p>Rebels &amp; troops</p><p>clashed.<script>x()</script></p>"));
        assert_eq!(text, "Rebels & troops\n\nclashed.");
        assert_eq!(plain("no markup"), "no markup");
        assert_eq!(plain("a < b"), "a < b");
    }
}
