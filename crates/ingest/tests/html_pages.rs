//! HTML pages through the public `extract_html`: what the pre-parse cleaning must keep (the article, JSON-LD
//! metadata) and what it must drop (captions, scripts, furniture), and no panic on torn markup.

use sitrep_ingest::extract_html;

const ARTICLE: &str = "<p>Rebel fighters seized the town of Kusham on Monday after two days of fighting with government \
    troops, residents said.</p><p>At least 14 people were killed in the clashes, a local doctor said, adding that dozens \
    more were wounded and taken to hospitals in the provincial capital.</p><p>The army said it had withdrawn its forces \
    to positions east of the river to protect civilians from shelling, and that talks with the rebels would resume.</p>";

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head><title>Rebels take Kusham</title>{head}</head><body>{body}</body></html>")
}

#[test]
fn json_ld_metadata_survives_the_cleaning() {
    let head = r#"<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Rebels take Kusham", "datePublished": "2024-03-05T08:00:00Z",
        "publisher": {"@type": "Organization", "name": "Daily Wire Test"}}</script>
        <script>window.dataLayer = [];</script>"#;
    let got = extract_html(&page(head, &format!("<article>{ARTICLE}</article>")), Some("https://example.test/a"));
    assert_eq!(got.published.as_deref(), Some("2024-03-05T08:00:00Z"));
    assert_eq!(got.site.as_deref(), Some("Daily Wire Test"));
    assert!(got.body.contains("seized the town of Kusham"));
}

#[test]
fn captions_scripts_and_furniture_stay_out_of_the_body() {
    let body = format!(
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World news</a></li></ul></nav>\
         <article><h1>Rebels take Kusham</h1>\
         <figure><img src=\"a.jpg\"><figcaption>Smoke rises over Kusham. Photo: Agency</figcaption></figure>\
         <script>var s = '<p>Injected by script</p></article>';</script>{ARTICLE}\
         <!-- <p>Commented-out paragraph</p> --><button>Share this story</button></article>\
         <aside><h3>Most read</h3><p>Flooding kills 12 in Bangladesh</p></aside>\
         <footer><p>Copyright Daily Wire Test. All rights reserved.</p></footer>"
    );
    let got = extract_html(&page("<style>p { color: red }</style>", &body), None);
    assert!(got.body.contains("seized the town of Kusham"), "{}", got.body);
    assert!(got.body.contains("talks with the rebels would resume"), "{}", got.body);
    for absent in ["Photo: Agency", "Injected by script", "Commented-out", "Share this story", "Bangladesh", "All rights reserved", "World news", "color: red"] {
        assert!(!got.body.contains(absent), "{absent:?} in {}", got.body);
    }
}

#[test]
fn unbalanced_furniture_does_not_swallow_the_article() {
    // an aside that is never closed: the parser closes it where it sees fit, the cleaning must not cut to the end
    let body = format!("<div><aside><p>Related: storms</p></div><article>{ARTICLE}</article>");
    let got = extract_html(&page("", &body), None);
    assert!(got.body.contains("seized the town of Kusham"), "{}", got.body);
}

#[test]
fn torn_markup_never_panics() {
    let fragments = [
        "<nav>", "</nav>", "<script>", "</script>", "<!--", "-->", "<aside class=\"a > b\">", "</aside>", "<p>",
        "Kusham – é 東京", "<svg/>", "<textarea>", "</textarea", "<a href='", "'>", "<", ">", "<figure>", "</FIGURE >",
        "<script type=\"application/ld+json\">{", "}</script>",
    ];
    let mut state: u64 = 0x5EED_1234_ABCD;
    for _ in 0..500 {
        let mut html = String::new();
        for _ in 0..(state % 60) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            html.push_str(fragments[(state % fragments.len() as u64) as usize]);
        }
        let _ = extract_html(&html, None);
    }
}
