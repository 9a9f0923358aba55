//! A file's text and the one conversion every reporter needs: byte offset → 1-based line and
//! character column.
//!
//! miette wants byte offsets; JSON, SARIF and GitHub want character columns. Chinese text makes
//! the two differ (一个汉字 is three bytes and one column), so every column a user sees is computed
//! here and nowhere else. This module knows nothing about YAML.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

pub mod cells;

pub use cells::{CellMap, CellRef, RowCell, RowCells, Titled};

/// A byte range into a [`SourceFile`]'s text. Kept as `u32` pairs so findings stay small.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: saturate(start),
            end: saturate(end.max(start)),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

pub(crate) fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start as usize, span.len()).into()
    }
}

/// A 1-based line and 1-based column counted in Unicode scalar values (characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// The start and end of a span, both as [`LineCol`]. The end is exclusive, as in SARIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Region {
    pub start: LineCol,
    pub end: LineCol,
}

/// One file as the user gave it: the path to show, its text (UTF-8, BOM removed) and where
/// each line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given on the command line joined with the path inside it, made
    /// [`printable_line`].
    pub path: String,
    pub text: String,
    /// Found by the loader on its way through a text in its fast subset
    /// ([`SourceFile::keep_line_starts`]), else on the first position asked for: most files
    /// never have a finding.
    line_starts: OnceLock<Vec<u32>>,
    /// For a text rendered from a spreadsheet: which cell each value came from.
    cells: Option<CellMap>,
    /// The text made [`printable`] for snippets, computed when first shown; `None` when the
    /// text is printable already.
    shown: std::sync::OnceLock<Option<String>>,
    /// Bytes of the file before `text`: 3 for a UTF-8 byte-order mark, which is not text but
    /// counts in byte offsets into the file.
    skipped: u32,
}

/// `text` with every character that could act on a terminal or reorder what a reader sees
/// replaced, byte for byte, so that spans into the original still fit: C0 controls but tab and
/// line feed (and a carriage return not before a line feed) and DEL become `?`, C1 controls
/// `¿`, and bidirectional controls and line or paragraph separators U+FFFD.
///
/// Inventory text reaches people's terminals (an escape sequence in a sign's name could clear
/// the screen or retitle the window) and editors (a right-to-left override can make a name
/// read differently from what it is); JSON escapes them by itself, people's screens do not.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    replace_controls(text, true)
}

/// [`printable_line`] for an owned text: the text itself when nothing needs replacing, with no
/// copy (nearly every message, help and name).
pub fn printable_line_owned(text: String) -> String {
    match printable_line(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(replaced) => replaced,
    }
}

/// Whether `bytes` hold a character [`replace_controls`] replaces: a C0 control other than a
/// tab (and a line feed when lines are kept), DEL, a C1 control (UTF-8 `C2 80`–`C2 9F`), or a
/// bidirectional or line-separator mark (`E2 80 8E`/`8F`, `E2 80 A8`–`AE`, `E2 81 A6`–`A9`).
/// A carriage return always takes the slow path, which knows whether a line feed follows.
fn may_need_replacing(bytes: &[u8], keep_lines: bool) -> bool {
    // Most text has no byte that could start such a character, which a vectorised pass says.
    let suspect = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    if !any_byte(bytes, suspect) {
        return false;
    }
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' => false,
        b'\n' => !keep_lines,
        0x00..=0x1f | 0x7f => true,
        0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
        0xe2 => matches!(
            (at(i + 1), at(i + 2)),
            (0x80, 0x8e | 0x8f | 0xa8..=0xae) | (0x81, 0xa6..=0xa9)
        ),
        _ => false,
    })
}

/// Where each line of `bytes` starts: after LF, after CRLF, after a CR alone. With one byte to
/// look for when the text has no CR (most have none), which is faster than two. (Finding the
/// LFs eight bytes at a time instead took as long, about 7 ns a line either way, the text in
/// the cache or not.)
pub(crate) fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = line_starts_room(bytes.len());
    let after = |i: usize| saturate(i + 1);
    if memchr::memchr(b'\r', bytes).is_none() {
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(after));
    } else {
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(after),
        );
    }
    starts
}

