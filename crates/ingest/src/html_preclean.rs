//! A cheap pass over the raw HTML, before html5ever builds a tree, that cuts out what main-text extraction would
//! parse only to throw away: comments, scripts (all but JSON-LD, which carries the page's metadata), styles,
//! `noscript`, inline SVG, and the page furniture Readability discards anyway (`nav`, `footer`, `aside`, `figure`
//! with its caption, `select`, `button`, `iframe`, `template`). On real news pages that is about three quarters of
//! the bytes, and tree building costs in proportion to the markup it sees.
//!
//! This is not a parser: it only finds where the elements above start and end. It follows the tokenizer's rules for
//! what it has to get right to do that: comments, quoted attribute values (a `>` inside quotes does not end a tag),
//! case-insensitive tag names, and raw-text elements (`script`, `style`, `textarea`, `title`, ...), whose content is
//! skipped to their own end tag so that markup inside a script string is never taken for a tag. A dropped element
//! ends at the end tag that balances it (same-name elements nested inside are counted); one whose end tag never
//! comes is kept, so a page with unbalanced markup loses nothing here that the parser would have kept.

use std::borrow::Cow;

/// Elements dropped with everything inside them.
const DROP: &[&[u8]] =
    &[b"svg", b"nav", b"footer", b"aside", b"figure", b"select", b"button", b"iframe", b"template", b"noscript", b"style"];

/// Elements whose content the tokenizer reads as text up to their own end tag.
const RAW_TEXT: &[&[u8]] =
    &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"noscript"];

/// The page with the elements above cut out (borrowed unchanged when there is nothing to cut).
pub(crate) fn pre_clean(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes[..copied] are in `out` (or unchanged so far when `out` is None)
    let mut i = 0;
    // names of DROP elements found unclosed once: later ones are kept, which keeps this pass linear in the input
    let mut unclosed = [false; DROP.len()];
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let cut_end = match item_at(bytes, lt) {
            Item::Other => {
                i = lt + 1;
                continue;
            }
            // no tag can end after this point: the rest goes to the parser as it is
            Item::Unterminated => break,
            Item::Comment { end } => Some(end),
            Item::Tag { name, tag_end, self_closing } => {
                let keep_script = name.eq_ignore_ascii_case(b"script") && is_json_ld(&bytes[lt..tag_end]);
                if name.eq_ignore_ascii_case(b"script") && !keep_script {
                    Some(raw_text_end(bytes, tag_end, name).map_or(bytes.len(), |(_, after)| after))
                } else if let Some(d) = DROP.iter().position(|s| s.eq_ignore_ascii_case(name)).filter(|&d| !unclosed[d]) {
                    if self_closing && name.eq_ignore_ascii_case(b"svg") {
                        i = tag_end;
                        continue;
                    }
                    // an element never closed is kept: the parser would have closed it somewhere we cannot tell
                    let end = element_end(bytes, tag_end, name);
                    unclosed[d] = end.is_none();
                    end
                } else if is_in(name, RAW_TEXT) {
                    // kept, but its content is text: step over it so nothing inside is read as markup
                    i = raw_text_end(bytes, tag_end, name).map_or(bytes.len(), |(_, after)| after);
                    continue;
                } else {
                    i = tag_end;
                    continue;
                }
            }
        };
        match cut_end {
            Some(end) => {
                let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
                o.push_str(&html[copied..lt]);
                copied = end;
                i = end;
            }
            None => i = lt + 1,
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

enum Item<'a> {
    /// A comment ending before `end`.
    Comment { end: usize },
    /// A start tag: its name, the index just past its `>`, and whether it ends in `/>`.
    Tag { name: &'a [u8], tag_end: usize, self_closing: bool },
    /// A start tag that runs to the end of the input.
    Unterminated,
    /// Anything else: end tags, doctypes, processing instructions and stray `<` are left to the parser.
    Other,
}

/// What starts at `bytes[lt] == b'<'`.
fn item_at(bytes: &[u8], lt: usize) -> Item<'_> {
    let rest = &bytes[lt + 1..];
    if let Some(body) = rest.strip_prefix(b"!--") {
        // "<!-->" and "<!--->" are complete (empty) comments
        let start = lt + 4;
        if body.starts_with(b">") {
            return Item::Comment { end: start + 1 };
        }
        if body.starts_with(b"->") {
            return Item::Comment { end: start + 2 };
        }
        let end = memchr::memmem::find(body, b"-->").map_or(bytes.len(), |p| start + p + 3);
        return Item::Comment { end };
    }
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return Item::Other;
    }
    let name_len = rest.iter().position(|&b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')).unwrap_or(rest.len());
    let name = &rest[..name_len];
    let Some(tag_end) = start_tag_end(bytes, lt + 1 + name_len) else { return Item::Unterminated };
    let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
    Item::Tag { name, tag_end, self_closing }
}

/// The index just past the `>` closing a start tag whose attributes begin at `from`; quoted attribute values may
/// hold `>`. `None` when the tag never closes (the parser drops such a tag at the end of input).
fn start_tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    loop {
        let p = j + memchr::memchr3(b'>', b'"', b'\'', &bytes[j..])?;
        let q = bytes[p];
        if q == b'>' {
            return Some(p + 1);
        }
        // a quote opens an attribute value only right after '=' (spaces allowed between)
        let before = bytes[from..p].iter().rposition(|b| !is_space(*b)).map(|k| bytes[from + k]);
        j = if before == Some(b'=') { p + 1 + memchr::memchr(q, &bytes[p + 1..])? + 1 } else { p + 1 };
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where the raw text started at `from` ends: the index of its `</name` end tag and the index just past that tag.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut j = from;
    while let Some(p) = memchr::memmem::find(&bytes[j..], b"</") {
        let at = j + p;
        let after_name = at + 2 + name.len();
        if bytes.len() >= after_name
            && bytes[at + 2..after_name].eq_ignore_ascii_case(name)
            && bytes.get(after_name).is_none_or(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            let close = memchr::memchr(b'>', &bytes[after_name..]).map_or(bytes.len(), |q| after_name + q + 1);
            return Some((at, close));
        }
        j = at + 2;
    }
    None
}

/// The index just past the end tag that balances the `name` element whose start tag ends at `from`, counting
/// same-name elements nested inside and stepping over comments and raw text; `None` if it never closes.
fn element_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    if is_in(name, RAW_TEXT) {
        return raw_text_end(bytes, from, name).map(|(_, after)| after);
    }
    let mut depth = 1usize;
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        if bytes.get(lt + 1) == Some(&b'/') {
            let rest = &bytes[lt + 2..];
            // no '>' left: no end tag can follow
            let close = lt + 2 + memchr::memchr(b'>', rest)? + 1;
            let same_name = rest.len() > name.len()
                && rest[..name.len()].eq_ignore_ascii_case(name)
                && matches!(rest[name.len()], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>');
            if same_name {
                depth -= 1;
                if depth == 0 {
                    return Some(close);
                }
            }
            i = close;
            continue;
        }
        match item_at(bytes, lt) {
            Item::Comment { end } => i = end,
            Item::Unterminated => return None,
            Item::Tag { name: inner, tag_end, self_closing } => {
                if inner.eq_ignore_ascii_case(name) && !self_closing {
                    depth += 1;
                }
                i = if is_in(inner, RAW_TEXT) { raw_text_end(bytes, tag_end, inner).map_or(bytes.len(), |(_, after)| after) } else { tag_end };
            }
            Item::Other => i = lt + 1,
        }
    }
    None
}

