//! The language server behind `jianfu lsp`: jianfu's own findings for the inventory files an
//! editor has open, published as diagnostics while the clerk types.
//!
//! It speaks JSON-RPC over any reader and writer (stdio in `jianfu lsp`, buffers in tests),
//! synchronously, one message at a time: a unit is small and checking it takes milliseconds, so
//! there is nothing to gain from an async runtime. An open file is checked as part of its unit —
//! the other files come from the disk, or from the editor when it has them open too — under the
//! rules `jianfu check` would apply to that unit. Bad input from the client is logged and
//! skipped; only a lost framing (a header that cannot be read) ends the server early.
//!
//! This module owns no policy loading and reads no configuration: the caller passes a
//! [`PolicyLoader`], so the CLI decides where policies come from, as it does for `check`.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, InitializeResult, Location,
    MessageType, NumberOrString, PositionEncodingKind, Range, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::check::{Policies, sort_findings};
use crate::config::UnitFacts;
use crate::eval::evaluate;
use crate::finding::{Finding, Severity};
use crate::inventory::Kind;
use crate::inventory::unit::{LoadOptions, load_unit_overlaid};
use crate::source::{SourceFile, Span};
use crate::wording::{Arg, Form, Key, Locale, keys};

/// The diagnostics' `source`, shown by editors beside the message.
const SOURCE: &str = "jianfu";

/// A message body larger than this is refused: no inventory file comes near it, and trusting
/// any `Content-Length` would let one bad header allocate all memory.
const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// Gives the policies in force for a unit directory (from its `jianfu.yaml` and the command
/// line), or a message saying why they cannot be loaded.
pub type PolicyLoader<'a> = dyn FnMut(&Path) -> Result<Arc<Policies>, String> + 'a;

/// The findings `jianfu check` reports for the unit in `dir`, as if the texts in `overlay` were
/// saved in place of the files on disk. Every finding's file is named by its bare file name
/// (`signage.yaml`), so a caller can pick out one file's findings.
pub fn check_unit_overlaid(
    dir: &Path,
    overlay: &[(Kind, String)],
    policies: &Policies,
) -> Vec<Finding> {
    let submit = policies.base().submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: policies.limits(),
        divisions: policies.divisions(),
        tree: None,
    };
    let mut unit = load_unit_overlaid(dir, "", overlay, &options);
    let mut findings = std::mem::take(&mut unit.findings);
    let facts = UnitFacts {
        code: unit.code.as_deref(),
        banner: unit.unit_text("banner"),
        township: unit.unit_text("township"),
        township_category: unit.unit_text("township_category"),
    };
    let rules = policies.for_unit(&facts);
    evaluate(&unit, &rules, &mut findings);
    sort_findings(&mut findings);
    findings
}

/// A span as an LSP range: 0-based lines, columns in UTF-16 code units (the protocol's default
/// and the only encoding every client supports).
pub fn lsp_range(file: &SourceFile, span: Span) -> Range {
    let position = |offset| {
        let (line, character) = file.utf16_position(offset);
        lsp_types::Position { line, character }
    };
    Range {
        start: position(span.start),
        end: position(span.end),
    }
}

/// One finding as a diagnostic. `uri` is the document's, for the secondary labels ("first
/// listed here"); a waived finding is shown as a hint with the waiver's reason.
pub fn to_diagnostic(finding: &Finding, uri: Option<&Uri>, locale: &Locale) -> Diagnostic {
    let severity = match (&finding.waived, finding.severity) {
        (Some(_), _) => DiagnosticSeverity::HINT,
        (None, Severity::Error) => DiagnosticSeverity::ERROR,
        (None, Severity::Warning) => DiagnosticSeverity::WARNING,
        (None, Severity::Info) => DiagnosticSeverity::INFORMATION,
    };
    let mut message = locale.finding_message(finding);
    let help = locale.finding_help(finding);
    if !help.is_empty() {
        message.push('\n');
        message.push_str(&locale.text(&keys::HELP_PREFIX, &[("help", help.into())], Form::Yaml));
    }
    if let Some(reason) = finding.waived.as_ref().map(|w| &w.reason) {
        message.push('\n');
        message.push_str(&locale.text(
            &keys::WAIVED_PREFIX,
            &[("reason", reason.as_str().into())],
            Form::Yaml,
        ));
    }
    let labels = locale.label_texts(finding);
    let related = uri.map(|uri| {
        finding
            .labels
            .iter()
            .zip(&labels)
            .map(|(label, text)| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), lsp_range(&finding.file, label.span)),
                message: text.clone(),
            })
            .collect::<Vec<_>>()
    });
    let id = &finding.rule.id;
    Diagnostic {
        range: lsp_range(&finding.file, finding.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(id.clone())),
        // The rule's page lives in the jianfu repository, not at a URL an editor could open:
        // `jianfu explain RULE` shows it.
        code_description: None,
        source: Some(SOURCE.to_owned()),
        message,
        related_information: related.filter(|r| !r.is_empty()),
        tags: None,
        data: None,
    }
}

