//! Loading one unit directory: read and decode each of its eight files, parse, validate, and
//! turn every problem into a SUBMIT finding. A broken file never stops the others from loading,
//! and a broken item never hides the valid items of its file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::finding::{Finding, Lang, RuleHeader, Severity};
use crate::load::{Limits, LoadError, Node, load_yaml};
use crate::source::{SourceFile, Span};

use super::codes::{CodeProblem, Divisions};
use super::schema::Kind;
use super::validate::{Violation, validate};

/// The SUBMIT rules, as the policy registry describes them. Passed in so that this module
/// needs nothing from the policy layer.
#[derive(Clone, Debug)]
pub struct SubmitRules {
    pub invalid_yaml: (Arc<RuleHeader>, Severity),
    pub schema_violation: (Arc<RuleHeader>, Severity),
    pub missing_section: (Arc<RuleHeader>, Severity),
    pub bad_unit_code: (Arc<RuleHeader>, Severity),
    pub unknown_division: (Arc<RuleHeader>, Severity),
    pub config_in_unit: (Arc<RuleHeader>, Severity),
    pub duplicate_code: (Arc<RuleHeader>, Severity),
    pub not_utf8: (Arc<RuleHeader>, Severity),
}

/// One file of a unit, parsed as far as it could be.
#[derive(Debug)]
pub struct LoadedFile {
    pub kind: Kind,
    pub source: Arc<SourceFile>,
    /// The tree, when the file was readable, UTF-8 and well-formed YAML.
    pub root: Option<Node>,
    /// Items (`("signs", 2)`) with a schema violation: the policies skip them.
    invalid_items: HashMap<String, HashSet<usize>>,
}

impl LoadedFile {
    /// The valid items of the list under `key` (a section key, or `cadres`/`grids` in
    /// `unit.yaml`), with their index.
    pub fn items<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (usize, &'a Node)> + 'a {
        let list = self
            .root
            .as_ref()
            .and_then(|root| root.get(key))
            .and_then(Node::as_seq)
            .unwrap_or_default();
        // Looked up once per list, not per item: this runs for every rule on every item.
        let invalid = self.invalid_items.get(key);
        list.iter()
            .enumerate()
            .filter(move |(i, _)| invalid.is_none_or(|set| !set.contains(i)))
    }
}

/// A unit directory after loading: its files and the SUBMIT findings.
#[derive(Debug)]
pub struct LoadedUnit {
    /// The directory as given on the command line joined with the path inside it.
    pub dir: String,
    /// The unit's code from `unit.yaml`, when it is a string.
    pub code: Option<Arc<str>>,
    pub files: Vec<LoadedFile>,
    pub findings: Vec<Finding>,
}

impl LoadedUnit {
    pub fn file(&self, kind: Kind) -> Option<&LoadedFile> {
        self.files
            .iter()
            .find(|f| f.kind == kind && f.root.is_some())
    }

    /// `unit.yaml`'s tree, when it parsed.
    pub fn unit_node(&self) -> Option<&Node> {
        self.file(Kind::Unit).and_then(|f| f.root.as_ref())
    }

    /// A text field of `unit.yaml`.
    pub fn unit_text(&self, field: &str) -> Option<&str> {
        self.unit_node()?.get(field)?.as_str()
    }

    /// The last day of the reporting period (`2025-Q2` → 2025-06-30).
    pub fn period_end(&self) -> Option<NaiveDate> {
        period_end(self.unit_text("period")?)
    }
}

/// The last day of a period written `YYYY-Qn`.
pub fn period_end(period: &str) -> Option<NaiveDate> {
    let (year, quarter) = period.split_once("-Q")?;
    let year: i32 = year.parse().ok()?;
    let quarter: u32 = quarter.parse().ok()?;
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let first_of_next = if quarter == 4 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1)?
    };
    first_of_next.pred_opt()
}

/// Everything that shapes loading.
#[derive(Clone, Copy)]
pub struct LoadOptions<'a> {
    pub rules: &'a SubmitRules,
    pub limits: Limits,
    pub lang: Lang,
    /// The division table unit codes are checked against.
    pub divisions: &'a Divisions,
    /// The tree being checked (links resolved): a unit's file that is a link leading outside
    /// it is a finding, not read. `None` reads what the links lead to.
    pub tree: Option<&'a Path>,
}

