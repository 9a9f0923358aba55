//! YAML text → a tree of [`Node`]s in which every node keeps its byte span.
//!
//! Built directly on granit-parser's events (the parser under serde-saphyr), which carry byte
//! offsets for string input, so no offset is ever recomputed from characters. Scalars are resolved
//! with the YAML 1.2 core schema only: `NO`, `on` and `y` stay strings (strict booleans), and a
//! quoted scalar is always a string. Resource limits (depth, node count including alias
//! expansion) turn hostile input into a [`LoadError`] instead of a hang or a crash. The tree is
//! built with an explicit stack: no recursion over user-controlled depth.
//!
//! Most inventory files stay inside a small block-style subset of YAML; [`fast`] reads that
//! subset directly into the same tree (same values, same spans) and hands anything else —
//! including every error — to the event-based loader above.
//!
//! This module knows nothing about the inventory format.

mod fast;

use std::collections::HashMap;

use granit_parser::{Event, Options, Parser, ScalarStyle, Tag};

use crate::source::{SourceFile, Span};

/// A parsed YAML node and the bytes it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Kept inline up to 24 bytes (most keys, dates, codes and short names): a tree is built
    /// for every file, and one heap allocation per scalar was the largest cost after parsing.
    Str(compact_str::CompactString),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping; the key keeps its own span so that "unknown field"
/// diagnostics point at the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

impl Node {
    fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the value was left unfilled: `null` (or nothing after the colon), or a text that
    /// is empty or only blanks (`""`, `"  "`, a full-width space). A spreadsheet's empty cell
    /// reads as `null`, so `requested_by: ""` must not count as filled in where the same
    /// unit's workbook would not.
    pub fn is_unfilled(&self) -> bool {
        match &self.value {
            Value::Null => true,
            Value::Str(s) => is_blank(s),
            _ => false,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The entry of a mapping whose key is the string `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?
            .iter()
            .find(|e| e.key.as_str().is_some_and(|k| same_text(k, key)))
    }

    /// The value under the string key `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The YAML type name used in diagnostics.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "sequence",
            Value::Map(_) => "mapping",
        }
    }
}

/// `a == b` for the short texts of keys and codes, compared in place: rules look fields up by
/// name on every item, and validation each key among its schema's fields and each code among
/// its allowed ones; a call to `memcmp` for each of the same length as the one sought was
/// 3.6 % of a check's time on the peers' corpus.
#[inline]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4),
        8..=16 => word::<8>(a, 0) == word::<8>(b, 0) && word::<8>(a, n - 8) == word::<8>(b, n - 8),
        _ => a == b,
    }
}

/// The `N` bytes of `bytes` from `at`, as an array compared in one instruction.
#[inline]
fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

/// Limits that keep a hostile file from exhausting memory, time or the stack. Configurable under
/// `limits:` in `jianfu.yaml`; the defaults are far above any real inventory (a unit's largest
/// file is a few hundred items, some tens of kilobytes, four levels deep, with no alias).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest file read, in bytes (default 16 MiB, at most 1 GiB).
    #[serde(deserialize_with = "file_bytes_within_ceiling")]
    #[schemars(range(min = 0, max = 1_073_741_824))]
    pub max_file_bytes: u64,
    /// Most nodes (scalars, lists and mappings) in one file, counting every node an alias
    /// expands to (default 1,000,000, at most 50,000,000).
    #[serde(deserialize_with = "nodes_within_ceiling")]
    #[schemars(range(min = 0, max = 50_000_000))]
    pub max_nodes: usize,
    /// Deepest nesting of lists and mappings (default 64, at most 256: deeper trees could
    /// overflow the stack when they are copied, compared or dropped).
    #[serde(deserialize_with = "depth_within_ceiling")]
    #[schemars(range(min = 0, max = 256))]
    pub max_depth: usize,
    /// Most nodes copied to resolve anchors (`&a`) and aliases (`*a`) in one file: stops alias
    /// bombs ("billion laughs") long before they fill memory (default 100,000, at most
    /// 50,000,000).
    #[serde(deserialize_with = "nodes_within_ceiling")]
    #[schemars(range(min = 0, max = 50_000_000))]
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_nodes: 1_000_000,
            max_depth: 64,
            max_alias_nodes: 100_000,
        }
    }
}