/// Serve one client: read messages from `input` until `exit` (or the end of the input), write
/// responses and diagnostics to `output`, log trouble to `log`. `lang` is the message language
/// unless the client's `initializationOptions.lang` says otherwise.
///
/// Returns `true` when the client shut the server down in order (`shutdown`, then `exit`), which
/// the protocol maps to exit code 0; `false` for an `exit` without `shutdown`, an input that
/// ended first, or framing that was lost.
pub fn serve(
    input: impl BufRead,
    output: impl Write,
    log: impl Write,
    loader: &mut PolicyLoader,
    locale: Locale,
) -> io::Result<bool> {
    let mut server = Server {
        output,
        log,
        loader,
        locale,
        state: State::Uninitialized,
        documents: BTreeMap::new(),
        reported: HashSet::new(),
    };
    let mut input = input;
    loop {
        let body = match read_frame(&mut input) {
            Ok(Some(body)) => body,
            Ok(None) => {
                server.note(&keys::LSP_CLOSED_WITHOUT_EXIT, &[]);
                return Ok(server.state == State::ShutDown);
            }
            Err(FrameError::Io(error)) => return Err(error),
            Err(FrameError::Header(problem)) => {
                server.note(&keys::LSP_BAD_HEADER, &[("problem", problem.into())]);
                return Ok(false);
            }
        };
        let message = match serde_json::from_slice::<Message>(&body) {
            Ok(message) => message,
            Err(error) => {
                let shown = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
                server.note(
                    &keys::LSP_MALFORMED,
                    &[("error", error.to_string().into()), ("shown", shown.into())],
                );
                continue;
            }
        };
        if let Flow::Exit(clean) = server.handle(message)? {
            return Ok(clean);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

enum Flow {
    Continue,
    /// `exit` arrived; `true` when `shutdown` came first.
    Exit(bool),
}

/// An open document, as the editor last sent it.
struct Document {
    /// The file it is, when its URI is a `file:` URI.
    path: Option<PathBuf>,
    text: String,
    version: Option<i32>,
}

struct Server<'l, 'a, W: Write, L: Write> {
    output: W,
    log: L,
    loader: &'l mut PolicyLoader<'a>,
    locale: Locale,
    state: State,
    /// By URI, in a fixed order so that diagnostics go out in a deterministic order.
    documents: BTreeMap<String, Document>,
    /// Policy-loading errors already shown, so that each is shown once, not on every keystroke.
    reported: HashSet<String>,
}

impl<W: Write, L: Write> Server<'_, '_, W, L> {
    fn handle(&mut self, message: Message) -> io::Result<Flow> {
        match message {
            Message::Request(request) => self.handle_request(request)?,
            Message::Notification(notification) => return self.handle_notification(notification),
            // The server sends no requests, so no response is awaited.
            Message::Response(_) => {}
        }
        Ok(Flow::Continue)
    }

    fn handle_request(&mut self, request: Request) -> io::Result<()> {
        let id = request.id.clone();
        match (self.state, request.method.as_str()) {
            (State::Uninitialized, "initialize") => {
                self.initialize(&request.params);
                self.state = State::Running;
                let result = initialize_result();
                self.send(Message::Response(Response::new_ok(id, result)))
            }
            (State::Uninitialized, _) => self.refuse(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            ),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                self.send(Message::Response(Response::new_ok(id, Value::Null)))
            }
            (State::Running, "initialize") => {
                let message = self.locale.say(&keys::LSP_ALREADY_INITIALIZED);
                self.refuse(id, ErrorCode::InvalidRequest, &message)
            }
            (State::Running, method) => {
                let message = self.words(&keys::LSP_METHOD_UNKNOWN, &[("method", method.into())]);
                self.refuse(id, ErrorCode::MethodNotFound, &message)
            }
            (State::ShutDown, _) => {
                let message = self.locale.say(&keys::LSP_SHUT_DOWN);
                self.refuse(id, ErrorCode::InvalidRequest, &message)
            }
        }
    }

    fn refuse(&mut self, id: RequestId, code: ErrorCode, message: &str) -> io::Result<()> {
        let response = Response::new_err(id, code as i32, message.to_owned());
        self.send(Message::Response(response))
    }

    /// Take the message language from `initializationOptions.lang` (`zh`, `en`, or another
    /// language the binary has a catalogue for).
    fn initialize(&mut self, params: &Value) {
        let lang = params
            .get("initializationOptions")
            .and_then(|options| options.get("lang"))
            .and_then(Value::as_str);
        match lang.map(|tag| (tag, Locale::built_in(tag))) {
            Some((_, Some(locale))) => self.locale = locale,
            Some((other, None)) => self.note(&keys::LSP_UNKNOWN_LANG, &[("lang", other.into())]),
            None => {}
        }
    }

    fn handle_notification(&mut self, notification: Notification) -> io::Result<Flow> {
        let method = notification.method.as_str();
        if method == "exit" {
            return Ok(Flow::Exit(self.state == State::ShutDown));
        }
        if self.state != State::Running {
            return Ok(Flow::Continue);
        }
        let params = notification.params;
        let result = match method {
            "textDocument/didOpen" => self.did_open(params),
            "textDocument/didChange" => self.did_change(params),
            "textDocument/didSave" => self.did_save(),
            "textDocument/didClose" => self.did_close(params),
            // `initialized`, `$/cancelRequest`, `$/setTrace`, configuration changes: nothing to do.
            _ => Ok(()),
        };
        match result {
            Ok(()) => Ok(Flow::Continue),
            Err(Problem::Io(error)) => Err(error),
            Err(Problem::Params(error)) => {
                self.note(
                    &keys::LSP_BAD_PARAMS,
                    &[
                        ("method", method.into()),
                        ("error", error.to_string().into()),
                    ],
                );
                Ok(Flow::Continue)
            }
        }
    }

    fn did_open(&mut self, params: Value) -> Result<(), Problem> {
        let params: OpenParams = serde_json::from_value(params)?;
        let item = params.text_document;
        let document = Document {
            path: file_path(&item.uri),
            text: item.text,
            version: item.version,
        };
        self.documents.insert(item.uri.clone(), document);
        Ok(self.recheck(&item.uri)?)
    }

    fn did_change(&mut self, params: Value) -> Result<(), Problem> {
        let params: ChangeParams = serde_json::from_value(params)?;
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            let uri = uri.as_str().to_owned();
            self.note(&keys::LSP_NOT_OPEN, &[("uri", uri.into())]);
            return Ok(());
        };
        for change in params.content_changes {
            apply_change(&mut document.text, change);
        }
        document.version = params.text_document.version;
        Ok(self.recheck(&uri)?)
    }

    /// A save may change what the other open files' units read from the disk (or a
    /// `jianfu.yaml`), so every open document is checked again.
    fn did_save(&mut self) -> Result<(), Problem> {
        let uris: Vec<String> = self.documents.keys().cloned().collect();
        let mut done = HashSet::new();
        for uri in uris {
            let dir = self.unit_of(&uri).map(|(dir, _)| dir);
            if dir.is_none() || done.insert(dir) {
                self.recheck(&uri)?;
            }
        }
        Ok(())
    }

    fn did_close(&mut self, params: Value) -> Result<(), Problem> {
        let params: CloseParams = serde_json::from_value(params)?;
        let uri = params.text_document.uri;
        let unit = self.unit_of(&uri).map(|(dir, _)| dir);
        self.documents.remove(&uri);
        self.publish(&uri, None, Vec::new())?;
        // The unit's other open files now see the saved text of the closed one.
        if let Some(dir) = unit {
            let sibling = self
                .documents
                .keys()
                .find(|other| self.unit_of(other).is_some_and(|(d, _)| d == dir))
                .cloned();
            if let Some(sibling) = sibling {
                self.recheck(&sibling)?;
            }
        }
        Ok(())
    }

    /// The unit directory and file kind of an open document: a file named like one of the
    /// eight, directly inside a directory that holds `unit.yaml` (on disk or open).
    fn unit_of(&self, uri: &str) -> Option<(PathBuf, Kind)> {
        let path = self.documents.get(uri)?.path.as_ref()?;
        let name = path.file_name()?.to_str()?;
        let kind = Kind::ALL.into_iter().find(|k| k.file_name() == name)?;
        let dir = path.parent()?;
        let unit_yaml = dir.join(Kind::Unit.file_name());
        let open = self
            .documents
            .values()
            .any(|d| d.path.as_deref() == Some(&unit_yaml));
        (open || unit_yaml.is_file()).then(|| (dir.to_path_buf(), kind))
    }

    /// Check the unit of `uri` and publish the diagnostics of every open file of that unit
    /// (an edit to `unit.yaml` can change what applies to the others).
    fn recheck(&mut self, uri: &str) -> io::Result<()> {
        let Some((dir, _)) = self.unit_of(uri) else {
            let version = self.documents.get(uri).and_then(|d| d.version);
            return self.publish(uri, version, Vec::new());
        };
        let members: Vec<(String, Kind)> = self
            .documents
            .keys()
            .filter_map(|other| match self.unit_of(other) {
                Some((d, kind)) if d == dir => Some((other.clone(), kind)),
                _ => None,
            })
            .collect();
        let overlay: Vec<(Kind, String)> = members
            .iter()
            .filter_map(|(uri, kind)| Some((*kind, self.documents.get(uri)?.text.clone())))
            .collect();
        let findings = match (self.loader)(&dir) {
            Ok(policies) => check_unit_overlaid(&dir, &overlay, &policies),
            Err(problem) => {
                self.report_policy_problem(problem)?;
                Vec::new()
            }
        };
        for (uri, kind) in members {
            let parsed: Option<Uri> = uri.parse().ok();
            let diagnostics = findings
                .iter()
                .filter(|f| f.file.path == kind.file_name())
                .map(|f| to_diagnostic(f, parsed.as_ref(), &self.locale))
                .collect();
            let version = self.documents.get(&uri).and_then(|d| d.version);
            self.publish(&uri, version, diagnostics)?;
        }
        Ok(())
    }

    /// Tell the user once that the policies could not be loaded (a broken `jianfu.yaml`).
    fn report_policy_problem(&mut self, problem: String) -> io::Result<()> {
        self.log_line(&problem);
        if !self.reported.insert(problem.clone()) {
            return Ok(());
        }
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message: problem,
        };
        let notification = Notification::new("window/showMessage".to_owned(), params);
        self.send(Message::Notification(notification))
    }

    fn publish(
        &mut self,
        uri: &str,
        version: Option<i32>,
        diagnostics: Vec<Diagnostic>,
    ) -> io::Result<()> {
        let params = PublishParams {
            uri,
            version,
            diagnostics,
        };
        let notification = Notification::new("textDocument/publishDiagnostics".to_owned(), params);
        self.send(Message::Notification(notification))
    }

    fn send(&mut self, message: Message) -> io::Result<()> {
        message.write(&mut self.output)?;
        self.output.flush()
    }

    /// Log a line for whoever reads the server's stderr; a failing log never stops the server.
    /// A line for the editor's log, worded in the session's language.
    fn note(&mut self, key: &Key, args: &[(&str, Arg)]) {
        let text = self.words(key, args);
        self.log_line(&text);
    }

    fn words(&self, key: &Key, args: &[(&str, Arg)]) -> String {
        self.locale.text(key, args, Form::Yaml)
    }

    fn log_line(&mut self, text: &str) {
        let _ = writeln!(self.log, "jianfu lsp: {text}");
    }
}

