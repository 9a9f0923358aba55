//! The findings a bulletin's cases may be made of, kept in a file while the run is gathered.
//!
//! Which cases a bulletin writes out is known only once every unit has been checked, and a case
//! is written from its findings and the items they point into. Rather than hold every unit's
//! findings to the end (a quarter of a gigabyte at 10,000 units), each unit's open problem
//! findings and the items they cite are written, as the unit is gathered, to an unnamed
//! temporary file (it has no name to be linked or read by another user, and is gone when the
//! run ends), and read back at the end for the cases written out, which are few.
//!
//! The file's format is private to one run: lengths and numbers little-endian, texts as UTF-8
//! with their length before them, an item's values tagged. Each unit is one record, its length
//! first and then the cases its findings join, so that a unit in none of the cases written out
//! is stepped over unread. It keeps what a bulletin reads exactly, floating-point numbers to the
//! bit; it drops the items' places in their files, which no bulletin prints.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::sync::Arc;

use compact_str::CompactString;

use super::cases::CaseKey;
use super::facts::{BulletinFinding, BulletinUnit};
use super::items::item_ref;
use crate::finding::{RuleHeader, Severity};
use crate::load::{Entry, Node, Value};
use crate::period::UnitCounts;

/// The units' case material, written as they come.
#[derive(Default)]
pub(super) struct Spill {
    /// Created on the first unit with a problem: a clean run writes nothing.
    file: Option<BufWriter<File>>,
    /// The units written.
    units: usize,
    /// The rules of the findings written, by id, to give the findings back their rules.
    rules: HashMap<String, Arc<RuleHeader>>,
    /// One unit's record, made here before it is written with its length (kept between
    /// units, so that its room is allocated once).
    record: Vec<u8>,
}

impl Spill {
    /// Write down a unit's open problem findings, each with the case it joins, and the items
    /// they point into, if it has any.
    pub(super) fn add(
        &mut self,
        unit: &BulletinUnit,
        findings: &[(&BulletinFinding, CaseKey)],
    ) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        for (finding, _) in findings {
            if !self.rules.contains_key(&finding.rule.id) {
                self.rules
                    .insert(finding.rule.id.clone(), finding.rule.clone());
            }
        }
        let file = match &mut self.file {
            Some(file) => file,
            None => self.file.insert(BufWriter::new(tempfile::tempfile()?)),
        };
        self.record.clear();
        write_unit(&mut self.record, unit, findings)?;
        put_len(file, self.record.len())?;
        file.write_all(&self.record)?;
        self.units += 1;
        Ok(())
    }

    /// Whether no unit was written (no file was made).
    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
        self.file.is_none() && self.units == 0
    }

    /// The units written that have findings in the cases `top`, each with only those findings
    /// and the items they point into, in the order written.
    pub(super) fn read_back(
        self,
        top: &HashSet<CaseKey<'static>>,
    ) -> io::Result<Vec<BulletinUnit>> {
        let Some(file) = self.file else {
            return Ok(Vec::new());
        };
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let mut reader = Reader(BufReader::new(file));
        let mut units = Vec::new();
        for _ in 0..self.units {
            let len = reader.len()?;
            let cases = reader.cases()?;
            if !cases.iter().any(|key| top.contains(key)) {
                let head = cases_len(&cases);
                let rest = len
                    .checked_sub(head)
                    .ok_or_else(|| corrupt("a record's length"))?;
                reader.skip(rest)?;
                continue;
            }
            let kept: Vec<bool> = cases.iter().map(|key| top.contains(key)).collect();
            if let Some(unit) = reader.unit(&self.rules, &kept)? {
                units.push(unit);
            }
        }
        Ok(units)
    }
}

