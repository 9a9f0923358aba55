//! A fast path for the block-style YAML that inventories are written in.
//!
//! Inventory files use a small part of YAML: block mappings and sequences, one-line plain and
//! quoted scalars, and one-line flow collections such as `fields: [姓名, 身份证号]`. This scanner
//! reads that subset straight into [`Node`]s — the same values and the same byte spans as the
//! event-based loader — without the general parser's token queue, several times faster.
//!
//! Anything outside the subset makes it give up (`None`): anchors, aliases and tags, block and
//! multi-line scalars and flow collections, escapes, tabs and CR line ends, document markers,
//! quoted keys, and every error. The caller then parses the file with the full parser, which
//! reports errors exactly as before. Giving up is always safe, so the scanner accepts only what
//! it is sure of; a differential test (`tests` below and `tests/gen_corpus.rs`) holds every
//! accepted input to an identical tree.
//!
//! Recursion is bounded by [`MAX_FAST_DEPTH`]; deeper files go to the full parser.

use super::{Entry, Limits, Node, Value, resolve_plain};
use crate::source::Span;

/// The scanner left the subset: parse with the full parser instead.
struct Bail;

type Step<T> = Result<T, Bail>;

/// Deepest nesting handled here (also the bound on recursion).
const MAX_FAST_DEPTH: usize = 32;

/// Longest implicit key, in bytes (YAML allows 1024 characters; stay well inside).
const MAX_KEY_BYTES: usize = 1000;

/// What the fast path makes of a text: its tree, and where each of its lines starts.
pub(super) struct FastTree {
    pub root: Node,
    /// As [`crate::source::line_starts`] finds them (the subset has no CR): found on the way,
    /// since the scanner stops at every line anyway, rather than by a second pass over the text
    /// when a finding's position is first asked for.
    pub line_starts: Vec<u32>,
}

/// The tree of `text`, when it is in the subset and within `limits`.
pub(super) fn load_fast(text: &str, limits: &Limits) -> Option<FastTree> {
    if !plain_text(text.as_bytes()) {
        return None;
    }
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        nodes: 0,
        max_nodes: limits.max_nodes,
        // The full parser counts nesting its own way; leave it every borderline case.
        max_depth: (limits.max_depth / 2).min(MAX_FAST_DEPTH),
        entries: Vec::new(),
        items: Vec::new(),
        line_starts: crate::source::line_starts_room(text.len()),
        found: None,
    };
    let root = scanner.document().ok()?;
    Some(FastTree {
        root,
        line_starts: scanner.line_starts,
    })
}

/// No byte the scanner would have to treat specially: tabs, CR, other controls, C1 controls
/// (NEL among them), U+2028/U+2029 and U+FEFF/U+FFFE/U+FFFF.
///
/// Each byte is looked at with the two after it in one pass without an early exit, which the
/// compiler turns into vector instructions (a table look-up a byte was 5 % of `--parse-only`'s
/// time). Past the end, a byte reads as 0xFF, which no special sequence holds.
fn plain_text(bytes: &[u8]) -> bool {
    let body = bytes.len().saturating_sub(2);
    let after = |k: usize| bytes.get(k..).unwrap_or_default();
    let in_body = bytes[..body]
        .iter()
        .zip(after(1))
        .zip(after(2))
        .fold(false, |found, ((&x, &y), &z)| found | special(x, y, z));
    let byte = |k: usize| bytes.get(k).copied().unwrap_or(0xFF);
    let in_tail = (body..bytes.len()).any(|k| special(byte(k), byte(k + 1), byte(k + 2)));
    !(in_body || in_tail)
}

/// Whether the byte `x`, followed by `y` and `z`, starts a character [`plain_text`] refuses.
/// Written with `&` and `|`, not `&&` and `||`, so that it has no branches.
#[inline]
fn special(x: u8, y: u8, z: u8) -> bool {
    let control = ((x < 0x20) & (x != b'\n')) | (x == 0x7F);
    let c1_control = (x == 0xC2) & (y < 0xA0);
    let separator = (x == 0xE2) & (y == 0x80) & ((z == 0xA8) | (z == 0xA9));
    let bom_or_noncharacter =
        (x == 0xEF) & (((y == 0xBB) & (z == 0xBF)) | ((y == 0xBF) & ((z == 0xBE) | (z == 0xBF))));
    control | c1_control | separator | bom_or_noncharacter
}

