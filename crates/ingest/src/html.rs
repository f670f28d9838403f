//! HTML pages: the main text through dom_smoothie (a Readability port), title, date and site from the page's
//! metadata. The raw page is first cut down by [`crate::html_preclean`] (comments, scripts but JSON-LD, styles,
//! inline SVG, navigation, footers, asides, figures with their captions, form controls, iframes), which halves the
//! parse and scoring work and drops image captions the body should not have. dom_smoothie was chosen over
//! rs-trafilatura by measurement on the article-extraction dev set (the same body-text F1 at about five times the
//! speed); with the pre-parse cleaning the body F1 is 0.957 (docs/evaluation.md, docs/performance.md).

use dom_smoothie::{Config, Readability, TextMode};
use sitrep_model::{Document, InputKind};

use crate::html_preclean::pre_clean;
use crate::normalize::normalize_text;
use crate::reader::iso_day;

/// What sitrep keeps of an HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    pub title: Option<String>,
    /// The main text, paragraphs separated by blank lines; navigation, sidebars and link lists dropped.
    pub body: String,
    /// As the page gives it (ISO 8601 date or datetime).
    pub published: Option<String>,
    pub site: Option<String>,
    /// Set when no main text could be found.
    pub problem: Option<String>,
}

/// Extracts the main text and metadata of a page.
pub fn extract_html(html: &str, url: Option<&str>) -> HtmlPage {
    // the element cap turns pathological nesting into a quick error instead of minutes of work
    let config = Config { text_mode: TextMode::Formatted, max_elements_to_parse: 50_000, ..Config::default() };
    // comments, scripts, styles and page furniture are cut before html5ever parses the page (see html_preclean)
    let html = pre_clean(html);
    let html: &str = &html;
    let parsed = Readability::new(html, url, Some(config.clone()))
        .or_else(|_| Readability::new(html, None, Some(config))) // a relative or bad URL must not lose the page
        .and_then(|mut r| r.parse());
    match parsed {
        Ok(article) => {
            let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            let site = article.site_name.as_deref().and_then(non_empty);
            let title = non_empty(&article.title).map(|t| strip_site_suffix(&t, site.as_deref()));
            HtmlPage {
                title,
                body: article.text_content.to_string(),
                published: article.published_time.as_deref().and_then(non_empty),
                site,
                problem: None,
            }
        }
        Err(e) => HtmlPage { problem: Some(format!("no main text found: {e}")), ..HtmlPage::default() },
    }
}

/// "Headline | The Hill" → "Headline" when the suffix is the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else { return title.to_string() };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let (t, s) = (tail.to_lowercase().replace(' ', ""), site.to_lowercase().replace(' ', ""));
            if t == s || s.contains(&t) || t.contains(&s) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A page as a document: headline, blank line, body.
pub(crate) fn html_document(id: &str, html: &str, url: Option<&str>) -> Document {
    let page = extract_html(html, url);
    let body = normalize_text(&page.body);
    let text = match &page.title {
        Some(t) if !body.starts_with(t.as_str()) => {
            let t = normalize_text(t);
            if body.is_empty() { t } else { format!("{t}\n\n{body}") }
        }
        _ => body,
    };
    let mut doc = Document::from_text(id, text);
    doc.input = InputKind::Html;
    doc.title = page.title;
    doc.url = url.map(str::to_string);
    doc.source = page.site;
    doc.publication_date = page.published.as_deref().and_then(iso_day);
    if let Some(problem) = page.problem {
        doc.warnings.push(format!("{id}: {problem}"));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Rebels take Kusham | Daily Wire Test</title>
        <meta property="og:site_name" content="Daily Wire Test">
        <meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
        <body><nav><a href="/">Home</a><a href="/world">World</a></nav>
        <article><h1>Rebels take Kusham</h1>
        <p>Rebel fighters seized the town of Kusham on Monday after two days of fighting with government troops, residents said.</p>
        <p>At least 14 people were killed in the clashes, a local doctor said, adding that dozens more were wounded and taken to hospitals.</p>
        <p>The army said it had withdrawn its forces to positions east of the river to protect civilians from shelling.</p></article>
        <aside><h3>Flooding kills 12 in Bangladesh</h3></aside>
        <footer><h4>Other news</h4><ul><li><a href="/a">Storm hits coast</a></li></ul></footer></body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_the_boilerplate() {
        let doc = html_document("page.html", PAGE, None);
        assert!(doc.text.contains("seized the town of Kusham"));
        assert!(!doc.text.contains("Bangladesh"));
        assert!(!doc.text.contains("Storm hits coast"));
        assert!(!doc.text.contains("Home"));
    }

    #[test]
    fn reads_title_date_and_site() {
        let doc = html_document("page.html", PAGE, None);
        assert_eq!(doc.title.as_deref(), Some("Rebels take Kusham"));
        assert_eq!(doc.publication_date.as_deref(), Some("2024-03-05"));
        assert_eq!(doc.source.as_deref(), Some("Daily Wire Test"));
    }

    #[test]
    fn garbage_never_panics() {
        for input in ["", "<html>", "\u{1}\u{2}<<<>>>", "<p>"] {
            let _ = html_document("x", input, None);
        }
    }
}
