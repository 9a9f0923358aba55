//! The SARIF 2.1.0 report (`--format sarif`), for GitHub code scanning and other SARIF viewers.
//!
//! One run: `tool.driver` lists every rule in force (descriptions, help as text and as the
//! Markdown of `jianfu explain`, default level); each result has its rule, level, message, a
//! physical location relative to `%SRCROOT%` (the working directory) with a region in
//! characters (`columnKind: unicodeCodePoints`), a logical location (the YAML path), a partial
//! fingerprint that does not change when lines move (the baseline's), and, when waived, a
//! suppression with the waiver's reason.
//!
//! The tool and its rules are serde-sarif's types, written once; the envelope is written by
//! hand so that results stream out as units are checked instead of being held until the end,
//! and so is each result (`write_result`), byte for byte as serde-sarif would write it (a test
//! keeps serde-sarif's version as the reference).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_sarif::sarif::{
    ArtifactLocation, MultiformatMessageString, PropertyBag, ReportingConfiguration,
    ReportingDescriptor, Tool, ToolComponent,
};

use crate::baseline::fingerprint;
use crate::finding::{Finding, Severity};
use crate::outcome::UnitResult;
use crate::policy::{Rule, RuleSet};
use crate::wording::{Arg, Form, Locale, keys};

use super::explain::{first_sentence, render_explain};
use super::json::{member, number, string};
use super::{Reporter, RunEnd};

/// The schema the report declares (the OASIS 2.1.0 schema, errata 01).
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base that relative paths are resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// The partial fingerprint's name; versioned so that a change of scheme is not a mismatch.
const FINGERPRINT_KEY: &str = "jianfu/v1";

/// Characters escaped in a URI path: controls, space and what URIs reserve, except `/`.
/// Non-ASCII (Chinese file names) is always percent-encoded as UTF-8.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

pub struct SarifReporter<W: Write> {
    locale: Locale,
    out: W,
    rule_index: HashMap<String, usize>,
    tool: Tool,
    started: bool,
    first: bool,
    /// The last file's artifact location as JSON: a unit's findings come file by file, and
    /// encoding the path for each of them was a sixth of the report's work.
    last_location: Option<(String, Vec<u8>)>,
    /// One result's bytes, reused from result to result.
    buffer: Vec<u8>,
}

