//! The check desk as a client meets it: the server started on an ephemeral port, every
//! endpoint, limit and error exercised over plain HTTP/1.1.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const WORKBOOK: &str =
    "examples/xingan/2025-Q2/152223-扎赉特旗/152223103-胡尔勒镇/152223103205-巴彦高勒嘎查.xlsx";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A running desk, stopped when dropped.
struct Desk {
    child: Child,
    addr: SocketAddr,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Desk {
    fn start(args: &[&str], envs: &[(&str, &str)]) -> Desk {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jianfu"));
        command
            .current_dir(root())
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .env_remove("JIANFU_TOKEN")
            // The same day as the CLI's tests: waivers expire by it.
            .env("JIANFU_TODAY", "2026-11-26")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (name, value) in envs {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("start jianfu serve");
        let stderr = child.stderr.take().unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (found, wait) = std::sync::mpsc::channel();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for line in std::io::BufReader::new(stderr)
                    .lines()
                    .map_while(Result::ok)
                {
                    if let Some(url) = line.split("http://").nth(1) {
                        let _ = found.send(url.trim_end_matches('/').to_owned());
                    }
                    log.lock().unwrap().push_str(&(line + "\n"));
                }
            });
        }
        let addr = wait
            .recv_timeout(Duration::from_secs(20))
            .expect("the desk says where it listens")
            .parse()
            .unwrap();
        Desk { child, addr, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log once it holds `text` (lines arrive on another thread), or as it is after 5 s.
    fn log_with(&self, text: &str) -> String {
        let started = Instant::now();
        while !self.log().contains(text) && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.log()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers (names lower-cased), body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One request over a fresh connection.
fn request(addr: SocketAddr, head: &str, body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "{head}\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    // The desk may answer (413) before it has read everything; that is not a failure here.
    let _ = stream.write_all(body);
    read_reply(&mut stream)
}

fn read_reply(stream: &mut TcpStream) -> Reply {
    // Read up to the end of the headers, then as much body as they announce (a server may keep
    // the connection open after it, as Chromium's DevTools server does), else to the end.
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let split = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => panic!("no reply: {:?}", String::from_utf8_lossy(&raw)),
            Ok(n) => raw.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    match length {
        Some(length) => {
            while body.len() < length {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => body.extend_from_slice(&buffer[..n]),
                }
            }
        }
        None => {
            let _ = stream.read_to_end(&mut body);
        }
    }
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
    {
        body = unchunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, &format!("GET {path} HTTP/1.1"), b"")
}

/// A multipart form with one part named `file`.
fn form(name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "jianfu-test-boundary-7d9f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn upload(addr: SocketAddr, path: &str, name: &str, content: &[u8], extra: &str) -> Reply {
    let (content_type, body) = form(name, content);
    request(
        addr,
        &format!("POST {path} HTTP/1.1\r\nContent-Type: {content_type}{extra}"),
        &body,
    )
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A folder's files, named under `prefix`.
fn tree_entries(dir: &Path, prefix: &str) -> Vec<(String, Vec<u8>)> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let inside = entry.path().strip_prefix(dir).unwrap();
            let name = format!("{prefix}/{}", inside.to_string_lossy());
            entries.push((name, std::fs::read(entry.path()).unwrap()));
        }
    }
    entries
}

fn zip_owned(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let borrowed: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&borrowed)
}

/// A folder's files into a zip, under `prefix`.
fn zip_tree(dir: &Path, prefix: &str) -> Vec<u8> {
    zip_owned(&tree_entries(dir, prefix))
}

/// What identifies a finding across the CLI and the desk (the file's path differs).
fn finding_keys(report: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["unit"].is_string() || f["sheet"].is_string() || f["path"] != "")
        .filter(|f| !f["rule"].as_str().unwrap().starts_with("WAIVER-"))
        .map(|f| {
            format!(
                "{} {} {}:{} {} {} {}",
                f["unit"], f["rule"], f["line"], f["column"], f["cell"], f["path"], f["message"]
            )
        })
        .collect();
    keys.sort();
    keys
}

const LEAGUE_CONFIG: &[&str] = &["--config", "examples/xingan/jianfu.yaml"];

