//! RSS and Atom feeds: each item is a document with its title, link, date and text.

use sitrep_ingest::{read_bytes, ReadOptions};
use sitrep_model::InputKind;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>East Africa Wire</title><link>https://wire.test/</link><description>News</description>
<item><title>Rebels seize Kusham</title><link>https://wire.test/kusham</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Rebel fighters seized the town of Kusham on Monday, residents said.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Rebel fighters seized the town of Kusham on Monday after two days of fighting, residents said.</p><p>At least 14 people were killed.</p>]]></content:encoded></item>
<item><title>Floods in the delta</title><link>https://wire.test/floods</link>
<description>Floods displaced thousands of people in the delta.</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sahel Monitor</title><id>urn:sahel</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Army retakes town</title><id>urn:sahel:1</id><link href="https://sahel.test/1"/>
<published>2024-03-06T09:30:00Z</published><updated>2024-03-06T10:00:00Z</updated>
<summary type="html">&lt;p&gt;Soldiers retook the town of Gao after clashes with militants.&lt;/p&gt;</summary></entry>
</feed>"#;

#[test]
fn rss_items_become_documents_with_title_link_date_and_content() {
    let docs: Vec<_> = read_bytes("wire.xml", RSS.as_bytes().to_vec(), &ReadOptions::default()).collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.len(), 2);
    let d = &docs[0];
    assert_eq!(d.id, "https://wire.test/kusham");
    assert_eq!(d.title.as_deref(), Some("Rebels seize Kusham"));
    assert_eq!(d.publication_date.as_deref(), Some("2024-03-05"));
    assert_eq!(d.source.as_deref(), Some("East Africa Wire"));
    assert_eq!(d.input, InputKind::Feed);
    assert_eq!(
        d.text,
        "Rebels seize Kusham\n\nRebel fighters seized the town of Kusham on Monday after two days of fighting, residents said.\n\nAt least 14 people were killed."
    );
    assert_eq!(docs[1].text, "Floods in the delta\n\nFloods displaced thousands of people in the delta.");
    assert_eq!(docs[1].publication_date, None);
}

#[test]
fn atom_entries_become_documents() {
    let docs: Vec<_> = read_bytes("sahel.atom", ATOM.as_bytes().to_vec(), &ReadOptions::default()).collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "https://sahel.test/1");
    assert_eq!(docs[0].publication_date.as_deref(), Some("2024-03-06"));
    assert_eq!(docs[0].text, "Army retakes town\n\nSoldiers retook the town of Gao after clashes with militants.");
}

#[test]
fn a_broken_feed_is_an_error_naming_the_file() {
    let broken = RSS.replace("</channel></rss>", "<item><title>cut");
    let out: Vec<_> = read_bytes("wire.xml", broken.into_bytes(), &ReadOptions::default()).collect();
    let err = out.iter().find_map(|r| r.as_ref().err()).expect("an error").to_string();
    assert!(err.starts_with("wire.xml: not a readable RSS or Atom feed"), "{err}");
}