/// A line without the break that ends it (LF, CRLF or a CR alone).
fn without_line_break(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The first line's start, with room for the others of a text of `len` bytes: sized for lines
/// of about 24 bytes (the peers' files average 28, so 32 made most of them grow once).
pub(crate) fn line_starts_room(len: usize) -> Vec<u32> {
    let mut starts = Vec::with_capacity(len / 24 + 2);
    starts.push(0);
    starts
}

/// Whether any of `bytes` passes `test`: sixteen bytes at a time without stopping early, which
/// the compiler turns into vector instructions (several times faster than `iter().any`) as long
/// as `test` joins its comparisons with `|`, not `||`, which branches. The bytes after the last
/// whole sixteen are looked at as the text's last sixteen, overlapping those before, rather than
/// one by one.
pub fn any_byte(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    let sixteen = |chunk: &[u8]| {
        let mut hits = 0u8;
        for &b in chunk {
            hits |= u8::from(test(b));
        }
        hits != 0
    };
    let Some(last) = bytes.len().checked_sub(16).map(|start| &bytes[start..]) else {
        return bytes.iter().any(|&b| test(b));
    };
    let mut chunks = bytes.chunks_exact(16);
    chunks.by_ref().any(sixteen) || (!chunks.remainder().is_empty() && sixteen(last))
}

/// serde_json's error about `text`, its column counted in characters. serde_json counts bytes,
/// and a JSON file people edit (a baseline, a report, a ledger) may hold Chinese before the
/// error: `column 54` where the editor shows 46.
pub fn json_error_in_text(error: &serde_json::Error, text: &str) -> String {
    in_characters(error, text.bytes()).unwrap_or_else(|| error.to_string())
}

/// [`json_error_in_text`] for a file read as a stream (a report may be hundreds of megabytes):
/// read again, as far as the error, when it is reported.
pub fn json_error_in_file(error: &serde_json::Error, path: &std::path::Path) -> String {
    use std::io::Read;
    let again = std::fs::File::open(path).map(std::io::BufReader::new);
    let counted = again.ok().and_then(|file| {
        let bytes = file.bytes().map_while(Result::ok);
        in_characters(error, bytes)
    });
    counted.unwrap_or_else(|| error.to_string())
}

/// The error's words with the column of its line counted in characters: the characters that
/// start in the line's first `column` bytes. `None` when it has no position or the text ends
/// before it.
fn in_characters(error: &serde_json::Error, bytes: impl Iterator<Item = u8>) -> Option<String> {
    let (line, column) = (error.line(), error.column());
    let message = error.to_string();
    let words = message.strip_suffix(&format!(" at line {line} column {column}"))?;
    let mut bytes = bytes.peekable();
    let mut breaks = 0;
    while breaks + 1 < line {
        breaks += usize::from(bytes.next()? == b'\n');
    }
    bytes.peek()?;
    let characters = bytes.take(column).filter(|b| b & 0xc0 != 0x80).count();
    Some(format!("{words} at line {line} column {characters}"))
}

/// [`printable`] for text written into XML (a Word document, a workbook, JUnit): besides the
/// controls, the two characters XML forbids go ([`fit_for_xml`]).
pub fn printable_xml(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match printable(text) {
        Cow::Borrowed(text) => fit_for_xml(text),
        Cow::Owned(shown) => match fit_for_xml(&shown) {
            Cow::Borrowed(_) => Cow::Owned(shown),
            Cow::Owned(fitted) => Cow::Owned(fitted),
        },
    }
}

/// `text` with U+FFFE and U+FFFF, which XML forbids (a document holding one does not open),
/// made U+FFFD, the same length; for text already [`printable`]. Not part of `printable`, which
/// runs on every finding: their first bytes are those of full-width punctuation, which nearly
/// every Chinese message has, so its quick test would pass few texts.
pub fn fit_for_xml(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // Found by their first byte (`EF BF BE`, `EF BF BF`), which `memchr` finds many at a time.
    let forbidden = memchr::memchr_iter(0xef, bytes)
        .any(|i| bytes.get(i + 1) == Some(&0xbf) && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)));
    if !forbidden {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}"))
}