/// The largest `max_file_bytes` accepted: spans are 32-bit byte offsets, and a bigger file is
/// not an inventory.
pub const MAX_FILE_BYTES_CEILING: u64 = 1 << 30;
/// The largest `max_nodes` and `max_alias_nodes` accepted (about 2 GB of tree).
pub const MAX_NODES_CEILING: usize = 50_000_000;
/// The largest `max_depth` accepted: dropping, cloning and comparing a tree recurse once per
/// level, so the depth must stay far below what a thread's stack holds.
/// A debug build spends about 1 KiB of stack per level to copy a tree, so 256 levels stay
/// within a quarter of a worker thread's 2 MiB stack.
pub const MAX_DEPTH_CEILING: usize = 256;

fn file_bytes_within_ceiling<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let value = <u64 as serde::Deserialize>::deserialize(d)?;
    within_ceiling(value, MAX_FILE_BYTES_CEILING, "max_file_bytes")
}

fn nodes_within_ceiling<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let value = <usize as serde::Deserialize>::deserialize(d)?;
    within_ceiling(value, MAX_NODES_CEILING, "max_nodes and max_alias_nodes")
}

fn depth_within_ceiling<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let value = <usize as serde::Deserialize>::deserialize(d)?;
    within_ceiling(value, MAX_DEPTH_CEILING, "max_depth")
}

fn within_ceiling<T: PartialOrd + std::fmt::Display, E: serde::de::Error>(
    value: T,
    ceiling: T,
    key: &str,
) -> Result<T, E> {
    if value > ceiling {
        return Err(E::custom(format!(
            "limits.{key} may be at most {ceiling}, got {value}"
        )));
    }
    Ok(value)
}

/// Why a file could not be turned into a tree.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{message}")]
    Syntax { message: String, span: Span },
    #[error("more than {limit} nodes (counting alias expansions)")]
    TooManyNodes { limit: usize, span: Span },
    #[error("more than {limit} nodes copied for anchors and aliases")]
    TooManyAliasNodes { limit: usize, span: Span },
    #[error("anchors and aliases copy more than {limit} bytes of text")]
    TooManyAliasBytes { limit: u64, span: Span },
    #[error("nested deeper than {limit} levels")]
    TooDeep { limit: usize, span: Span },
    #[error("more than one YAML document in the file")]
    SeveralDocuments { span: Span },
    #[error("the tag `!!{tag}` does not fit the value \"{value}\"")]
    TagMismatch {
        tag: String,
        value: String,
        span: Span,
    },
}

impl LoadError {
    pub fn span(&self) -> Span {
        match self {
            LoadError::Syntax { span, .. }
            | LoadError::TooManyNodes { span, .. }
            | LoadError::TooManyAliasNodes { span, .. }
            | LoadError::TooManyAliasBytes { span, .. }
            | LoadError::TooDeep { span, .. }
            | LoadError::SeveralDocuments { span }
            | LoadError::TagMismatch { span, .. } => *span,
        }
    }
}

/// Parse `text` into a tree. An empty file (or one holding only comments) is `Null`.
pub fn load_yaml(text: &str, limits: &Limits) -> Result<Node, LoadError> {
    match fast::load_fast(text, limits) {
        Some(tree) => Ok(tree.root),
        None => load_yaml_events(text, limits),
    }
}

/// [`load_yaml`] of a file's text, keeping the line starts the fast path finds on its way for
/// the positions of the file's findings.
pub fn load_source(source: &SourceFile, limits: &Limits) -> Result<Node, LoadError> {
    match fast::load_fast(&source.text, limits) {
        Some(tree) => {
            source.keep_line_starts(tree.line_starts);
            Ok(tree.root)
        }
        None => load_yaml_events(&source.text, limits),
    }
}

