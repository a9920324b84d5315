//! `argumap lsp` driven as an editor drives it: JSON-RPC over the program's standard input
//! and output, from initialize to shutdown and exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use argumap::format::{Format, SourceIndex};

use crate::support::root;

/// A client talking to a running `argumap lsp`.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for a response.
    pending: Vec<Value>,
    /// What the server said at initialize.
    init: Value,
}

impl Client {
    /// Starts the server and initializes it, offering these position encodings.
    fn start(encodings: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argumap"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("argumap lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            stdout.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages: rx,
            next_id: 0,
            pending: Vec::new(),
            init: Value::Null,
        };
        let mut capabilities = json!({});
        if !encodings.is_empty() {
            capabilities = json!({"general": {"positionEncodings": encodings}});
        }
        client.init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    /// The full response to a request (with `result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// A request's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method}: {}",
            response["error"]
        );
        response["result"].clone()
    }

    /// The next diagnostics published for a file.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.pending.iter().position(|m| is_diagnostics(m, uri)) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.receive();
            if is_diagnostics(&m, uri) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push(m);
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    fn at(&mut self, method: &str, uri: &str, position: Value) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
    }

    /// The Markdown hover shows at a place, or `None` where it shows nothing.
    fn hover(&mut self, uri: &str, position: Value) -> Option<String> {
        let hover = self.at("textDocument/hover", uri, position);
        hover["contents"]["value"].as_str().map(str::to_owned)
    }

    /// Where the id at a place is defined: its location (`uri` and `range`).
    fn definition(&mut self, uri: &str, position: Value) -> Value {
        let def = self.at("textDocument/definition", uri, position);
        assert_eq!(def["uri"], uri);
        def
    }

    /// The ranges of an id's places: its definition (if asked) and references.
    fn references(&mut self, uri: &str, position: Value, declaration: bool) -> Vec<Value> {
        let refs = self.request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": position,
                   "context": {"includeDeclaration": declaration}}),
        );
        refs.as_array()
            .unwrap()
            .iter()
            .map(|l| l["range"].clone())
            .collect()
    }

    /// The full response to a rename (its edits, or an error).
    fn call_rename(&mut self, uri: &str, position: Value, name: &str) -> Value {
        self.call(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": position, "newName": name}),
        )
    }

    /// The edits of a rename.
    fn rename(&mut self, uri: &str, position: Value, name: &str) -> Vec<Value> {
        let response = self.call_rename(uri, position, name);
        assert!(response.get("error").is_none(), "{}", response["error"]);
        response["result"]["changes"][uri]
            .as_array()
            .unwrap()
            .clone()
    }

    /// The labels of the completions at a place, sorted.
    fn completion(&mut self, uri: &str, position: Value) -> Vec<String> {
        let items = self.at("textDocument/completion", uri, position);
        let mut labels: Vec<String> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect();
        labels.sort();
        labels
    }

    /// The outline.
    fn symbols(&mut self, uri: &str) -> Vec<Value> {
        let symbols = self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        symbols.as_array().unwrap().clone()
    }

    /// The code actions offered for a range and the problems there.
    fn code_actions(&mut self, uri: &str, range: &Value, diagnostics: &[Value]) -> Vec<Value> {
        let actions = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range,
                   "context": {"diagnostics": diagnostics}}),
        );
        actions.as_array().unwrap().clone()
    }

    /// Each problem's quick fix, asked for at its range as an editor's light bulb does: one
    /// for each, naming its problem. Their edits, together.
    fn quick_fixes(&mut self, uri: &str, diagnostics: &[Value]) -> Vec<Value> {
        let mut edits = Vec::new();
        for d in diagnostics {
            let actions = self.code_actions(uri, &d["range"], std::slice::from_ref(d));
            assert_eq!(actions.len(), 1, "{d:#?}: {actions:#?}");
            assert_eq!(actions[0]["kind"], "quickfix");
            assert_eq!(actions[0]["diagnostics"][0]["code"], d["code"]);
            assert_eq!(actions[0]["diagnostics"][0]["range"], d["range"]);
            edits.extend(
                actions[0]["edit"]["changes"][uri]
                    .as_array()
                    .unwrap()
                    .iter()
                    .cloned(),
            );
        }
        edits
    }

    /// Shuts the server down as an editor does and checks that it exits at once with 0.
    fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{status}");
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server exits"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn is_diagnostics(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// The test's own conversion: the position of the `nth` (0-based) occurrence of `needle`
/// (plus `skip` bytes into it), counting columns in UTF-16 units or bytes.
fn pos(text: &str, needle: &str, nth: usize, skip: usize, utf8: bool) -> Value {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} in the text"))
        .0
        + skip;
    pos_of(text, at, utf8)
}