impl<'a> LoadOptions<'a> {
    /// The same options for a unit found in `tree`.
    pub fn within(&self, tree: Option<&'a Path>) -> LoadOptions<'a> {
        LoadOptions { tree, ..*self }
    }
}

/// Load the unit in `dir`, shown to users as `display`.
pub fn load_unit(dir: &Path, display: &str, options: &LoadOptions) -> LoadedUnit {
    // A workbook or a directory of CSV files is read through its own renderer.
    let mut unit = match super::sheet::sheet_source(dir) {
        Some(source) => super::sheet::load_sheet_unit(&source, display, options),
        None => load_unit_overlaid(dir, display, &[], options),
    };
    if let Some(finding) = config_inside_unit(dir, display, options) {
        let mut finding = finding;
        finding.unit = unit.code.clone();
        unit.findings.push(finding);
    }
    unit
}

/// SUBMIT-007: a `jianfu.yaml` in a unit's own directory. It is never used (the league's
/// configuration is found above the unit; a unit must not switch rules off for itself), and
/// the unit is told so.
fn config_inside_unit(dir: &Path, display: &str, options: &LoadOptions) -> Option<Finding> {
    let name = crate::config::CONFIG_FILE;
    dir.join(name).symlink_metadata().ok()?;
    let source = SourceFile::new(join_display(display, name), "");
    let message = match options.lang {
        Lang::Zh => "单位目录中的 jianfu.yaml 不会生效：检查配置由盟市统一管理，放在单位目录之上".to_owned(),
        Lang::En => "jianfu.yaml in a unit's directory has no effect: the configuration is the league's, kept above the units".to_owned(),
    };
    let (rule, severity) = &options.rules.config_in_unit;
    Some(Finding::new(
        rule.clone(),
        *severity,
        source,
        Span::default(),
        "",
        message,
    ))
}

/// Load the unit in `dir` as [`load_unit`] does, except that the files of the kinds in
/// `overlay` are taken from the given texts (an editor's unsaved buffers) instead of the disk.
pub fn load_unit_overlaid(
    dir: &Path,
    display: &str,
    overlay: &[(Kind, String)],
    options: &LoadOptions,
) -> LoadedUnit {
    let mut inputs = Vec::new();
    let mut findings = Vec::new();
    for kind in Kind::ALL {
        let path = dir.join(kind.file_name());
        let shown = join_display(display, kind.file_name());
        if let Some((_, text)) = overlay.iter().find(|(k, _)| *k == kind) {
            let limit = options.limits.max_file_bytes;
            if text.len() as u64 > limit {
                let (source, finding) = unread(&ReadProblem::TooLarge { limit }, &shown, options);
                findings.push(*finding);
                inputs.push((kind, source, false));
                continue;
            }
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            inputs.push((kind, SourceFile::new(shown, text), true));
            continue;
        }
        match read_text(&path, &shown, options) {
            Ok(source) => inputs.push((kind, source, true)),
            // Asked only when reading failed: one file-system look-up fewer for every file.
            Err(_) if kind != Kind::Unit && path.symlink_metadata().is_err() => {
                findings.push(missing_section(kind, &shown, options));
            }
            Err((source, finding)) => {
                // The file was submitted, so it stays listed, but it has no tree.
                findings.push(*finding);
                inputs.push((kind, source, false));
            }
        }
    }
    assemble_unit(display, inputs, findings, options)
}

/// A unit from texts held in memory (policy test cases, rule examples). Kinds not given are
/// not reported missing.
pub fn unit_from_texts(
    display: &str,
    texts: &[(Kind, String)],
    options: &LoadOptions,
) -> LoadedUnit {
    let inputs = texts
        .iter()
        .map(|(kind, text)| {
            (
                *kind,
                SourceFile::new(join_display(display, kind.file_name()), text.clone()),
                true,
            )
        })
        .collect();
    assemble_unit(display, inputs, Vec::new(), options)
}

/// Parse and validate the readable files, then check the unit code.
pub(crate) fn assemble_unit(
    display: &str,
    inputs: Vec<(Kind, Arc<SourceFile>, bool)>,
    mut findings: Vec<Finding>,
    options: &LoadOptions,
) -> LoadedUnit {
    let mut files = Vec::with_capacity(inputs.len());
    for (kind, source, readable) in inputs {
        let (file, file_findings) = if readable {
            parse_file(kind, source, options)
        } else {
            (
                LoadedFile {
                    kind,
                    source,
                    root: None,
                    invalid_items: HashMap::new(),
                },
                Vec::new(),
            )
        };
        findings.extend(file_findings);
        files.push(file);
    }
    let mut unit = LoadedUnit {
        dir: crate::source::printable_line(display).into_owned(),
        code: None,
        files,
        findings,
    };
    // Shown in every report's headings: one printable line, whatever the file says.
    unit.code = unit
        .unit_text("code")
        .map(|code| Arc::from(crate::source::printable_line(code).as_ref()));
    unit.findings.extend(check_unit_code(&unit, options));
    for finding in &mut unit.findings {
        finding.unit = unit.code.clone();
    }
    unit
}

/// A file's path as shown to users: the unit's shown path joined with the file's name.
pub(crate) fn join_display(dir: &str, file: &str) -> String {
    if dir.is_empty() || dir == "." {
        file.to_owned()
    } else if dir.ends_with('/') {
        format!("{dir}{file}")
    } else {
        format!("{dir}/{file}")
    }
}

fn missing_section(kind: Kind, shown: &str, options: &LoadOptions) -> Finding {
    let (rule, severity) = &options.rules.missing_section;
    let message = match options.lang {
        Lang::Zh => format!(
            "缺少 {}：未报送该项清单（无内容也应报送空列表）",
            kind.file_name()
        ),
        Lang::En => format!(
            "{} is missing: the section was not submitted (submit an empty list if there is nothing to declare)",
            kind.file_name()
        ),
    };
    let key = kind.section_key().unwrap_or_default();
    Finding::new(
        rule.clone(),
        *severity,
        SourceFile::new(shown, ""),
        Span::default(),
        key,
        message,
    )
    .with_help(Some(format!("{key}: []")))
}

/// Parse and validate one file's text.
fn parse_file(
    kind: Kind,
    source: Arc<SourceFile>,
    options: &LoadOptions,
) -> (LoadedFile, Vec<Finding>) {
    let mut findings = Vec::new();
    let root = match load_yaml(&source.text, &options.limits) {
        Ok(root) => Some(root),
        Err(error) => {
            findings.push(yaml_error(&source, &error, options));
            None
        }
    };
    let mut invalid_items: HashMap<String, HashSet<usize>> = HashMap::new();
    let null_root = root
        .as_ref()
        .is_some_and(|r| matches!(r.value, crate::load::Value::Null));
    if null_root && holds_nothing(&source.text) {
        findings.push(empty_file(kind, &source, options));
    } else if let Some(root) = &root {
        for violation in validate(root, kind.shape()) {
            if let Some((list, index)) = &violation.item {
                invalid_items
                    .entry(list.clone())
                    .or_default()
                    .insert(*index);
            }
            findings.push(schema_violation(&source, violation, options));
        }
    }
    let file = LoadedFile {
        kind,
        source,
        root,
        invalid_items,
    };
    (file, findings)
}

/// Whether a text holds nothing but blank lines, comments and document markers.
fn holds_nothing(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// A file that holds nothing (or only comments): submitted, but says nothing.
fn empty_file(kind: Kind, source: &Arc<SourceFile>, options: &LoadOptions) -> Finding {
    let (rule, severity) = &options.rules.schema_violation;
    let message = match options.lang {
        Lang::Zh => format!("{} 是空文件", kind.file_name()),
        Lang::En => format!("{} is empty", kind.file_name()),
    };
    let help = match (kind.section_key(), options.lang) {
        (Some(key), Lang::Zh) => format!("无内容也应报送空列表：{key}: []"),
        (Some(key), Lang::En) => {
            format!("with nothing to declare, submit an empty list: {key}: []")
        }
        (None, Lang::Zh) => {
            "unit.yaml 应写明 code、name、kind、banner、township、period 和 institutions".to_owned()
        }
        (None, Lang::En) => {
            "unit.yaml must give code, name, kind, banner, township, period and institutions"
                .to_owned()
        }
    };
    let path = kind.section_key().unwrap_or_default();
    Finding::new(
        rule.clone(),
        *severity,
        source.clone(),
        Span::default(),
        path,
        message,
    )
    .with_help(Some(help))
}

type ReadFailure = (Arc<SourceFile>, Box<Finding>);

/// Why a file's bytes could not be read.
#[derive(Debug)]
pub(crate) enum ReadProblem {
    /// A directory where a file should be (`unit.yaml/`).
    Directory,
    /// A pipe, socket or device: reading it could block forever or never end.
    NotRegular,
    /// Larger than `limits.max_file_bytes`.
    TooLarge {
        limit: u64,
    },
    /// A symbolic link that leads out of the tree being checked, to `target`.
    OutsideTree {
        target: std::path::PathBuf,
    },
    Io(std::io::Error),
}

/// The bytes of the regular file at `path`, at most `limit` of them, if the file is inside
/// `tree` (when given).
///
/// Never follows a path into a pipe or device, nor a link out of the tree, and never trusts the
/// size the file system reported: the read itself stops one byte past the limit, so a file that
/// grows after it was looked at still cannot exhaust memory.
pub(crate) fn read_bytes(
    path: &Path,
    limit: u64,
    tree: Option<&Path>,
) -> Result<Vec<u8>, ReadProblem> {
    use std::io::Read;
    if let Some(target) = tree.and_then(|tree| link_outside(path, tree)) {
        return Err(ReadProblem::OutsideTree { target });
    }
    let check = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            Err(ReadProblem::Directory)
        } else if !meta.is_file() {
            Err(ReadProblem::NotRegular)
        } else if meta.len() > limit {
            Err(ReadProblem::TooLarge { limit })
        } else {
            Ok(meta.len())
        }
    };
    check(&std::fs::metadata(path).map_err(ReadProblem::Io)?)?;
    let file = open_without_blocking(path).map_err(ReadProblem::Io)?;
    // Checked again on the open handle: the path may have been swapped since.
    let len = check(&file.metadata().map_err(ReadProblem::Io)?)?;
    // The file as long as it was when opened: reading exactly that much needs no second read to
    // meet the end (one system call fewer a file), and a file that grows meanwhile cannot
    // outgrow the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(len)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    Ok(bytes)
}