/// Bytes that neither a plain scalar nor a key needs to look at: all but line feeds, spaces and
/// the indicators that can end or break them (`#`, `:`, `,`, brackets and braces).
static ORDINARY: [bool; 256] = {
    let mut ordinary = [true; 256];
    let stops = b"\n #:,[]{}";
    let mut k = 0;
    while k < stops.len() {
        ordinary[stops[k] as usize] = false;
        k += 1;
    }
    ordinary
};

/// A line with content: where it starts and how many spaces indent it.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
}

impl Line {
    fn content(self) -> usize {
        self.start + self.indent
    }
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// Start of the first line not yet consumed.
    pos: usize,
    nodes: usize,
    max_nodes: usize,
    max_depth: usize,
    /// Entries and items of the collections being read, innermost last. A finished collection
    /// moves its own off the top into a vector of exactly its size: one allocation per
    /// collection instead of one per doubling.
    entries: Vec<Entry>,
    items: Vec<Node>,
    /// The starts of the lines reached so far, in order ([`Scanner::reach_line`]).
    line_starts: Vec<u32>,
    /// The last line [`Scanner::next_line`] found, given again without a second scan when
    /// asked for from its start: a value looks at the line below it, and the mapping or list
    /// it is in then asks for that line again.
    found: Option<Line>,
}

