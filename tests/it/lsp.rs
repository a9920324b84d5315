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

    // Each problem's quick fix, asked for at its range, as an editor's light bulb does.
    let mut edits = Vec::new();
    for d in &diagnostics {
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"],
                   "context": {"diagnostics": [d]}}),
        );
        let actions = actions.as_array().unwrap();
        assert_eq!(actions.len(), 1, "{actions:#?}");
        assert_eq!(actions[0]["kind"], "quickfix");
        assert_eq!(actions[0]["diagnostics"][0]["code"], d["code"]);
        let change = &actions[0]["edit"]["changes"][URI];
        edits.extend(change.as_array().unwrap().iter().cloned());
    }
    let fixed = apply(BROKEN, &edits);
    assert!(fixed.contains(r#""supports": ["ban-phones"]"#), "{fixed}");
    assert!(
        fixed.contains(r#""rebuts": ["ban-phones"], "by": ["ana"]"#),
        "{fixed}"
    );
    let after = c.change(URI, 2, &fixed);
    assert!(errors(&after).is_empty(), "{after:#?}");
    // No fixes left to offer.
    let none = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range(&fixed, "ban-phones", 0, false),
               "context": {"diagnostics": []}}),
    );
    assert_eq!(none, json!([]));

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
    let hover = c.at(
        "textDocument/hover",
        URI,
        pos(&fixed, "emergencies", 1, 1, false),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`ben` (Ben) denies it"), "{text}");
    assert!(text.contains("grounded: **in**"), "{text}");
    let hover = c.at(
        "textDocument/hover",
        URI,
        pos(&fixed, "\"ana\"", 2, 1, false),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**actor** `ana`: Ana (person)"), "{text}");
    // Nothing to say between ids.
    let nothing = c.at(
        "textDocument/hover",
        URI,
        pos(&fixed, "\"title\"", 0, 2, false),
    );
    assert_eq!(nothing, Value::Null);

    // Definition, from the reference on the line with emoji.
    let def = c.at(
        "textDocument/definition",
        URI,
        pos(&fixed, "\"ban-phones\"]", 0, 1, false),
    );
    assert_eq!(def["uri"], URI);
    assert_eq!(def["range"], range(&fixed, "ban-phones", 0, false));

    // References of `ana`: her definition and the three `by`s, each after emoji or CJK.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": URI}, "position": pos(&fixed, "\"ana\"", 0, 1, false),
               "context": {"includeDeclaration": true}}),
    );
    let got: Vec<Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"].clone())
        .collect();
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
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": URI}, "position": pos(&fixed, "\"ana\"", 0, 1, false),
               "context": {"includeDeclaration": false}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 3);

    // Rename, prepared first.
    let prepared = c.at(
        "textDocument/prepareRename",
        URI,
        pos(&fixed, "distraction", 0, 2, false),
    );
    assert_eq!(prepared["placeholder"], "distraction");
    assert_eq!(prepared["range"], range(&fixed, "distraction", 0, false));
    let refused = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(&fixed, "distraction", 0, 2, false),
               "newName": "not an id"}),
    );
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not a valid id"));
    let taken = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(&fixed, "distraction", 0, 2, false),
               "newName": "ban-phones"}),
    );
    assert!(taken["error"]["message"]
        .as_str()
        .unwrap()
        .contains("already names"));
    let rename = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(&fixed, "ban-phones", 2, 0, false),
               "newName": "phone-ban"}),
    );
    let edits = rename["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 3);
    let renamed = apply(&fixed, edits);
    assert_eq!(renamed.matches("phone-ban").count(), 3);
    assert!(!renamed.contains("ban-phones"));
    let after = c.change(URI, 3, &renamed);
    assert!(errors(&after).is_empty(), "{after:#?}");

    // Completion: ids of the right sort in reference fields, names in `kind` fields, field
    // names where a key goes.
    let labels = |c: &mut Client, text: &str, needle: &str, skip: usize| -> Vec<String> {
        let items = c.at(
            "textDocument/completion",
            URI,
            pos(text, needle, 0, skip, false),
        );
        let mut labels: Vec<String> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect();
        labels.sort();
        labels
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
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
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
    let def = c.at(
        "textDocument/definition",
        URI,
        pos(BROKEN, "\"ana\"", 1, 1, true),
    );
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
    let items = c.at(
        "textDocument/completion",
        URI,
        pos(&typing, "[\"an}", 0, 4, false),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["ana", "ben"]);
    let hover = c.at(
        "textDocument/hover",
        URI,
        pos(&typing, "ban-phones", 1, 2, false),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Ban phones in class"));
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols.as_array().unwrap().len(), 4);
    // Places that may have moved are not guessed.
    let rename = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(&typing, "ban-phones", 1, 2, false),
               "newName": "x"}),
    );
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
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        let claims = symbols
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "claims")
            .unwrap()["children"]
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
        let def = c.at("textDocument/definition", &uri, reference.clone());
        let at = offset(&text, &def["range"]["start"]);
        assert!(text[..at].ends_with("\"id\": \""), "{name}");
        assert!(text[at..].starts_with(&format!("{}\"", claim.id)), "{name}");
        let refs = c.request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": reference,
                   "context": {"includeDeclaration": true}}),
        );
        assert_eq!(refs.as_array().unwrap().len(), mentions, "{name}");
        let hover = c.at("textDocument/hover", &uri, reference.clone());
        let shown = hover["contents"]["value"].as_str().unwrap();
        assert!(
            shown.contains(&claim.text.lines().next().unwrap().to_string()),
            "{shown}"
        );
        assert!(shown.contains("grounded: **"), "{shown}");
        let rename = c.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": reference, "newName": "renamed-claim"}),
        );
        let renamed = apply(&text, rename["changes"][&uri].as_array().unwrap());
        assert_eq!(renamed.matches("\"renamed-claim\"").count(), mentions);
        assert!(errors(&c.change(&uri, 2, &renamed)).is_empty(), "{name}");

        // Completion in a stance's `actor`: every actor, and only actors.
        let by = text.find("\"actor\": \"").unwrap() + 10;
        let items = c.at("textDocument/completion", &uri, pos_of(&text, by, false));
        assert_eq!(
            items.as_array().unwrap().len(),
            map.actors().count(),
            "{name}"
        );
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
    let hover = c.at(
        "textDocument/hover",
        uri,
        pos(ARGDOWN, "[Reach]", 1, 2, false),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("> Parents need to reach children."), "{text}");
    assert!(text.contains("rebuts"), "{text}");
    assert!(text.contains("grounded: **out**"), "{text}");
    let hover = c.at(
        "textDocument/hover",
        uri,
        pos(ARGDOWN, "@[Ban]", 0, 3, false),
    );
    assert_eq!(hover["range"], range(ARGDOWN, "Ban", 2, false));
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Ban phones in class"));
    let hover = c.at(
        "textDocument/hover",
        uri,
        pos(ARGDOWN, "<Focus>", 0, 2, false),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**argument**"));

    // Definition and references.
    let def = c.at(
        "textDocument/definition",
        uri,
        pos(ARGDOWN, "Reach", 1, 0, false),
    );
    assert_eq!(def["range"], range(ARGDOWN, "Reach", 0, false));
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos(ARGDOWN, "Ban", 0, 0, false),
               "context": {"includeDeclaration": true}}),
    );
    let got: Vec<Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"].clone())
        .collect();
    assert_eq!(
        got,
        [
            range(ARGDOWN, "Ban", 0, false),
            range(ARGDOWN, "Ban", 2, false)
        ]
    );

    // Rename a title everywhere.
    let rename = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(ARGDOWN, "Reach", 0, 1, false),
               "newName": "Contact"}),
    );
    let renamed = apply(ARGDOWN, rename["changes"][uri].as_array().unwrap());
    assert_eq!(renamed.matches("[Contact]").count(), 2);
    assert!(!renamed.contains("Reach"));
    assert!(errors(&c.change(uri, 2, &renamed)).is_empty());

    // Completion of statement titles after `[`, of argument titles after `<`.
    let typing = format!("{renamed}  + [");
    c.change(uri, 3, &typing);
    let items = c.at(
        "textDocument/completion",
        uri,
        pos_of(&typing, typing.len(), false),
    );
    let mut labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    labels.sort();
    assert_eq!(labels, ["Ban", "Contact", "Office"]);
    let typing = format!("{renamed}  + <Fo");
    c.change(uri, 4, &typing);
    let items = c.at(
        "textDocument/completion",
        uri,
        pos_of(&typing, typing.len(), false),
    );
    assert_eq!(items[0]["label"], "Focus");
    assert_eq!(items.as_array().unwrap().len(), 1);

    // The outline: headings nest, each holding what is defined under it.
    c.change(uri, 5, &renamed);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols.as_array().unwrap().len(), 1);
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
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole,
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions.as_array().unwrap();
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