/// A unit's record: the cases its findings join, who it is, the findings (each with its case),
/// the items cited (each with its length, to be stepped over).
fn write_unit(
    out: &mut Vec<u8>,
    unit: &BulletinUnit,
    findings: &[(&BulletinFinding, CaseKey)],
) -> io::Result<()> {
    let cases: BTreeSet<&CaseKey> = findings.iter().map(|(_, key)| key).collect();
    let cases: Vec<&CaseKey> = cases.into_iter().collect();
    put_len(out, cases.len())?;
    for key in &cases {
        put_case(out, key)?;
    }
    let counts = &unit.unit;
    for text in [&counts.code, &counts.name, &counts.kind] {
        put_optional(out, text.as_deref())?;
    }
    put_str(out, &counts.dir)?;
    for text in [&counts.banner, &counts.township] {
        put_optional(out, text.as_deref())?;
    }
    put_len(out, findings.len())?;
    for (finding, key) in findings {
        put_len(out, cases.binary_search(&key).unwrap_or_default())?;
        put_str(out, &finding.rule.id)?;
        out.write_all(&[severity_byte(finding.severity)])?;
        put_str(out, &finding.path)?;
        put_optional(out, finding.imposer.as_deref())?;
        put_str(out, &finding.message)?;
    }
    let cited: BTreeSet<(&str, usize)> = findings
        .iter()
        .filter_map(|(f, _)| item_ref(&f.path))
        .collect();
    let items: Vec<(&str, usize, &Node)> = unit
        .items
        .iter()
        .map(|((key, index), node)| (key.as_str(), *index, node))
        .filter(|(key, index, _)| cited.contains(&(*key, *index)))
        .collect();
    put_len(out, items.len())?;
    let mut node_bytes = Vec::new();
    for (key, index, node) in items {
        put_str(out, key)?;
        put_len(out, index)?;
        node_bytes.clear();
        put_node(&mut node_bytes, node)?;
        put_len(out, node_bytes.len())?;
        out.extend_from_slice(&node_bytes);
    }
    Ok(())
}

fn put_case(out: &mut impl Write, key: &CaseKey) -> io::Result<()> {
    let (tag, text) = match key {
        CaseKey::Body(body) => (0, body),
        CaseKey::Rule(id) => (1, id),
    };
    out.write_all(&[tag])?;
    put_str(out, text)
}

/// How many bytes [`put_len`] and [`put_case`] wrote for `cases`.
fn cases_len(cases: &[CaseKey]) -> usize {
    let texts: usize = cases
        .iter()
        .map(|key| match key {
            CaseKey::Body(text) | CaseKey::Rule(text) => 1 + 8 + text.len(),
        })
        .sum();
    8 + texts
}

fn severity_byte(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn put_len(out: &mut impl Write, len: usize) -> io::Result<()> {
    out.write_all(&(len as u64).to_le_bytes())
}

fn put_str(out: &mut impl Write, text: &str) -> io::Result<()> {
    put_len(out, text.len())?;
    out.write_all(text.as_bytes())
}

fn put_optional(out: &mut impl Write, text: Option<&str>) -> io::Result<()> {
    match text {
        None => out.write_all(&[0]),
        Some(text) => {
            out.write_all(&[1])?;
            put_str(out, text)
        }
    }
}

/// Texts up to this long are read straight into their own room.
const SHORT: usize = 1 << 16;

const NULL: u8 = 0;
const BOOL: u8 = 1;
const INT: u8 = 2;
const FLOAT: u8 = 3;
const STR: u8 = 4;
const SEQ: u8 = 5;
const MAP: u8 = 6;

fn put_node(out: &mut impl Write, node: &Node) -> io::Result<()> {
    match &node.value {
        Value::Null => out.write_all(&[NULL]),
        Value::Bool(b) => out.write_all(&[BOOL, u8::from(*b)]),
        Value::Int(i) => {
            out.write_all(&[INT])?;
            out.write_all(&i.to_le_bytes())
        }
        Value::Float(f) => {
            out.write_all(&[FLOAT])?;
            out.write_all(&f.to_bits().to_le_bytes())
        }
        Value::Str(s) => {
            out.write_all(&[STR])?;
            put_str(out, s)
        }
        Value::Seq(items) => {
            out.write_all(&[SEQ])?;
            put_len(out, items.len())?;
            items.iter().try_for_each(|item| put_node(out, item))
        }
        Value::Map(entries) => {
            out.write_all(&[MAP])?;
            put_len(out, entries.len())?;
            entries.iter().try_for_each(|entry| {
                put_node(out, &entry.key)?;
                put_node(out, &entry.value)
            })
        }
    }
}

fn corrupt(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("the bulletin's temporary file is damaged: {what}"),
    )
}

