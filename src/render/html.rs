//! One self-contained HTML page for a map: its SVG diagram inline (from Graphviz or the
//! built-in engine), with pan and zoom, a details panel for the element clicked, search,
//! and filters by actor and by tag.
//!
//! The page needs nothing but itself: no network, no framework, and it works opened from
//! a `file://` path. The map's data travels as JSON in a `<script type="application/json">`
//! block, with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` escapes, so no text in a
//! map can close the block or open a comment; the page's one script reads it with
//! `JSON.parse` and puts every string into the page with `textContent`. A
//! Content-Security-Policy allows that one script by its SHA-256 hash and nothing else: no
//! other script, no event-handler attribute, no request to anywhere.

use serde::Serialize;

use crate::model::{Element, Map, Relation, Source, Stance};

/// The page's script, the same bytes in every page so that the CSP can name its hash.
const SCRIPT: &str = include_str!("page.js");

/// The page's style sheet.
const STYLE: &str = include_str!("page.css");

/// The SHA-256 of [`SCRIPT`], base64: the CSP allows the script by it. A test recomputes it
/// from `page.js`, so an edit to the script cannot leave the page with a script the browser
/// refuses to run.
const SCRIPT_SHA256: &str = "n9gYQdyMGZfIiU1DG9JHqBC3azNiac1fudCuscvl8LA=";

/// How to make the page. `HtmlOptions::default()` gives the page a coach hands out.
///
/// ```
/// use argumap::render::html::HtmlOptions;
///
/// let options = HtmlOptions::default().title("Week 3: school uniforms");
/// assert_eq!(options.title.as_deref(), Some("Week 3: school uniforms"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HtmlOptions {
    /// The page's title, in the browser tab and at the top of the page; `None` (the default)
    /// uses the map's title.
    pub title: Option<String>,
}

impl HtmlOptions {
    /// Sets [`HtmlOptions::title`].
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// The page for a map around its diagram.
///
/// `svg` is the map's diagram: what Graphviz's `dot -Tsvg` prints for the map's DOT from
/// [`crate::export::dot`], or the built-in engine's SVG, which uses the same markup. The
/// page finds each node by its `<title>`, which holds the element's id. The XML
/// declaration, doctype and comments before the `<svg>` element are dropped; the rest is
/// inlined as it is, so it must come from one of the two engines, not from elsewhere (the
/// page's Content-Security-Policy would still stop any script in it).
///
/// Any text in the map is safe: it reaches the page only as escaped JSON and then as text.
///
/// ```
/// use argumap::model::MapBuilder;
/// use argumap::render::html::{self, HtmlOptions};
///
/// let map = MapBuilder::new("Homework")
///     .claim("ban", "Schools should ban homework </script>")
///     .build()?;
/// // What `dot -Tsvg` prints, cut short.
/// let svg = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
/// <svg width="62pt" height="44pt" viewBox="0 0 62 44" xmlns="http://www.w3.org/2000/svg">
/// <g id="node1" class="node claim"><title>ban</title></g>
/// </svg>"#;
/// let page = html::page(&map, svg, &HtmlOptions::default());
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("homework \\u003c/script\\u003e"));
/// # Ok::<(), argumap::model::BuildError>(())
/// ```
pub fn page(map: &Map, svg: &str, options: &HtmlOptions) -> String {
    let title = options.title.as_deref().unwrap_or(&map.title);
    let title = if title.trim().is_empty() {
        "Argument map"
    } else {
        title
    };
    let data = script_json(&PageData::new(map));
    let svg = svg_element(svg);
    let mut out = String::with_capacity(
        svg.len() + data.len() + SCRIPT.len() + STYLE.len() + HEAD.len() + BODY.len() + 1024,
    );
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    out.push_str(&csp());
    out.push_str("\">\n");
    out.push_str(HEAD);
    out.push_str("<title>");
    push_escaped(&mut out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header class=\"am-bar\">\n<div class=\"am-head\">\n<h1 id=\"am-title\" dir=\"auto\">");
    push_escaped(&mut out, title);
    out.push_str("</h1>\n");
    out.push_str(BODY);
    out.push_str("<div id=\"am-diagram\" role=\"region\" aria-label=\"Diagram: drag to move, wheel or + and − to zoom\" tabindex=\"0\">\n");
    out.push_str(svg);
    out.push_str("\n</div>\n");
    out.push_str(PANEL);
    out.push_str("</main>\n<script type=\"application/json\" id=\"argumap-data\">");
    out.push_str(&data);
    out.push_str("</script>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// The page's Content-Security-Policy: its own style and script, nothing from anywhere else.
fn csp() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
         script-src 'sha256-{SCRIPT_SHA256}'; base-uri 'none'; form-action 'none'"
    )
}

