//! `jianfu lsp`: scripted sessions with the real binary over stdio — initialize, open a file
//! with a known problem, read the published diagnostics, fix it, shut down.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const UNIT_DIR: &str = "152223100201-巴彦淖尔嘎查";

/// A sign whose placement is not a permitted value, after an astral character (𠀀, two UTF-16
/// units) on the same line, so that UTF-16, character and byte columns all differ.
const BAD_SIGNAGE: &str =
    "signs:\n  - {name: 𠀀公示栏, placement: 门外, type: notice, issued_by: 音德尔镇党委}\n";
const GOOD_SIGNAGE: &str =
    "signs:\n  - {name: 𠀀公示栏, placement: interior, type: notice, issued_by: 音德尔镇党委}\n";

const WAIT: Duration = Duration::from_secs(20);

/// A running `jianfu lsp` and the messages it has sent, read on a thread so that a silent
/// server fails the test instead of hanging it.
struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
}

impl Session {
    fn start() -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianfu"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn jianfu lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Session {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
        stdin.write_all(body).expect("write body");
        stdin.flush().expect("flush");
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.next_where(|m| m["id"] == id && m.get("method").is_none())
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that satisfies `wanted`, skipping others.
    fn next_where(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no message in time ({e}); stderr: {}", self.stderr()));
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Value {
        self.next_where(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// Close stdin and wait for the exit code.
    fn exit_code(&mut self) -> Option<i32> {
        self.stdin.take();
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("jianfu lsp did not exit");
    }

    fn stderr(&mut self) -> String {
        let _ = self.child.kill();
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A `file:` URI as editors write it, with the Chinese percent-encoded.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("utf-8 path").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn initialize(session: &mut Session, options: Value) -> Value {
    let params = json!({
        "processId": null,
        "rootUri": null,
        "capabilities": {},
        "initializationOptions": options,
    });
    let response = session.request(1, "initialize", params);
    session.notify("initialized", json!({}));
    response
}

fn open(session: &mut Session, uri: &str, text: &str) {
    let document = json!({"uri": uri, "languageId": "yaml", "version": 1, "text": text});
    session.notify("textDocument/didOpen", json!({"textDocument": document}));
}

/// The UTF-16 column of `needle` in `line`.
fn utf16_column(line: &str, needle: &str) -> u64 {
    let at = line.find(needle).expect("needle");
    line[..at].encode_utf16().count() as u64
}

#[test]
fn a_session_publishes_diagnostics_and_clears_them_when_fixed() {
    let root = tempfile::tempdir().expect("tempdir");
    // On disk the unit is clean: the problem exists only in the editor's buffer.
    let dir = common::write_unit(root.path(), UNIT_DIR, &[]);
    let uri = file_uri(&dir.join("signage.yaml"));

    let mut session = Session::start();
    let response = initialize(&mut session, json!({"lang": "zh"}));
    let capabilities = &response["result"]["capabilities"];
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "{response}");
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(response["result"]["serverInfo"]["name"], "jianfu");

    open(&mut session, &uri, BAD_SIGNAGE);
    let published = session.diagnostics_for(&uri);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "SUBMIT-002");
    assert_eq!(diagnostic["source"], "jianfu");
    assert_eq!(diagnostic["severity"], 1);
    // No link to a web page the project does not have: `jianfu explain` is the rule's page.
    assert!(diagnostic.get("codeDescription").is_none(), "{diagnostic}");
    let message = diagnostic["message"].as_str().expect("message");
    assert!(message.starts_with("`门外` 不是允许的取值"), "{message}");
    assert!(message.contains("exterior, interior"), "{message}");

    // `门外` sits at UTF-16 column 29 of line 1 (0-based): 𠀀 counts twice, each Han once.
    let line = BAD_SIGNAGE.lines().nth(1).expect("line");
    assert_eq!(utf16_column(line, "门外"), 29);
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": 1, "character": 29}, "end": {"line": 1, "character": 31}})
    );

    let change = json!({
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": GOOD_SIGNAGE}],
    });
    session.notify("textDocument/didChange", change);
    let published = session.diagnostics_for(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]), "{published:#}");