impl Scanner<'_> {
    fn document(&mut self) -> Step<Node> {
        let Some(line) = self.next_line(0)? else {
            // Only comments and blank lines: what the full loader makes of an empty stream.
            return Ok(Node::new(Span::default(), Value::Null));
        };
        if line.indent != 0 {
            return Err(Bail);
        }
        let root = self.block(line, 0)?;
        if self.next_line(self.pos)?.is_some() {
            return Err(Bail);
        }
        Ok(root)
    }

    // -- lines ------------------------------------------------------------------------------

    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// Where the run of [`ORDINARY`] bytes from `i` ends: the first byte a plain scalar's or a
    /// key's scan must look at, or the end of the text. The bytes of Chinese characters, letters
    /// and digits are passed over one table look-up each (the two scans, matching every byte,
    /// were a fifth of `--parse-only`'s instructions).
    fn ordinary_until(&self, i: usize) -> usize {
        let rest = self.bytes.get(i..).unwrap_or_default();
        rest.iter()
            .position(|&b| !ORDINARY[usize::from(b)])
            .map_or(self.bytes.len(), |n| i + n)
    }

    /// End of the line holding `i`: the position of its `\n`, or the end of the text.
    fn line_end(&self, i: usize) -> usize {
        self.bytes[i.min(self.bytes.len())..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |p| i + p)
    }

    /// The start of the line after the one holding `i`.
    fn next_line_start(&self, i: usize) -> usize {
        (self.line_end(i) + 1).min(self.bytes.len())
    }

    /// The first line at or after `from` (a line start) with content other than a comment.
    ///
    /// Inlined into its callers: called out of line, as the compiler chose once it noted line
    /// starts, `--parse-only` on the peers' corpus took 3 % more instructions (500.2 against
    /// 484.2 M at 1,000 units).
    #[inline(always)]
    fn next_line(&mut self, mut from: usize) -> Step<Option<Line>> {
        if let Some(line) = self.found
            && line.start == from
        {
            return Ok(Some(line));
        }
        let len = self.bytes.len();
        loop {
            self.reach_line(from);
            let mut i = from;
            while i < len && self.bytes[i] == b' ' {
                i += 1;
            }
            match self.at(i) {
                None => return Ok(None),
                Some(b'\n') => from = i + 1,
                Some(b'#') => from = self.next_line_start(i),
                Some(first) => {
                    let indent = i - from;
                    let marker = self.bytes[i..].starts_with(b"---")
                        || self.bytes[i..].starts_with(b"...")
                        || first == b'%';
                    if indent == 0 && marker {
                        return Err(Bail);
                    }
                    let line = Line {
                        start: from,
                        indent,
                    };
                    self.found = Some(line);
                    return Ok(Some(line));
                }
            }
        }
    }

    /// Note `at` as a line start the first time the scanner reaches it. Every line of a text
    /// in the subset passes through [`Scanner::next_line`], in order; a line looked at again
    /// (after the look ahead that ends a mapping or a list) is not noted twice, and the end of
    /// a text not ending in a line feed starts no line.
    fn reach_line(&mut self, at: usize) {
        let after_last = self
            .line_starts
            .last()
            .is_none_or(|&last| at > last as usize);
        if after_last && at > 0 && self.bytes.get(at - 1) == Some(&b'\n') {
            self.line_starts.push(crate::source::saturate(at));
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        self.at(i) == Some(b'-') && matches!(self.at(i + 1), None | Some(b' ' | b'\n'))
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i) == Some(b' ') {
            i += 1;
        }
        i
    }

    // -- budget -----------------------------------------------------------------------------

    fn count(&mut self) -> Step<()> {
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            return Err(Bail);
        }
        Ok(())
    }

    fn enter(&mut self, depth: usize) -> Step<()> {
        if depth >= self.max_depth {
            return Err(Bail);
        }
        self.count()
    }

    // -- block collections ------------------------------------------------------------------

    /// The block collection whose first line is `line`.
    fn block(&mut self, line: Line, depth: usize) -> Step<Node> {
        let content = line.content();
        if self.is_dash(content) {
            self.sequence(line, depth)
        } else if self.key_end(content).is_some() {
            self.mapping(content, line.indent, depth)
        } else {
            Err(Bail)
        }
    }

    /// The colon ending a plain implicit key that starts at `i`, if the line holds one.
    fn key_end(&self, i: usize) -> Option<usize> {
        if is_indicator(self.at(i)?) {
            return None;
        }
        let mut j = i;
        loop {
            j = self.ordinary_until(j);
            match self.at(j)? {
                b'\n' | b'[' | b']' | b'{' | b'}' | b',' => return None,
                b'#' if self.bytes[j - 1] == b' ' => return None,
                b':' => {
                    let ends = matches!(self.at(j + 1), None | Some(b' ' | b'\n'));
                    // `a :` and `a:b: c` are left to the full parser.
                    if !ends || self.bytes[j - 1] == b' ' {
                        return None;
                    }
                    return (j - i <= MAX_KEY_BYTES).then_some(j);
                }
                _ => j += 1,
            }
        }
    }

    /// A block mapping whose first key starts at `first`, in column `indent`.
    fn mapping(&mut self, first: usize, indent: usize, depth: usize) -> Step<Node> {
        self.enter(depth)?;
        let base = self.entries.len();
        let mut key_at = first;
        loop {
            let colon = self.key_end(key_at).ok_or(Bail)?;
            self.count()?;
            let key = Node::new(
                Span::new(key_at, colon),
                resolve_plain(&self.text[key_at..colon]),
            );
            let null = Span::new(colon, colon);
            let value = self.value(colon + 1, indent, depth, null, true)?;
            self.entries.push(Entry { key, value });
            match self.next_line(self.pos)? {
                Some(line) if line.indent == indent => {
                    key_at = line.content();
                    if self.is_dash(key_at) {
                        return Err(Bail);
                    }
                }
                Some(line) if line.indent > indent => return Err(Bail),
                Some(line) => {
                    self.pos = line.start;
                    break;
                }
                None => break,
            }
        }
        let entries: Vec<Entry> = self.entries.drain(base..).collect();
        let end = entries.last().map_or(first, |e| e.value.span.end as usize);
        Ok(Node::new(
            Span::new(first, end.max(first)),
            Value::Map(entries),
        ))
    }

    /// A block sequence whose first `-` starts `line`.
    fn sequence(&mut self, line: Line, depth: usize) -> Step<Node> {
        self.enter(depth)?;
        let indent = line.indent;
        let first = line.content();
        let base = self.items.len();
        let mut dash = first;
        let mut line_start = line.start;
        loop {
            let item = self.item(dash, line_start, indent, depth)?;
            self.items.push(item);
            match self.next_line(self.pos)? {
                Some(line) if line.indent == indent && self.is_dash(line.content()) => {
                    dash = line.content();
                    line_start = line.start;
                }
                Some(line) if line.indent < indent => {
                    self.pos = line.start;
                    break;
                }
                Some(_) => return Err(Bail),
                None => break,
            }
        }
        let items: Vec<Node> = self.items.drain(base..).collect();
        let end = items.last().map_or(first, |n| n.span.end as usize);
        Ok(Node::new(
            Span::new(first, end.max(first)),
            Value::Seq(items),
        ))
    }

    /// The entry after the `-` at `dash`.
    fn item(&mut self, dash: usize, line_start: usize, indent: usize, depth: usize) -> Step<Node> {
        let after = dash + 1;
        let v = self.skip_spaces(after);
        let empty =
            matches!(self.at(v), None | Some(b'\n')) || (self.at(v) == Some(b'#') && v > after);
        if !empty {
            if self.is_dash(v) {
                return Err(Bail);
            }
            if self.key_end(v).is_some() {
                // `- name: 甲`: a mapping whose keys line up under `name`.
                return self.mapping(v, v - line_start, depth + 1);
            }
        }
        // An empty entry is a null at the end of the `-` line.
        let eol = self.line_end(dash);
        self.value(after, indent, depth, Span::new(eol, eol), false)
    }

    /// The value that starts after an indicator (`:` or `-`) ending at `after`: on the same
    /// line, on the lines below, or a null at `null`.
    fn value(
        &mut self,
        after: usize,
        indent: usize,
        depth: usize,
        null: Span,
        in_mapping: bool,
    ) -> Step<Node> {
        let v = self.skip_spaces(after);
        let empty =
            matches!(self.at(v), None | Some(b'\n')) || (self.at(v) == Some(b'#') && v > after);
        if empty {
            let below = self.next_line(self.next_line_start(v))?;
            return match below {
                Some(line) if line.indent > indent => self.block(line, depth + 1),
                // `key:` followed by `- x` in the key's column: left to the full parser.
                Some(line)
                    if in_mapping && self.is_dash(line.content()) && line.indent == indent =>
                {
                    Err(Bail)
                }
                other => {
                    self.pos = other.map_or(self.bytes.len(), |l| l.start);
                    self.count()?;
                    Ok(Node::new(null, Value::Null))
                }
            };
        }
        let (node, end) = self.inline(v, depth + 1)?;
        let rest = self.skip_spaces(end);
        match self.at(rest) {
            None | Some(b'\n') => {}
            Some(b'#') if rest > end => {}
            Some(_) => return Err(Bail),
        }
        // A deeper line below a one-line value would continue it (or be an error).
        match self.next_line(self.next_line_start(rest))? {
            Some(line) if line.indent > indent => Err(Bail),
            other => {
                self.pos = other.map_or(self.bytes.len(), |l| l.start);
                Ok(node)
            }
        }
    }

    // -- one-line values --------------------------------------------------------------------

    /// A scalar or flow collection starting at `i`, and the position after it.
    fn inline(&mut self, i: usize, depth: usize) -> Step<(Node, usize)> {
        match self.at(i).ok_or(Bail)? {
            b'[' => self.flow_sequence(i, depth),
            b'{' => self.flow_mapping(i, depth),
            _ => self.scalar(i, false),
        }
    }

    /// A quoted or plain scalar at `i`; `flow` inside `[...]` or `{...}`.
    fn scalar(&mut self, i: usize, flow: bool) -> Step<(Node, usize)> {
        self.count()?;
        match self.at(i).ok_or(Bail)? {
            b'"' => self.double_quoted(i),
            b'\'' => self.single_quoted(i),
            b'-' if !matches!(
                self.at(i + 1),
                None | Some(b' ' | b'\n' | b',' | b']' | b'}')
            ) =>
            {
                self.plain(i, flow)
            }
            first if is_indicator(first) => Err(Bail),
            _ => self.plain(i, flow),
        }
    }

    fn plain(&self, i: usize, flow: bool) -> Step<(Node, usize)> {
        let mut j = i;
        let mut end = i;
        loop {
            let ordinary_end = self.ordinary_until(j);
            if ordinary_end > j {
                j = ordinary_end;
                end = j;
            }
            let Some(b) = self.at(j) else {
                break;
            };
            match b {
                b'\n' => break,
                b' ' => {
                    j += 1;
                    continue;
                }
                b'#' if self.bytes[j - 1] == b' ' => {
                    if flow {
                        return Err(Bail);
                    }
                    break;
                }
                b':' => {
                    let indicator = matches!(self.at(j + 1), None | Some(b' ' | b'\n'));
                    if flow || indicator {
                        return Err(Bail);
                    }
                }
                b',' | b']' | b'}' if flow => break,
                b'[' | b'{' | b']' | b'}' => return Err(Bail),
                _ => {}
            }
            j += 1;
            end = j;
        }
        if flow && self.at(j).is_none_or(|b| b == b'\n') {
            return Err(Bail);
        }
        let text = &self.text[i..end];
        Ok((Node::new(Span::new(i, end), resolve_plain(text)), end))
    }

    fn double_quoted(&self, i: usize) -> Step<(Node, usize)> {
        let mut j = i + 1;
        loop {
            match self.at(j).ok_or(Bail)? {
                b'"' => break,
                b'\\' | b'\n' => return Err(Bail),
                _ => j += 1,
            }
        }
        let value = Value::Str(self.text[i + 1..j].into());
        Ok((Node::new(Span::new(i, j + 1), value), j + 1))
    }

    fn single_quoted(&self, i: usize) -> Step<(Node, usize)> {
        let mut j = i + 1;
        let mut escaped = false;
        loop {
            match self.at(j).ok_or(Bail)? {
                b'\'' if self.at(j + 1) == Some(b'\'') => {
                    escaped = true;
                    j += 2;
                }
                b'\'' => break,
                b'\n' => return Err(Bail),
                _ => j += 1,
            }
        }
        let inner = &self.text[i + 1..j];
        let value = if escaped {
            Value::Str(inner.replace("''", "'").into())
        } else {
            Value::Str(inner.into())
        };
        Ok((Node::new(Span::new(i, j + 1), value), j + 1))
    }

    // -- one-line flow collections ----------------------------------------------------------

    /// A scalar or a nested collection inside `[...]` or `{...}`.
    fn flow_node(&mut self, i: usize, depth: usize) -> Step<(Node, usize)> {
        match self.at(i).ok_or(Bail)? {
            b'[' => self.flow_sequence(i, depth),
            b'{' => self.flow_mapping(i, depth),
            _ => self.scalar(i, true),
        }
    }

    /// `[a, b]` on one line.
    fn flow_sequence(&mut self, open: usize, depth: usize) -> Step<(Node, usize)> {
        self.enter(depth)?;
        let base = self.items.len();
        let mut i = self.skip_spaces(open + 1);
        if self.at(i) != Some(b']') {
            loop {
                let (item, end) = self.flow_node(i, depth + 1)?;
                self.items.push(item);
                i = self.skip_spaces(end);
                match self.at(i).ok_or(Bail)? {
                    b']' => break,
                    b',' => {
                        i = self.skip_spaces(i + 1);
                        if matches!(self.at(i), Some(b']' | b',')) {
                            return Err(Bail);
                        }
                    }
                    _ => return Err(Bail),
                }
            }
        }
        let items: Vec<Node> = self.items.drain(base..).collect();
        Ok((Node::new(Span::new(open, i + 1), Value::Seq(items)), i + 1))
    }

    /// `{k: v, k: v}` on one line, with plain keys.
    fn flow_mapping(&mut self, open: usize, depth: usize) -> Step<(Node, usize)> {
        self.enter(depth)?;
        let base = self.entries.len();
        let mut i = self.skip_spaces(open + 1);
        if self.at(i) != Some(b'}') {
            loop {
                let colon = self.flow_key_end(i).ok_or(Bail)?;
                self.count()?;
                let key = Node::new(Span::new(i, colon), resolve_plain(&self.text[i..colon]));
                let v = self.skip_spaces(colon + 1);
                if matches!(self.at(v), None | Some(b',' | b'}' | b'\n')) {
                    return Err(Bail);
                }
                let (value, end) = self.flow_node(v, depth + 1)?;
                self.entries.push(Entry { key, value });
                i = self.skip_spaces(end);
                match self.at(i).ok_or(Bail)? {
                    b'}' => break,
                    b',' => {
                        i = self.skip_spaces(i + 1);
                        if matches!(self.at(i), Some(b'}' | b',')) {
                            return Err(Bail);
                        }
                    }
                    _ => return Err(Bail),
                }
            }
        }
        let entries: Vec<Entry> = self.entries.drain(base..).collect();
        Ok((
            Node::new(Span::new(open, i + 1), Value::Map(entries)),
            i + 1,
        ))
    }

    /// The colon (followed by a space) ending a plain key inside `{...}`.
    fn flow_key_end(&self, i: usize) -> Option<usize> {
        if is_indicator(self.at(i)?) {
            return None;
        }
        let mut j = i;
        loop {
            match self.at(j)? {
                b':' if self.at(j + 1) == Some(b' ') && self.bytes[j - 1] != b' ' => {
                    return Some(j);
                }
                b':' | b'\n' | b'#' | b'[' | b']' | b'{' | b'}' | b',' => return None,
                _ => j += 1,
            }
        }
    }
}