/// Where `path` leads when it is a symbolic link to a place outside `tree`. A unit's files sit
/// directly in its directory, which discovery only enters inside the tree, so only the file
/// itself can lead out: one `lstat` for a file that is not a link.
fn link_outside(path: &Path, tree: &Path) -> Option<std::path::PathBuf> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return None;
    }
    let target = std::fs::canonicalize(path).ok()?;
    (!target.starts_with(tree)).then_some(target)
}

/// Open for reading; on Unix with `O_NONBLOCK`, so that a file replaced by a pipe after it was
/// looked at cannot make the open wait for a writer forever.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Bytes that are not UTF-8 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Where the first bad byte is (after a UTF-8 BOM, which is dropped).
    pub valid_up_to: usize,
    /// The encoding the bytes most likely are in, when one fits.
    pub encoding: Option<&'static str>,
}

/// A file's bytes after a UTF-8 byte-order mark, if it has one.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// A file's bytes as UTF-8 text without a BOM.
pub fn decode_text(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let body = without_bom(bytes);
    std::str::from_utf8(body).map_err(|error| NotUtf8 {
        valid_up_to: error.valid_up_to(),
        encoding: guess_encoding(body),
    })
}

/// The file's text as UTF-8 without a BOM, or a SUBMIT finding saying why not.
fn read_text(
    path: &Path,
    shown: &str,
    options: &LoadOptions,
) -> Result<Arc<SourceFile>, ReadFailure> {
    let lang = options.lang;
    let bytes = match read_bytes(path, options.limits.max_file_bytes, options.tree) {
        Ok(bytes) => bytes,
        Err(problem) => return Err(unread(&problem, shown, options)),
    };
    let skipped = bytes.len() - without_bom(&bytes).len();
    match decode_text(&bytes) {
        Ok(text) => Ok(SourceFile::read_from_disk(shown, text, skipped)),
        Err(NotUtf8 {
            valid_up_to: valid,
            encoding,
        }) => {
            let text = String::from_utf8_lossy(without_bom(&bytes)).into_owned();
            // Lossy decoding keeps the valid prefix byte for byte, so `valid` is a boundary.
            let end = text
                .get(valid..)
                .and_then(|rest| rest.chars().next())
                .map_or(valid, |c| valid + c.len_utf8());
            let message = match (lang, encoding) {
                (Lang::Zh, Some(enc)) => format!("文件不是 UTF-8 编码（疑似 {enc}）"),
                (Lang::Zh, None) => "文件不是 UTF-8 编码（可能是二进制文件）".to_owned(),
                (Lang::En, Some(enc)) => format!("file is not UTF-8 (it looks like {enc})"),
                (Lang::En, None) => "file is not UTF-8 (it may be binary)".to_owned(),
            };
            let from = encoding.unwrap_or("GBK");
            let help = Some(match lang {
                Lang::Zh => format!(
                    "用编辑器另存为 UTF-8，或运行：iconv -f {from} -t UTF-8 原文件 > 新文件"
                ),
                Lang::En => format!(
                    "save it as UTF-8 in your editor, or run: iconv -f {from} -t UTF-8 old > new"
                ),
            });
            let source = SourceFile::read_from_disk(shown, text, skipped);
            Err(failure(
                &options.rules.not_utf8,
                source,
                Span::new(valid, end),
                message,
                help,
            ))
        }
    }
}