impl<W: Write> SarifReporter<W> {
    pub fn new(rules: &RuleSet, locale: Locale, out: W) -> Self {
        let rule_index = rules
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.header.id.clone(), i))
            .collect();
        let descriptors: Vec<ReportingDescriptor> =
            rules.rules.iter().map(|r| descriptor(r, &locale)).collect();
        let driver = ToolComponent::builder()
            .name("jianfu")
            .full_name("jianfu（减负）基层减负清单检查工具")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .rules(descriptors)
            .build();
        SarifReporter {
            locale,
            out,
            rule_index,
            tool: Tool::builder().driver(driver).build(),
            started: false,
            first: true,
            last_location: None,
            buffer: Vec::new(),
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let tool = serde_json::to_string(&self.tool)?;
        let root = std::env::current_dir()
            .ok()
            .and_then(|d| directory_uri(&d))
            .unwrap_or_else(|| "file:///".to_owned());
        let bases = serde_json::json!({ SRCROOT: { "uri": root } });
        write!(
            self.out,
            "{{\n  \"$schema\": \"{SARIF_SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {tool},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"originalUriBaseIds\": {bases},\n      \"results\": ["
        )
    }

    fn findings(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.start()?;
        for finding in findings {
            let separator = if self.first {
                "\n        "
            } else {
                ",\n        "
            };
            self.first = false;
            self.out.write_all(separator.as_bytes())?;
            let mut result = std::mem::take(&mut self.buffer);
            result.clear();
            self.write_result(&mut result, finding);
            self.out.write_all(&result)?;
            self.buffer = result;
        }
        Ok(())
    }

    /// The artifact location of `path` as JSON, encoded once for a run of findings in one file.
    fn artifact_location(&mut self, path: &str) -> &[u8] {
        if self
            .last_location
            .as_ref()
            .is_none_or(|(last, _)| last != path)
        {
            let json = serde_json::to_vec(&artifact_location(path)).unwrap_or_default();
            self.last_location = Some((path.to_owned(), json));
        }
        self.last_location.as_ref().map_or(&[], |(_, json)| json)
    }

    /// One result, written as serde-sarif writes its `Result` (members in the same order,
    /// strings escaped the same way): building the typed value and serialising it was most of
    /// the report's work. A test compares the two on every finding of the example league.
    fn write_result(&mut self, out: &mut Vec<u8>, finding: &Finding) {
        let position = finding.position();
        out.extend_from_slice(b"{\"level\":\"");
        out.extend_from_slice(level_name(finding.severity).as_bytes());
        out.extend_from_slice(b"\",\"locations\":[{");
        // The cell, then the YAML path: each a logical location (name, qualified name).
        let unit = finding.unit.as_deref().unwrap_or("?");
        let cell = position
            .cell
            .as_ref()
            .map(|c| (c.cell.as_str(), c.address()));
        let path = (!finding.path.is_empty())
            .then(|| (finding.path.as_str(), format!("{unit}/{}", finding.path)));
        if cell.is_some() || path.is_some() {
            member(out, "logicalLocations");
            out.push(b'[');
            for (i, (name, qualified)) in cell.iter().chain(path.iter()).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.push(b'{');
                member(out, "fullyQualifiedName");
                string(out, qualified);
                out.extend_from_slice(b",\"kind\":\"element\",");
                member(out, "name");
                string(out, name);
                out.push(b'}');
            }
            out.extend_from_slice(b"],");
        }
        out.extend_from_slice(b"\"physicalLocation\":{\"artifactLocation\":");
        out.extend_from_slice(self.artifact_location(finding.shown_file(&position)));
        out.extend_from_slice(b",\"region\":{");
        match &position.cell {
            // A spreadsheet's row; the cell is the logical location.
            Some(cell) => {
                member(out, "endLine");
                number(out, cell.row);
                out.extend_from_slice(b",\"startLine\":");
                number(out, cell.row);
            }
            None => {
                let region = &position.region;
                member(out, "endColumn");
                number(out, region.end.column);
                out.extend_from_slice(b",\"endLine\":");
                number(out, region.end.line);
                out.extend_from_slice(b",\"startColumn\":");
                number(out, region.start.column);
                out.extend_from_slice(b",\"startLine\":");
                number(out, region.start.line);
            }
        }
        out.extend_from_slice(b"}}}],\"message\":{\"text\":");
        string(out, &self.locale.finding_message(finding));
        out.extend_from_slice(b"},\"partialFingerprints\":{");
        member(out, FINGERPRINT_KEY);
        string(out, fingerprint(finding).as_str());
        out.extend_from_slice(b"},\"properties\":{\"help\":");
        string(out, &self.locale.finding_help(finding));
        if let Some(imposer) = &finding.imposer {
            out.extend_from_slice(b",\"imposer\":");
            string(out, imposer);
        }
        if let Some(unit) = &finding.unit {
            out.extend_from_slice(b",\"unit\":");
            string(out, unit);
        }
        out.extend_from_slice(b"},\"ruleId\":");
        string(out, &finding.rule.id);
        if let Some(index) = self.rule_index.get(&finding.rule.id) {
            out.extend_from_slice(b",\"ruleIndex\":");
            out.extend_from_slice(itoa::Buffer::new().format(*index).as_bytes());
        }
        if let Some(waived) = &finding.waived {
            out.extend_from_slice(b",\"suppressions\":[{\"justification\":");
            string(out, &waived.reason);
            out.extend_from_slice(b",\"kind\":\"external\",\"status\":\"accepted\"}]");
        }
        out.push(b'}');
    }
}