/// The rest of the head, after the CSP.
const HEAD: &str = concat!(
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<meta name=\"generator\" content=\"argumap ",
    env!("CARGO_PKG_VERSION"),
    "\">\n",
);

/// The controls, after the page's heading. The script fills the two lists from the data.
const BODY: &str = r#"<button id="am-help-button" type="button" aria-controls="am-panel" aria-expanded="false">How to read this map</button>
</div>
<div class="am-controls">
<form id="am-search-form" class="am-search" role="search" autocomplete="off">
<label for="am-search">Search</label>
<input id="am-search" type="search" placeholder="a word, a name…" aria-describedby="am-search-count">
<button id="am-next" type="submit" title="Show the next match (Enter)">Next</button>
<span id="am-search-count" class="am-count" aria-live="polite"></span>
</form>
<div class="am-filters">
<span class="am-field"><label for="am-actor">Actor</label>
<select id="am-actor"><option value="">All actors</option></select></span>
<span class="am-field"><label for="am-tag">Tag</label>
<select id="am-tag"><option value="">All tags</option></select></span>
<button id="am-show-all" type="button">Show all</button>
<span id="am-filter-count" class="am-count" aria-live="polite"></span>
</div>
</div>
</header>
<main>
<div class="am-zoom" role="group" aria-label="Zoom">
<button id="am-zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="am-zoom-out" type="button" title="Zoom out (−)" aria-label="Zoom out">−</button>
<button id="am-zoom-reset" type="button" title="Fit the whole map (0)" aria-label="Fit the whole map">Fit</button>
</div>
"#;

/// The side panel, over the diagram's right side: closed at first, then the help or the
/// details of the element selected, which the script writes.
const PANEL: &str = r#"<aside id="am-panel" aria-label="Details" hidden>
<button id="am-close" class="am-close" type="button" title="Close (Esc)" aria-label="Close the panel">×</button>
<div id="am-help" hidden>
<h2>How to read this map</h2>
<p>Click a box (or move to it with <kbd>Tab</kbd> and press <kbd>Enter</kbd>) to see everything the map knows about it: who says it, where it was said, and what it supports or attacks.</p>
<ul class="am-legend">
<li><svg class="am-swatch" viewBox="0 0 36 22" aria-hidden="true"><rect class="am-swatch-claim" x="1" y="1" width="34" height="20" rx="5"/></svg><span><b>Claim</b>: something that can be true or false.</span></li>
<li><svg class="am-swatch" viewBox="0 0 36 22" aria-hidden="true"><polygon class="am-swatch-argument" points="1,11 8,1 28,1 35,11 28,21 8,21"/></svg><span><b>Argument</b>: premises that only together support a conclusion.</span></li>
<li><svg class="am-swatch" viewBox="0 0 36 22" aria-hidden="true"><ellipse class="am-swatch-actor" cx="18" cy="11" rx="17" ry="10"/></svg><span><b>Actor</b>: a person, organisation, government or group.</span></li>
<li><span class="am-line am-line-supports"></span><span><b>Supports</b>: a reason to accept what it points at.</span></li>
<li><span class="am-line am-line-rebuts"></span><span><b>Rebuts</b>: a reason to reject what it points at.</span></li>
<li><span class="am-line am-line-undercuts"></span><span><b>Undercuts</b>: a reason why an argument's premises do not carry its conclusion, though each may be true.</span></li>
<li><span class="am-line am-line-contradicts"></span><span><b>Contradicts</b>: two claims that cannot both be true; each attacks the other.</span></li>
</ul>
<p>The legend in the diagram explains every line. Drag to move the map; zoom with the wheel or the <kbd>+</kbd> and <kbd>−</kbd> buttons. Search finds words in claims and names: press <kbd>Enter</kbd> to go from one match to the next. Press <kbd>/</kbd> to search, <kbd>Esc</kbd> to close the details.</p>
<section id="am-about" class="am-section" hidden>
<h3>About this map</h3>
<p id="am-description" dir="auto"></p>
</section>
</div>
<div id="am-details" hidden></div>
</aside>
"#;

/// Text for HTML content or a quoted attribute.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match super::svg::entity(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
}