/// A file that could not be read (or, from an editor, was larger than a file may be): listed
/// with no text, and a SUBMIT-001 finding saying why.
pub(crate) fn unread(problem: &ReadProblem, shown: &str, options: &LoadOptions) -> ReadFailure {
    let (message, help) = read_problem_text(problem, options.lang);
    let source = SourceFile::new(shown, "");
    failure(
        &options.rules.invalid_yaml,
        source,
        Span::default(),
        message,
        help,
    )
}

/// A file that has no tree, with the SUBMIT finding of `rule` at `span` saying why.
fn failure(
    (rule, severity): &(Arc<RuleHeader>, Severity),
    source: Arc<SourceFile>,
    span: Span,
    message: String,
    help: Option<String>,
) -> ReadFailure {
    let finding =
        Finding::new(rule.clone(), *severity, source.clone(), span, "", message).with_help(help);
    (source, Box::new(finding))
}

/// The message and help for a file that could not be read.
pub(crate) fn read_problem_text(problem: &ReadProblem, lang: Lang) -> (String, Option<String>) {
    match (problem, lang) {
        (ReadProblem::Directory, Lang::Zh) => (
            "这是一个目录，不是文件".to_owned(),
            Some("清单文件应是普通的 YAML 文件".to_owned()),
        ),
        (ReadProblem::Directory, Lang::En) => (
            "this is a directory, not a file".to_owned(),
            Some("an inventory file must be a plain YAML file".to_owned()),
        ),
        (ReadProblem::NotRegular, Lang::Zh) => (
            "不是普通文件（管道、设备或套接字），未读取".to_owned(),
            Some("清单文件应是普通的 YAML 文件".to_owned()),
        ),
        (ReadProblem::NotRegular, Lang::En) => (
            "not a regular file (a pipe, device or socket): not read".to_owned(),
            Some("an inventory file must be a plain YAML file".to_owned()),
        ),
        (ReadProblem::TooLarge { limit }, _) => (
            match lang {
                Lang::Zh => {
                    format!("文件超过大小上限 {limit} 字节（limits.max_file_bytes），未读取")
                }
                Lang::En => format!(
                    "file is larger than the limit of {limit} bytes (limits.max_file_bytes): not read"
                ),
            },
            Some(raise_limit_help("max_file_bytes", *limit as usize, lang)),
        ),
        (ReadProblem::OutsideTree { target }, Lang::Zh) => (
            format!(
                "这是一个符号链接，指向检查范围之外（{}），未读取",
                crate::source::printable_line(&target.display().to_string())
            ),
            Some("把文件本身复制到单位目录中，不要用链接".to_owned()),
        ),
        (ReadProblem::OutsideTree { target }, Lang::En) => (
            format!(
                "a symbolic link that leads outside the tree being checked (to {}): not read",
                crate::source::printable_line(&target.display().to_string())
            ),
            Some("copy the file itself into the unit's directory instead of linking it".to_owned()),
        ),
        (ReadProblem::Io(error), Lang::Zh) => (format!("无法读取文件：{error}"), None),
        (ReadProblem::Io(error), Lang::En) => (format!("cannot read the file: {error}"), None),
    }
}