/// The fast path alone: the tree when `text` is inside its subset, else `None`. For
/// differential tests and benchmarks; [`load_source`] (for a unit's files) and [`load_yaml`]
/// are what the checker uses.
pub fn load_yaml_fast(text: &str, limits: &Limits) -> Option<Node> {
    fast::load_fast(text, limits).map(|tree| tree.root)
}

/// The reference loader, built on granit-parser's events: every input, every error.
pub fn load_yaml_events(text: &str, limits: &Limits) -> Result<Node, LoadError> {
    let mut builder = TreeBuilder::new(limits);
    let mut options = Options::default();
    options.set_emit_comments(false);
    // The parser's own nesting limits stop deep input before it allocates for it.
    options.flow_nesting_limit = limits.max_depth;
    options.block_nesting_limit = limits.max_depth;
    for next in Parser::new_from_str_with_options(text, options) {
        let (event, span) = next.map_err(|e| {
            let offset = e.marker().byte_offset().unwrap_or(0);
            classify_scan_error(e.kind().to_string(), Span::new(offset, offset), limits)
        })?;
        let span = Span::new(
            span.start.byte_offset().unwrap_or(0),
            span.end.byte_offset().unwrap_or(0),
        );
        if builder.accept(event, span)? {
            break;
        }
    }
    Ok(builder
        .root
        .unwrap_or_else(|| Node::new(Span::default(), Value::Null)))
}

fn classify_scan_error(message: String, span: Span, limits: &Limits) -> LoadError {
    if message.contains("recursion limit") || message.contains("nesting") {
        LoadError::TooDeep {
            limit: limits.max_depth,
            span,
        }
    } else {
        LoadError::Syntax { message, span }
    }
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        nodes_before: usize,
        bytes_before: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        nodes_before: usize,
        bytes_before: usize,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

/// What a subtree costs to copy: its nodes and the bytes of its scalars' text.
#[derive(Clone, Copy, Debug)]
struct Size {
    nodes: usize,
    bytes: usize,
}

struct TreeBuilder<'a> {
    limits: &'a Limits,
    stack: Vec<Frame>,
    /// Anchored nodes and their size in nodes and in bytes of text, for alias expansion
    /// within the budgets.
    anchors: HashMap<usize, (Node, Size)>,
    nodes: usize,
    /// Bytes of scalar text in the tree so far, counting alias expansions.
    bytes: usize,
    /// Nodes copied so far to keep anchors and expand aliases.
    copied: usize,
    /// Bytes of text copied so far to keep anchors and expand aliases: a few aliases of one long
    /// string stay within the node budget yet fill memory.
    copied_bytes: usize,
    documents: usize,
    root: Option<Node>,
}

impl<'a> TreeBuilder<'a> {
    fn new(limits: &'a Limits) -> Self {
        TreeBuilder {
            limits,
            stack: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            bytes: 0,
            copied: 0,
            copied_bytes: 0,
            documents: 0,
            root: None,
        }
    }

