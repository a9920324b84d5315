//! GraphML export: the map as a directed graph for yEd, Gephi, networkx and other graph
//! tools.
//!
//! # What is written
//!
//! One `<node>` per claim, argument and actor, every actor included (a graph tool filters
//! more easily than it restores what was left out); the node ids are the map's ids. One
//! `<edge>` per relation, stance and actor link, in that order and each in map order, with
//! ids `e0`, `e1`, ... (GraphML keeps node and edge ids apart, so they cannot clash with a
//! claim named `e0`). Edges point as in the map: from the supporter or attacker to its
//! target, from a premise to its argument, from an actor to what it asserts, from a member
//! to what it belongs to.
//!
//! Every value is a string attribute declared by a `<key>`; a value the element does not
//! have is left out:
//!
//! | for  | name         | value                                                          |
//! |------|--------------|----------------------------------------------------------------|
//! | graph| `title`      | the map's title                                                |
//! | graph| `description`| the map's description                                         |
//! | node | `kind`       | `claim`, `argument` or `actor`                                 |
//! | node | `label`      | the short title if any, else the text (claims, arguments; an argument with neither gets its id), or the actor's name |
//! | node | `text`       | the full text of a claim or argument                           |
//! | node | `title`      | the short title                                                |
//! | node | `tags`       | the tags, joined by `,`                                        |
//! | node | `actors`     | the ids of the actors who assert it, joined by `,`              |
//! | node | `source`     | the id of the source it was read in                            |
//! | node | `quote`      | the source's exact words                                       |
//! | node | `group`      | the id of the group it is shown in (the deepest that lists it) |
//! | node | `actor_kind` | `person`, `organisation`, `government`, `group` or `other`     |
//! | node | `role`       | an actor's office or part                                      |
//! | edge | `kind`       | `supports`, `rebuts`, ..., `asserts`, ..., `member_of`, `speaks_for` |
//! | edge | `by`         | the ids of the actors who made a relation, joined by `,`        |
//! | edge | `source`     | the id of the source the relation or stance was read in         |
//! | edge | `quote`      | the source's exact words                                       |
//!
//! Ids hold no `,`, so the joined lists split back exactly; a tag holding a `,` does not.
//! Sources and groups are not nodes, and nothing yEd-specific is written: yEd shows the
//! `label` attribute once it is mapped to the node label (Edit › Properties Mapper); Gephi
//! takes it as the label by itself.
//!
//! # Escaping
//!
//! Every id and value goes through [`escape`]: `& < > " '` become entities, tab, newline and
//! carriage return become character references (so an XML reader gives them back as they
//! were instead of normalising them), and the characters XML 1.0 cannot hold at all (the
//! other C0 controls, U+FFFE, U+FFFF) are dropped. Everything else, including right-to-left
//! marks, is written as it is: the file is UTF-8.

use std::io::{self, Write};

use crate::model::{Element, Map};

use super::non_blank;
use crate::diagram::Clusters;

/// Writes a map as a GraphML document, in UTF-8.
///
/// The same map always gives the same bytes. Any text is safe: ids and values go through
/// [`escape`].
///
/// Time: linear in elements plus links.
///
/// # Errors
///
/// Only the errors of `out`; the map itself cannot make writing fail.
pub fn write(map: &Map, out: impl Write) -> io::Result<()> {
    super::buffered(out, |out| write_document(map, out))
}

/// The map as a GraphML document, as [`write()`] writes it.
pub fn to_string(map: &Map) -> String {
    super::written(|out| write(map, out))
}

/// Any text escaped for XML 1.0, safe in element content and in a quoted attribute value.
///
/// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;`; tab,
/// newline and carriage return become `&#9;`, `&#10;` and `&#13;`; the other C0 controls,
/// U+FFFE and U+FFFF, which no XML 1.0 document may hold, are dropped.
///
/// ```
/// use argumap::export::graphml::escape;
///
/// assert_eq!(escape("<a href='x'>&\"</a>\u{1}"), "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;");
/// assert_eq!(escape("one\ntwo"), "one&#10;two");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// The one escaping function: every id and value in the output goes through it.
fn push_escaped(out: &mut String, text: &str) {
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            '\0'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => "",
            _ => continue,
        };
        out.push_str(&text[run..at]);
        out.push_str(replacement);
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
}