#[test]
fn the_page_and_its_files_are_served_with_strict_headers() {
    let desk = Desk::start(&[], &[]);
    let log = desk.log_with("只有本机可以访问");
    assert!(log.contains("只有本机可以访问"), "{log}");
    let page = get(desk.addr, "/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").unwrap();
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let html = String::from_utf8(page.body).unwrap();
    // Offline: nothing is loaded from another host.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    for path in ["/app.js", "/app.css"] {
        let file = get(desk.addr, path);
        assert_eq!(file.status, 200, "{path}");
        let text = String::from_utf8(file.body).unwrap();
        assert!(!text.contains("https://"), "{path} loads from elsewhere");
    }
    assert_eq!(get(desk.addr, "/healthz").json()["status"], "ok");
    let openapi = get(desk.addr, "/openapi.json").json();
    assert_eq!(openapi["openapi"], "3.0.3");
    for path in ["/api/check", "/api/annotate", "/api/words", "/healthz"] {
        assert!(openapi["paths"][path].is_object(), "{path} undocumented");
    }
    let words = get(desk.addr, "/api/words?lang=en").json();
    assert_eq!(
        words["words"]["page-title"],
        "Burden-reduction inventory check desk"
    );
    assert_eq!(
        words["clearances"]["groups"]
            .as_str()
            .map(|s| !s.is_empty()),
        Some(true)
    );
    let missing = get(desk.addr, "/nothing-here");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "not_found");
}

#[test]
fn a_workbook_gets_the_findings_check_gives_it() {
    let desk = Desk::start(LEAGUE_CONFIG, &[]);
    let bytes = std::fs::read(root().join(WORKBOOK)).unwrap();
    let reply = upload(desk.addr, "/api/check", "巴彦高勒嘎查.xlsx", &bytes, "");
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let served = reply.json();
    let (cli, _) = common::check_json(
        root(),
        &[WORKBOOK, "--config", "examples/xingan/jianfu.yaml"],
    );
    assert!(!finding_keys(&cli).is_empty());
    assert_eq!(finding_keys(&served), finding_keys(&cli));
    assert_eq!(served["tool"]["policies"], cli["tool"]["policies"]);
    // Shown by the uploaded name, never a path on the server.
    assert_eq!(served["findings"][0]["file"], "巴彦高勒嘎查.xlsx");
    // Each finding brings its row, the offending cell marked, for the page to show.
    for finding in served["findings"].as_array().unwrap() {
        let row = finding["row"].as_array().expect("a row");
        let marked: Vec<_> = row.iter().filter(|c| c["finding"] == true).collect();
        assert_eq!(marked.len(), 1, "{finding}");
        assert!(
            !marked[0]["value"].as_str().unwrap().is_empty(),
            "{finding}"
        );
    }

    // SARIF too, and English on request.
    let sarif = upload(
        desk.addr,
        "/api/check?format=sarif&lang=en",
        "a.xlsx",
        &bytes,
        "",
    );
    assert_eq!(sarif.status, 200);
    assert_eq!(sarif.json()["version"], "2.1.0");
    let english = upload(desk.addr, "/api/check?lang=en", "a.xlsx", &bytes, "").json();
    assert_eq!(english["tool"]["lang"], "en");

    // The access log has sizes and times, never the inventory's words.
    let log = desk.log_with("response_bytes");
    assert!(
        log.contains("path=\"/api/check\" status=200 request_bytes="),
        "{log}"
    );
    assert!(!log.contains("巴彦高勒"), "{log}");
}

#[test]
fn a_zip_of_the_league_gets_the_findings_of_a_run_over_the_tree() {
    let desk = Desk::start(LEAGUE_CONFIG, &[]);
    let league = root().join("examples/xingan/2025-Q2");
    let bytes = zip_tree(&league, "2025-Q2");
    let served = upload(desk.addr, "/api/check", "2025-Q2.zip", &bytes, "").json();
    let (cli, _) = common::check_json(
        root(),
        &[
            "examples/xingan/2025-Q2",
            "--config",
            "examples/xingan/jianfu.yaml",
        ],
    );
    assert_eq!(served["summary"]["units"], 13);
    // A YAML unit's findings bring their line instead.
    let yaml = served["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("groups.yaml"))
        .expect("a finding in a YAML file");
    assert!(
        yaml["source_line"]
            .as_str()
            .is_some_and(|l| !l.trim().is_empty()),
        "{yaml}"
    );
    assert_eq!(finding_keys(&served), finding_keys(&cli));

    // Annotated: a zip of one workbook per unit, each opening with its results sheet.
    let reply = upload(desk.addr, "/api/annotate", "2025-Q2.zip", &bytes, "");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/zip"));
    let mut books = zip::ZipArchive::new(std::io::Cursor::new(reply.body)).unwrap();
    assert_eq!(books.len(), 13);
    let mut first = Vec::new();
    books.by_index(0).unwrap().read_to_end(&mut first).unwrap();
    let workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(first)).unwrap();
    assert_eq!(calamine::Reader::sheet_names(&workbook)[0], "检查结果");
}