fn is_in(name: &[u8], set: &[&[u8]]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// A `<script ...>` start tag declaring JSON-LD.
fn is_json_ld(tag: &[u8]) -> bool {
    tag.len() >= 19 && tag.windows(19).any(|w| w.eq_ignore_ascii_case(b"application/ld+json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        pre_clean(s).into_owned()
    }

    #[test]
    fn drops_scripts_styles_comments_and_furniture() {
        let page = "<html><head><title>T</title><style>p{}</style><script>var a = 1;</script>\
                    <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
                    <body><!-- ad slot --><nav><a href=\"/\">Home</a></nav><p>Body text.</p>\
                    <figure><img src=\"a.jpg\"><figcaption>Photo: X</figcaption></figure>\
                    <aside>Most read</aside><footer>© Site</footer></body></html>";
        assert_eq!(
            clean(page),
            "<html><head><title>T</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
             <body><p>Body text.</p></body></html>"
        );
    }

    #[test]
    fn markup_inside_scripts_and_attributes_is_not_taken_for_tags() {
        // an end tag inside a script string, a '>' inside a quoted attribute, upper-case names
        let page = "<SCRIPT>document.write('<nav></nav>'); if (a </b) {}</SCRIPT>\
                    <p title=\"a > b <nav>\">kept</p><textarea><aside>typed</aside></textarea>";
        assert_eq!(clean(page), "<p title=\"a > b <nav>\">kept</p><textarea><aside>typed</aside></textarea>");
    }

    #[test]
    fn nested_and_unclosed_elements() {
        assert_eq!(clean("<aside>a<aside>b</aside>c</aside><p>d</p>"), "<p>d</p>");
        assert_eq!(clean("<nav><script>'</nav>'</script>menu</nav><p>d</p>"), "<p>d</p>");
        // never closed: kept for the parser to deal with
        assert_eq!(clean("<p>a</p><footer><p>b</p>"), "<p>a</p><footer><p>b</p>");
        assert_eq!(clean("<svg/><p>a</p>"), "<svg/><p>a</p>");
        assert_eq!(clean("<p>x<!-- never closed"), "<p>x");
        assert_eq!(clean("a<!-->b<!--->c"), "abc");
    }

    #[test]
    fn leaves_pages_without_such_elements_alone() {
        let page = "<p>Ünïcode — 東京 < 3 and a <b>bold</b> claim</p><";
        assert!(matches!(pre_clean(page), Cow::Borrowed(_)));
        for odd in ["<", "<!", "<!-", "<!--", "<script", "<script>", "<nav", "<nav>", "</", "<a b='", "<<<>>>", "<a=\"<b>"] {
            let _ = pre_clean(odd);
        }
    }

    #[test]
    fn stays_linear_on_hostile_input() {
        // many unclosed furniture elements, or tags that never end: each would be a scan to the end of the input
        for unit in ["<nav>", "<a", "<aside><aside></aside>", "<script type=x", "<nav></a", "<nav><!--"] {
            let page = unit.repeat(200_000);
            let started = std::time::Instant::now();
            let _ = pre_clean(&page);
            assert!(started.elapsed().as_secs() < 5, "{unit:?} took {:?}", started.elapsed());
        }
    }
}