/// Reads back what [`Spill::add`] wrote.
struct Reader<R>(R);

impl<R: BufRead> Reader<R> {
    fn byte(&mut self) -> io::Result<u8> {
        let mut byte = [0];
        self.0.read_exact(&mut byte)?;
        Ok(byte[0])
    }

    fn eight(&mut self) -> io::Result<[u8; 8]> {
        let mut bytes = [0; 8];
        self.0.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    fn len(&mut self) -> io::Result<usize> {
        usize::try_from(u64::from_le_bytes(self.eight()?)).map_err(|_| corrupt("a length"))
    }

    fn string(&mut self) -> io::Result<String> {
        let len = self.len()?;
        let mut bytes = Vec::new();
        if len <= SHORT {
            bytes.resize(len, 0);
            self.0.read_exact(&mut bytes)?;
        } else {
            // Not allocated up front: a damaged length could ask for any size.
            self.0.by_ref().take(len as u64).read_to_end(&mut bytes)?;
            if bytes.len() != len {
                return Err(corrupt("a text is cut short"));
            }
        }
        String::from_utf8(bytes).map_err(|_| corrupt("a text is not UTF-8"))
    }

    /// Step over `len` bytes.
    fn skip(&mut self, mut len: usize) -> io::Result<()> {
        while len > 0 {
            let available = self.0.fill_buf()?.len();
            if available == 0 {
                return Err(corrupt("a record is cut short"));
            }
            let step = available.min(len);
            self.0.consume(step);
            len -= step;
        }
        Ok(())
    }

    /// Step over a text.
    fn skip_string(&mut self) -> io::Result<()> {
        let len = self.len()?;
        self.skip(len)
    }

    /// The cases at the head of a unit's record.
    fn cases(&mut self) -> io::Result<Vec<CaseKey<'static>>> {
        let len = self.len()?;
        let mut cases = Vec::new();
        for _ in 0..len {
            let tag = self.byte()?;
            let text = Cow::Owned(self.string()?);
            cases.push(match tag {
                0 => CaseKey::Body(text),
                1 => CaseKey::Rule(text),
                _ => return Err(corrupt("a case")),
            });
        }
        Ok(cases)
    }