/// JSON that can sit inside a `<script>` element: the characters that could end the element,
/// open a comment or end a line in old JavaScript are written as `\u` escapes. They can only
/// occur inside JSON strings, where the escape means the same character.
fn script_json(value: &impl Serialize) -> String {
    // Our data is strings, numbers and lists with string keys: serializing cannot fail.
    let json = serde_json::to_string(value).unwrap_or_else(|_| String::from("null"));
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The `<svg>` element of the diagram, without the XML declaration, doctype and
/// comments before it (an XML declaration means nothing inside HTML).
fn svg_element(svg: &str) -> &str {
    let mut rest = svg.trim();
    loop {
        let skip_to = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            break;
        };
        match rest.find(skip_to) {
            Some(end) => rest = rest[end + skip_to.len()..].trim_start(),
            None => return "",
        }
    }
    rest
}

/// A URL the page may link to: only `http` and `https`, so that no `javascript:` or `data:`
/// address becomes a link.
fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once(':')?.0;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (web && url.len() > scheme.len() + 3 && !url.chars().any(char::is_control)).then_some(url)
}

// ---- the data the page's script reads ----------------------------------------------------

/// Everything the script shows, in map order. Lists rather than objects keyed by id, so that
/// an id such as `constructor` cannot meet a JavaScript object's own properties.
#[derive(Serialize)]
struct PageData<'m> {
    title: &'m str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'m str>,
    elements: Vec<ElementData<'m>>,
    sources: Vec<SourceData<'m>>,
    relations: Vec<RelationData<'m>>,
    stances: Vec<StanceData<'m>>,
    actor_links: Vec<ActorLinkData<'m>>,
    groups: Vec<GroupData<'m>>,
    /// Every tag of a claim, argument or actor, sorted, for the tag filter.
    tags: Vec<&'m str>,
}

#[derive(Serialize)]
struct ElementData<'m> {
    id: &'m str,
    /// `claim`, `argument` or `actor`.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'m str>,
    /// For the first actor of a bundle, every actor the DOT export draws in its one node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bundle: Vec<&'m str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'m [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'m str>,
}

#[derive(Serialize)]
struct SourceData<'m> {
    id: &'m str,
    kind: &'static str,
    title: &'m str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'m str>,
    /// Only an `http` or `https` address.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'m str>,
}

#[derive(Serialize)]
struct RelationData<'m> {
    from: &'m str,
    to: &'m str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    by: Vec<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'m str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'m [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'m str>,
}

#[derive(Serialize)]
struct StanceData<'m> {
    actor: &'m str,
    target: &'m str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'m str>,
}

#[derive(Serialize)]
struct ActorLinkData<'m> {
    actor: &'m str,
    kind: &'static str,
    of: &'m str,
}

#[derive(Serialize)]
struct GroupData<'m> {
    id: &'m str,
    title: &'m str,
    members: Vec<&'m str>,
}

impl<'m> PageData<'m> {
    fn new(map: &'m Map) -> PageData<'m> {
        let bundles = bundles(map);
        let elements = map
            .elements()
            .map(|element| match element {
                Element::Claim(c) => ElementData {
                    text: Some(&c.text),
                    title: c.title.as_deref(),
                    source: c.source.as_deref(),
                    quote: c.quote.as_deref(),
                    date: c.date.as_deref(),
                    ..ElementData::bare(element, "claim")
                },
                Element::Argument(a) => ElementData {
                    text: a.text.as_deref(),
                    title: a.title.as_deref(),
                    source: a.source.as_deref(),
                    quote: a.quote.as_deref(),
                    date: a.date.as_deref(),
                    ..ElementData::bare(element, "argument")
                },
                Element::Actor(a) => ElementData {
                    name: Some(&a.name),
                    actor_kind: Some(a.kind.as_str()),
                    role: a.role.as_deref(),
                    bundle: bundles
                        .iter()
                        .find(|b| b[0] == a.id.as_str())
                        .cloned()
                        .unwrap_or_default(),
                    ..ElementData::bare(element, "actor")
                },
            })
            .collect();
        let mut tags: Vec<&str> = map
            .elements()
            .flat_map(|e| e.meta().tags())
            .map(String::as_str)
            .collect();
        tags.sort_unstable();
        tags.dedup();
        PageData {
            title: &map.title,
            description: map.description.as_deref(),
            elements,
            sources: map.sources().map(SourceData::new).collect(),
            relations: map.relations().map(RelationData::new).collect(),
            stances: map.stances().map(StanceData::new).collect(),
            actor_links: map
                .actor_links()
                .into_iter()
                .map(|(actor, kind, of)| ActorLinkData {
                    actor,
                    kind: kind.as_str(),
                    of,
                })
                .collect(),
            groups: map
                .groups()
                .map(|g| GroupData {
                    id: &g.id,
                    title: &g.title,
                    members: g.members.iter().map(|m| m.as_str()).collect(),
                })
                .collect(),
            tags,
        }
    }
}

impl<'m> ElementData<'m> {
    fn bare(element: &'m Element, kind: &'static str) -> ElementData<'m> {
        let meta = element.meta();
        ElementData {
            id: element.id(),
            kind,
            text: None,
            title: None,
            source: None,
            quote: None,
            date: None,
            name: None,
            actor_kind: None,
            role: None,
            bundle: Vec::new(),
            tags: meta.tags(),
            note: meta.note(),
        }
    }
}