#[test]
fn one_workbook_annotated_comes_back_as_a_workbook() {
    let desk = Desk::start(&[], &[]);
    let bytes = std::fs::read(root().join(WORKBOOK)).unwrap();
    let reply = upload(desk.addr, "/api/annotate", "巴彦高勒嘎查.xlsx", &bytes, "");
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-disposition")
            .is_some_and(|d| d.contains("filename*=UTF-8''152223103205")),
        "{:?}",
        reply.header("content-disposition")
    );
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(reply.body)).unwrap();
    let results = calamine::Reader::worksheet_range(&mut workbook, "检查结果").unwrap();
    assert!(results.rows().count() > 5);
}

#[test]
fn the_ledger_of_an_upload_is_the_offices_workbook() {
    // The desk writes nothing to disk: with no temporary directory to write in, the ledger is
    // still made (in memory; `jianfu ledger` spills its rows to a temporary file).
    let desk = Desk::start(LEAGUE_CONFIG, &[("TMPDIR", "/nonexistent/jianfu-desk")]);
    let bytes = std::fs::read(root().join(WORKBOOK)).unwrap();
    let reply = upload(desk.addr, "/api/ledger", "巴彦高勒嘎查.xlsx", &bytes, "");
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(
        reply
            .header("content-disposition")
            .is_some_and(|d| d.contains("filename*=UTF-8''")),
        "{:?}",
        reply.header("content-disposition")
    );
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(reply.body)).unwrap();
    let first = calamine::Reader::sheet_names(&workbook)[0].clone();
    let sheet = calamine::Reader::worksheet_range(&mut workbook, &first).unwrap();
    let text: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    // Every finding of the workbook is a row: its rules' problems are there, under the unit.
    assert!(text.iter().any(|c| c == "巴彦高勒嘎查"), "{text:?}");
    assert!(
        text.iter().any(|c| c.contains("农村电商平台推广注册")),
        "{text:?}"
    );
}