    fn optional(&mut self) -> io::Result<Option<String>> {
        match self.byte()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(corrupt("an optional text")),
        }
    }

    fn severity(&mut self) -> io::Result<Severity> {
        match self.byte()? {
            0 => Ok(Severity::Error),
            1 => Ok(Severity::Warning),
            2 => Ok(Severity::Info),
            _ => Err(corrupt("a severity")),
        }
    }

    fn node(&mut self) -> io::Result<Node> {
        let value = match self.byte()? {
            NULL => Value::Null,
            BOOL => Value::Bool(self.byte()? != 0),
            INT => Value::Int(i64::from_le_bytes(self.eight()?)),
            FLOAT => Value::Float(f64::from_bits(u64::from_le_bytes(self.eight()?))),
            STR => Value::Str(self.string()?.into()),
            SEQ => {
                let len = self.len()?;
                Value::Seq((0..len).map(|_| self.node()).collect::<io::Result<_>>()?)
            }
            MAP => {
                let len = self.len()?;
                let entries = (0..len)
                    .map(|_| {
                        Ok(Entry {
                            key: self.node()?,
                            value: self.node()?,
                        })
                    })
                    .collect::<io::Result<_>>()?;
                Value::Map(entries)
            }
            _ => return Err(corrupt("a value's kind")),
        };
        Ok(Node {
            span: Default::default(),
            value,
        })
    }

    /// Step over a finding (its case already read).
    fn skip_finding(&mut self) -> io::Result<()> {
        self.skip_string()?;
        self.severity()?;
        self.skip_string()?;
        if self.byte()? == 1 {
            self.skip_string()?;
        }
        self.skip_string()
    }

    fn finding(&mut self, rules: &HashMap<String, Arc<RuleHeader>>) -> io::Result<BulletinFinding> {
        let id = self.string()?;
        let rule = rules.get(&id).ok_or_else(|| corrupt("a rule"))?.clone();
        Ok(BulletinFinding {
            rule,
            severity: self.severity()?,
            path: self.string()?.into(),
            imposer: self.optional()?.map(CompactString::from),
            waived: false,
            message: self.string()?,
        })
    }

    /// One unit, with the findings of the cases `kept` marks (by their place in the record's
    /// list of cases); `None` when it keeps none.
    fn unit(
        &mut self,
        rules: &HashMap<String, Arc<RuleHeader>>,
        kept: &[bool],
    ) -> io::Result<Option<BulletinUnit>> {
        let code = self.optional()?;
        let name = self.optional()?;
        let kind = self.optional()?;
        let dir = self.string()?;
        let banner = self.optional()?;
        let township = self.optional()?;
        let mut findings = Vec::new();
        for _ in 0..self.len()? {
            let case = self.len()?;
            if kept.get(case).copied().unwrap_or(false) {
                findings.push(self.finding(rules)?);
            } else {
                self.skip_finding()?;
            }
        }
        let cited: BTreeSet<(&str, usize)> =
            findings.iter().filter_map(|f| item_ref(&f.path)).collect();
        let mut items = BTreeMap::new();
        for _ in 0..self.len()? {
            let key = self.string()?;
            let index = self.len()?;
            let len = self.len()?;
            if cited.contains(&(key.as_str(), index)) {
                items.insert((CompactString::from(key), index), self.node()?);
            } else {
                self.skip(len)?;
            }
        }
        if findings.is_empty() {
            return Ok(None);
        }
        Ok(Some(BulletinUnit {
            unit: UnitCounts {
                code,
                dir,
                name,
                kind,
                banner,
                township,
                period: None,
                items: BTreeMap::new(),
                named: BTreeMap::new(),
            },
            findings,
            items,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(value: Value) -> Node {
        Node {
            span: Default::default(),
            value,
        }
    }

    fn round_trip(written: &Node) -> Node {
        let mut bytes = Vec::new();
        put_node(&mut bytes, written).unwrap();
        let mut reader = Reader(bytes.as_slice());
        let read = reader.node().unwrap();
        assert!(reader.0.is_empty(), "all that was written is read");
        read
    }

    /// Every kind of value comes back as it was: floating point to the bit (YAML has .nan and
    /// .inf, which JSON has not), integers at their limits, keys that are not text, Chinese.
    #[test]
    fn values_come_back_as_they_were() {
        let floats = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 0.1, 1e300];
        for f in floats {
            let Value::Float(read) = round_trip(&node(Value::Float(f))).value else {
                panic!("not a float");
            };
            assert_eq!(read.to_bits(), f.to_bits());
        }
        let tree = node(Value::Map(vec![
            Entry {
                key: node(Value::Str("名称".into())),
                value: node(Value::Str("「扎赉特旗」工作群，共 3 个".into())),
            },
            Entry {
                key: node(Value::Int(7)),
                value: node(Value::Seq(vec![
                    node(Value::Int(i64::MIN)),
                    node(Value::Int(i64::MAX)),
                    node(Value::Bool(true)),
                    node(Value::Bool(false)),
                    node(Value::Null),
                    node(Value::Seq(Vec::new())),
                    node(Value::Map(Vec::new())),
                ])),
            },
            Entry {
                key: node(Value::Str(String::new().into())),
                value: node(Value::Str("x".repeat(100).into())),
            },
        ]));
        assert_eq!(round_trip(&tree), tree);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        let mut bytes = Vec::new();
        put_node(&mut bytes, &node(Value::Str("数据".into()))).unwrap();
        for cut in 0..bytes.len() {
            assert!(Reader(&bytes[..cut]).node().is_err(), "cut at {cut}");
        }
        assert!(Reader(&[9u8][..]).node().is_err(), "unknown kind");
        let mut not_utf8 = vec![STR];
        not_utf8.extend(2u64.to_le_bytes());
        not_utf8.extend([0xff, 0xfe]);
        assert!(Reader(not_utf8.as_slice()).node().is_err());
        let mut too_long = vec![STR];
        too_long.extend(u64::MAX.to_le_bytes());
        assert!(Reader(too_long.as_slice()).node().is_err());
    }
}