fn pos_of(text: &str, at: usize, utf8: bool) -> Value {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let before = &text[line_start..at];
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// The range of the `nth` occurrence of `needle`.
fn range(text: &str, needle: &str, nth: usize, utf8: bool) -> Value {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    json!({"start": pos_of(text, at, utf8), "end": pos_of(text, at + needle.len(), utf8)})
}

/// The byte offset of a protocol position (UTF-16 columns).
fn offset(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let character = p["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// A text with a list of edits applied (last first, as they do not overlap).
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (a, b, new) in spans {
        out.replace_range(a..b, &new);
    }
    out
}

fn errors(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics.iter().filter(|d| d["severity"] == 1).collect()
}

/// Three mistakes, each with a "did you mean", on lines with emoji and CJK text before them.
const BROKEN: &str = r#"{
  "argumap": 1,
  "title": "Phones in class",
  "actors": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "ben", "name": "Ben", "kind": "person"}
  ],
  "claims": [
    {"id": "ban-phones", "text": "Ban phones in class. 😀 漢字", "by": ["ana"]},
    {"id": "distraction", "text": "Phones distract 漢字😀.", "suports": ["ban-phones"], "by": ["ana"]},
    {"id": "emergencies", "text": "Parents 👨‍👩‍👧 need to reach children.", "rebuts": ["ban-phone"], "by": ["anna"]}
  ],
  "relations": [{"from": "emergencies", "to": "distraction", "kind": "rebuts"}],
  "stances": [{"actor": "ben", "target": "emergencies", "kind": "denies"}]
}
"#;

const URI: &str = "file:///maps/phones.json";