impl<'m> SourceData<'m> {
    fn new(s: &'m Source) -> SourceData<'m> {
        SourceData {
            id: &s.id,
            kind: s.kind.as_str(),
            title: &s.title,
            author: s.author.as_deref(),
            publisher: s.publisher.as_deref(),
            date: s.date.as_deref(),
            url: s.url.as_deref().and_then(web_url),
        }
    }
}

impl<'m> RelationData<'m> {
    fn new(r: &'m Relation) -> RelationData<'m> {
        RelationData {
            from: &r.from,
            to: &r.to,
            kind: r.kind.as_str(),
            by: r.by.iter().map(|a| a.as_str()).collect(),
            source: r.source.as_deref(),
            quote: r.quote.as_deref(),
            tags: r.meta.tags(),
            note: r.meta.note(),
        }
    }
}

impl<'m> StanceData<'m> {
    fn new(s: &'m Stance) -> StanceData<'m> {
        StanceData {
            actor: &s.actor,
            target: &s.target,
            kind: s.kind.as_str(),
            source: s.source.as_deref(),
            quote: s.quote.as_deref(),
            date: s.date.as_deref(),
            note: s.meta.note(),
        }
    }
}

/// The actors the diagram draws as one node, first actor first.
fn bundles(map: &Map) -> Vec<Vec<&str>> {
    crate::diagram::actor_bundles(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Claim, Id, MapBuilder, Meta, MetaData};
    use proptest::prelude::*;

    const SVG: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz version 2.43.0 (0)
 -->
<!-- Title: t Pages: 1 -->
<svg width="62pt" height="44pt" viewBox="0.00 0.00 62.00 44.00" xmlns="http://www.w3.org/2000/svg">
<g id="node1" class="node claim"><title>a</title></g>
</svg>
"#;

    /// The JSON between the data block's tags.
    fn data_block(page: &str) -> &str {
        let open = "<script type=\"application/json\" id=\"argumap-data\">";
        let start = page.find(open).expect("data block") + open.len();
        let len = page[start..].find("</script>").expect("end of data block");
        &page[start..start + len]
    }

    fn map_with_text(text: &str) -> Map {
        let mut claim = Claim::new(Id::new("c").unwrap(), text);
        claim.title = Some(text.to_owned());
        claim.quote = Some(text.to_owned());
        claim.meta = Meta::new(MetaData {
            tags: vec![text.to_owned()],
            note: Some(text.to_owned()),
            ..MetaData::default()
        });
        let mut map = MapBuilder::new(text)
            .actor("x", text, ActorKind::Person)
            .with_claim(claim)
            .asserts("x", "c")
            .build()
            .unwrap();
        map.description = Some(text.to_owned());
        map
    }

    #[test]
    fn strips_the_prologue_and_keeps_the_svg() {
        let body = svg_element(SVG);
        assert!(body.starts_with("<svg width="), "{body}");
        assert!(body.ends_with("</svg>"));
        assert_eq!(svg_element("  <svg/>\n"), "<svg/>");
        assert_eq!(svg_element("<!-- never closed"), "");
    }

    #[test]
    fn hostile_text_stays_inside_the_data_block() {
        let hostile = "</script><script>alert(2)</script> <!-- ]]> \"q\" & 'a' \u{202E} \u{2028}";
        let page = page(&map_with_text(hostile), SVG, &HtmlOptions::default());
        let data = data_block(&page);
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!data.contains(bad), "{bad:?} in {data}");
        }
        let value: serde_json::Value = serde_json::from_str(data).unwrap();
        assert_eq!(value["elements"][1]["text"], hostile);
        assert_eq!(value["title"], hostile);
        // The page has exactly its own two scripts, and the title is escaped.
        assert_eq!(page.matches("<script").count(), 2);
        assert!(page.contains(
            "<title>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; &lt;!-- ]]&gt; \
             &quot;q&quot; &amp; &#39;a&#39;"
        ));
    }