#[test]
fn every_bad_upload_is_a_clear_error() {
    let desk = Desk::start(&["--max-upload-mib", "1"], &[]);
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("readme.md", b"# hello".to_vec(), 422, "not_an_inventory"),
        (
            "a.zip",
            b"PK\x03\x04 not a zip".to_vec(),
            422,
            "corrupt_zip",
        ),
        ("a.zip", zip_of(&[("readme.txt", b"x")]), 422, "no_unit"),
        (
            "a.zip",
            zip_of(&[("../../unit.yaml", b"x")]),
            422,
            "unsafe_entry",
        ),
        (
            "a.zip",
            zip_of(&[("a/unit.yaml", &vec![b' '; 1 << 20])]),
            413,
            "too_large",
        ),
    ];
    for (name, content, status, code) in cases {
        let reply = upload(desk.addr, "/api/check", name, &content, "");
        assert_eq!(
            reply.status,
            status,
            "{name}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        let body = reply.json();
        assert_eq!(body["error"], code, "{name}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    // Too large by its declared length: refused before a byte of it is read.
    let (content_type, _) = form("big.xlsx", b"");
    let mut stream = TcpStream::connect(desk.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        2 << 20
    );
    stream.write_all(head.as_bytes()).unwrap();
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 413);
    let limit = reply.json();
    assert_eq!(limit["error"], "too_large");
    assert_eq!(limit["limit"], "max_upload_bytes");
    assert_eq!(limit["value"], 1 << 20);
    let bomb = upload(
        desk.addr,
        "/api/check",
        "a.zip",
        &zip_of(&[("a/unit.yaml", &vec![b' '; 1 << 20])]),
        "",
    )
    .json();
    assert_eq!(bomb["limit"], "max_zip_ratio");

    // No file part, an unknown format, a body that is no form.
    let (content_type, body) = form("a.xlsx", b"");
    let renamed = String::from_utf8_lossy(&body).replace("name=\"file\"", "name=\"other\"");
    let reply = request(
        desk.addr,
        &format!("POST /api/check HTTP/1.1\r\nContent-Type: {content_type}"),
        renamed.as_bytes(),
    );
    assert_eq!(
        (reply.status, reply.json()["error"].clone()),
        (422, "no_file".into())
    );
    let reply = upload(desk.addr, "/api/check?format=pdf", "a.xlsx", b"", "");
    assert_eq!(reply.json()["error"], "bad_format");
    let reply = request(
        desk.addr,
        "POST /api/check HTTP/1.1\r\nContent-Type: text/plain",
        b"hello",
    );
    assert_eq!(
        (reply.status, reply.json()["error"].clone()),
        (400, "malformed".into())
    );
    // A corrupt workbook is a finding about the workbook, not an error of the desk.
    let reply = upload(
        desk.addr,
        "/api/check",
        "broken.xlsx",
        b"PK\x03\x04 broken",
        "",
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["findings"][0]["rule"], "SUBMIT-001");
    // And the desk is still up for others.
    assert_eq!(get(desk.addr, "/healthz").status, 200);
}

#[test]
fn a_token_guards_the_api_but_not_the_page() {
    let desk = Desk::start(&[], &[("JIANFU_TOKEN", "s3cret-token")]);
    let bytes = std::fs::read(root().join(WORKBOOK)).unwrap();
    let refused = upload(desk.addr, "/api/check", "a.xlsx", &bytes, "");
    assert_eq!(refused.status, 401);
    assert!(refused.header("www-authenticate").is_some());
    assert_eq!(refused.json()["error"], "unauthorized");
    let wrong = upload(
        desk.addr,
        "/api/check",
        "a.xlsx",
        &bytes,
        "\r\nAuthorization: Bearer wrong",
    );
    assert_eq!(wrong.status, 401);
    let allowed = upload(
        desk.addr,
        "/api/check",
        "a.xlsx",
        &bytes,
        "\r\nAuthorization: Bearer s3cret-token",
    );
    assert_eq!(allowed.status, 200);
    assert_eq!(get(desk.addr, "/").status, 200);
    assert_eq!(get(desk.addr, "/api/words").status, 200);
    // The token is never on the command line, and a file holding it works the same.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("token");
    std::fs::write(&file, "from-a-file\n").unwrap();
    let desk = Desk::start(&["--token-file", file.to_str().unwrap()], &[]);
    let allowed = upload(
        desk.addr,
        "/api/check",
        "a.xlsx",
        &bytes,
        "\r\nAuthorization: Bearer from-a-file",
    );
    assert_eq!(allowed.status, 200);
}

#[test]
fn a_slow_client_is_cut_off_and_others_are_served() {
    let desk = Desk::start(&["--header-timeout", "1"], &[]);
    let mut slow = TcpStream::connect(desk.addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // Others are served while it dawdles.
    assert_eq!(get(desk.addr, "/healthz").status, 200);
    let started = Instant::now();
    slow.set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(10),
        "the connection was held {waited:?}"
    );
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
}

#[cfg(unix)]
#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    let mut desk = Desk::start(&[], &[]);
    let bytes = std::fs::read(root().join(WORKBOOK)).unwrap();
    let (content_type, body) = form("a.xlsx", &bytes);
    let mut stream = TcpStream::connect(desk.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = desk.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    stream.write_all(&body[body.len() / 2..]).unwrap();
    let reply = read_reply(&mut stream);
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(reply.json()["summary"]["units"] == 1);
    let status = desk.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let log = desk.log_with("stopping");
    assert!(log.contains("stopping"), "{log}");
    // New connections are no longer taken.
    assert!(TcpStream::connect(desk.addr).is_err());
}

/// A page of headless Chromium driven over the DevTools protocol.
struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
}

