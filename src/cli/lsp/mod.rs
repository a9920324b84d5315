//! `argumap lsp`: a language server over standard input and output, for our map files and
//! Argdown.
//!
//! It is built on rust-analyzer's `lsp-server` (a synchronous loop over a channel of
//! messages, no async runtime) and `lsp-types`. Every request is answered from memory in
//! the order it comes, so an async framework (tower-lsp and tokio) would add a runtime and
//! a build for nothing. The text is synchronised whole (each change sends the full text) and
//! re-read whole, each pass linear in it: simpler than incremental edits, and fast enough
//! (BENCHMARKS.md, "The language server": a 10,000-claim map re-checked after an edit).
//!
//! - `document`: an open file and what the server knows of it;
//! - `features`: the answer to each request;
//! - `position`: the core's places and the protocol's;
//! - `structure`: the shape of a map file around a place (completion, the outline).

mod document;
mod features;
mod position;
mod structure;

use std::collections::HashMap;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse,
    DocumentSymbolResponse, GotoDefinitionResponse, HoverProviderCapability, InitializeParams,
    Location, OneOf, Position, PositionEncodingKind, PrepareRenameResponse,
    PublishDiagnosticsParams, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
    WorkspaceEdit,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::io::Failure;
use document::Document;
use position::Encoding;

/// The server's state: the open files and how positions count.
struct Server {
    connection: Connection,
    encoding: Encoding,
    documents: HashMap<Uri, Document>,
    /// The map file's JSON Schema: field names, their descriptions and their value lists.
    schema: Value,
}

/// Runs the server on standard input and output until the client says `exit`.
///
/// # Errors
///
/// An I/O failure of the connection, or a client that breaks the protocol.
pub fn run() -> Result<u8, Failure> {
    let (connection, threads) = Connection::stdio();
    let fail = |e: String| Failure::Usage(format!("lsp: {e}"));
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| fail(e.to_string()))?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| fail(e.to_string()))?;
    let offers_utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if offers_utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "[".into(), "<".into()]),
            ..Default::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "argumap".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| fail(e.to_string()))?;
    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        schema: argumap::format::json::schema(),
    };
    server.serve().map_err(fail)?;
    drop(server);
    threads.join().map_err(|e| fail(e.to_string()))?;
    Ok(super::OK)
}