    #[test]
    fn links_only_to_the_web() {
        assert_eq!(
            web_url(" https://example.org/a "),
            Some("https://example.org/a")
        );
        assert_eq!(web_url("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(web_url("javascript:alert(3)"), None);
        assert_eq!(web_url("JavaScript://%0Aalert(3)"), None);
        assert_eq!(web_url("data:text/html,<script>"), None);
        assert_eq!(web_url("https:"), None);
        assert_eq!(web_url("example.org"), None);
        assert_eq!(web_url("https://a\u{0}b"), None);
    }

    #[test]
    fn titles_come_from_the_options_or_the_map() {
        let map = map_with_text("Uniforms & <ties>");
        let own = page(&map, SVG, &HtmlOptions::default());
        assert!(own.contains("<title>Uniforms &amp; &lt;ties&gt;</title>"));
        let other = page(&map, SVG, &HtmlOptions::default().title("Week 3"));
        assert!(other.contains("<title>Week 3</title>"));
        assert!(other.contains(">Week 3</h1>"));
    }

    #[test]
    fn bundles_actors_with_the_same_stances() {
        let map = crate::testing::signatories();
        assert_eq!(bundles(&map), [["a", "b"]]);
        let data = PageData::new(&map);
        let bundle = |id: &str| &data.elements.iter().find(|e| e.id == id).unwrap().bundle;
        assert_eq!(*bundle("a"), ["a", "b"]);
        for alone in ["gov", "b", "c", "x"] {
            assert!(bundle(alone).is_empty(), "{alone}");
        }
    }

    /// The policy names the hash of the script the page carries: recomputed here with
    /// Python's hashlib, an implementation independent of ours.
    #[test]
    fn csp_hash_matches_the_script() {
        let page = page(&map_with_text("x"), SVG, &HtmlOptions::default());
        let start = page.rfind("<script>").unwrap() + "<script>".len();
        let end = start + page[start..].find("</script>").unwrap();
        let script = &page[start..end];
        assert_eq!(
            script, SCRIPT,
            "the script must be the same bytes in every page"
        );
        assert!(page.contains(&format!("script-src 'sha256-{SCRIPT_SHA256}'")));
        let python = std::process::Command::new("python3")
            .args([
                "-c",
                "import base64, hashlib, sys; \
                 print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn();
        let Ok(mut python) = python else {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "python3 is needed under CI=true"
            );
            eprintln!("skipping: python3 is not installed");
            return;
        };
        use std::io::Write;
        python
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        let out = python.wait_with_output().unwrap();
        assert!(out.status.success());
        let hash = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            hash.trim(),
            SCRIPT_SHA256,
            "page.js changed: set SCRIPT_SHA256 in html.rs to the new hash"
        );
    }

    #[test]
    fn script_and_style_cannot_end_their_elements() {
        let script = SCRIPT.to_ascii_lowercase();
        assert!(!script.contains("</script") && !script.contains("<!--"));
        let style = STYLE.to_ascii_lowercase();
        assert!(!style.contains("</style") && !style.contains("<!--"));
    }

    proptest! {
        /// No text, however hostile, can end the data block early or change what it says.
        #[test]
        fn data_block_holds_any_text(text in "(\\PC|[<>&/!\\-\\[\\]\u{2028}\u{2029}]|</script|<!--|</SCRIPT){1,40}") {
            let map = map_with_text(&text);
            let page = page(&map, SVG, &HtmlOptions::default());
            let data = data_block(&page);
            let lower = data.to_ascii_lowercase();
            prop_assert!(!lower.contains("</script") && !lower.contains("<!--"));
            let raw = ['<', '>', '&', '\u{2028}', '\u{2029}'];
            prop_assert!(!data.contains(raw), "a raw special character in {}", data);
            let value: serde_json::Value = serde_json::from_str(data).unwrap();
            let claim = &value["elements"][1];
            prop_assert_eq!(claim["text"].as_str(), Some(text.as_str()));
            prop_assert_eq!(claim["quote"].as_str(), Some(text.as_str()));
            prop_assert_eq!(claim["tags"][0].as_str(), Some(text.as_str()));
            prop_assert_eq!(value["elements"][0]["name"].as_str(), Some(text.as_str()));
            prop_assert_eq!(page.matches("<script").count(), 2);
        }
    }
}