impl Browser {
    fn start(profile: &Path) -> Browser {
        let mut child = std::process::Command::new("chromium")
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1366,768",
                "--lang=zh-CN",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().unwrap();
        let (found, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = found.send(url.to_owned());
                }
            }
        });
        let browser_url = wait
            .recv_timeout(Duration::from_secs(30))
            .expect("chromium says where DevTools listens");
        let port: SocketAddr = browser_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let targets = get(port, "/json/list").json();
        let page = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .expect("a page target")["webSocketDebuggerUrl"]
            .as_str()
            .unwrap()
            .to_owned();
        let stream = TcpStream::connect(port).unwrap();
        let (socket, _) = tungstenite::client(page.as_str(), stream).expect("DevTools socket");
        Browser {
            child,
            socket,
            next_id: 0,
        }
    }

    /// Send a command and wait for its answer, skipping events.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = serde_json::json!({"id": id, "method": method, "params": params});
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            if value["id"] == id {
                assert!(value["error"].is_null(), "{method}: {value}");
                return value["result"].clone();
            }
        }
    }

    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": expression, "returnByValue": true}),
        );
        result["result"]["value"].clone()
    }

    /// Open the desk's page and drop `upload` into it, as a clerk does, until the result shows.
    fn drop_into_page(&mut self, desk: &Desk, upload: &Path) {
        self.call("Page.enable", serde_json::json!({}));
        self.call(
            "Page.navigate",
            serde_json::json!({"url": format!("http://{}/", desk.addr)}),
        );
        // The words come from the catalogue.
        self.wait_for("document.getElementById('intro').textContent.includes('减负清单')");
        let document = self.call("DOM.getDocument", serde_json::json!({}));
        let input = self.call(
            "DOM.querySelector",
            serde_json::json!({"nodeId": document["root"]["nodeId"], "selector": "#file"}),
        );
        self.call(
            "DOM.setFileInputFiles",
            serde_json::json!({"nodeId": input["nodeId"], "files": [upload]}),
        );
        self.wait_for("!document.getElementById('result').hidden");
    }

    /// Evaluate until the value is true, for at most 30 s.
    fn wait_for(&mut self, expression: &str) {
        let started = Instant::now();
        while self.eval(expression) != serde_json::Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {expression}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_clerk_drops_a_workbook_into_the_page_in_a_real_browser() {
    if common::external_tool("chromium", "apt-get install chromium fonts-wqy-microhei").is_none() {
        return;
    }
    let desk = Desk::start(LEAGUE_CONFIG, &[]);
    let profile = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let mut browser = Browser::start(profile.path());
    browser.call(
        "Page.setDownloadBehavior",
        serde_json::json!({"behavior": "allow", "downloadPath": downloads.path()}),
    );
    browser.drop_into_page(&desk, &root().join(WORKBOOK));
    let shown = browser.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('table.findings tr[data-rule]'))\
         .map(r => r.dataset.rule + ' ' + r.querySelector('.where').textContent))",
    );
    let mut shown: Vec<String> = serde_json::from_str(shown.as_str().unwrap()).unwrap();
    shown.sort();
    let (cli, _) = common::check_json(
        root(),
        &[WORKBOOK, "--config", "examples/xingan/jianfu.yaml"],
    );
    let mut expected: Vec<String> = cli["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} 「{}」 单元格 {}",
                f["rule"].as_str().unwrap(),
                f["sheet"].as_str().unwrap(),
                f["cell"].as_str().unwrap()
            )
        })
        .collect();
    expected.sort();
    assert_eq!(shown, expected);

    // A picture of it, kept beside the test's output for a person to look at.
    let shot = browser.call(
        "Page.captureScreenshot",
        serde_json::json!({"format": "png"}),
    );
    use base64::Engine as _;
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().unwrap())
        .unwrap();
    let picture = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-desk.png");
    std::fs::write(&picture, &png).unwrap();
    let pixels = common::rgb_pixels(&picture);
    let red_header = pixels
        .iter()
        .filter(|p| p[0] > 150 && p[1] < 60 && p[2] < 60)
        .count();
    assert!(
        red_header > 10_000,
        "the page's header is not drawn: {red_header}"
    );
    // The whole page too, and as a phone shows it (docs/serve.md's pictures come from these).
    for (width, name) in [(1366, "check-desk-full.png"), (390, "check-desk-phone.png")] {
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 500}),
        );
        let size = browser.call("Page.getLayoutMetrics", serde_json::json!({}));
        let height = size["cssContentSize"]["height"].as_f64().unwrap_or(800.0);
        let shot = browser.call(
            "Page.captureScreenshot",
            serde_json::json!({"format": "png", "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join(name), png).unwrap();
    }
    browser.call(
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    );

    // The annotated workbook downloads and opens.
    browser.eval("document.getElementById('download-annotated').click()");
    let started = Instant::now();
    let book = loop {
        let found = std::fs::read_dir(downloads.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "xlsx"));
        if let Some(book) = found {
            break book;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no download");
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let results = calamine::Reader::worksheet_range(&mut workbook, "检查结果").unwrap();
    assert!(results.rows().count() > expected.len());
}

/// A unit's name and an item's text with controls and a right-to-left override (legal YAML, as
/// escapes) reach the page as the command line's reports show them: nothing that would hide or
/// reorder what a clerk reads.
#[test]
fn hostile_text_in_an_upload_is_shown_harmless_in_the_page() {
    if common::external_tool("chromium", "apt-get install chromium fonts-wqy-microhei").is_none() {
        return;
    }
    let unit = common::UNIT.replace("巴彦淖尔嘎查", "\"巴彦\\x01淖尔\\u202E嘎查\\u2066\"");
    let signage = "signs:\n  - name: \"卫生室\\e]0;x\\a\\u202E牌\"\n    placement: exterior\n    type: plaque\n    issued_by: \"扎赉特旗\\x85卫生健康委员会\"\n";
    let dir = tempfile::tempdir().unwrap();
    let upload = dir.path().join("村.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&upload).unwrap());
    for (name, text) in [
        ("甲/unit.yaml", unit.as_str()),
        ("甲/signage.yaml", signage),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();

    let desk = Desk::start(&[], &[]);
    let profile = tempfile::tempdir().unwrap();
    let mut browser = Browser::start(profile.path());
    browser.drop_into_page(&desk, &upload);
    let shown = browser.eval("document.getElementById('units').textContent");
    let shown = shown.as_str().expect("the units' text");
    assert!(shown.contains("巴彦?淖尔\u{fffd}嘎查\u{fffd}"), "{shown}");
    let hidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    let found: Vec<char> = shown.chars().filter(|&c| hidden(c)).collect();
    assert_eq!(found, [], "{shown}");
}

#[test]
fn a_request_that_takes_too_long_is_answered_408() {
    let desk = Desk::start(&["--request-timeout", "1"], &[]);
    let (content_type, body) = form("a.xlsx", &[0u8; 1000]);
    let mut stream = TcpStream::connect(desk.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..100]).unwrap();
    let started = Instant::now();
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 408);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(get(desk.addr, "/healthz").status, 200);
}

#[test]
fn an_inventory_limit_in_an_upload_is_a_finding_as_in_check() {
    let desk = Desk::start(&[], &[]);
    let deep = format!("code: {}{}", "[".repeat(5000), "]".repeat(5000));
    // Stored, not deflated: brackets compress far beyond max_zip_ratio.
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("村/unit.yaml", stored).unwrap();
    zip.write_all(deep.as_bytes()).unwrap();
    zip.finish().unwrap();
    let bytes = out.into_inner();
    let reply = upload(desk.addr, "/api/check", "村.zip", &bytes, "");
    assert_eq!(reply.status, 200);
    let report = reply.json();
    let deep = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SUBMIT-001")
        .expect("SUBMIT-001 for the nesting");
    assert_eq!(deep["file"], "村/unit.yaml");
    assert!(deep["message"].as_str().unwrap().contains("max_depth"));
    // A line too long to read is not sent back.
    assert!(deep["source_line"].is_null());
}

#[test]
fn a_full_queue_is_answered_503_with_retry_after() {
    let desk = Desk::start(&["--max-checks", "1", "--max-queue", "0"], &[]);
    let league = root().join("examples/xingan/2025-Q2");
    // A zip of many copies of the league keeps the one slot busy for a while.
    // At most 9,270 entries: under max_zip_entries.
    for copies in [40, 90] {
        let entries: Vec<(String, Vec<u8>)> = (0..copies)
            .flat_map(|copy| tree_entries(&league, &copy.to_string()))
            .collect();
        let big = zip_owned(&entries);
        let addr = desk.addr;
        let busy = std::thread::spawn(move || upload(addr, "/api/check", "big.zip", &big, ""));
        std::thread::sleep(Duration::from_millis(300));
        let small = std::fs::read(root().join(WORKBOOK)).unwrap();
        let reply = upload(desk.addr, "/api/check", "a.xlsx", &small, "");
        let first = busy.join().unwrap();
        if first.status == 413 {
            panic!(
                "the busy upload was refused: {}",
                String::from_utf8_lossy(&first.body)
            );
        }
        if reply.status == 503 {
            assert_eq!(reply.header("retry-after"), Some("5"));
            assert_eq!(reply.json()["error"], "busy");
            return;
        }
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
    }
    panic!("the slot was never busy long enough to see a 503");
}