    /// Feed one event; returns `true` when the stream has ended.
    fn accept(&mut self, event: Event<'_>, span: Span) -> Result<bool, LoadError> {
        match event {
            Event::StreamEnd => return Ok(true),
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(LoadError::SeveralDocuments { span });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let size = Size {
                    nodes: 1,
                    bytes: text.len(),
                };
                let value = match tag.as_deref().and_then(core_tag) {
                    Some(tag) => resolve_tagged(tag, &text, span)?,
                    None if style == ScalarStyle::Plain => resolve_plain(&text),
                    None => Value::Str(text.into()),
                };
                self.count(1, span)?;
                self.bytes = self.bytes.saturating_add(size.bytes);
                self.complete(Node::new(span, value), anchor, size, span)?;
            }
            Event::Alias(id) => {
                let size = self
                    .anchors
                    .get(&id)
                    .map_or(Size { nodes: 1, bytes: 0 }, |(_, size)| *size);
                // Every budget is charged before anything is copied.
                self.count(size.nodes, span)?;
                self.copy(size, span)?;
                self.bytes = self.bytes.saturating_add(size.bytes);
                let value = match self.anchors.get(&id) {
                    Some((node, _)) => node.value.clone(),
                    None => Value::Null,
                };
                // An alias points at its own position, not the anchor's.
                self.complete(Node::new(span, value), 0, size, span)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.count(1, span)?;
                self.enter(span)?;
                self.stack.push(Frame::Seq {
                    start: span,
                    anchor,
                    nodes_before: self.nodes.saturating_sub(1),
                    bytes_before: self.bytes,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, anchor, _) => {
                self.count(1, span)?;
                self.enter(span)?;
                self.stack.push(Frame::Map {
                    start: span,
                    anchor,
                    nodes_before: self.nodes.saturating_sub(1),
                    bytes_before: self.bytes,
                    entries: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            _ => {}
        }
        Ok(false)
    }

    fn count(&mut self, nodes: usize, span: Span) -> Result<(), LoadError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > self.limits.max_nodes {
            return Err(LoadError::TooManyNodes {
                limit: self.limits.max_nodes,
                span,
            });
        }
        Ok(())
    }

    /// Charge a copy of `size` to the anchor and alias budgets: nodes to `max_alias_nodes`,
    /// bytes of text to `max_file_bytes` (aliases may copy as much text as a file may hold, so
    /// memory stays within a small multiple of the largest file).
    fn copy(&mut self, size: Size, span: Span) -> Result<(), LoadError> {
        self.copied = self.copied.saturating_add(size.nodes);
        if self.copied > self.limits.max_alias_nodes {
            return Err(LoadError::TooManyAliasNodes {
                limit: self.limits.max_alias_nodes,
                span,
            });
        }
        self.copied_bytes = self.copied_bytes.saturating_add(size.bytes);
        if u64::try_from(self.copied_bytes).unwrap_or(u64::MAX) > self.limits.max_file_bytes {
            return Err(LoadError::TooManyAliasBytes {
                limit: self.limits.max_file_bytes,
                span,
            });
        }
        Ok(())
    }

    fn enter(&self, span: Span) -> Result<(), LoadError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(LoadError::TooDeep {
                limit: self.limits.max_depth,
                span,
            });
        }
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<(), LoadError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (start, anchor, before, value, last_end) = match frame {
            Frame::Seq {
                start,
                anchor,
                nodes_before,
                bytes_before,
                items,
            } => {
                let last_end = items.last().map(|n| n.span.end);
                let before = (nodes_before, bytes_before);
                (start, anchor, before, Value::Seq(items), last_end)
            }
            Frame::Map {
                start,
                anchor,
                nodes_before,
                bytes_before,
                entries,
                ..
            } => {
                let last_end = entries.last().map(|e| e.value.span.end);
                let before = (nodes_before, bytes_before);
                (start, anchor, before, Value::Map(entries), last_end)
            }
        };
        // A block collection's end event sits where the next token starts (often a later
        // line), so its span ends with its last child; a flow collection ends with its bracket.
        let end = if end.is_empty() {
            last_end.unwrap_or(end.end).max(start.end)
        } else {
            end.end
        };
        let span = Span {
            start: start.start,
            end,
        };
        let size = Size {
            nodes: self.nodes.saturating_sub(before.0),
            bytes: self.bytes.saturating_sub(before.1),
        };
        self.complete(Node::new(span, value), anchor, size, start)
    }

    /// Attach a finished node to its parent, keeping a copy when it is anchored (the copy is
    /// charged to the alias budget: nested anchors would otherwise copy a tree once per level).
    fn complete(
        &mut self,
        node: Node,
        anchor: usize,
        size: Size,
        span: Span,
    ) -> Result<(), LoadError> {
        if anchor != 0 {
            self.copy(size, span)?;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push(Entry {
                    key: k,
                    value: node,
                }),
            },
        }
        Ok(())
    }
}

