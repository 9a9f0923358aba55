//! Loading one unit directory: read and decode each of its eight files, parse, validate, and
//! turn every problem into a SUBMIT finding. A broken file never stops the others from loading,
//! and a broken item never hides the valid items of its file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::finding::{Finding, RuleHeader, Severity};
use crate::load::{Limits, LoadError, Node, load_source};
use crate::source::{SourceFile, Span};
use crate::wording::{Key as KeyOf, Message, keys};

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
    /// Whether the sections' trees were freed ([`LoadedUnit::drop_section_trees`]).
    sections_dropped: bool,
}

impl LoadedUnit {
    pub fn file(&self, kind: Kind) -> Option<&LoadedFile> {
        debug_assert!(
            kind == Kind::Unit || !self.sections_dropped,
            "{kind:?} looked up after the sections' trees were freed"
        );
        self.files
            .iter()
            .find(|f| f.kind == kind && f.root.is_some())
    }

    /// Free the trees of the section files, keeping `unit.yaml`'s (every report names the unit
    /// from it) and each file's text (positions, excerpts). Called by the worker that checked
    /// the unit, right after the rules: the trees are then still in its cache, and a report of
    /// findings never reads them. Freed later, on the thread that reports, each node was a cache
    /// miss (36 % of a check's misses of a 2 MB cache, docs/performance.md).
    pub fn drop_section_trees(&mut self) {
        for file in &mut self.files {
            if file.kind != Kind::Unit {
                file.root = None;
            }
        }
        self.sections_dropped = true;
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
    let unit_dir = UnitDir::open(dir);
    // Nearly every unit is a folder with `unit.yaml`; any other may be a workbook or a
    // directory of CSV files, read through its own renderer.
    let sheet = if unit_dir.has(Kind::Unit.file_name()) {
        None
    } else {
        super::sheet::sheet_source(dir)
    };
    let mut unit = match sheet {
        Some(source) => super::sheet::load_sheet_unit(&source, display, options),
        None => load_files(&unit_dir, display, &[], options),
    };
    if let Some(finding) = config_inside_unit(&unit_dir, display, options) {
        let mut finding = finding;
        finding.unit = unit.code.clone();
        unit.findings.push(finding);
    }
    unit
}

/// SUBMIT-007: a `jianfu.yaml` in a unit's own directory. It is never used (the league's
/// configuration is found above the unit; a unit must not switch rules off for itself), and
/// the unit is told so.
fn config_inside_unit(dir: &UnitDir, display: &str, options: &LoadOptions) -> Option<Finding> {
    let name = crate::config::CONFIG_FILE;
    if !dir.has(name) {
        return None;
    }
    let source = SourceFile::new(join_display(display, name), "");
    let message = Message::new(&keys::CONFIG_IN_UNIT);
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
    load_files(&UnitDir::open(dir), display, overlay, options)
}

/// The unit's files read from `dir`, but those of the kinds in `overlay`, taken as given.
fn load_files(
    dir: &UnitDir,
    display: &str,
    overlay: &[(Kind, String)],
    options: &LoadOptions,
) -> LoadedUnit {
    let mut inputs = Vec::new();
    let mut findings = Vec::new();
    for kind in Kind::ALL {
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
        match read_text(dir, kind.file_name(), &shown, options) {
            Ok(source) => inputs.push((kind, source, true)),
            // Asked only when reading failed: one file-system look-up fewer for every file.
            Err(_) if kind != Kind::Unit && !dir.has(kind.file_name()) => {
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

/// A unit whose files are held in memory (an upload to the check desk): each given file is
/// read as [`load_unit`] reads one from disk, within the same size limit, and a section not
/// given is missing, as it would be from a folder. Nothing touches the disk.
pub fn load_unit_from_bytes(
    display: &str,
    files: &[(Kind, Vec<u8>)],
    options: &LoadOptions,
) -> LoadedUnit {
    let mut inputs = Vec::new();
    let mut findings = Vec::new();
    for kind in Kind::ALL {
        let shown = join_display(display, kind.file_name());
        let read = match files.iter().find(|(k, _)| *k == kind) {
            Some((_, bytes)) if bytes.len() as u64 > options.limits.max_file_bytes => {
                let limit = options.limits.max_file_bytes;
                Err(unread(&ReadProblem::TooLarge { limit }, &shown, options))
            }
            Some((_, bytes)) => decode_file(bytes, &shown, options),
            None if kind != Kind::Unit => {
                findings.push(missing_section(kind, &shown, options));
                continue;
            }
            None => {
                let absent = std::io::Error::from(std::io::ErrorKind::NotFound);
                Err(unread(&ReadProblem::Io(absent), &shown, options))
            }
        };
        match read {
            Ok(source) => inputs.push((kind, source, true)),
            Err((source, finding)) => {
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
        sections_dropped: false,
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
    let message = Message::new(&keys::SECTION_MISSING).arg("file", kind.file_name());
    let key = kind.section_key().unwrap_or_default();
    Finding::new(
        rule.clone(),
        *severity,
        SourceFile::new(shown, ""),
        Span::default(),
        key,
        message,
    )
    .with_help(Some(Message::new(&keys::EMPTY_LIST).arg("key", key)))
}

/// Parse and validate one file's text.
fn parse_file(
    kind: Kind,
    source: Arc<SourceFile>,
    options: &LoadOptions,
) -> (LoadedFile, Vec<Finding>) {
    let mut findings = Vec::new();
    let root = match load_source(&source, &options.limits) {
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
    let message = Message::new(&keys::FILE_EMPTY).arg("file", kind.file_name());
    let help = match kind.section_key() {
        Some(key) => Message::new(&keys::FILE_EMPTY_HELP).arg("key", key),
        None => Message::new(&keys::UNIT_EMPTY_HELP),
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
/// Never follows a path into a pipe or device, nor a link out of the tree; the file is looked at
/// again once open, and no more is read than its length then, within the limit, so a file that
/// grows after it was looked at still cannot exhaust memory.
pub(crate) fn read_bytes(
    path: &Path,
    limit: u64,
    tree: Option<&Path>,
) -> Result<Vec<u8>, ReadProblem> {
    FileKind::of(&followed_metadata(path, tree)?).readable(limit)?;
    read_opened(open_without_blocking(path).map_err(ReadProblem::Io)?, limit)
}

/// What a file is, as [`read_bytes`] asks before and after opening it.
struct FileKind {
    dir: bool,
    file: bool,
    len: u64,
}

impl FileKind {
    fn of(meta: &std::fs::Metadata) -> FileKind {
        FileKind {
            dir: meta.is_dir(),
            file: meta.is_file(),
            len: meta.len(),
        }
    }

    /// Its length, if it is a regular file of at most `limit` bytes.
    fn readable(&self, limit: u64) -> Result<u64, ReadProblem> {
        if self.dir {
            Err(ReadProblem::Directory)
        } else if !self.file {
            Err(ReadProblem::NotRegular)
        } else if self.len > limit {
            Err(ReadProblem::TooLarge { limit })
        } else {
            Ok(self.len)
        }
    }
}

/// The bytes of a file just opened, looked at again on the open handle (the path may have been
/// swapped since it was looked at).
fn read_opened(file: std::fs::File, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    let len = FileKind::of(&file.metadata().map_err(ReadProblem::Io)?).readable(limit)?;
    read_at_most(file, len)
}

/// At most `len` bytes of `file`, `len` being its length when it was looked at (and within the
/// limit): reading exactly that much needs no second read to meet the end (one system call fewer
/// a file), and a file that grows meanwhile cannot outgrow the limit.
fn read_at_most(file: std::fs::File, len: u64) -> Result<Vec<u8>, ReadProblem> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(len)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    Ok(bytes)
}

/// A unit's directory, held open while its files are read, so that each file is looked up by
/// its name alone: given a whole path, the kernel walks every directory from the root again,
/// twice a file (looked at, then opened). On the peers' corpus that walking was 6 % of a
/// check's time; by its name, a check takes 3 % less CPU and `--parse-only` 5 %. Files are looked
/// at before they are opened as [`read_bytes`] looks at a path, and opened without following a
/// link; a link, or a directory that could not be opened, is read by its path.
pub(crate) struct UnitDir<'a> {
    path: &'a Path,
    #[cfg(unix)]
    fd: Option<std::os::fd::OwnedFd>,
}

impl UnitDir<'_> {
    pub(crate) fn open(path: &Path) -> UnitDir<'_> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(path, flags, Mode::empty()).ok();
            UnitDir { path, fd }
        }
        #[cfg(not(unix))]
        UnitDir { path }
    }

    /// Whether `name` is there, whatever it is (a link is not followed).
    pub(crate) fn has(&self, name: &str) -> bool {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            return rustix::fs::statat(fd, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).is_ok();
        }
        self.path.join(name).symlink_metadata().is_ok()
    }

    /// The bytes of the file `name`, as [`read_bytes`] reads the path of it.
    pub(crate) fn read(
        &self,
        name: &str,
        limit: u64,
        tree: Option<&Path>,
    ) -> Result<Vec<u8>, ReadProblem> {
        #[cfg(unix)]
        if let Some(fd) = &self.fd {
            use rustix::fs::{AtFlags, FileType, Mode, OFlags};
            let io = |e: rustix::io::Errno| ReadProblem::Io(e.into());
            let stat = rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW).map_err(io)?;
            let kind = FileType::from_raw_mode(stat.st_mode);
            if kind != FileType::Symlink {
                let len = FileKind {
                    dir: kind == FileType::Directory,
                    file: kind == FileType::RegularFile,
                    len: u64::try_from(stat.st_size).unwrap_or(0),
                }
                .readable(limit)?;
                // Not through a link: a link put in the file's place since is refused. Not looked
                // at again once open (that was 6–8 % of `--parse-only`'s time): whatever was put in
                // its place since is read for at most the length seen, and without blocking.
                let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
                let file = rustix::fs::openat(fd, name, flags, Mode::empty()).map_err(io)?;
                return read_at_most(std::fs::File::from(file), len);
            }
        }
        read_bytes(&self.path.join(name), limit, tree)
    }
}

/// What `path` is, links followed, looked at before it is opened (opening a device can have
/// effects of its own). One `lstat` for a file that is not a link, which is nearly every file:
/// only a link is looked at again, and, when a tree is given, refused if it leads out of it. A
/// unit's files sit directly in its directory, which discovery only enters inside the tree, so
/// only the file itself can lead out.
fn followed_metadata(path: &Path, tree: Option<&Path>) -> Result<std::fs::Metadata, ReadProblem> {
    let meta = std::fs::symlink_metadata(path).map_err(ReadProblem::Io)?;
    if !meta.file_type().is_symlink() {
        return Ok(meta);
    }
    if let Some(tree) = tree
        && let Ok(target) = std::fs::canonicalize(path)
        && !target.starts_with(tree)
    {
        return Err(ReadProblem::OutsideTree { target });
    }
    std::fs::metadata(path).map_err(ReadProblem::Io)
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
///
/// Checked with SIMD instructions (simdutf8) first: the standard library's check, a byte at a
/// time through Chinese text, was the largest part of `--parse-only`'s own time. Bytes that
/// fail are checked again by the standard library, which says where.
pub fn decode_text(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let body = without_bom(bytes);
    if let Ok(text) = simdutf8::basic::from_utf8(body) {
        return Ok(text);
    }
    std::str::from_utf8(body).map_err(|error| NotUtf8 {
        valid_up_to: error.valid_up_to(),
        encoding: guess_encoding(body),
    })
}

/// The file's text as UTF-8 without a BOM, or a SUBMIT finding saying why not.
fn read_text(
    dir: &UnitDir,
    name: &str,
    shown: &str,
    options: &LoadOptions,
) -> Result<Arc<SourceFile>, ReadFailure> {
    let bytes = match dir.read(name, options.limits.max_file_bytes, options.tree) {
        Ok(bytes) => bytes,
        Err(problem) => return Err(unread(&problem, shown, options)),
    };
    decode_file(&bytes, shown, options)
}

/// A file's bytes as text: UTF-8 with or without a byte-order mark, else SUBMIT-005 naming the
/// encoding it seems to be in.
fn decode_file(
    bytes: &[u8],
    shown: &str,
    options: &LoadOptions,
) -> Result<Arc<SourceFile>, ReadFailure> {
    let skipped = bytes.len() - without_bom(bytes).len();
    match decode_text(bytes) {
        Ok(text) => Ok(SourceFile::read_from_disk(shown, text, skipped)),
        Err(NotUtf8 {
            valid_up_to: valid,
            encoding,
        }) => {
            let text = String::from_utf8_lossy(without_bom(bytes)).into_owned();
            // Lossy decoding keeps the valid prefix byte for byte, so `valid` is a boundary.
            let end = text
                .get(valid..)
                .and_then(|rest| rest.chars().next())
                .map_or(valid, |c| valid + c.len_utf8());
            let message = match encoding {
                Some(encoding) => Message::new(&keys::NOT_UTF8).arg("encoding", encoding),
                None => Message::new(&keys::NOT_UTF8_BINARY),
            };
            let from = encoding.unwrap_or("GBK");
            let help = Some(Message::new(&keys::NOT_UTF8_HELP).arg("encoding", from));
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
    let (message, help) = read_problem_text(problem);
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
    message: Message,
    help: Option<Message>,
) -> ReadFailure {
    let finding =
        Finding::new(rule.clone(), *severity, source.clone(), span, "", message).with_help(help);
    (source, Box::new(finding))
}

/// The message and help for a file that could not be read.
pub(crate) fn read_problem_text(problem: &ReadProblem) -> (Message, Option<Message>) {
    match problem {
        ReadProblem::Directory => (
            Message::new(&keys::READ_DIRECTORY),
            Some(Message::new(&keys::READ_PLAIN_FILE_HELP)),
        ),
        ReadProblem::NotRegular => (
            Message::new(&keys::READ_NOT_REGULAR),
            Some(Message::new(&keys::READ_PLAIN_FILE_HELP)),
        ),
        ReadProblem::TooLarge { limit } => (
            Message::new(&keys::READ_TOO_LARGE).arg("limit", *limit),
            Some(raise_limit_help("max_file_bytes", *limit as usize)),
        ),
        ReadProblem::OutsideTree { target } => (
            Message::new(&keys::READ_OUTSIDE_TREE).arg("target", target.display().to_string()),
            Some(Message::new(&keys::READ_OUTSIDE_TREE_HELP)),
        ),
        ReadProblem::Io(error) => (
            Message::new(&keys::READ_FAILED).arg("error", error.to_string()),
            None,
        ),
    }
}

/// How to raise a resource limit, naming its key in `jianfu.yaml` and a value it accepts.
fn raise_limit_help(key: &'static str, limit: usize) -> Message {
    let ceiling = match key {
        "max_file_bytes" => {
            usize::try_from(crate::load::MAX_FILE_BYTES_CEILING).unwrap_or(usize::MAX)
        }
        "max_depth" => crate::load::MAX_DEPTH_CEILING,
        _ => crate::load::MAX_NODES_CEILING,
    };
    let raised = limit.saturating_mul(2).clamp(1, ceiling.max(1));
    Message::new(&keys::RAISE_LIMIT_HELP)
        .arg("key", key)
        .arg("raised", raised)
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
    let limited = |key: &'static KeyOf, limit: usize, config: &'static str| {
        (
            Message::new(key).arg("limit", limit),
            Some(raise_limit_help(config, limit)),
        )
    };
    let (message, help) = match error {
        LoadError::Syntax { message, .. } => (
            Message::new(&keys::YAML_SYNTAX).arg("detail", message.as_str()),
            None,
        ),
        LoadError::TooManyNodes { limit, .. } => {
            limited(&keys::YAML_TOO_MANY_NODES, *limit, "max_nodes")
        }
        LoadError::TooManyAliasNodes { limit, .. } => {
            limited(&keys::YAML_TOO_MANY_ALIAS_NODES, *limit, "max_alias_nodes")
        }
        LoadError::TooManyAliasBytes { limit, .. } => limited(
            &keys::YAML_TOO_MANY_ALIAS_BYTES,
            usize::try_from(*limit).unwrap_or(usize::MAX),
            "max_file_bytes",
        ),
        LoadError::TooDeep { limit, .. } => limited(&keys::YAML_TOO_DEEP, *limit, "max_depth"),
        LoadError::SeveralDocuments { .. } => (Message::new(&keys::YAML_SEVERAL_DOCUMENTS), None),
        LoadError::TagMismatch { tag, value, .. } => (
            Message::new(&keys::YAML_TAG_MISMATCH)
                .arg("tag", tag.as_str())
                .arg("value", value.as_str()),
            Some(Message::new(&keys::YAML_TAG_HELP).arg("tag", tag.as_str())),
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
    let message = violation.problem.message();
    let help = violation.problem.help();
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
            let message = code_message(code, problem, &given);
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
                    finding.with_label(other.span, Message::new(&keys::CODE_DISAGREES_HERE))
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

/// One problem with a unit's code, as a message.
pub fn code_message(code: &str, problem: &CodeProblem, given: &Given) -> Message {
    use super::codes::{CommitteeKind, TABLE_CUT_OFF};
    let township_code = code.get(..9).unwrap_or(code);
    match problem {
        CodeProblem::Malformed => Message::new(&keys::CODE_MALFORMED).arg("code", code),
        CodeProblem::UnknownBanner { banner } => Message::new(&keys::CODE_UNKNOWN_BANNER)
            .arg("banner", banner.as_str())
            .arg("cutoff", TABLE_CUT_OFF),
        CodeProblem::UnknownTownship {
            township,
            banner_name,
        } => Message::new(&keys::CODE_UNKNOWN_TOWNSHIP)
            .arg("township", township.as_str())
            .arg("banner_name", banner_name.as_str())
            .arg("cutoff", TABLE_CUT_OFF),
        CodeProblem::WrongBanner { expected } => Message::new(&keys::CODE_WRONG_BANNER)
            .arg("code", code)
            .arg("expected", expected.as_str())
            .arg("banner", given.banner),
        CodeProblem::WrongTownship { expected } => Message::new(&keys::CODE_WRONG_TOWNSHIP)
            .arg("code", code)
            .arg("township_code", township_code)
            .arg("expected", expected.as_str())
            .arg("township", given.township),
        CodeProblem::WrongKind { digits, expected } => {
            let key = match expected {
                Some(CommitteeKind::Community) => &keys::CODE_KIND_COMMUNITY,
                Some(CommitteeKind::Village) => &keys::CODE_KIND_VILLAGE,
                None => &keys::CODE_KIND_NEITHER,
            };
            let message = Message::new(key).arg("digits", digits.as_str());
            match expected {
                Some(_) => message.arg("kind", given.kind),
                None => message,
            }
        }
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

    /// Long enough for the SIMD check's wide blocks, with a bad byte at every place of the
    /// last blocks: the text, or where it stops being UTF-8, as the standard library says.
    #[test]
    fn text_is_decoded_as_the_standard_library_decodes_it() {
        let text = "tasks:\n  - name: 森林草原防火巡查表，每月一次\n".repeat(6);
        let bytes = text.as_bytes();
        assert_eq!(decode_text(bytes), Ok(text.as_str()));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), bytes].concat();
        assert_eq!(decode_text(&with_bom), Ok(text.as_str()));
        for at in bytes.len() - 100..bytes.len() {
            for bad in [0xFF, 0xC0, 0x80, 0xE9] {
                let mut broken = bytes.to_vec();
                broken[at] = bad;
                let expected = std::str::from_utf8(&broken).map_err(|e| e.valid_up_to());
                let got = decode_text(&broken).map_err(|e| e.valid_up_to);
                assert_eq!(got, expected, "{bad:#x} at {at}");
            }
        }
    }

    #[test]
    fn only_blank_lines_comments_and_markers_hold_nothing() {
        assert!(holds_nothing(""));
        assert!(holds_nothing("# 无\n\n---\n"));
        assert!(!holds_nothing("null\n"));
        assert!(!holds_nothing("tasks: []\n"));
    }
}