/// How to raise a resource limit, naming its key in `jianfu.yaml` and a value it accepts.
fn raise_limit_help(key: &str, limit: usize, lang: Lang) -> String {
    let ceiling = match key {
        "max_file_bytes" => {
            usize::try_from(crate::load::MAX_FILE_BYTES_CEILING).unwrap_or(usize::MAX)
        }
        "max_depth" => crate::load::MAX_DEPTH_CEILING,
        _ => crate::load::MAX_NODES_CEILING,
    };
    let raised = limit.saturating_mul(2).clamp(1, ceiling.max(1));
    match lang {
        Lang::Zh => format!(
            "这是防范恶意文件的资源上限；如该文件确属正常，可在 jianfu.yaml 中调高：limits: {{{key}: {raised}}}"
        ),
        Lang::En => format!(
            "a resource limit against hostile files; if this file is genuine, raise it in jianfu.yaml: limits: {{{key}: {raised}}}"
        ),
    }
}

/// What an explicit YAML tag asks of its value.
fn tag_help(tag: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("`!!{tag}` 要求取值是该类型；删去这个标记，或改正取值"),
        Lang::En => {
            format!("`!!{tag}` requires a value of that type: remove the tag or correct the value")
        }
    }
}

/// The encoding a non-UTF-8 file was most likely saved in.
fn guess_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16BE");
    }
    // Text never holds NUL or most other C0 controls; such bytes are binary, not GBK.
    if bytes
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
    {
        return None;
    }
    let (_, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    (!had_errors).then_some("GBK")
}