impl Server {
    /// Answers messages until `shutdown` and `exit`.
    fn serve(&mut self) -> Result<(), String> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(req) => {
                    if self
                        .connection
                        .handle_shutdown(&req)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let response = self.request(req);
                    self.send(Message::Response(response))?;
                }
                // `exit` before `shutdown`: the client is going, so is the server.
                Message::Notification(n) if n.method == "exit" => return Ok(()),
                // A notification the server cannot read is no reason to stop serving.
                Message::Notification(n) => {
                    if let Err(e) = self.notification(n) {
                        eprintln!("argumap lsp: {e}");
                    }
                }
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, message: Message) -> Result<(), String> {
        self.connection
            .sender
            .send(message)
            .map_err(|e| e.to_string())
    }

    /// Reads an opened, changed or closed file, and publishes its problems.
    fn notification(&mut self, n: Notification) -> Result<(), String> {
        let uri = match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = params(n.params)?;
                let doc = Document::open(p.text_document.uri.path().as_str(), p.text_document.text);
                self.documents.insert(p.text_document.uri.clone(), doc);
                p.text_document.uri
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = params(n.params)?;
                // Full sync: the last change holds the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Ok(());
                };
                match self.documents.get_mut(&p.text_document.uri) {
                    Some(doc) => doc.change(change.text),
                    None => {
                        let doc = Document::open(p.text_document.uri.path().as_str(), change.text);
                        self.documents.insert(p.text_document.uri.clone(), doc);
                    }
                }
                p.text_document.uri
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = params(n.params)?;
                self.documents.remove(&p.text_document.uri);
                // Its problems leave the editor's list with it.
                return self.publish(p.text_document.uri, Vec::new());
            }
            _ => return Ok(()),
        };
        let diagnostics = match self.documents.get(&uri) {
            Some(doc) => doc
                .problems
                .iter()
                .map(|d| features::diagnostic(doc, d, self.encoding))
                .collect(),
            None => Vec::new(),
        };
        self.publish(uri.clone(), diagnostics)?;
        // The problems first; then what the other requests read.
        if let Some(doc) = self.documents.get_mut(&uri) {
            doc.index();
        }
        Ok(())
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>) -> Result<(), String> {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
        self.send(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.to_owned(),
            params,
        )))
    }

    /// The answer to a request.
    fn request(&self, req: Request) -> Response {
        let id = req.id.clone();
        let answer = match req.method.as_str() {
            HoverRequest::METHOD => self.at(req, |doc, offset, _| {
                Ok(features::hover(doc, offset, self.encoding))
            }),
            GotoDefinition::METHOD => self.at(req, |doc, offset, uri| {
                Ok(features::definition(doc, offset)
                    .map(|span| GotoDefinitionResponse::Scalar(self.location(doc, uri, span))))
            }),
            References::METHOD => match params::<lsp_types::ReferenceParams>(req.params) {
                Ok(p) => self.with_doc(&p.text_document_position, |doc, offset, uri| {
                    let places = features::places(doc, offset, p.context.include_declaration);
                    Ok(Some(
                        places
                            .into_iter()
                            .map(|span| self.location(doc, uri, span))
                            .collect::<Vec<_>>(),
                    ))
                }),
                Err(e) => Err((ErrorCode::InvalidParams, e)),
            },
            PrepareRenameRequest::METHOD => self.at(req, |doc, offset, _| {
                Ok(
                    features::prepare_rename(doc, offset).map(|(span, placeholder)| {
                        PrepareRenameResponse::RangeWithPlaceholder {
                            range: doc.lines.range(&doc.text, span.0, span.1, self.encoding),
                            placeholder,
                        }
                    }),
                )
            }),
            Rename::METHOD => match params::<lsp_types::RenameParams>(req.params) {
                Ok(p) => self.with_doc(&p.text_document_position, |doc, offset, uri| {
                    let edits = features::rename(doc, offset, &p.new_name)
                        .map_err(|e| (ErrorCode::RequestFailed, e))?;
                    let edits = edits
                        .into_iter()
                        .map(|((a, b), text)| {
                            TextEdit::new(doc.lines.range(&doc.text, a, b, self.encoding), text)
                        })
                        .collect();
                    Ok(Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }))
                }),
                Err(e) => Err((ErrorCode::InvalidParams, e)),
            },
            Completion::METHOD => match params::<lsp_types::CompletionParams>(req.params) {
                Ok(p) => self.with_doc(&p.text_document_position, |doc, offset, _| {
                    Ok(Some(CompletionResponse::Array(features::completion(
                        doc,
                        offset,
                        &self.schema,
                    ))))
                }),
                Err(e) => Err((ErrorCode::InvalidParams, e)),
            },
            DocumentSymbolRequest::METHOD => {
                match params::<lsp_types::DocumentSymbolParams>(req.params) {
                    Ok(p) => match self.documents.get(&p.text_document.uri) {
                        Some(doc) => to_value(Some(DocumentSymbolResponse::Nested(
                            features::symbols(doc, self.encoding),
                        ))),
                        None => Ok(Value::Null),
                    },
                    Err(e) => Err((ErrorCode::InvalidParams, e)),
                }
            }
            CodeActionRequest::METHOD => match params::<lsp_types::CodeActionParams>(req.params) {
                Ok(p) => match self.documents.get(&p.text_document.uri) {
                    Some(doc) => to_value(Some(
                        features::code_actions(doc, &p.text_document.uri, p.range, self.encoding)
                            .into_iter()
                            .map(CodeActionOrCommand::CodeAction)
                            .collect::<Vec<_>>(),
                    )),
                    None => Ok(Value::Null),
                },
                Err(e) => Err((ErrorCode::InvalidParams, e)),
            },
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("argumap does not answer `{}`", req.method),
            )),
        };
        match answer {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    /// Answers a request whose parameters are a document and a position.
    fn at<T: serde::Serialize>(
        &self,
        req: Request,
        f: impl FnOnce(&Document, usize, &Uri) -> Result<Option<T>, (ErrorCode, String)>,
    ) -> Result<Value, (ErrorCode, String)> {
        let p: TextDocumentPositionParams =
            params(req.params).map_err(|e| (ErrorCode::InvalidParams, e))?;
        self.with_doc(&p, f)
    }

    fn with_doc<T: serde::Serialize>(
        &self,
        p: &TextDocumentPositionParams,
        f: impl FnOnce(&Document, usize, &Uri) -> Result<Option<T>, (ErrorCode, String)>,
    ) -> Result<Value, (ErrorCode, String)> {
        let Some(doc) = self.documents.get(&p.text_document.uri) else {
            return Ok(Value::Null);
        };
        let offset = self.offset(doc, p.position);
        to_value(f(doc, offset, &p.text_document.uri)?)
    }

    fn offset(&self, doc: &Document, position: Position) -> usize {
        doc.lines.offset(&doc.text, position, self.encoding)
    }

    fn location(&self, doc: &Document, uri: &Uri, (a, b): (usize, usize)) -> Location {
        Location::new(uri.clone(), doc.lines.range(&doc.text, a, b, self.encoding))
    }
}

fn params<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn to_value<T: serde::Serialize>(value: T) -> Result<Value, (ErrorCode, String)> {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