/// [`printable`] for text that must stay on one line (messages, paths): line feeds and
/// carriage returns become `?` too, so that data cannot start a line of its own in a report
/// (where `::error::` at a line's start is a command to GitHub Actions).
pub fn printable_line(text: &str) -> std::borrow::Cow<'_, str> {
    replace_controls(text, false)
}

fn replace_controls(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    // Nearly every text is clean: one pass over the bytes says so without decoding a character.
    if !may_need_replacing(text.as_bytes(), keep_lines) {
        return std::borrow::Cow::Borrowed(text);
    }
    replace_slowly(text, keep_lines)
}

/// [`replace_controls`] character by character.
fn replace_slowly(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let mut chars = text.char_indices().peekable();
    let mut out: Option<String> = None;
    while let Some((at, c)) = chars.next() {
        let next_is_lf = chars.peek().is_some_and(|&(_, n)| n == '\n');
        let replacement = match c {
            '\t' => None,
            '\n' if keep_lines => None,
            '\r' if keep_lines && next_is_lf => None,
            // A lone CR ends a line: shown as a line feed (same length, so the same spans).
            '\r' if keep_lines => Some('\n'),
            '\u{0}'..='\u{1f}' | '\u{7f}' => Some('?'),
            '\u{80}'..='\u{9f}' => Some('¿'),
            '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                Some('\u{fffd}')
            }
            _ => None,
        };
        match (replacement, &mut out) {
            (Some(r), Some(out)) => out.push(r),
            (Some(r), None) => {
                let mut copy = String::with_capacity(text.len());
                copy.push_str(text.get(..at).unwrap_or_default());
                copy.push(r);
                out = Some(copy);
            }
            (None, Some(out)) => out.push(c),
            (None, None) => {}
        }
    }
    match out {
        Some(out) => std::borrow::Cow::Owned(out),
        None => std::borrow::Cow::Borrowed(text),
    }
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<SourceFile> {
        SourceFile::assemble(path.into(), text.into(), None, 0)
    }

    /// The text of a file read from disk whose first `skipped` bytes (a byte-order mark) are
    /// not part of `text`.
    pub fn read_from_disk(
        path: impl Into<String>,
        text: impl Into<String>,
        skipped: usize,
    ) -> Arc<SourceFile> {
        SourceFile::assemble(path.into(), text.into(), None, saturate(skipped))
    }

    /// A text rendered from a spreadsheet, with the map back to its cells.
    pub fn with_cells(
        path: impl Into<String>,
        text: impl Into<String>,
        cells: CellMap,
    ) -> Arc<SourceFile> {
        SourceFile::assemble(path.into(), text.into(), Some(cells), 0)
    }

    fn assemble(
        path: String,
        text: String,
        cells: Option<CellMap>,
        skipped: u32,
    ) -> Arc<SourceFile> {
        let path = match printable_line(&path) {
            std::borrow::Cow::Borrowed(_) => path,
            std::borrow::Cow::Owned(shown) => shown,
        };
        Arc::new(SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
            cells,
            shown: std::sync::OnceLock::new(),
            skipped,
        })
    }

    /// A byte offset into the text as a byte offset into the file it was read from.
    pub fn file_offset(&self, offset: u32) -> u32 {
        offset.saturating_add(self.skipped)
    }

    /// Keep the line starts the loader found on its way through the text
    /// ([`crate::load::load_source`]), which must be [`line_starts`] of it.
    pub(crate) fn keep_line_starts(&self, starts: Vec<u32>) {
        // Every file a test loads checks what the loader found against the second pass.
        debug_assert_eq!(starts, line_starts(self.text.as_bytes()), "{}", self.path);
        // Set once: a second call finds them kept already, and they are the same.
        let _ = self.line_starts.set(starts);
    }

    /// Find where each line starts now rather than when a position is first asked for (once
    /// either way): [`crate::check`] does it while the text is still in the worker's cache.
    pub fn find_line_starts(&self) {
        self.line_starts();
    }

    /// Whether the line starts were found already.
    #[cfg(test)]
    pub(crate) fn has_line_starts(&self) -> bool {
        self.line_starts.get().is_some()
    }

    /// Where each line starts. A line ends with LF, CRLF, or a CR alone (old Mac files, and
    /// what some editors save): YAML breaks lines at all three, and so do positions here.
    fn line_starts(&self) -> &[u32] {
        self.line_starts
            .get_or_init(|| line_starts(self.text.as_bytes()))
    }

    /// The spreadsheet cell behind `span` (`path` is the finding's logical path, which names
    /// the column when the span covers a whole row), for texts rendered from a spreadsheet.
    pub fn cell_at(&self, span: Span, path: &str) -> Option<CellRef> {
        self.cells.as_ref()?.cell_at(span, path)
    }

    /// The row of cells behind `span`, for texts rendered from a spreadsheet.
    pub fn row_cells(&self, span: Span, path: &str) -> Option<RowCells> {
        self.cells.as_ref()?.row_cells(span, path)
    }

    /// Whether this text was rendered from a spreadsheet.
    pub fn is_sheet(&self) -> bool {
        self.cells.is_some()
    }

    /// The position used to order findings: the span's start, shifted for the later sheets of
    /// a workbook (they share the workbook's path).
    pub fn order_offset(&self, offset: u32) -> u32 {
        self.cells
            .as_ref()
            .map_or(offset, |c| c.order_base().saturating_add(offset))
    }

    /// The 1-based line and character column of a byte offset. Offsets past the end, or inside
    /// a multi-byte character, are clamped to the nearest character boundary before it.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = self.text.floor_char_boundary(offset as usize);
        let line_index = self.line_index(offset);
        let line_start = self.line_starts()[line_index] as usize;
        let column = self.text[line_start..offset].chars().count() + 1;
        LineCol {
            line: saturate(line_index + 1),
            column: saturate(column),
        }
    }

    /// The positions of a span's ends. Most spans end on the line they start on: the end's
    /// column is then counted on from the start's, without a second search for its line.
    pub fn region(&self, span: Span) -> Region {
        let start = self.line_col(span.start);
        let from = self.text.floor_char_boundary(span.start as usize);
        let to = self.text.floor_char_boundary(span.end as usize);
        let next_line = self.line_starts().get(start.line as usize);
        let end = match next_line {
            _ if to < from => self.line_col(span.end),
            Some(&next) if to >= next as usize => self.line_col(span.end),
            _ => LineCol {
                line: start.line,
                column: start
                    .column
                    .saturating_add(saturate(self.text[from..to].chars().count())),
            },
        };
        Region { start, end }
    }

    /// The byte offset of a 1-based line and character column (the inverse of [`line_col`]),
    /// for tools that report positions only in characters. Clamped to the text.
    ///
    /// [`line_col`]: SourceFile::line_col
    pub fn offset_of(&self, line: u32, column: u32) -> usize {
        let index = (line.max(1) - 1) as usize;
        let Some(&start) = self.line_starts().get(index) else {
            return self.text.len();
        };
        let line_text = &self.text[start as usize..];
        let within = line_text
            .char_indices()
            .nth(column.max(1) as usize - 1)
            .map_or(line_text.len(), |(i, _)| i);
        start as usize + within
    }

    /// The text of a 1-based line without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let index = (line.max(1) - 1) as usize;
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(index) else {
            return "";
        };
        let end = line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e as usize);
        without_line_break(&self.text[start as usize..end])
    }

    /// The 0-based line and 0-based column in UTF-16 code units of a byte offset: the
    /// position the Language Server Protocol speaks by default. A character outside the Basic
    /// Multilingual Plane (𠀀, an emoji) is two units there, though one column everywhere else.
    pub fn utf16_position(&self, offset: u32) -> (u32, u32) {
        let offset = self.text.floor_char_boundary(offset as usize);
        let line_index = self.line_index(offset);
        let line_start = self.line_starts()[line_index] as usize;
        let units: usize = self.text[line_start..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        (saturate(line_index), saturate(units))
    }

    /// The byte offset of a 0-based line and UTF-16 column (the inverse of
    /// [`utf16_position`]). Clamped to the line's end, and to the start of a character whose
    /// second unit it points into.
    ///
    /// [`utf16_position`]: SourceFile::utf16_position
    pub fn offset_of_utf16(&self, line: u32, character: u32) -> usize {
        let Some(&start) = self.line_starts().get(line as usize) else {
            return self.text.len();
        };
        let start = start as usize;
        let next_line = self.line_starts().get(line as usize + 1);
        let with_break = &self.text[start..next_line.map_or(self.text.len(), |&e| e as usize)];
        let line_end = start + without_line_break(with_break).len();
        let mut units = 0;
        for (i, c) in self.text[start..line_end].char_indices() {
            units += c.len_utf16();
            if units > character as usize {
                return start + i;
            }
        }
        line_end
    }

    /// The start of the line `before + 1` lines above the one holding `offset` (one line more
    /// than a snippet shows, so that miette sees each line's break as it would in the whole
    /// text), and that line's 0-based index.
    fn window_start(&self, offset: usize, before: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let first = line.saturating_sub(before + 1);
        (self.line_starts()[first] as usize, first)
    }

    /// The end of the line `after + 1` lines below the one holding `offset`, or the text's end.
    fn window_end(&self, offset: usize, after: usize) -> usize {
        let line = self.line_index(offset);
        self.line_starts()
            .get(line + after + 2)
            .map_or(self.text.len(), |&start| start as usize)
    }

    /// The 0-based index of the line holding byte `offset` (clamped to the text).
    fn line_index(&self, offset: usize) -> usize {
        let offset = self.text.floor_char_boundary(offset);
        match self.line_starts().binary_search(&saturate(offset)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }
}

/// miette reads snippets through this impl. It delegates to `str` but reports the column in
/// characters, so the `[file:line:col]` header above each snippet is right under Chinese text
/// (miette's own `str` impl counts bytes there).
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // Snippets come from the printable copy: same length, so the same spans.
        let shown = self
            .shown
            .get_or_init(|| match printable(&self.text) {
                std::borrow::Cow::Borrowed(_) => None,
                std::borrow::Cow::Owned(shown) => Some(shown),
            })
            .as_deref()
            .unwrap_or(&self.text);
        // miette's `str` impl walks the text from its start to find the span's line: cut the
        // lines around the span out first (with the line index), so that a report's cost does
        // not grow with findings × offset.
        let (window_start, first_line) = self.window_start(span.offset(), context_lines_before);
        let window_end = self.window_end(span.offset() + span.len(), context_lines_after);
        let window = &shown[window_start..window_end];
        let within = miette::SourceSpan::from((span.offset() - window_start, span.len()));
        let contents = window.read_span(&within, context_lines_before, context_lines_after)?;
        let start = window_start + contents.span().offset();
        let column = self.line_col(saturate(start)).column as usize - 1;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.path.clone(),
            contents.data(),
            (start, contents.span().len()).into(),
            first_line + contents.line(),
            column,
            // miette counts the line breaks from the text's start to the snippet's end here.
            first_line + contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line starts one byte at a time, the plain way.
    fn line_starts_slowly(bytes: &[u8]) -> Vec<u32> {
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends {
                starts.push(u32::try_from(i + 1).unwrap());
            }
        }
        starts
    }

    #[test]
    fn line_starts_agree_with_a_byte_by_byte_count() {
        // Breaks of every kind at every offset of texts up to 40 bytes, with Chinese between.
        for len in 0..40 {
            for at in 0..len {
                for brk in ["\n", "\r\n", "\r", "\n\n"] {
                    let mut text = "甲".repeat(len / 3) + &"a".repeat(len % 3);
                    let at = (0..=at.min(text.len()))
                        .rev()
                        .find(|&i| text.is_char_boundary(i))
                        .unwrap();
                    text.insert_str(at, brk);
                    text.push('\n');
                    assert_eq!(
                        line_starts(text.as_bytes()),
                        line_starts_slowly(text.as_bytes()),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn line_starts_agree_in_longer_texts_with_bytes_near_a_line_feed() {
        // LFs every few bytes in texts of up to 72 bytes, between bytes one bit from an LF,
        // with and without a CR (which takes the other way).
        for len in 0..72 {
            for every in [1, 2, 3, 7, 8, 9, 17] {
                let mut text: Vec<u8> = (0..len)
                    .map(|i| match i % every == every - 1 {
                        true => b'\n',
                        // Bytes one bit from an LF, which must not be taken for one.
                        false => [b'a', 0x8a, 0x0b, 0x08, 0x0e][i % 5],
                    })
                    .collect();
                assert_eq!(
                    line_starts(&text),
                    line_starts_slowly(&text),
                    "{len} {every}"
                );
                text.push(b'\r');
                assert_eq!(
                    line_starts(&text),
                    line_starts_slowly(&text),
                    "{len} {every}"
                );
            }
        }
    }

    #[test]
    fn a_region_is_the_positions_of_its_two_ends() {
        // Every span, ends inside characters, past the text, reversed, over every kind of
        // line break: the end counted on from the start equals the end looked up by itself.
        for text in [
            "名称: 居住证明\n  - a\r\nb\rc\n\n甲乙",
            "",
            "一",
            "\n\n",
            "ab\r",
        ] {
            let file = SourceFile::new("a.yaml", text);
            for start in 0..=text.len() as u32 + 2 {
                for end in 0..=text.len() as u32 + 2 {
                    let span = Span { start, end };
                    let expected = Region {
                        start: file.line_col(start),
                        end: file.line_col(end),
                    };
                    assert_eq!(file.region(span), expected, "{text:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new(
            "a.yaml",
            "name: 居住证明\n  - {name: 居住证明, issued_count: 很多}\n",
        );
        let offset = file.text.find("很多").unwrap();
        assert_eq!(
            file.line_col(offset as u32),
            LineCol {
                line: 2,
                column: 32
            }
        );
        // The byte column would be 40: make sure we never report that.
        let line_start = file.text.find("  - ").unwrap();
        assert_eq!(offset - line_start + 1, 40);
    }

    /// The snippet window is cut with the line index; what miette gets must be exactly what
    /// reading the whole text would give (the data, the span, the line), at every offset, with
    /// any context, across LF, CRLF and lone-CR lines, at the first and last lines.
    #[test]
    fn windowed_snippets_match_the_whole_text() {
        use miette::SourceCode;
        let text = "a: 甲\n\nb: 乙乙\r\nc: 丙\rd: 丁\n  - {e: 戊}\n\nlast";
        let file = SourceFile::new("a.yaml", text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &start in &boundaries {
            for &end in boundaries.iter().filter(|&&e| e >= start).take(12) {
                let span = miette::SourceSpan::from((start, end - start));
                for (before, after) in [(0, 0), (1, 1), (2, 3), (5, 5)] {
                    let whole = printable(text).into_owned();
                    let expected = whole.read_span(&span, before, after).unwrap();
                    let got = file.read_span(&span, before, after).unwrap();
                    let at = format!("span {start}..{end}, context {before}/{after}");
                    assert_eq!(got.data(), expected.data(), "{at}");
                    assert_eq!(got.span(), expected.span(), "{at}");
                    assert_eq!(got.line(), expected.line(), "{at}");
                    assert_eq!(got.line_count(), expected.line_count(), "{at}");
                }
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let file = SourceFile::new("a.yaml", "tasks:\r  - {name: 乙}\r");
        let offset = file.text.find('乙').unwrap();
        assert_eq!(
            file.line_col(offset as u32),
            LineCol {
                line: 2,
                column: 12
            }
        );
        assert_eq!(file.line_text(2), "  - {name: 乙}");
        assert_eq!(printable("a\rb\r\nc"), "a\nb\r\nc");
    }

    #[test]
    fn crlf_lines_do_not_shift_columns() {
        let file = SourceFile::new("a.yaml", "a: 1\r\nb: 乙\r\n");
        let offset = file.text.find('乙').unwrap();
        assert_eq!(file.line_col(offset as u32), LineCol { line: 2, column: 4 });
        assert_eq!(file.line_text(2), "b: 乙");
    }

    #[test]
    fn utf16_positions_count_astral_characters_twice() {
        let file = SourceFile::new("a.yaml", "a: 1\nname: 𠀀居住 x\n");
        let offset = file.text.find(" x").unwrap() as u32;
        // 𠀀 is two UTF-16 units, 居 and 住 one each: "name: " (6) + 2 + 1 + 1.
        assert_eq!(file.utf16_position(offset), (1, 10));
        assert_eq!(file.offset_of_utf16(1, 10), offset as usize);
        // Pointing into the middle of 𠀀 lands on its start.
        let astral = file.text.find('𠀀').unwrap();
        assert_eq!(file.offset_of_utf16(1, 7), astral);
        // Past the line's end: the end of that line, not the next one.
        assert_eq!(file.offset_of_utf16(0, 99), 4);
        assert_eq!(file.offset_of_utf16(9, 0), file.text.len());
    }

    #[test]
    fn json_errors_count_columns_in_characters() {
        let text = "{\"a\": 1,\n \"名称\": \"中文\", \"x\" 1}";
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        // At the `1`: serde_json says byte 26 of line 2; an editor shows column 18.
        assert_eq!(error.to_string(), "expected `:` at line 2 column 26");
        assert_eq!(
            json_error_in_text(&error, text),
            "expected `:` at line 2 column 18"
        );
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        assert_eq!(
            json_error_in_file(&error, file.path()),
            "expected `:` at line 2 column 18"
        );
        // Without a position, or past the text's end, the words stay as they are.
        let eof = serde_json::from_str::<serde_json::Value>("").unwrap_err();
        assert_eq!(json_error_in_text(&eof, ""), eof.to_string());
        assert_eq!(json_error_in_text(&error, "{}"), error.to_string());
    }

    #[test]
    fn xml_text_loses_only_what_xml_forbids() {
        assert_eq!(fit_for_xml("甲\u{ffff}乙\u{fffe}"), "甲\u{fffd}乙\u{fffd}");
        // Full-width punctuation and the full-width yen (EF BF A5) share the first bytes.
        let kept = "（全角），￥5，ｆｕｌｌ\u{fffd}";
        assert!(matches!(fit_for_xml(kept), std::borrow::Cow::Borrowed(t) if t == kept));
        assert_eq!(
            printable_xml("名\u{1b}[2J\u{202e}\u{ffff}"),
            "名?[2J\u{fffd}\u{fffd}"
        );
        assert_eq!(printable_xml("名\u{1b}x"), "名?x");
        assert!(matches!(printable_xml(kept), std::borrow::Cow::Borrowed(_)));
    }

    /// A line's end is before its break, whichever it is: an editor's edit past the end of a
    /// CRLF line goes before the CR, never between the CR and the LF.
    #[test]
    fn utf16_offsets_past_a_line_stop_before_its_break() {
        let file = SourceFile::new("a.yaml", "a: 甲\r\nb: 2\rc: 3\n");
        assert_eq!(file.offset_of_utf16(0, 4), "a: 甲".len());
        assert_eq!(file.offset_of_utf16(0, 99), "a: 甲".len());
        assert_eq!(file.offset_of_utf16(1, 99), "a: 甲\r\nb: 2".len());
        assert_eq!(file.offset_of_utf16(2, 99), "a: 甲\r\nb: 2\rc: 3".len());
    }

    #[test]
    fn printable_replaces_controls_byte_for_byte() {
        let text = "名\u{1b}[2J\u{7}x\r\n\u{85}\u{202e}牌\rz\t";
        let shown = printable(text);
        assert_eq!(shown, "名?[2J?x\r\n¿\u{fffd}牌\nz\t");
        assert_eq!(shown.len(), text.len());
        assert!(matches!(
            printable("甲\r\n乙\t"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(printable_line("甲\r\n::error::乙"), "甲??::error::乙");
    }

    /// The byte scan finds every character the slow path replaces, and lets the quotation marks
    /// and dashes of Chinese text (also `E2 80 …`) through.
    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let text = format!("甲{c}乙“”—");
            for keep_lines in [true, false] {
                let slow = replace_slowly(&text, keep_lines);
                let fast = may_need_replacing(text.as_bytes(), keep_lines);
                assert_eq!(
                    fast,
                    matches!(slow, std::borrow::Cow::Owned(_)),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn any_byte_finds_a_byte_at_every_place_of_texts_up_to_fifty_bytes() {
        for len in 0..50 {
            let mut bytes = vec![b'a'; len];
            assert!(!any_byte(&bytes, |b| b == b'"'), "{len}");
            for at in 0..len {
                bytes[at] = b'"';
                assert!(any_byte(&bytes, |b| b == b'"'), "{len} {at}");
                bytes[at] = b'a';
            }
        }
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("a.yaml", "ab");
        assert_eq!(file.line_col(99), LineCol { line: 1, column: 3 });
    }
}