#[test]
fn fixes_three_mistakes_and_answers_every_request_in_utf16() {
    let mut c = Client::start(&[]);
    assert_eq!(c.init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(c.init["serverInfo"]["name"], "argumap");
    let diagnostics = c.open(URI, "json", BROKEN);
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-field", "unknown-id", "unknown-id"]);
    assert_eq!(
        diagnostics[0]["range"],
        range(BROKEN, "\"suports\"", 0, false)
    );
    assert_eq!(
        diagnostics[1]["range"],
        range(BROKEN, "\"ban-phone\"", 0, false)
    );
    assert_eq!(diagnostics[2]["range"], range(BROKEN, "\"anna\"", 0, false));
    for d in &diagnostics {
        assert_eq!(d["severity"], 1);
        assert_eq!(d["source"], "argumap");
        assert!(d["message"]
            .as_str()
            .unwrap()
            .contains("hint: did you mean"));
    }
    assert!(diagnostics[2]["message"]
        .as_str()
        .unwrap()
        .starts_with("no element has the id `anna`"));

    let edits = c.quick_fixes(URI, &diagnostics);
    let fixed = apply(BROKEN, &edits);
    assert!(fixed.contains(r#""supports": ["ban-phones"]"#), "{fixed}");
    assert!(
        fixed.contains(r#""rebuts": ["ban-phones"], "by": ["ana"]"#),
        "{fixed}"
    );
    let after = c.change(URI, 2, &fixed);
    assert!(errors(&after).is_empty(), "{after:#?}");
    // No fixes left to offer.
    let none = c.code_actions(URI, &range(&fixed, "ban-phones", 0, false), &[]);
    assert!(none.is_empty(), "{none:#?}");

    // Hover on a reference after emoji and CJK text: the element, who asserts it, its
    // relations, its grounded status.
    let hover = c.at(
        "textDocument/hover",
        URI,
        pos(&fixed, "\"ban-phones\"]", 0, 3, false),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**claim** `ban-phones`"), "{text}");
    assert!(text.contains("> Ban phones in class. 😀 漢字"), "{text}");
    assert!(text.contains("asserted by Ana"), "{text}");
    assert!(text.contains("`distraction` (Phones distract"), "{text}");
    assert!(text.contains("supports it"), "{text}");
    assert!(text.contains("rebuts it"), "{text}");
    assert!(text.contains("grounded: **out**"), "{text}");
    assert_eq!(hover["range"], range(&fixed, "ban-phones", 1, false));
    let text = c
        .hover(URI, pos(&fixed, "emergencies", 1, 1, false))
        .unwrap();
    assert!(text.contains("`ben` (Ben) denies it"), "{text}");
    assert!(text.contains("grounded: **in**"), "{text}");
    let text = c.hover(URI, pos(&fixed, "\"ana\"", 2, 1, false)).unwrap();
    assert!(text.starts_with("**actor** `ana`: Ana (person)"), "{text}");
    // Nothing to say between ids.
    assert_eq!(c.hover(URI, pos(&fixed, "\"title\"", 0, 2, false)), None);

    // Definition, from the reference on the line with emoji.
    let def = c.definition(URI, pos(&fixed, "\"ban-phones\"]", 0, 1, false));
    assert_eq!(def["range"], range(&fixed, "ban-phones", 0, false));

    // References of `ana`: her definition and the three `by`s, each after emoji or CJK.
    let got = c.references(URI, pos(&fixed, "\"ana\"", 0, 1, false), true);
    let want: Vec<Value> = (0..4).map(|i| range(&fixed, "\"ana\"", i, false)).collect();
    let want: Vec<Value> = want
        .into_iter()
        .map(|r| {
            // Inside the quotes.
            let mut r = r;
            r["start"]["character"] = json!(r["start"]["character"].as_u64().unwrap() + 1);
            r["end"]["character"] = json!(r["end"]["character"].as_u64().unwrap() - 1);
            r
        })
        .collect();
    assert_eq!(got, want);
    let refs = c.references(URI, pos(&fixed, "\"ana\"", 0, 1, false), false);
    assert_eq!(refs.len(), 3);

    // Rename, prepared first.
    let prepared = c.at(
        "textDocument/prepareRename",
        URI,
        pos(&fixed, "distraction", 0, 2, false),
    );
    assert_eq!(prepared["placeholder"], "distraction");
    assert_eq!(prepared["range"], range(&fixed, "distraction", 0, false));
    let refused = c.call_rename(URI, pos(&fixed, "distraction", 0, 2, false), "not an id");
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not a valid id"));
    let taken = c.call_rename(URI, pos(&fixed, "distraction", 0, 2, false), "ban-phones");
    assert!(taken["error"]["message"]
        .as_str()
        .unwrap()
        .contains("already names"));
    let edits = c.rename(URI, pos(&fixed, "ban-phones", 2, 0, false), "phone-ban");
    assert_eq!(edits.len(), 3);
    let renamed = apply(&fixed, &edits);
    assert_eq!(renamed.matches("phone-ban").count(), 3);
    assert!(!renamed.contains("ban-phones"));
    let after = c.change(URI, 3, &renamed);
    assert!(errors(&after).is_empty(), "{after:#?}");

    // Completion: ids of the right sort in reference fields, names in `kind` fields, field
    // names where a key goes.
    let labels = |c: &mut Client, text: &str, needle: &str, skip: usize| -> Vec<String> {
        c.completion(URI, pos(text, needle, 0, skip, false))
    };
    assert_eq!(labels(&mut c, &renamed, "[\"ana\"]}", 2), ["ana", "ben"]);
    assert_eq!(
        labels(&mut c, &renamed, "\"rebuts\": [\"", 11),
        ["distraction", "emergencies", "phone-ban"]
    );
    assert_eq!(
        labels(&mut c, &renamed, "\"rebuts\"}", 1),
        [
            "conclusion",
            "contradicts",
            "premise",
            "rebuts",
            "rephrases",
            "supports",
            "undercuts"
        ]
    );
    assert_eq!(
        labels(&mut c, &renamed, "\"denies\"", 1),
        ["asserts", "denies", "endorses", "questions"]
    );
    assert_eq!(
        labels(&mut c, &renamed, "\"person\"", 1),
        ["government", "group", "organisation", "other", "person"]
    );
    let fields = labels(&mut c, &renamed, "\"text\": \"Phones", 1);
    for f in ["by", "rebuts", "supports", "text", "title", "undercuts"] {
        assert!(fields.contains(&f.to_owned()), "{fields:?}");
    }
    assert!(!fields.contains(&"kind".to_owned()) || fields.contains(&"quote".to_owned()));
    let top = labels(&mut c, &renamed, "\"title\"", 1);
    for f in ["actors", "claims", "relations", "stances", "title"] {
        assert!(top.contains(&f.to_owned()), "{top:?}");
    }

    // The outline: each list with its elements.
    let symbols = c.symbols(URI);
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["actors", "claims", "relations", "stances"]);
    let claims = symbols[1]["children"].as_array().unwrap();
    let ids: Vec<&str> = claims.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(ids, ["phone-ban", "distraction", "emergencies"]);
    assert_eq!(
        claims[2]["selectionRange"],
        range(&renamed, "emergencies", 0, false)
    );
    assert_eq!(claims[2]["detail"], "Parents 👨‍👩‍👧 need to reach children.");
    c.shut_down();
}

#[test]
fn counts_columns_in_bytes_when_the_client_offers_utf8() {
    let mut c = Client::start(&["utf-8", "utf-16"]);
    assert_eq!(c.init["capabilities"]["positionEncoding"], "utf-8");
    let diagnostics = c.open(URI, "json", BROKEN);
    assert_eq!(
        diagnostics[1]["range"],
        range(BROKEN, "\"ban-phone\"", 0, true)
    );
    assert_ne!(
        range(BROKEN, "\"ban-phone\"", 0, true),
        range(BROKEN, "\"ban-phone\"", 0, false)
    );
    let def = c.definition(URI, pos(BROKEN, "\"ana\"", 1, 1, true));
    assert_eq!(def["range"]["start"], pos(BROKEN, "ana", 0, 0, true));
    c.shut_down();
}

#[test]
fn keeps_serving_from_the_last_text_that_parsed() {
    let mut c = Client::start(&[]);
    let good = apply(BROKEN, &[]).replace("suports", "supports").replace(
        "[\"ban-phone\"], \"by\": [\"anna\"]",
        "[\"ban-phones\"], \"by\": [\"ana\"]",
    );
    assert!(errors(&c.open(URI, "json", &good)).is_empty());
    // A JSON file that is not a map is left alone.
    let other = "file:///package.json";
    assert_eq!(
        c.open(other, "json", r#"{"name": "x", "version": 1"#),
        Vec::<Value>::new()
    );
    // Half-way through typing a reference: the JSON does not parse.
    let typing = good.replace(r#""by": ["ana"]}"#, r#""by": ["an}"#);
    let after = c.change(URI, 2, &typing);
    assert_eq!(after.len(), 1, "{after:#?}");
    assert_eq!(after[0]["code"], "syntax");
    assert_eq!(
        c.completion(URI, pos(&typing, "[\"an}", 0, 4, false)),
        ["ana", "ben"]
    );
    assert!(c
        .hover(URI, pos(&typing, "ban-phones", 1, 2, false))
        .unwrap()
        .contains("Ban phones in class"));
    assert_eq!(c.symbols(URI).len(), 4);
    // Places that may have moved are not guessed.
    let rename = c.call_rename(URI, pos(&typing, "ban-phones", 1, 2, false), "x");
    assert!(rename["error"]["message"]
        .as_str()
        .unwrap()
        .contains("does not parse"));
    c.shut_down();
}

#[test]
fn answers_on_both_sample_maps() {
    for name in ["encryption-debate.json", "school-uniforms.json"] {
        let text = std::fs::read_to_string(root(&format!("maps/{name}"))).unwrap();
        let map = argumap::format::json::from_str(&text).unwrap().map;
        let uri = format!("file:///maps/{name}");
        let mut c = Client::start(&[]);
        let diagnostics = c.open(&uri, "json", &text);
        assert!(errors(&diagnostics).is_empty(), "{name}: {diagnostics:#?}");

        // Every claim in the outline, at its id.
        let symbols = c.symbols(&uri);
        let claims = symbols.iter().find(|s| s["name"] == "claims").unwrap()["children"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(claims.len(), map.claims().count(), "{name}");
        for (symbol, claim) in claims.iter().zip(map.claims()) {
            assert_eq!(symbol["name"], claim.id.as_str());
            let at = offset(&text, &symbol["selectionRange"]["start"]);
            assert!(text[at..].starts_with(&format!("{}\"", claim.id)), "{name}");
        }

        // A claim that something supports or rebuts: from a reference, its definition,
        // references, hover and a rename.
        let claim = map
            .claims()
            .find(|c| !map.relations_to(&c.id).is_empty())
            .unwrap();
        let index = SourceIndex::of(&text, Format::Json).unwrap();
        let mentions = index.of_id(&claim.id).count();
        let first = index.references(&claim.id).next().unwrap().span;
        assert_eq!(&text[first.start..first.end], claim.id.as_str());
        let reference = pos_of(&text, first.start + 1, false);
        let def = c.definition(&uri, reference.clone());
        let at = offset(&text, &def["range"]["start"]);
        assert!(text[..at].ends_with("\"id\": \""), "{name}");
        assert!(text[at..].starts_with(&format!("{}\"", claim.id)), "{name}");
        let refs = c.references(&uri, reference.clone(), true);
        assert_eq!(refs.len(), mentions, "{name}");
        let shown = c.hover(&uri, reference.clone()).unwrap();
        assert!(
            shown.contains(&claim.text.lines().next().unwrap().to_string()),
            "{shown}"
        );
        assert!(shown.contains("grounded: **"), "{shown}");
        let edits = c.rename(&uri, reference, "renamed-claim");
        let renamed = apply(&text, &edits);
        assert_eq!(renamed.matches("\"renamed-claim\"").count(), mentions);
        assert!(errors(&c.change(&uri, 2, &renamed)).is_empty(), "{name}");

        // Completion in a stance's `actor`: every actor, and only actors.
        let by = text.find("\"actor\": \"").unwrap() + 10;
        let labels = c.completion(&uri, pos_of(&text, by, false));
        let mut actors: Vec<String> = map.actors().map(|a| a.id.to_string()).collect();
        actors.sort();
        assert_eq!(labels, actors, "{name}");
        c.shut_down();
    }
}

const ARGDOWN: &str = "# Phones

[Ban]: Ban phones in class. 😀 漢字
  + <Focus>: Pupils focus better without phones.
  - [Reach]: Parents need to reach children.

## Safety

[Reach]
  - [Office]: The school office passes on messages. 漢字 @[Ban]
";

#[test]
fn answers_on_an_argdown_file() {
    let uri = "file:///maps/phones.argdown";
    let mut c = Client::start(&[]);
    let diagnostics = c.open(uri, "argdown", ARGDOWN);
    assert!(errors(&diagnostics).is_empty(), "{diagnostics:#?}");

    // Hover on a `[title]` and on an `@[title]` mention after CJK text.
    let text = c.hover(uri, pos(ARGDOWN, "[Reach]", 1, 2, false)).unwrap();
    assert!(text.contains("> Parents need to reach children."), "{text}");
    assert!(text.contains("rebuts"), "{text}");
    assert!(text.contains("grounded: **out**"), "{text}");
    let hover = c.at(
        "textDocument/hover",
        uri,
        pos(ARGDOWN, "@[Ban]", 0, 3, false),
    );
    assert_eq!(hover["range"], range(ARGDOWN, "Ban", 2, false));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("Ban phones in class"), "{shown}");
    assert!(c
        .hover(uri, pos(ARGDOWN, "<Focus>", 0, 2, false))
        .unwrap()
        .starts_with("**argument**"));

    // Definition (from a reference and from a mention) and references.
    let def = c.definition(uri, pos(ARGDOWN, "Reach", 1, 0, false));
    assert_eq!(def["range"], range(ARGDOWN, "Reach", 0, false));
    let def = c.definition(uri, pos(ARGDOWN, "@[Ban]", 0, 2, false));
    assert_eq!(def["range"], range(ARGDOWN, "Ban", 0, false));
    assert_eq!(
        c.references(uri, pos(ARGDOWN, "Ban", 0, 0, false), true),
        [
            range(ARGDOWN, "Ban", 0, false),
            range(ARGDOWN, "Ban", 2, false)
        ]
    );
    assert_eq!(
        c.references(uri, pos(ARGDOWN, "Reach", 0, 1, false), false),
        [range(ARGDOWN, "Reach", 1, false)]
    );

    // Rename a title everywhere, prepared first; a bracket cannot stand in a title.
    let prepared = c.at(
        "textDocument/prepareRename",
        uri,
        pos(ARGDOWN, "Reach", 0, 1, false),
    );
    assert_eq!(prepared["placeholder"], "Reach");
    assert_eq!(prepared["range"], range(ARGDOWN, "Reach", 0, false));
    let refused = c.call_rename(uri, pos(ARGDOWN, "Reach", 0, 1, false), "Re]ach");
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("cannot be an Argdown title"));
    let edits = c.rename(uri, pos(ARGDOWN, "Reach", 0, 1, false), "Contact");
    let renamed = apply(ARGDOWN, &edits);
    assert_eq!(renamed.matches("[Contact]").count(), 2);
    assert!(!renamed.contains("Reach"));
    assert!(errors(&c.change(uri, 2, &renamed)).is_empty());

    // Completion of statement titles after `[`, of argument titles after `<`.
    let typing = format!("{renamed}  + [");
    c.change(uri, 3, &typing);
    assert_eq!(
        c.completion(uri, pos_of(&typing, typing.len(), false)),
        ["Ban", "Contact", "Office"]
    );
    let typing = format!("{renamed}  + <Fo");
    c.change(uri, 4, &typing);
    assert_eq!(
        c.completion(uri, pos_of(&typing, typing.len(), false)),
        ["Focus"]
    );

    // The outline: headings nest, each holding what is defined under it.
    c.change(uri, 5, &renamed);
    let symbols = c.symbols(uri);
    assert_eq!(symbols.len(), 1);
    assert_eq!(symbols[0]["name"], "Phones");
    let names: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ban", "Focus", "Contact", "Safety"]);
    assert_eq!(symbols[0]["children"][3]["children"][0]["name"], "Office");
    c.shut_down();
}

/// An Argdown file with three mistakes a new writer makes, each after emoji or CJK text on
/// its line, under titles typed with capitals and spaces.
const ARGDOWN_BROKEN: &str = "# Votes at 16 🗳️

[Votes at 16]: The voting age should be lowered to 16. 投票 {actor: \"Amara\"}
    -- [Poor vote less]: Young people 😀 from poor families vote less.
    + [Habit]: Voting is a habit 習慣 formed early. {actor: \"Amara\"
    => [Taxes]: Sixteen-year-olds 💶 pay taxes.
";

#[test]
fn fixes_three_argdown_mistakes_and_names_titles_as_typed() {
    let uri = "file:///maps/votes.argdown";
    let mut c = Client::start(&[]);
    let diagnostics = c.open(uri, "argdown", ARGDOWN_BROKEN);
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    let text = ARGDOWN_BROKEN;
    assert_eq!(diagnostics[0]["range"], range(text, "--", 0, false));
    assert_eq!(
        diagnostics[1]["range"],
        range(text, "{actor: \"Amara\"\n", 0, false)
            .as_object()
            .map(|r| {
                // The data to the end of its line, the line break left out.
                let mut r = Value::Object(r.clone());
                r["end"] = pos(text, "\n    => [Taxes]", 0, 0, false);
                r
            })
            .unwrap()
    );
    assert_eq!(diagnostics[2]["range"], range(text, "=>", 0, false));
    for (d, title) in diagnostics
        .iter()
        .zip(["[Poor vote less]", "[Habit]", "[Taxes]"])
    {
        assert_eq!(d["severity"], 1);
        assert_eq!(d["code"], "syntax");
        assert!(d["message"].as_str().unwrap().contains(title), "{d:#?}");
    }
    let whole = json!({"start": {"line": 0, "character": 0},
                       "end": pos_of(text, text.len(), false)});
    let titles: Vec<String> = c
        .code_actions(uri, &whole, &diagnostics)
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, ["Change to `-`", "Insert `}`", "Change to `+>`"]);
    let edits = c.quick_fixes(uri, &diagnostics);
    let fixed = apply(text, &edits);
    assert!(fixed.contains("    - [Poor vote less]"), "{fixed}");
    assert!(
        fixed.contains("{actor: \"Amara\"}\n    +> [Taxes]"),
        "{fixed}"
    );
    let after = c.change(uri, 2, &fixed);
    assert!(errors(&after).is_empty(), "{after:#?}");
    // The map's warnings name the titles as typed, at their place.
    let unsaid: Vec<&Value> = after
        .iter()
        .filter(|d| d["code"] == "unattributed")
        .collect();
    assert_eq!(unsaid.len(), 2, "{after:#?}");
    assert_eq!(
        unsaid[0]["message"]
            .as_str()
            .unwrap()
            .lines()
            .next()
            .unwrap(),
        "nobody is said to have made the claim [Poor vote less]"
    );
    assert_eq!(
        unsaid[0]["range"],
        range(&fixed, "[Poor vote less]", 0, false)
    );
    assert_eq!(unsaid[1]["range"], range(&fixed, "[Taxes]", 0, false));

    // Hover, definition, references and completion on the fixed file.
    let shown = c.hover(uri, pos(&fixed, "Habit", 0, 1, false)).unwrap();
    assert!(shown.contains("asserted by Amara"), "{shown}");
    assert!(shown.contains("supports `votes-at-16`"), "{shown}");
    c.shut_down();
}

/// A 10,000-claim map re-checked after an edit: the time from the change to its problems.
/// Run with `cargo test --release --test it lsp::recheck_of_a_big_map -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark: run it in release mode"]
fn recheck_of_a_big_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let out = crate::support::run(&["gen", "10000", "-o", path.to_str().unwrap()]).output();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = "file:///big.json";
    let mut c = Client::start(&[]);
    c.open(uri, "json", &text);
    // Hover on the first reference, to time the rest of the work after the problems.
    let index = SourceIndex::of(&text, Format::Json).unwrap();
    let reference = index
        .occurrences()
        .iter()
        .find(|o| o.role == argumap::format::Role::Reference)
        .unwrap();
    let mut problems = Vec::new();
    let mut answered = Vec::new();
    for i in 0..11 {
        // The edit is after the reference, so its place stays.
        let edited = format!("{text} ");
        let edited = if i % 2 == 0 { edited } else { text.clone() };
        let start = Instant::now();
        let diagnostics = c.change(uri, i + 2, &edited);
        problems.push(start.elapsed());
        assert!(errors(&diagnostics).is_empty());
        let hover = c.at(
            "textDocument/hover",
            uri,
            pos_of(&edited, reference.span.start, false),
        );
        answered.push(start.elapsed());
        assert!(hover["contents"]["value"].as_str().is_some());
    }
    problems.sort();
    answered.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = problems[problems.len() / 2];
    println!(
        "lsp: a 10,000-claim map ({} bytes) after an edit: problems published in {:.0} ms \
         (median of {}, worst {:.0} ms); a hover answered in {:.0} ms (worst {:.0} ms)",
        text.len(),
        ms(median),
        problems.len(),
        ms(*problems.last().unwrap()),
        ms(answered[answered.len() / 2]),
        ms(*answered.last().unwrap()),
    );
    assert!(median < Duration::from_millis(200), "{median:?}");
    c.shut_down();
}

/// The README's broken map: the two "did you mean"s are quick fixes; the duplicate id, which
/// has none, stays.
#[test]
fn offers_the_fixes_of_the_readme_s_broken_map() {
    let text = std::fs::read_to_string(root("tests/broken/three-mistakes.json")).unwrap();
    let uri = "file:///broken/three-mistakes.json";
    let mut c = Client::start(&[]);
    let diagnostics = c.open(uri, "json", &text);
    let whole = json!({"start": {"line": 0, "character": 0},
                       "end": pos_of(&text, text.len(), false)});
    let actions = c.code_actions(uri, &whole, &diagnostics);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Change to `supports`", "Change to `police-blocked`"]
    );
    let edits: Vec<Value> = actions
        .iter()
        .flat_map(|a| a["edit"]["changes"][uri].as_array().unwrap().clone())
        .collect();
    let fixed = apply(&text, &edits);
    let after = c.change(uri, 2, &fixed);
    let codes: Vec<&str> = errors(&after)
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["duplicate-id"]);
    c.shut_down();
}