fn initialize_result() -> InitializeResult {
    let sync = TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(TextDocumentSyncKind::FULL),
        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
        ..TextDocumentSyncOptions::default()
    };
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: SOURCE.to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

/// Why a notification could not be handled.
enum Problem {
    /// Its parameters are not what the protocol says: skipped.
    Params(serde_json::Error),
    /// Writing to the client failed: the server stops.
    Io(io::Error),
}

impl From<serde_json::Error> for Problem {
    fn from(error: serde_json::Error) -> Problem {
        Problem::Params(error)
    }
}

impl From<io::Error> for Problem {
    fn from(error: io::Error) -> Problem {
        Problem::Io(error)
    }
}

// The parameters are read into these rather than lsp-types' own structs so that a URI the
// strict URI parser rejects (unescaped Chinese, say) still names a document.

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OpenParams {
    text_document: OpenDocument,
}

#[derive(Deserialize)]
struct OpenDocument {
    uri: String,
    #[serde(default)]
    version: Option<i32>,
    text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangeParams {
    text_document: DocumentId,
    content_changes: Vec<Change>,
}

#[derive(Deserialize)]
struct DocumentId {
    uri: String,
    #[serde(default)]
    version: Option<i32>,
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    range: Option<Range>,
    text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CloseParams {
    text_document: DocumentId,
}

#[derive(Serialize)]
struct PublishParams<'a> {
    uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
}

/// Apply one content change: the whole text (what the server asks for), or — from a client
/// that sends ranges anyway — the edit of a range in UTF-16 positions.
fn apply_change(text: &mut String, change: Change) {
    let Some(range) = change.range else {
        *text = change.text;
        return;
    };
    let file = SourceFile::new("", std::mem::take(text));
    let start = file.offset_of_utf16(range.start.line, range.start.character);
    let end = file
        .offset_of_utf16(range.end.line, range.end.character)
        .max(start);
    let mut edited = file.text.clone();
    edited.replace_range(start..end, &change.text);
    *text = edited;
}

/// The local path of a `file:` URI, percent-decoded (editors escape Chinese names).
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = rest.split(['?', '#']).next()?;
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    // `file:///c%3A/units/...` names `c:/units/...` on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.len() > 2 && bytes[2] == b':' && bytes[1].is_ascii_alphabetic() {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// Decode `%XX` escapes; a `%` not followed by two hex digits is kept as it is. `None` when
/// the bytes are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

enum FrameError {
    Io(io::Error),
    /// The header cannot be read, so where the next message starts is unknown.
    Header(String),
}

/// Read one message body: headers up to an empty line, then `Content-Length` bytes. `None` at
/// the end of the input.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, FrameError> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let read = input.read_until(b'\n', &mut line).map_err(FrameError::Io)?;
        if read == 0 {
            return if first {
                Ok(None)
            } else {
                Err(FrameError::Header("the input ended inside a header".into()))
            };
        }
        first = false;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(FrameError::Header(format!("not a header: {line:?}")));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            match value.parse::<usize>() {
                Ok(n) if n <= MAX_MESSAGE_BYTES => length = Some(n),
                _ => return Err(FrameError::Header(format!("bad Content-Length {value:?}"))),
            }
        }
    }
    let length = length.ok_or_else(|| FrameError::Header("no Content-Length".into()))?;
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Some(body)),
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Err(FrameError::Header(
            "the input ended inside a message".into(),
        )),
        Err(error) => Err(FrameError::Io(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_decoded_to_paths() {
        assert_eq!(
            file_path("file:///tmp/152223100201-%E5%B7%B4%E5%BD%A6/signage.yaml"),
            Some(PathBuf::from("/tmp/152223100201-巴彦/signage.yaml"))
        );
        assert_eq!(
            file_path("file://localhost/a%20b/unit.yaml"),
            Some(PathBuf::from("/a b/unit.yaml"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
        // A stray `%` is kept, not an error.
        assert_eq!(
            file_path("file:///a/100%/x.yaml"),
            Some(PathBuf::from("/a/100%/x.yaml"))
        );
    }

    #[test]
    fn ranged_changes_edit_by_utf16_position() {
        let mut text = "a: 𠀀甲\nb: 乙\n".to_owned();
        let change = Change {
            range: Some(Range {
                start: lsp_types::Position {
                    line: 0,
                    character: 5,
                },
                end: lsp_types::Position {
                    line: 0,
                    character: 6,
                },
            }),
            text: "丙".to_owned(),
        };
        apply_change(&mut text, change);
        assert_eq!(text, "a: 𠀀丙\nb: 乙\n");
    }

    /// A column past a line's end is its end (the protocol's rule), which is before its break:
    /// an edit there must not split a CRLF, which would leave a line break of its own.
    #[test]
    fn ranged_changes_past_a_crlf_line_end_keep_its_break() {
        let mut text = "a: 甲\r\nb: 2\r\n".to_owned();
        let past_the_end = lsp_types::Position {
            line: 0,
            character: 99,
        };
        let change = Change {
            range: Some(Range {
                start: past_the_end,
                end: past_the_end,
            }),
            text: " # 注".to_owned(),
        };
        apply_change(&mut text, change);
        assert_eq!(text, "a: 甲 # 注\r\nb: 2\r\n");
    }

    #[test]
    fn frames_with_bad_headers_stop_and_bad_bodies_are_read_whole() {
        let mut input: &[u8] = b"Content-Length: 3\r\n\r\n{x}Content-Length: 2\r\n\r\n{}";
        assert!(matches!(read_frame(&mut input), Ok(Some(b)) if b == b"{x}"));
        assert!(matches!(read_frame(&mut input), Ok(Some(b)) if b == b"{}"));
        assert!(matches!(read_frame(&mut input), Ok(None)));
        let mut input: &[u8] = b"Content-Length: lots\r\n\r\n";
        assert!(matches!(read_frame(&mut input), Err(FrameError::Header(_))));
        let mut input: &[u8] = b"Content-Length: 99999999999\r\n\r\n";
        assert!(matches!(read_frame(&mut input), Err(FrameError::Header(_))));
    }
}