/// The suffix of a YAML 1.2 core-schema scalar tag (`!!int` is `tag:yaml.org,2002:int`).
/// Other tags (local ones, `!!timestamp`, `!!binary`) change nothing: the value is read by its
/// style, as before.
fn core_tag(tag: &Tag) -> Option<&'static str> {
    const CORE: &str = "tag:yaml.org,2002:";
    // `!!int` arrives as handle and suffix, the verbatim `!<tag:yaml.org,2002:int>` as a suffix.
    let suffix = match tag.handle() {
        CORE => tag.suffix(),
        "" | "!" => tag.suffix().strip_prefix(CORE)?,
        _ => return None,
    };
    ["str", "int", "float", "bool", "null"]
        .into_iter()
        .find(|core| *core == suffix)
}

/// A scalar with an explicit core tag is that type whatever its style: `!!int "8"` is the
/// number 8 and `!!str 8` the text "8", as YAML 1.2 says. A value the tag cannot take
/// (`!!int "八"`) is an error at the value, not a silent text.
fn resolve_tagged(tag: &str, text: &str, span: Span) -> Result<Value, LoadError> {
    let value = match tag {
        "str" => Some(Value::Str(text.into())),
        _ => match (tag, resolve_plain(text.trim())) {
            ("int", Value::Int(n)) => Some(Value::Int(n)),
            ("float", Value::Float(x)) => Some(Value::Float(x)),
            ("float", Value::Int(n)) => Some(Value::Float(n as f64)),
            ("bool", Value::Bool(b)) => Some(Value::Bool(b)),
            ("null", Value::Null) => Some(Value::Null),
            _ => None,
        },
    };
    value.ok_or_else(|| LoadError::TagMismatch {
        tag: tag.to_owned(),
        value: text.chars().take(40).collect(),
        span,
    })
}

/// Resolve a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Value {
    if surely_text(text) {
        Value::Str(text.into())
    } else {
        resolve_core(text)
    }
}

/// Whether `text` cannot be a null, boolean or number: each of those starts with `~`, `.`, a
/// sign, a digit or the first letter of null, true or false, so Chinese text and most words
/// (codes such as `monthly`) need no further look (4 % of `--parse-only`'s instructions).
fn surely_text(text: &str) -> bool {
    text.as_bytes().first().is_some_and(|&b| {
        !(matches!(
            b,
            b'~' | b'.' | b'-' | b'+' | b'n' | b'N' | b't' | b'T' | b'f' | b'F'
        ) || b.is_ascii_digit())
    })
}

fn resolve_core(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(int) = parse_core_int(text) {
        return Value::Int(int);
    }
    if looks_like_core_float(text)
        && let Ok(float) = text.parse::<f64>()
    {
        return Value::Float(float);
    }
    Value::Str(text.into())
}