fn yaml_error(source: &Arc<SourceFile>, error: &LoadError, options: &LoadOptions) -> Finding {
    let (rule, severity) = &options.rules.invalid_yaml;
    let lang = options.lang;
    let (message, help) = match (lang, error) {
        (Lang::Zh, LoadError::Syntax { message, .. }) => {
            (format!("YAML 格式错误：{message}"), None)
        }
        (Lang::En, LoadError::Syntax { message, .. }) => (format!("invalid YAML: {message}"), None),
        (Lang::Zh, LoadError::TooManyNodes { limit, .. }) => (
            format!("节点数超过上限 {limit}（含别名展开，limits.max_nodes），未检查"),
            Some(raise_limit_help("max_nodes", *limit, lang)),
        ),
        (Lang::En, LoadError::TooManyNodes { limit, .. }) => (
            format!(
                "more than {limit} nodes counting alias expansions (limits.max_nodes): not checked"
            ),
            Some(raise_limit_help("max_nodes", *limit, lang)),
        ),
        (Lang::Zh, LoadError::TooManyAliasNodes { limit, .. }) => (
            format!(
                "锚点和别名展开复制的节点超过上限 {limit}（limits.max_alias_nodes），疑似别名炸弹，未检查"
            ),
            Some(raise_limit_help("max_alias_nodes", *limit, lang)),
        ),
        (Lang::En, LoadError::TooManyAliasNodes { limit, .. }) => (
            format!(
                "anchors and aliases expand to more than {limit} nodes (limits.max_alias_nodes): an alias bomb? not checked"
            ),
            Some(raise_limit_help("max_alias_nodes", *limit, lang)),
        ),
        (Lang::Zh, LoadError::TooManyAliasBytes { limit, .. }) => (
            format!(
                "锚点和别名展开复制的文字超过 {limit} 字节（limits.max_file_bytes），疑似别名炸弹，未检查"
            ),
            Some(raise_limit_help(
                "max_file_bytes",
                usize::try_from(*limit).unwrap_or(usize::MAX),
                lang,
            )),
        ),
        (Lang::En, LoadError::TooManyAliasBytes { limit, .. }) => (
            format!(
                "anchors and aliases copy more than {limit} bytes of text (limits.max_file_bytes): an alias bomb? not checked"
            ),
            Some(raise_limit_help(
                "max_file_bytes",
                usize::try_from(*limit).unwrap_or(usize::MAX),
                lang,
            )),
        ),
        (Lang::Zh, LoadError::TooDeep { limit, .. }) => (
            format!("嵌套层数超过上限 {limit}（limits.max_depth），未检查"),
            Some(raise_limit_help("max_depth", *limit, lang)),
        ),
        (Lang::En, LoadError::TooDeep { limit, .. }) => (
            format!(
                "nested deeper than the limit of {limit} levels (limits.max_depth): not checked"
            ),
            Some(raise_limit_help("max_depth", *limit, lang)),
        ),
        (Lang::Zh, LoadError::SeveralDocuments { .. }) => {
            ("一个文件只能有一个 YAML 文档".to_owned(), None)
        }
        (Lang::En, LoadError::SeveralDocuments { .. }) => {
            ("a file may hold only one YAML document".to_owned(), None)
        }
        (Lang::Zh, LoadError::TagMismatch { tag, value, .. }) => (
            format!("标记 `!!{tag}` 与取值「{value}」不符"),
            Some(tag_help(tag, lang)),
        ),
        (Lang::En, LoadError::TagMismatch { tag, value, .. }) => (
            format!("the tag `!!{tag}` does not fit the value \"{value}\""),
            Some(tag_help(tag, lang)),
        ),
    };
    Finding::new(
        rule.clone(),
        *severity,
        source.clone(),
        error.span(),
        "",
        message,
    )
    .with_help(help)
}