    // A policy finding on the open file, found with the unit's other files read from disk.
    let plaque = "signs:\n  - name: 综治中心\n    placement: exterior\n    type: plaque\n    issued_by: 扎赉特旗委政法委\n";
    let change = json!({
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": plaque}],
    });
    session.notify("textDocument/didChange", change);
    let published = session.diagnostics_for(&uri);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"SIGN-001"), "{published:#}");
    let sign_001 = published["diagnostics"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["code"] == "SIGN-001"))
        .expect("SIGN-001");
    assert_eq!(
        sign_001["range"],
        json!({"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 14}})
    );

    session.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let published = session.diagnostics_for(&uri);
    assert_eq!(published["diagnostics"], json!([]));

    let response = session.request(2, "shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    assert!(response.get("error").is_none(), "{response}");
    session.notify("exit", Value::Null);
    assert_eq!(session.exit_code(), Some(0));
}

#[test]
fn messages_follow_the_language_the_editor_asks_for() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = common::write_unit(root.path(), UNIT_DIR, &[]);
    let uri = file_uri(&dir.join("signage.yaml"));
    let mut session = Session::start();
    initialize(&mut session, json!({"lang": "en"}));
    open(&mut session, &uri, BAD_SIGNAGE);
    let published = session.diagnostics_for(&uri);
    let message = published["diagnostics"][0]["message"]
        .as_str()
        .expect("message");
    assert!(
        message.starts_with(
            "`门外` is not an allowed value\nhelp: allowed values: exterior, interior"
        ),
        "{message}"
    );
    session.request(2, "shutdown", Value::Null);
    session.notify("exit", Value::Null);
    assert_eq!(session.exit_code(), Some(0));
}

#[test]
fn an_unsaved_unit_yaml_applies_to_the_other_open_files() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = common::write_unit(root.path(), UNIT_DIR, &[]);
    let unit_uri = file_uri(&dir.join("unit.yaml"));
    let tasks_uri = file_uri(&dir.join("tasks.yaml"));
    let mut session = Session::start();
    initialize(&mut session, Value::Null);
    open(&mut session, &tasks_uri, "tasks: []\n");
    assert_eq!(
        session.diagnostics_for(&tasks_uri)["diagnostics"],
        json!([])
    );

    // The code now names 胡尔勒镇, not 音德尔镇: SUBMIT-004 on unit.yaml, in Chinese by default.
    let unit = common::UNIT.replace("152223100201", "152223103201");
    open(&mut session, &unit_uri, &unit);
    let mut unit_diagnostics = None;
    let mut tasks_republished = false;
    for _ in 0..2 {
        let message = session.next_where(|m| m["method"] == "textDocument/publishDiagnostics");
        if message["params"]["uri"] == unit_uri {
            unit_diagnostics = Some(message["params"]["diagnostics"].clone());
        } else if message["params"]["uri"] == tasks_uri {
            tasks_republished = true;
        }
    }
    let unit_diagnostics = unit_diagnostics.expect("unit.yaml diagnostics");
    assert_eq!(
        unit_diagnostics[0]["code"], "SUBMIT-004",
        "{unit_diagnostics:#}"
    );
    assert!(
        unit_diagnostics[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("胡尔勒镇")),
        "{unit_diagnostics:#}"
    );
    // The secondary label ("disagrees with this") points at the township line.
    let related = &unit_diagnostics[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], unit_uri);
    assert_eq!(related["location"]["range"]["start"]["line"], 4);
    assert!(tasks_republished, "tasks.yaml was not checked again");
}

#[test]
fn bad_input_is_skipped_and_requests_before_initialize_are_refused() {
    let mut session = Session::start();
    session.send_raw(b"{this is not json");
    session.send_raw(br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"x":1}}"#);
    let refused = session.request(7, "textDocument/hover", json!({}));
    assert_eq!(refused["error"]["code"], -32002, "{refused}");

    let response = initialize(&mut session, Value::Null);
    assert!(response["result"]["capabilities"].is_object(), "{response}");
    // Parameters that are not what the protocol says are skipped, not fatal.
    session.notify("textDocument/didOpen", json!({"textDocument": 3}));
    let unknown = session.request(8, "textDocument/hover", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // A file outside any unit gets empty diagnostics.
    open(&mut session, "file:///nowhere/notes.yaml", "a: [");
    assert_eq!(
        session.diagnostics_for("file:///nowhere/notes.yaml")["diagnostics"],
        json!([])
    );

    // `exit` without `shutdown` is exit code 1, as the protocol says.
    session.notify("exit", Value::Null);
    assert_eq!(session.exit_code(), Some(1));
}

#[test]
fn a_lost_header_ends_the_server_without_a_panic() {
    let mut session = Session::start();
    initialize(&mut session, Value::Null);
    let stdin = session.stdin.as_mut().expect("stdin");
    stdin
        .write_all(b"Content-Length: many\r\n\r\n{}")
        .expect("write");
    stdin.flush().expect("flush");
    assert_eq!(session.exit_code(), Some(1));
    let stderr = session.stderr();
    assert!(stderr.contains("无法读取消息头"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// An editor's buffer is held to `limits.max_file_bytes` like a file on disk: one SUBMIT-001
/// at the top, and the text is not parsed.
#[test]
fn a_buffer_larger_than_a_file_may_be_is_one_finding() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = common::write_unit(root.path(), UNIT_DIR, &[]);
    std::fs::write(
        root.path().join("jianfu.yaml"),
        "limits:\n  max_file_bytes: 2000\n",
    )
    .expect("config");
    let uri = file_uri(&dir.join("signage.yaml"));
    let mut session = Session::start();
    initialize(&mut session, json!({"lang": "en"}));

    let mut big = String::from("signs:\n");
    while big.len() <= 2000 {
        big.push_str(
            "  - name: 卫生室\n    placement: 门外\n    type: plaque\n    issued_by: 镇\n",
        );
    }
    open(&mut session, &uri, &big);
    let published = session.diagnostics_for(&uri);
    let diagnostics = published["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    assert_eq!(diagnostics[0]["code"], "SUBMIT-001");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("max_file_bytes")),
        "{published:#}"
    );
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );

    // Cut below the limit, the same text is parsed and its bad placements found.
    let small: String = big.lines().take(5).map(|l| format!("{l}\n")).collect();
    let change = json!({
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": small}],
    });
    session.notify("textDocument/didChange", change);
    let published = session.diagnostics_for(&uri);
    assert_eq!(
        published["diagnostics"][0]["code"], "SUBMIT-002",
        "{published:#}"
    );
}