fn parse_core_int(text: &str) -> Option<i64> {
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn looks_like_core_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// Whether `text` is empty or only white space (Unicode's, which holds the full-width space
/// U+3000 and the no-break space U+00A0). Nearly every text starts with a printable ASCII
/// character or a Chinese one (lead bytes `E4`–`E9`), which no space is: those are settled by
/// their first byte, since the policies ask this of every value they read.
fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(0x21..=0x7e | 0xe4..=0xef) => false,
        Some(_) => text.chars().all(char::is_whitespace),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Node {
        load_yaml(text, &Limits::default()).expect("valid yaml")
    }

    /// Empty text and text of white space alone are unfilled, whatever the space (the
    /// first-byte shortcut must not pass one over); text with anything else is filled.
    #[test]
    fn blank_text_is_unfilled() {
        let blank = [
            "",
            " ",
            "\t",
            "  \n ",
            "\u{3000}",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "\u{3000} ",
        ];
        for text in blank {
            assert!(is_blank(text), "{text:?}");
        }
        let filled = [
            "a",
            "中",
            " a",
            "\u{3000}中",
            "\u{a0}x",
            "0",
            "～",
            "\u{feff}",
            "-",
        ];
        for text in filled {
            assert!(!is_blank(text), "{text:?}");
        }
        let node = |value| Node::new(Span::new(0, 0), value);
        assert!(node(Value::Null).is_unfilled());
        assert!(node(Value::Str("\u{3000}".into())).is_unfilled());
        assert!(!node(Value::Int(0)).is_unfilled());
        assert!(!node(Value::Seq(Vec::new())).is_unfilled());
    }

    /// A file read by the fast path keeps the line starts found on the way; one it leaves to
    /// the full parser finds them when a position is asked for. Positions are the same.
    #[test]
    fn a_file_read_by_the_fast_path_keeps_its_line_starts() {
        for (text, fast) in [("a: 1\nb: 乙\n", true), ("a: |\n  x\nb: 乙\n", false)] {
            let source = SourceFile::new("a.yaml", text);
            load_source(&source, &Limits::default()).expect("valid yaml");
            assert_eq!(source.has_line_starts(), fast, "{text:?}");
            let b = u32::try_from(text.find('b').expect("a b")).expect("short");
            let at = source.line_col(b + 3);
            assert_eq!((at.line, at.column), (text.lines().count() as u32, 4));
        }
    }

    /// What is passed over as surely text would have been resolved as text: every ASCII first
    /// byte followed by the rests of the core schema's words and numbers.
    #[test]
    fn what_is_surely_text_resolves_as_text() {
        let rests = [
            "", "ull", "ULL", "rue", "RUE", "alse", "ALSE", "inf", "nan", "NaN", "1", "12", ".5",
            "e3", "x10", "o17", "0", "~", "-1", "+.inf",
        ];
        let mut passed_over = 0;
        for first in 0u8..128 {
            for rest in rests {
                let text = format!("{}{rest}", first as char);
                if surely_text(&text) {
                    passed_over += 1;
                    assert!(
                        matches!(resolve_core(&text), Value::Str(_)),
                        "{text:?} is not text"
                    );
                }
            }
        }
        assert!(passed_over > 1500, "{passed_over}");
        for word in [
            "null", "NULL", "true", "False", ".inf", "-.Inf", ".NaN", "~", "0x1f", "+1",
        ] {
            assert!(!surely_text(word), "{word}");
        }
        assert!(!surely_text(""), "the empty scalar is null");
        assert!(surely_text("每月") && surely_text("monthly"));
    }

    /// Every length up to past the last special case, equal and with one byte changed at each
    /// place (including the bytes only the overlapping words or the middle byte look at).
    #[test]
    fn keys_compared_in_place_agree_with_comparing_strings() {
        for n in 0..40usize {
            let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same_text(&a, &a.clone()), "{n} equal");
            for at in 0..n {
                let b: String = a
                    .char_indices()
                    .map(|(i, c)| if i == at { c.to_ascii_uppercase() } else { c })
                    .collect();
                assert!(!same_text(&a, &b), "{n}: byte {at} differs");
            }
            assert!(!same_text(&a, &format!("{a}x")), "{n}: lengths differ");
        }
        let node = load("名称: 甲\nname: 乙\nnamf: 丙\nrequested_by: 丁\nrequested_at: 戊\n");
        assert_eq!(node.get("namf").and_then(Node::as_str), Some("丙"));
        assert_eq!(node.get("名称").and_then(Node::as_str), Some("甲"));
        assert_eq!(node.get("requested_at").and_then(Node::as_str), Some("戊"));
        assert_eq!(node.get("nam"), None);
    }

    #[test]
    fn strict_booleans_keep_no_as_a_string() {
        let node = load("a: NO\nb: yes\nc: false\nd: '42'\ne: 42\nf: 2025-05-10\n");
        assert_eq!(node.get("a").unwrap().as_str(), Some("NO"));
        assert_eq!(node.get("b").unwrap().as_str(), Some("yes"));
        assert_eq!(node.get("c").unwrap().value, Value::Bool(false));
        assert_eq!(node.get("d").unwrap().as_str(), Some("42"));
        assert_eq!(node.get("e").unwrap().value, Value::Int(42));
        assert_eq!(node.get("f").unwrap().as_str(), Some("2025-05-10"));
    }

    #[test]
    fn explicit_core_tags_decide_the_type() {
        let node = load(
            "a: !!int \"8\"\nb: !!str 8\nc: !!bool 'true'\nd: !!null ''\ne: !!float \"1.5\"\nf: !!float 2\ng: !local 8\nh: !!timestamp 2025-05-10\ni: !<tag:yaml.org,2002:int> '0x10'\n",
        );
        assert_eq!(node.get("a").unwrap().value, Value::Int(8));
        assert_eq!(node.get("b").unwrap().as_str(), Some("8"));
        assert_eq!(node.get("c").unwrap().value, Value::Bool(true));
        assert_eq!(node.get("d").unwrap().value, Value::Null);
        assert_eq!(node.get("e").unwrap().value, Value::Float(1.5));
        assert_eq!(node.get("f").unwrap().value, Value::Float(2.0));
        assert_eq!(node.get("g").unwrap().value, Value::Int(8));
        assert_eq!(node.get("h").unwrap().as_str(), Some("2025-05-10"));
        assert_eq!(node.get("i").unwrap().value, Value::Int(16));
    }

    #[test]
    fn a_core_tag_that_does_not_fit_is_an_error_at_the_value() {
        for (text, tag) in [
            ("a: !!int \"八\"\n", "int"),
            ("a: !!int 1.5\n", "int"),
            ("a: !!bool yes\n", "bool"),
            ("a: !!null 0\n", "null"),
            ("a: !!float 北京\n", "float"),
        ] {
            let err = load_yaml(text, &Limits::default()).unwrap_err();
            let LoadError::TagMismatch { tag: got, span, .. } = &err else {
                panic!("{text}: {err:?}");
            };
            assert_eq!(got, tag, "{text}");
            assert!(
                span.start >= 3,
                "{text}: the error points at the value, not the key"
            );
        }
    }

    #[test]
    fn spans_are_bytes_in_a_flow_mapping_after_chinese() {
        let text = "certificates:\n  - {name: 居住证明, issued_count: 很多}\n";
        let node = load(text);
        let item = &node.get("certificates").unwrap().as_seq().unwrap()[0];
        let value = item.get("issued_count").unwrap();
        assert_eq!(&text[value.span.range()], "很多");
        assert_eq!(
            &text[item.span.range()],
            "{name: 居住证明, issued_count: 很多}"
        );
    }

    #[test]
    fn block_mapping_span_ends_at_its_last_value() {
        let text = "signs:\n  - name: 甲\n    type: plaque\n\n# tail\n";
        let node = load(text);
        let item = &node.get("signs").unwrap().as_seq().unwrap()[0];
        assert_eq!(&text[item.span.range()], "name: 甲\n    type: plaque");
    }

    #[test]
    fn alias_bomb_hits_the_node_budget() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            text.push_str(&format!(
                "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let err = load_yaml(&text, &Limits::default()).unwrap_err();
        assert!(
            matches!(err, LoadError::TooManyAliasNodes { .. }),
            "{err:?}"
        );
        // With the alias budget out of the way, the node budget still stops it.
        let generous = Limits {
            max_alias_nodes: MAX_NODES_CEILING,
            ..Limits::default()
        };
        let err = load_yaml(&text, &generous).unwrap_err();
        assert!(matches!(err, LoadError::TooManyNodes { .. }), "{err:?}");
    }

    #[test]
    fn a_few_aliases_expand_in_place() {
        let text = "base: &f [姓名, 身份证号]\nother: *f\n";
        let node = load(text);
        let other = node.get("other").unwrap();
        let items: Vec<_> = other.as_seq().unwrap().iter().map(|n| n.as_str()).collect();
        assert_eq!(items, [Some("姓名"), Some("身份证号")]);
        // The alias points at itself, not at the anchor.
        assert_eq!(&text[other.span.range()], "*f");
    }

    #[test]
    fn nested_anchors_are_charged_for_every_copy() {
        // Each level's anchor copies the whole list below it: 30 levels of a 4,000-item list
        // would copy 120,000 nodes without a single alias.
        let mut text = String::new();
        for level in 0..30 {
            text.push_str(&" ".repeat(level * 2));
            text.push_str(&format!("- &a{level}\n"));
        }
        text.push_str(&" ".repeat(60));
        text.push_str(&format!("- [{}]\n", vec!["x"; 4_000].join(", ")));
        let err = load_yaml(&text, &Limits::default()).unwrap_err();
        assert!(
            matches!(err, LoadError::TooManyAliasNodes { .. }),
            "{err:?}"
        );
    }

    /// A long string aliased many times stays far inside the node budget (one node per alias)
    /// but would copy gigabytes: the bytes copied are budgeted too, at the file size limit.
    #[test]
    fn aliases_of_a_long_string_hit_the_byte_budget() {
        let small = Limits {
            max_file_bytes: 1_000_000,
            ..Limits::default()
        };
        let long = "x".repeat(100_000);
        let mut text = format!("a: &a \"{long}\"\nb: [");
        text.push_str(&["*a"; 20].join(", "));
        text.push_str("]\n");
        let err = load_yaml(&text, &small).unwrap_err();
        assert!(
            matches!(
                err,
                LoadError::TooManyAliasBytes {
                    limit: 1_000_000,
                    ..
                }
            ),
            "{err:?}"
        );
        // Eight aliases and the anchor's own copy (900 KB) fit: the budget counts bytes.
        let text = format!("a: &a \"{long}\"\nb: [{}]\n", ["*a"; 8].join(", "));
        let node = load_yaml(&text, &small).unwrap();
        assert_eq!(node.get("b").unwrap().as_seq().unwrap().len(), 8);
    }

    /// The text inside an aliased list counts as much as an aliased string.
    #[test]
    fn aliases_of_a_list_of_long_strings_hit_the_byte_budget() {
        let small = Limits {
            max_file_bytes: 1_000_000,
            ..Limits::default()
        };
        let long = "y".repeat(60_000);
        let mut text = format!("a: &a [\"{long}\", \"{long}\"]\nb: [");
        text.push_str(&["*a"; 10].join(", "));
        text.push_str("]\n");
        let err = load_yaml(&text, &small).unwrap_err();
        assert!(
            matches!(err, LoadError::TooManyAliasBytes { .. }),
            "{err:?}"
        );
    }

    #[test]
    fn limits_above_their_ceiling_are_rejected() {
        let err = serde_saphyr::from_str::<Limits>("max_depth: 100000\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("limits.max_depth may be at most 256"),
            "{err}"
        );
        let ok: Limits = serde_saphyr::from_str("max_depth: 200\n").unwrap();
        assert_eq!(ok.max_depth, 200);
        assert_eq!(ok.max_nodes, Limits::default().max_nodes);
    }

    #[test]
    fn deepest_allowed_tree_survives_clone_compare_and_drop_on_a_small_stack() {
        // The tree's derived Clone, PartialEq and Drop recurse once per level; at the ceiling
        // they must fit in a 512 KiB stack (even unoptimised), a quarter of a worker thread's.
        let limits = Limits {
            max_depth: MAX_DEPTH_CEILING,
            ..Limits::default()
        };
        let text = format!(
            "{}{}",
            "[".repeat(MAX_DEPTH_CEILING),
            "]".repeat(MAX_DEPTH_CEILING)
        );
        let done = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                let node = load_yaml(&text, &limits).expect("at the ceiling");
                let copy = node.clone();
                assert_eq!(node, copy);
            })
            .unwrap()
            .join();
        assert!(done.is_ok());
    }

    #[test]
    fn deep_flow_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(20_000);
        let err = load_yaml(&text, &Limits::default()).unwrap_err();
        assert!(matches!(err, LoadError::TooDeep { .. }), "{err:?}");
    }

    #[test]
    fn syntax_error_points_at_a_byte_offset() {
        let text = "signs:\n  - name: 甲\n   bad: [\n";
        let err = load_yaml(text, &Limits::default()).unwrap_err();
        assert!(matches!(err, LoadError::Syntax { .. }));
        assert!(err.span().start as usize <= text.len());
    }

    #[test]
    fn empty_file_is_null() {
        assert_eq!(load("# only a comment\n").value, Value::Null);
    }
}