impl<W: Write> Reporter for SarifReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        self.findings(&result.findings)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        self.findings(end.findings)?;
        let close = if self.first { "]" } else { "\n      ]" };
        write!(
            self.out,
            "{close},\n      \"invocations\": [{{\"executionSuccessful\": true}}]\n    }}\n  ]\n}}\n"
        )?;
        self.out.flush()
    }
}

/// A severity as a SARIF level.
fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule as SARIF describes it.
fn descriptor(rule: &Rule, locale: &Locale) -> ReportingDescriptor {
    let docs = &rule.docs;
    let lang = locale.lang();
    let basis = locale.text(
        &keys::BASIS_LINE,
        &[("basis", Arg::text(rule.header.basis.as_str()))],
        Form::Yaml,
    );
    let help = format!("{}\n{basis}", docs.fix.get(lang));
    let level = level_name(rule.severity);
    ReportingDescriptor::builder()
        .id(rule.header.id.clone())
        .name(rule.header.name.clone())
        .short_description(text(first_sentence(docs.what.get(lang))))
        .full_description(text(format!(
            "{}\n{}",
            docs.what.get(lang),
            docs.why.get(lang)
        )))
        .help(
            MultiformatMessageString::builder()
                .text(help)
                .markdown(render_explain(rule, lang))
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(level))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec![
                    "burden-reduction".to_owned(),
                    rule.header.clearance.as_str().to_owned(),
                ])
                .build(),
        )
        .build()
}

fn text(text: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder()
        .text(text.into())
        .build()
}

/// A file's location: relative to `%SRCROOT%`, or a `file:` URI when absolute.
fn artifact_location(path: &str) -> ArtifactLocation {
    let as_path = Path::new(path);
    if as_path.is_absolute() {
        let uri = format!("file://{}", encode_path(path));
        return ArtifactLocation::builder().uri(uri).build();
    }
    let relative = path.strip_prefix("./").unwrap_or(path);
    ArtifactLocation::builder()
        .uri(encode_path(relative))
        .uri_base_id(SRCROOT)
        .build()
}

fn encode_path(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    utf8_percent_encode(&slashed, PATH).to_string()
}