/// Bytes that may not start a plain scalar or key here.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
            | b'\n'
    )
}

#[cfg(test)]
mod tests {
    use super::super::{LoadError, load_yaml_events};
    use super::*;

    /// [`plain_text`] as it was written before it was vectorised, a byte at a time.
    fn plain_text_bytewise(bytes: &[u8]) -> bool {
        bytes.iter().enumerate().all(|(i, &b)| {
            let (b1, b2) = (bytes.get(i + 1).copied(), bytes.get(i + 2).copied());
            let special = match b {
                b'\n' => false,
                0..0x20 | 0x7F => true,
                0xC2 => b1.is_some_and(|b| b < 0xA0),
                0xE2 => b1 == Some(0x80) && matches!(b2, Some(0xA8 | 0xA9)),
                0xEF => matches!(
                    (b1, b2),
                    (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
                ),
                _ => false,
            };
            !special
        })
    }

    /// Every first byte, followed by the bytes that matter to it, at the start, in the middle
    /// and at each place near the end (where the bytes after it are missing).
    #[test]
    fn the_vectorised_check_agrees_with_the_bytewise_one() {
        const AFTER: &[u8] = &[
            0x00, b'\n', b'a', 0x7F, 0x80, 0x9F, 0xA0, 0xA8, 0xA9, 0xBB, 0xBE, 0xBF, 0xFF,
        ];
        let base = b"name: abcdefghijklmnopqrstuvwxyz\nkind: x\n".to_vec();
        let mut refused = 0;
        for x in 0..=255u8 {
            for &y in AFTER {
                for &z in AFTER {
                    for at in [0, 17, base.len() - 3, base.len() - 2, base.len() - 1] {
                        let mut text = base.clone();
                        for (k, b) in [x, y, z].into_iter().enumerate() {
                            if let Some(place) = text.get_mut(at + k) {
                                *place = b;
                            }
                        }
                        let expected = plain_text_bytewise(&text);
                        assert_eq!(plain_text(&text), expected, "{x:#x} {y:#x} {z:#x} at {at}");
                        refused += usize::from(!expected);
                    }
                }
            }
        }
        assert!(refused > 10_000, "{refused}");
        assert!(plain_text(b"") && plain_text(b"a") && !plain_text(b"\t"));
    }

    /// The fast path either gives up or agrees with the reference loader, value and span.
    fn agrees(text: &str) -> bool {
        let limits = Limits::default();
        let Some(fast) = load_fast(text, &limits) else {
            return false;
        };
        assert_eq!(
            fast.line_starts,
            crate::source::line_starts(text.as_bytes()),
            "line starts differ for {text:?}"
        );
        match load_yaml_events(text, &limits) {
            Ok(reference) => assert_eq!(fast.root, reference, "trees differ for {text:?}"),
            Err(error) => panic!("fast path accepted what the parser rejects ({error}): {text:?}"),
        }
        true
    }

    fn yaml_files(dir: &std::path::Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "yaml")
                && path.parent().is_some_and(|d| d.join("unit.yaml").exists())
            {
                out.push(std::fs::read_to_string(&path).expect("utf-8 yaml"));
            }
        }
    }

    const SUBSET: &[&str] = &[
        "a: 1\nb:\n  - x\n  - {k: v, q: 's'}\n  - [1, 2]\n  - c: d\n    e: \"f g\"  # c\n  -\n  - []\nh: plain text here   \ni: \"\"\n",
        "a:\nb:   # c\n\nc:\n  -\n  -   # x\n\n  - d\nz: [ ]\ny: { }\nx: [a , b ]\nw:\n",
        "a:   \nb:\n  - k:\n    j:   \n  -   \n  -\n\n  # c\n  - x   \n  -   # q\nc: \"x\"  # c\nd: 'it''s'\ne: 12:30\nf: a#b\n",
        "a:\n  - x\n  -",
        "# only a comment\n",
        "",
        "- a\n- b: 1\n  c: [x, '居住, 证明']\n-\n  - 1\n",
        "code: \"152223100201\"\nname: 巴彦淖尔嘎查\nperiod: 2025-Q2\ninstitutions: 4\nmembers: -1\nratio: 0.5\nok: true\nnone: ~\n",
        "signs:\n  - {name: 卫生健康工作站, placement: exterior, type: plaque, issued_by: 扎赉特旗卫生健康委员会}\n",
        "a:\n    b:\n        c: 1\n    d: 2\ne: 3",
        "a: [x, [y, {k: [1]}], {}]\nb: {f: [姓名, 身份证号], g: {h: i}}\n",
    ];

    const OUTSIDE: &[&str] = &[
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "a: x\n  continued\n",
        "a:\n- x\n",
        "---\na: 1\n",
        "a: \"esc\\n\"\n",
        "a:\tb\n",
        "a: 1\r\nb: 2\r\n",
        "\"q\": 1\n",
        "a: 1\n  b: 2\n",
        "a: b: c\n",
        "[1, 2]\n",
        "scalar\n",
        "a: [x,\n  y]\n",
        "a : 1\n",
    ];

    #[test]
    fn the_subset_gives_the_reference_tree() {
        for text in SUBSET {
            assert!(agrees(text), "fast path gave up on {text:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parser() {
        for text in OUTSIDE {
            assert!(
                load_fast(text, &Limits::default()).is_none(),
                "fast path took {text:?}"
            );
        }
    }

    #[test]
    fn every_example_inventory_file_takes_the_fast_path_to_the_same_tree() {
        let mut files = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
        yaml_files(&root, &mut files);
        assert!(files.len() > 80);
        for text in &files {
            assert!(agrees(text), "fast path gave up on an example:\n{text}");
        }
    }

    #[test]
    fn limits_send_big_or_deep_files_to_the_full_parser() {
        let tight = Limits {
            max_nodes: 5,
            ..Limits::default()
        };
        let text = "a: [1, 2, 3, 4, 5, 6]\n";
        assert!(load_fast(text, &tight).is_none());
        assert!(matches!(
            load_yaml_events(text, &tight),
            Err(LoadError::TooManyNodes { .. })
        ));
        let deep = (0..40).fold(String::new(), |mut s, d| {
            s.push_str(&" ".repeat(d * 2));
            s.push_str("k:\n");
            s
        });
        assert!(load_fast(&deep, &Limits::default()).is_none());
    }

    /// Random edits of real files — a space, an indicator, a line break, a deleted character —
    /// land on every boundary of the subset; the fast path must never disagree.
    #[test]
    fn mutated_files_never_disagree() {
        let mut bases: Vec<String> = SUBSET.iter().map(|s| (*s).to_owned()).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
        yaml_files(&root, &mut bases);
        const INSERTS: &[&str] = &[
            " ", "  ", ":", ": ", "-", "- ", "#", " #", "'", "\"", "[", "]", "{", "}", ",", "\n",
            "\n  ", "\n- ", "a", "&a ", "*a", "!", "|", ">", "?", "\\", "''", "中", "~", "---\n",
            "%", "@", "`", "0x1F", "-1", ".5", "\t", "\r",
        ];
        let mut state: u64 = 0x5EED;
        let mut next = move |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % n.max(1)
        };
        let (mut accepted, mut total) = (0, 0);
        for round in 0..6000 {
            let base = &bases[next(bases.len())];
            let mut text = base.clone();
            for _ in 0..1 + round % 3 {
                let boundaries: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let at = boundaries[next(boundaries.len())];
                if next(4) == 0 && at < text.len() {
                    let len = text[at..].chars().next().map_or(0, char::len_utf8);
                    text.replace_range(at..at + len, "");
                } else {
                    text.insert_str(at, INSERTS[next(INSERTS.len())]);
                }
            }
            total += 1;
            accepted += usize::from(agrees(&text));
        }
        // The test means something only if many mutants stay inside the subset.
        assert!(accepted > total / 5, "{accepted} of {total} accepted");
    }
}