fn schema_violation(
    source: &Arc<SourceFile>,
    violation: Violation,
    options: &LoadOptions,
) -> Finding {
    let (rule, severity) = &options.rules.schema_violation;
    let message = violation.problem.message(options.lang);
    let help = violation.problem.help(options.lang);
    Finding::new(
        rule.clone(),
        *severity,
        source.clone(),
        violation.span,
        violation.path,
        message,
    )
    .with_help(help)
}

/// SUBMIT-004 (and SUBMIT-006 for a division the table does not know): the unit's code
/// against the division table and its own `kind`, `banner` and `township` fields, one finding
/// per problem.
fn check_unit_code(unit: &LoadedUnit, options: &LoadOptions) -> Vec<Finding> {
    let Some(file) = unit.file(Kind::Unit) else {
        return Vec::new();
    };
    let Some(root) = file.root.as_ref() else {
        return Vec::new();
    };
    let Some((code_node, code)) = root.get("code").and_then(|n| Some((n, n.as_str()?))) else {
        return Vec::new();
    };
    let kind = unit.unit_text("kind");
    let banner = unit.unit_text("banner");
    let township = unit.unit_text("township");
    let problems = options.divisions.check(code, kind, banner, township);
    problems
        .iter()
        .map(|problem| {
            let (rule, severity) = if problem.is_unknown_division() {
                &options.rules.unknown_division
            } else {
                &options.rules.bad_unit_code
            };
            let given = Given {
                kind: kind.unwrap_or_default(),
                banner: banner.unwrap_or_default(),
                township: township.unwrap_or_default(),
            };
            let message = code_message(code, problem, &given, options.lang);
            let finding = Finding::new(
                rule.clone(),
                *severity,
                file.source.clone(),
                code_node.span,
                "code",
                message,
            );
            let other = match problem {
                CodeProblem::WrongBanner { .. } => root.get("banner"),
                CodeProblem::WrongTownship { .. } => root.get("township"),
                CodeProblem::WrongKind { .. } => root.get("kind"),
                _ => None,
            };
            match other {
                Some(other) => {
                    let text = match options.lang {
                        Lang::Zh => "与此处不符",
                        Lang::En => "disagrees with this",
                    };
                    finding.with_label(other.span, text)
                }
                None => finding,
            }
        })
        .collect()
}

/// What a unit says it is, beside its code.
pub struct Given<'a> {
    pub kind: &'a str,
    pub banner: &'a str,
    pub township: &'a str,
}