/// A directory as a `file:` URI ending in `/`, as `originalUriBaseIds` requires.
fn directory_uri(dir: &Path) -> Option<String> {
    let text = dir.to_str()?;
    let mut uri = format!("file://{}", encode_path(text));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_sarif::sarif::{
        Location, LogicalLocation, Message, PhysicalLocation, Region, Result, ResultLevel,
        Suppression,
    };
    use std::collections::BTreeMap;

    /// A result as serde-sarif's types make it: what the hand-written result must equal.
    fn typed_result(reporter: &SarifReporter<Vec<u8>>, finding: &Finding) -> Result {
        let position = finding.position();
        let region = match &position.cell {
            Some(cell) => Region::builder()
                .start_line(i64::from(cell.row))
                .end_line(i64::from(cell.row))
                .build(),
            None => Region::builder()
                .start_line(i64::from(position.region.start.line))
                .start_column(i64::from(position.region.start.column))
                .end_line(i64::from(position.region.end.line))
                .end_column(i64::from(position.region.end.column))
                .build(),
        };
        let physical = PhysicalLocation::builder()
            .artifact_location(artifact_location(finding.shown_file(&position)))
            .region(region)
            .build();
        let mut location = Location::builder().physical_location(physical).build();
        let mut logical = Vec::new();
        if let Some(cell) = &position.cell {
            logical.push(
                LogicalLocation::builder()
                    .name(cell.cell.clone())
                    .fully_qualified_name(cell.address())
                    .kind("element")
                    .build(),
            );
        }
        if !finding.path.is_empty() {
            let unit = finding.unit.as_deref().unwrap_or("?");
            logical.push(
                LogicalLocation::builder()
                    .name(finding.path.clone())
                    .fully_qualified_name(format!("{unit}/{}", finding.path))
                    .kind("element")
                    .build(),
            );
        }
        if !logical.is_empty() {
            location.logical_locations = Some(logical);
        }
        let level = match finding.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
            Severity::Info => ResultLevel::Note,
        };
        let locale = &reporter.locale;
        let mut result = Result::builder()
            .rule_id(finding.rule.id.clone())
            .level(level)
            .message(
                Message::builder()
                    .text(locale.finding_message(finding))
                    .build(),
            )
            .locations(vec![location])
            .partial_fingerprints(BTreeMap::from([(
                FINGERPRINT_KEY.to_owned(),
                fingerprint(finding).to_string(),
            )]))
            .build();
        if let Some(&index) = reporter.rule_index.get(&finding.rule.id) {
            result.rule_index = i64::try_from(index).ok();
        }
        if let Some(reason) = finding.waived.as_ref().map(|w| &w.reason) {
            result.suppressions = Some(vec![
                Suppression::builder()
                    .kind(serde_json::json!("external"))
                    .status(serde_json::json!("accepted"))
                    .justification(reason.clone())
                    .build(),
            ]);
        }
        let mut properties = BTreeMap::new();
        properties.insert("help".to_owned(), locale.finding_help(finding).into());
        if let Some(imposer) = &finding.imposer {
            properties.insert("imposer".to_owned(), imposer.clone().into());
        }
        if let Some(unit) = &finding.unit {
            properties.insert("unit".to_owned(), unit.to_string().into());
        }
        result.properties = Some(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        );
        result
    }

    #[test]
    fn results_are_written_as_serde_sarif_writes_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
        let set = crate::policy::PolicySet::builtin().unwrap();
        let policies = crate::check::Policies::new(set, Default::default()).unwrap();
        let options = crate::check::CheckOptions::default();
        let results = crate::check::check_paths(&[root], &policies, &options).unwrap();
        let mut findings: Vec<Finding> = results.into_iter().flat_map(|r| r.findings).collect();
        // What the league does not show: a waiver, quotes and controls in data, no unit, no
        // path.
        let mut odd = findings[0].clone();
        odd.waived = Some(Box::new(crate::finding::Waived {
            reason: "旗县批准 \"暂缓\"\n第二行".to_owned(),
            approver: "某人".to_owned(),
            expires: "2025-12-31".to_owned(),
        }));
        odd.imposer = Some("某局\t\\".to_owned());
        odd.unit = None;
        odd.path = String::new();
        findings.push(odd);
        let cells = findings.iter().filter(|f| f.cell().is_some()).count();
        assert!(
            findings.len() > 100 && cells > 0,
            "{} findings, {cells} in cells",
            findings.len()
        );
        for lang in [crate::finding::Lang::Zh, crate::finding::Lang::En] {
            let rules = policies.base();
            let mut reporter = SarifReporter::new(rules, Locale::from(lang), Vec::new());
            for finding in &findings {
                let expected = serde_json::to_vec(&typed_result(&reporter, finding)).unwrap();
                let mut written = Vec::new();
                reporter.write_result(&mut written, finding);
                assert_eq!(
                    String::from_utf8_lossy(&written),
                    String::from_utf8_lossy(&expected)
                );
            }
        }
    }

    #[test]
    fn paths_become_uri_references_with_chinese_percent_encoded() {
        let location = artifact_location("./兴安盟/unit 1/signage.yaml");
        assert_eq!(
            location.uri.as_deref(),
            Some("%E5%85%B4%E5%AE%89%E7%9B%9F/unit%201/signage.yaml")
        );
        assert_eq!(location.uri_base_id.as_deref(), Some(SRCROOT));
        let absolute = artifact_location("/tmp/a#b.yaml");
        assert_eq!(absolute.uri.as_deref(), Some("file:///tmp/a%23b.yaml"));
        assert_eq!(absolute.uri_base_id, None);
    }
}