/// The declared attributes: (key id, for, attr.name). Key ids are prefixed by what they are
/// for, since a node and an edge both have a `kind`.
const KEYS: [(&str, &str, &str); 18] = [
    ("g_title", "graph", "title"),
    ("g_description", "graph", "description"),
    ("n_kind", "node", "kind"),
    ("n_label", "node", "label"),
    ("n_text", "node", "text"),
    ("n_title", "node", "title"),
    ("n_tags", "node", "tags"),
    ("n_actors", "node", "actors"),
    ("n_source", "node", "source"),
    ("n_quote", "node", "quote"),
    ("n_group", "node", "group"),
    ("n_actor_kind", "node", "actor_kind"),
    ("n_role", "node", "role"),
    ("e_kind", "edge", "kind"),
    ("e_by", "edge", "by"),
    ("e_source", "edge", "source"),
    ("e_quote", "edge", "quote"),
    // Stances carry a date; relations do not.
    ("e_date", "edge", "date"),
];

/// One element's `<data>` lines are gathered here, then written in one call.
struct Lines {
    buf: String,
}

impl Lines {
    /// `<data key="...">value</data>`, when there is a value.
    fn data(&mut self, indent: &str, key: &str, value: Option<&str>) {
        let Some(value) = value else { return };
        self.buf.push_str(indent);
        self.buf.push_str("<data key=\"");
        self.buf.push_str(key);
        self.buf.push_str("\">");
        push_escaped(&mut self.buf, value);
        self.buf.push_str("</data>\n");
    }

    fn send(&mut self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

fn write_document(map: &Map, out: &mut impl Write) -> io::Result<()> {
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
          http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (id, domain, name) in KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        )?;
    }
    out.write_all(b"  <graph id=\"G\" edgedefault=\"directed\">\n")?;
    let mut lines = Lines { buf: String::new() };
    let title = Some(map.title.as_str()).filter(|t| !t.is_empty());
    lines.data("    ", "g_title", title);
    lines.data("    ", "g_description", map.description.as_deref());
    lines.send(out)?;

    // Who asserts what, gathered in one pass over the stances.
    let asserters = super::asserters(map);
    let nesting = Clusters::groups(map);
    const IN: &str = "      ";
    for element in map.elements() {
        let id = element.id();
        lines.buf.push_str("    <node id=\"");
        push_escaped(&mut lines.buf, id);
        lines.buf.push_str("\">\n");
        let tags = element.meta().tags();
        let tags = (!tags.is_empty()).then(|| tags.join(","));
        let actors = asserters.get(id.as_str()).map(|a| a.join(","));
        let group = nesting.home_of(id).map(|g| &*nesting.boxes[g].id);
        // A claim and an argument carry the same data; only the label and the text differ.
        let statement = match element {
            Element::Claim(claim) => Some((
                "claim",
                non_blank(claim.title.as_deref()).unwrap_or(&claim.text),
                Some(claim.text.as_str()),
                &claim.title,
                &claim.source,
                &claim.quote,
            )),
            Element::Argument(argument) => Some((
                "argument",
                non_blank(argument.title.as_deref())
                    .or(non_blank(argument.text.as_deref()))
                    .unwrap_or(&argument.id),
                argument.text.as_deref(),
                &argument.title,
                &argument.source,
                &argument.quote,
            )),
            Element::Actor(actor) => {
                lines.data(IN, "n_kind", Some("actor"));
                lines.data(IN, "n_label", Some(&actor.name));
                lines.data(IN, "n_tags", tags.as_deref());
                lines.data(IN, "n_actor_kind", Some(actor.kind.as_str()));
                lines.data(IN, "n_role", actor.role.as_deref());
                None
            }
        };
        if let Some((kind, label, text, title, source, quote)) = statement {
            lines.data(IN, "n_kind", Some(kind));
            lines.data(IN, "n_label", Some(label));
            lines.data(IN, "n_text", text);
            lines.data(IN, "n_title", title.as_deref());
            lines.data(IN, "n_tags", tags.as_deref());
            lines.data(IN, "n_actors", actors.as_deref());
            lines.data(IN, "n_source", source.as_deref());
            lines.data(IN, "n_quote", quote.as_deref());
            lines.data(IN, "n_group", group);
        }
        lines.buf.push_str("    </node>\n");
        lines.send(out)?;
    }