/// The words for one problem with a unit's code.
pub fn code_message(code: &str, problem: &CodeProblem, given: &Given, lang: Lang) -> String {
    use super::codes::{CommitteeKind, TABLE_CUT_OFF};
    let township_code = code.get(..9).unwrap_or(code);
    match (lang, problem) {
        (Lang::Zh, CodeProblem::Malformed) => format!("单位代码 `{code}` 不是 12 位数字"),
        (Lang::En, CodeProblem::Malformed) => format!("unit code `{code}` is not 12 digits"),
        (Lang::Zh, CodeProblem::UnknownBanner { banner }) => format!(
            "统计用区划代码表（截至 {TABLE_CUT_OFF}）中没有旗县市区代码 `{banner}`；若为此后新设，请在 jianfu.yaml 的 `divisions` 中登记并注明依据"
        ),
        (Lang::En, CodeProblem::UnknownBanner { banner }) => format!(
            "the division code table (cut-off {TABLE_CUT_OFF}) has no banner or county `{banner}`; if it was created since, add it under `divisions:` in jianfu.yaml with its source"
        ),
        (
            Lang::Zh,
            CodeProblem::UnknownTownship {
                township,
                banner_name,
            },
        ) => format!(
            "统计用区划代码表（截至 {TABLE_CUT_OFF}）中{banner_name}没有苏木乡镇代码 `{township}`；若为此后新设或调整，请在 jianfu.yaml 的 `divisions` 中登记并注明依据"
        ),
        (
            Lang::En,
            CodeProblem::UnknownTownship {
                township,
                banner_name,
            },
        ) => format!(
            "the division code table (cut-off {TABLE_CUT_OFF}) has no township `{township}` in {banner_name}; if it was created or changed since, add it under `divisions:` in jianfu.yaml with its source"
        ),
        (Lang::Zh, CodeProblem::WrongBanner { expected }) => format!(
            "单位代码 `{code}` 属于{expected}，与 banner「{}」不符",
            given.banner
        ),
        (Lang::En, CodeProblem::WrongBanner { expected }) => format!(
            "unit code `{code}` belongs to {expected}, not to banner “{}”",
            given.banner
        ),
        (Lang::Zh, CodeProblem::WrongTownship { expected }) => format!(
            "单位代码 `{code}` 中的苏木乡镇代码 `{township_code}` 是{expected}，与 township「{}」不符",
            given.township
        ),
        (Lang::En, CodeProblem::WrongTownship { expected }) => format!(
            "township code `{township_code}` of unit code `{code}` is {expected}, not township “{}”",
            given.township
        ),
        (Lang::Zh, CodeProblem::WrongKind { digits, expected }) => match expected {
            Some(CommitteeKind::Community) => format!(
                "单位代码末三位 `{digits}` 表示居民委员会（社区，001–199），与 kind「{}」不符",
                given.kind
            ),
            Some(CommitteeKind::Village) => format!(
                "单位代码末三位 `{digits}` 表示村民委员会（嘎查村，200–399），与 kind「{}」不符",
                given.kind
            ),
            None => format!(
                "单位代码末三位 `{digits}` 既不是居民委员会（001–199）也不是村民委员会（200–399）的代码"
            ),
        },
        (Lang::En, CodeProblem::WrongKind { digits, expected }) => match expected {
            Some(CommitteeKind::Community) => format!(
                "the last three digits `{digits}` stand for a residents' committee (a community, 001–199), not kind “{}”",
                given.kind
            ),
            Some(CommitteeKind::Village) => format!(
                "the last three digits `{digits}` stand for a villagers' committee (a village, 200–399), not kind “{}”",
                given.kind
            ),
            None => format!(
                "the last three digits `{digits}` are neither a residents' committee's (001–199) nor a villagers' committee's (200–399)"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_end_is_the_quarters_last_day() {
        assert_eq!(period_end("2025-Q2"), NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(period_end("2025-Q4"), NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(period_end("2024-Q1"), NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(period_end("2025-Q5"), None);
        // Regression: the year after i32::MAX overflowed (a panic in debug builds).
        assert_eq!(period_end("2147483647-Q4"), None);
        assert_eq!(period_end("-Q1"), None);
    }

    #[test]
    fn only_blank_lines_comments_and_markers_hold_nothing() {
        assert!(holds_nothing(""));
        assert!(holds_nothing("# 无\n\n---\n"));
        assert!(!holds_nothing("null\n"));
        assert!(!holds_nothing("tasks: []\n"));
    }
}