    let mut edge = Edges { next: 0 };
    for relation in map.relations() {
        let by = (!relation.by.is_empty()).then(|| relation.by.join(","));
        edge.open(&mut lines, &relation.from, &relation.to);
        lines.data(IN, "e_kind", Some(relation.kind.as_str()));
        lines.data(IN, "e_by", by.as_deref());
        lines.data(IN, "e_source", relation.source.as_deref());
        lines.data(IN, "e_quote", relation.quote.as_deref());
        lines.buf.push_str("    </edge>\n");
        lines.send(out)?;
    }
    for stance in map.stances() {
        edge.open(&mut lines, &stance.actor, &stance.target);
        lines.data(IN, "e_kind", Some(stance.kind.as_str()));
        lines.data(IN, "e_source", stance.source.as_deref());
        lines.data(IN, "e_quote", stance.quote.as_deref());
        lines.data(IN, "e_date", stance.date.as_deref());
        lines.buf.push_str("    </edge>\n");
        lines.send(out)?;
    }
    for (member, kind, of) in map.actor_links() {
        edge.open(&mut lines, member, of);
        lines.data(IN, "e_kind", Some(kind.as_str()));
        lines.buf.push_str("    </edge>\n");
        lines.send(out)?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

/// Numbers the edges.
struct Edges {
    next: usize,
}

impl Edges {
    fn open(&mut self, lines: &mut Lines, from: &str, to: &str) {
        use std::fmt::Write as _;
        let _ = write!(lines.buf, "    <edge id=\"e{}\" source=\"", self.next);
        self.next += 1;
        push_escaped(&mut lines.buf, from);
        lines.buf.push_str("\" target=\"");
        push_escaped(&mut lines.buf, to);
        lines.buf.push_str("\">\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, MapBuilder};

    #[test]
    fn escape_handles_markup_quotes_and_control_characters() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain é 日本"), "plain é 日本");
        assert_eq!(escape("a & b"), "a &amp; b");
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("]]>"), "]]&gt;");
        assert_eq!(escape("\"q\" 'a'"), "&quot;q&quot; &apos;a&apos;");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("t\tn\nr\r"), "t&#9;n&#10;r&#13;");
        assert_eq!(escape("\0\u{1}\u{8}\u{B}\u{C}\u{1F}x"), "x");
        assert_eq!(escape("\u{FFFE}\u{FFFF}\u{FFFD}"), "\u{FFFD}");
        // Allowed in XML 1.0, kept: DEL, C1 controls, bidi controls.
        assert_eq!(escape("\u{7F}\u{85}\u{202E}"), "\u{7F}\u{85}\u{202E}");
    }

    #[test]
    fn writes_keys_nodes_and_numbered_edges() {
        let map = MapBuilder::new("T & t")
            .actor("ann", "Ann", ActorKind::Person)
            .actor("gov", "Gov", ActorKind::Government)
            .titled_claim("a.b-c", "A", "A <b>")
            .claim("e0", "B")
            .supports("e0", "a.b-c")
            .asserts("ann", "a.b-c")
            .member_of("ann", "gov")
            .build()
            .unwrap();
        let xml = to_string(&map);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
        assert!(xml.ends_with("  </graph>\n</graphml>\n"));
        assert!(xml.contains("<data key=\"g_title\">T &amp; t</data>"));
        assert!(xml.contains(
            "    <node id=\"a.b-c\">\n      <data key=\"n_kind\">claim</data>\n      \
             <data key=\"n_label\">A</data>\n      <data key=\"n_text\">A &lt;b&gt;</data>\n"
        ));
        assert!(xml.contains("<data key=\"n_actors\">ann</data>"));
        assert!(xml.contains("<edge id=\"e0\" source=\"e0\" target=\"a.b-c\">"));
        assert!(xml.contains("<edge id=\"e1\" source=\"ann\" target=\"a.b-c\">"));
        assert!(xml.contains("<edge id=\"e2\" source=\"ann\" target=\"gov\">"));
        assert!(xml.contains("<data key=\"e_kind\">member_of</data>"));
        assert_eq!(xml.matches("<node ").count(), 4);
        assert_eq!(xml.matches("<edge ").count(), 3);
        assert_eq!(to_string(&map.clone()), xml);
    }
}
