//! Policies: the default pack embedded in the binary and users' policy directories, parsed into
//! a [`PolicySet`] and compiled — with a league's parameter values — into a [`RuleSet`].
//!
//! Everything here happens before any inventory is read; a broken policy is a located
//! [`PolicyError`] (exit 2), never a finding. This module reads no inventory.

pub mod compile;
pub mod raw;
pub mod sources;

use crate::calendar::Calendar;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use crate::finding::{RuleHeader, Severity};
use crate::inventory::SubmitRules;
use crate::source::{SourceFile, Span};

use crate::wording::{Arg, Form, Key, keys};
pub use compile::{Check, Cond, Num, Rule};
use compile::{Scope, compile_rule, suggest};

/// A policy error's words, from the catalogue of the process's language (`--lang`).
pub(crate) fn words(key: &Key, args: &[(&str, Arg)]) -> String {
    crate::wording::current().text(key, args, Form::Yaml)
}
use raw::{ParamValue, PolicyFile};

/// The default pack (`policies/`, catalogued in docs/rules/README.md), embedded so that `jianfu check DIR` needs nothing else.
const DEFAULT_PACK: &[(&str, &str)] = &[
    (
        "policies/sources.yaml",
        include_str!("../../policies/sources.yaml"),
    ),
    (
        "policies/submit.yaml",
        include_str!("../../policies/submit.yaml"),
    ),
    (
        "policies/tasks.yaml",
        include_str!("../../policies/tasks.yaml"),
    ),
    (
        "policies/signage.yaml",
        include_str!("../../policies/signage.yaml"),
    ),
    (
        "policies/certificates.yaml",
        include_str!("../../policies/certificates.yaml"),
    ),
    (
        "policies/groups.yaml",
        include_str!("../../policies/groups.yaml"),
    ),
    (
        "policies/reports.yaml",
        include_str!("../../policies/reports.yaml"),
    ),
    (
        "policies/meetings.yaml",
        include_str!("../../policies/meetings.yaml"),
    ),
    (
        "policies/inspections.yaml",
        include_str!("../../policies/inspections.yaml"),
    ),
    (
        "policies/support.yaml",
        include_str!("../../policies/support.yaml"),
    ),
    (
        "policies/trend.yaml",
        include_str!("../../policies/trend.yaml"),
    ),
    (
        "policies/config.yaml",
        include_str!("../../policies/config.yaml"),
    ),
];

/// The default pack's test cases, embedded so that `jianfu test` runs them anywhere.
pub const DEFAULT_TESTS: &[(&str, &str)] = &[
    (
        "policies/tests/tasks.yaml",
        include_str!("../../policies/tests/tasks.yaml"),
    ),
    (
        "policies/tests/signage.yaml",
        include_str!("../../policies/tests/signage.yaml"),
    ),
    (
        "policies/tests/certificates.yaml",
        include_str!("../../policies/tests/certificates.yaml"),
    ),
    (
        "policies/tests/groups.yaml",
        include_str!("../../policies/tests/groups.yaml"),
    ),
    (
        "policies/tests/reports.yaml",
        include_str!("../../policies/tests/reports.yaml"),
    ),
    (
        "policies/tests/meetings.yaml",
        include_str!("../../policies/tests/meetings.yaml"),
    ),
    (
        "policies/tests/inspections.yaml",
        include_str!("../../policies/tests/inspections.yaml"),
    ),
    (
        "policies/tests/support.yaml",
        include_str!("../../policies/tests/support.yaml"),
    ),
];

/// Whether a rule's origin is the embedded default pack.
pub fn is_default_origin(origin: &str) -> bool {
    DEFAULT_PACK.iter().any(|(path, _)| *path == origin)
}

/// A problem in a policy file, pointing at the place.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(jianfu::policy))]
pub struct PolicyError {
    pub message: String,
    #[source_code]
    pub source_file: Arc<SourceFile>,
    #[label("{label}")]
    pub span: Option<miette::SourceSpan>,
    /// What the label under the span says.
    label: String,
    #[help]
    pub help: Option<String>,
}

impl PolicyError {
    pub fn at(
        file: &str,
        text: &str,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) -> PolicyError {
        PolicyError {
            message: format!("{file}: {}", message.into()),
            source_file: SourceFile::new(file, text),
            span: Some(Span::new(offset, offset + len).into()),
            label: words(&keys::POLICY_HERE, &[]),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<Option<String>>) -> PolicyError {
        self.help = help.into();
        self
    }

    /// An error about a file as a whole (unreadable, not UTF-8).
    pub fn file(file: &str, message: impl Into<String>) -> PolicyError {
        PolicyError {
            message: format!("{file}: {}", message.into()),
            source_file: SourceFile::new(file, ""),
            span: None,
            label: String::new(),
            help: None,
        }
    }
}

/// One parsed policy file.
#[derive(Debug)]
pub struct ParsedPolicy {
    pub source: Arc<SourceFile>,
    pub raw: PolicyFile,
}

/// Every policy file in use, parsed and checked for duplicate ids, not yet compiled.
#[derive(Debug, Default)]
pub struct PolicySet {
    pub files: Vec<ParsedPolicy>,
}

/// A league's choices about rules: parameter values, severities, rules turned off.
#[derive(Clone, Debug)]
pub struct RuleSettings {
    pub params: BTreeMap<String, BTreeMap<String, ParamValue>>,
    pub severity: BTreeMap<String, Severity>,
    pub disabled: BTreeSet<String>,
    /// The holiday calendars `rest_day` conditions use.
    pub calendar: Arc<Calendar>,
}

impl RuleSettings {
    /// Whether rule `id` compiles the same under these settings and `other`: the same
    /// parameter values, severity and calendar (whether it is turned off is asked apart).
    fn same_for(&self, id: &str, other: &RuleSettings) -> bool {
        self.params.get(id) == other.params.get(id)
            && self.severity.get(id) == other.severity.get(id)
            && Arc::ptr_eq(&self.calendar, &other.calendar)
    }
}

impl Default for RuleSettings {
    fn default() -> RuleSettings {
        RuleSettings {
            params: BTreeMap::new(),
            severity: BTreeMap::new(),
            disabled: BTreeSet::new(),
            calendar: Calendar::shared_published(),
        }
    }
}

impl PolicySet {
    /// The embedded default pack.
    ///
    /// Its files are parsed side by side: their YAML is most of a one-unit run's work.
    pub fn builtin() -> Result<PolicySet, PolicyError> {
        use rayon::prelude::*;
        let parsed: Vec<Result<PolicyFile, PolicyError>> = DEFAULT_PACK
            .par_iter()
            .map(|(path, text)| parse_policy(path, text))
            .collect();
        let mut set = PolicySet::default();
        for ((path, text), raw) in DEFAULT_PACK.iter().zip(parsed) {
            set.add_parsed(path, text, raw?)?;
        }
        Ok(set)
    }

    /// Add every `*.yaml` policy file directly inside `dir` (its `tests/` hold test cases).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), PolicyError> {
        for path in yaml_files_in(dir)? {
            let (shown, text) = read_policy_file(dir, &path)?;
            self.add_text(&shown, &text)?;
        }
        Ok(())
    }

    /// Parse one policy file and add it.
    pub fn add_text(&mut self, path: &str, text: &str) -> Result<(), PolicyError> {
        self.add_parsed(path, text, parse_policy(path, text)?)
    }

    /// Add a parsed policy file, unless it repeats a rule or a source already added.
    fn add_parsed(&mut self, path: &str, text: &str, raw: PolicyFile) -> Result<(), PolicyError> {
        for rule in &raw.rules {
            if let Some(earlier) = self.rule_origin(rule.id.value()) {
                return Err(PolicyError::at(
                    path,
                    text,
                    rule.id.offset(),
                    rule.id.len(),
                    words(
                        &keys::POLICY_DUPLICATE_RULE,
                        &[("rule", rule.id.value().as_str().into())],
                    ),
                )
                .with_help(words(
                    &keys::POLICY_DUPLICATE_RULE_HELP,
                    &[
                        ("rule", rule.id.value().as_str().into()),
                        ("earlier", earlier.into()),
                    ],
                )));
            }
        }
        for key in raw.sources.keys() {
            if let Some(earlier) = self.source_origin(key) {
                let offset = text.find(&format!("{key}:")).unwrap_or(0);
                return Err(PolicyError::at(
                    path,
                    text,
                    offset,
                    key.len(),
                    words(
                        &keys::POLICY_DUPLICATE_SOURCE,
                        &[("key", key.as_str().into())],
                    ),
                )
                .with_help(words(
                    &keys::POLICY_DUPLICATE_SOURCE_HELP,
                    &[("key", key.as_str().into()), ("earlier", earlier.into())],
                )));
            }
        }
        let duplicate_within = raw
            .rules
            .iter()
            .enumerate()
            .find(|(i, r)| raw.rules[..*i].iter().any(|e| e.id.value() == r.id.value()));
        if let Some((_, rule)) = duplicate_within {
            return Err(PolicyError::at(
                path,
                text,
                rule.id.offset(),
                rule.id.len(),
                words(
                    &keys::POLICY_DUPLICATE_RULE,
                    &[("rule", rule.id.value().as_str().into())],
                ),
            ));
        }
        self.files.push(ParsedPolicy {
            source: SourceFile::new(path, text),
            raw,
        });
        Ok(())
    }

    fn source_origin(&self, key: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.raw.sources.contains_key(key))
            .map(|f| f.source.path.as_str())
    }

    /// Every entry of the sources tables of the policy files, by key.
    pub fn sources(&self) -> BTreeMap<String, Arc<sources::Source>> {
        self.files
            .iter()
            .flat_map(|f| f.raw.sources.iter())
            .map(|(key, source)| (key.clone(), Arc::new(source.printable())))
            .collect()
    }

    fn rule_origin(&self, id: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.raw.rules.iter().any(|r| r.id.value() == id))
            .map(|f| f.source.path.as_str())
    }

    /// Every rule id, for validating configuration.
    /// The default value of each parameter of rule `id`, when the rule exists.
    pub fn param_defaults(&self, id: &str) -> Option<BTreeMap<&str, &ParamValue>> {
        self.files
            .iter()
            .flat_map(|f| f.raw.rules.iter())
            .find(|r| r.id.value() == id)
            .map(|r| {
                r.params
                    .iter()
                    .map(|(name, p)| (name.as_str(), &p.default))
                    .collect()
            })
    }

    pub fn rule_ids(&self) -> Vec<&str> {
        self.files
            .iter()
            .flat_map(|f| f.raw.rules.iter().map(|r| r.id.value().as_str()))
            .collect()
    }

    /// Compile every rule with `settings`; rules turned off are left out.
    pub fn compile(&self, settings: &RuleSettings) -> Result<RuleSet, PolicyError> {
        self.compile_over(settings, None)
    }

    /// Compile with `settings`, taking from `earlier` (compiled with the settings beside it)
    /// every rule whose own settings are the same: an override that changes one rule's
    /// parameter compiles that rule, not the whole pack again.
    ///
    /// Rules are compiled in parallel, each counting its patterns' memory from zero; the limit
    /// on that memory ([`compile::REGEX_SET_LIMIT`]) is the whole set's, counted in the rules'
    /// order. When a rule fails or the set is over the limit, the rules are compiled again in
    /// order, which finds the error a serial compile would (the first in the files' order).
    pub fn compile_over(
        &self,
        settings: &RuleSettings,
        earlier: Option<(&RuleSet, &RuleSettings)>,
    ) -> Result<RuleSet, PolicyError> {
        use rayon::prelude::*;
        let sources = self.sources();
        let wanted: Vec<(&ParsedPolicy, &raw::RawRule)> = self
            .files
            .iter()
            .flat_map(|file| file.raw.rules.iter().map(move |raw| (file, raw)))
            .filter(|(_, raw)| !settings.disabled.contains(raw.id.value()))
            .collect();
        let each: Vec<Option<(Arc<Rule>, usize)>> = wanted
            .par_iter()
            .map(|&(file, raw)| {
                let memory = std::cell::Cell::new(0);
                let compiled = compile_one(file, raw, settings, earlier, &sources, &memory);
                Some((compiled.ok()?, memory.get()))
            })
            .collect();
        let mut rules = Vec::with_capacity(each.len());
        let mut memory = 0usize;
        for compiled in each {
            let Some((rule, used)) = compiled else {
                return compile_in_order(&wanted, settings, earlier, &sources);
            };
            memory = memory.saturating_add(used);
            if memory > compile::REGEX_SET_LIMIT {
                return compile_in_order(&wanted, settings, earlier, &sources);
            }
            rules.push(rule);
        }
        Ok(RuleSet::sorted(rules))
    }
}

/// [`PolicySet::compile_over`] one rule after another, the patterns' memory counted across
/// them: the first error in the files' order is the one returned.
fn compile_in_order(
    wanted: &[(&ParsedPolicy, &raw::RawRule)],
    settings: &RuleSettings,
    earlier: Option<(&RuleSet, &RuleSettings)>,
    sources: &BTreeMap<String, Arc<sources::Source>>,
) -> Result<RuleSet, PolicyError> {
    let memory = std::cell::Cell::new(0);
    let rules = wanted
        .iter()
        .map(|&(file, raw)| compile_one(file, raw, settings, earlier, sources, &memory))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RuleSet::sorted(rules))
}

/// One rule of `file` compiled with `settings`, or taken from `earlier` when its own settings
/// there are the same; its patterns' memory is added to `regex_memory`.
fn compile_one(
    file: &ParsedPolicy,
    raw: &raw::RawRule,
    settings: &RuleSettings,
    earlier: Option<(&RuleSet, &RuleSettings)>,
    sources: &BTreeMap<String, Arc<sources::Source>>,
    regex_memory: &std::cell::Cell<usize>,
) -> Result<Arc<Rule>, PolicyError> {
    let id = raw.id.value();
    let compiled_before = earlier
        .filter(|(_, before)| settings.same_for(id, before))
        .and_then(|(compiled, _)| compiled.get(id));
    if let Some(rule) = compiled_before {
        return Ok(rule.clone());
    }
    let params = resolve_params(raw, settings.params.get(id), file)?;
    let scope = Scope {
        file: &file.source.path,
        text: &file.source.text,
        lists: &file.raw.lists,
        params: &params,
        calendar: &settings.calendar,
        regex_memory,
        sources,
    };
    let severity = settings.severity.get(id).copied().unwrap_or(raw.severity);
    Ok(Arc::new(compile_rule(raw, &scope, severity)?))
}

/// A policy file's YAML, or where it is broken.
fn parse_policy(path: &str, text: &str) -> Result<PolicyFile, PolicyError> {
    serde_saphyr::from_str(text).map_err(|e| located_yaml_error(path, text, &e))
}

/// Largest policy or policy test file read: the default pack's largest file is about 30 KB.
pub const MAX_POLICY_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The `*.yaml` and `*.yml` entries directly inside `dir`, sorted.
pub fn yaml_files_in(dir: &Path) -> Result<Vec<std::path::PathBuf>, PolicyError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        PolicyError::file(
            &shown,
            words(
                &keys::POLICY_DIR_UNREADABLE,
                &[("error", e.to_string().into())],
            ),
        )
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Read `path`, a file of the policy directory `root` (or of its `tests/`), as the path to show
/// and its text.
///
/// Policies are data from people who may want a check to pass, so a policy directory can only
/// ever hand over its own small, regular, UTF-8 files: a symbolic link that leads outside the
/// directory, a pipe or device, or a file over [`MAX_POLICY_FILE_BYTES`] is an error naming
/// the file, never something read.
pub fn read_policy_file(root: &Path, path: &Path) -> Result<(String, String), PolicyError> {
    use std::io::Read;
    let shown = path.display().to_string();
    // Each message takes at most one value, the `detail` (an error, a path, a limit).
    let fail = |key: &Key, detail: String| {
        PolicyError::file(&shown, words(key, &[("detail", detail.into())]))
    };
    let real_root = std::fs::canonicalize(root)
        .map_err(|e| fail(&keys::POLICY_DIR_UNRESOLVED, e.to_string()))?;
    let unreadable = |e: std::io::Error| fail(&keys::POLICY_FILE_UNREADABLE, e.to_string());
    let real = std::fs::canonicalize(path).map_err(unreadable)?;
    if !real.starts_with(&real_root) {
        return Err(fail(&keys::POLICY_FILE_OUTSIDE, real.display().to_string()));
    }
    let meta = std::fs::metadata(&real).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(PolicyError::file(
            &shown,
            words(&keys::POLICY_FILE_NOT_REGULAR, &[]),
        ));
    }
    let too_large = || {
        fail(
            &keys::POLICY_FILE_TOO_LARGE,
            MAX_POLICY_FILE_BYTES.to_string(),
        )
    };
    if meta.len() > MAX_POLICY_FILE_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(&real).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_POLICY_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_POLICY_FILE_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| PolicyError::file(&shown, words(&keys::POLICY_FILE_NOT_UTF8, &[])))?;
    Ok((shown, text))
}

/// A serde-saphyr error in a policy, configuration or test file, located, with a "did you
/// mean" for an unknown key.
pub fn located_yaml_error(path: &str, text: &str, error: &serde_saphyr::Error) -> PolicyError {
    let (offset, len) = yaml_error_span(text, error);
    let message = error.to_string();
    let first_line = message.lines().next().unwrap_or_default();
    let message = words(&keys::POLICY_YAML_ERROR, &[("error", first_line.into())]);
    PolicyError::at(path, text, offset, len, message).with_help(unknown_field_hint(first_line))
}

/// "unknown field `parms`, expected one of policies, params, …" → "did you mean `params`?"
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split("expected one of ").nth(1)?;
    let known: Vec<&str> = expected
        .split(',')
        .map(|k| k.trim().trim_matches('`'))
        .collect();
    suggest(field, &known)
}

/// Where serde-saphyr says an error is, as a byte span: its byte offset when it has one, else
/// its line and character column converted.
pub fn yaml_error_span(text: &str, error: &serde_saphyr::Error) -> (usize, usize) {
    let Some(location) = error.location() else {
        return (0, 0);
    };
    let span = location.span();
    match span.byte_offset() {
        Some(offset) => (offset as usize, span.byte_len().unwrap_or(0) as usize),
        None => {
            let file = SourceFile::new("", text);
            (
                file.offset_of(location.line() as u32, location.column() as u32),
                0,
            )
        }
    }
}

/// The declared parameters of `raw` with the league's values laid over the defaults.
fn resolve_params(
    raw: &raw::RawRule,
    overrides: Option<&BTreeMap<String, ParamValue>>,
    file: &ParsedPolicy,
) -> Result<BTreeMap<String, (raw::RawParam, ParamValue)>, PolicyError> {
    let mut params: BTreeMap<String, (raw::RawParam, ParamValue)> = raw
        .params
        .iter()
        .map(|(name, p)| (name.clone(), (p.clone(), p.default.clone())))
        .collect();
    for (name, value) in overrides.into_iter().flatten() {
        let Some((_, current)) = params.get_mut(name) else {
            let known: Vec<&str> = raw.params.keys().map(String::as_str).collect();
            return Err(PolicyError::at(
                &file.source.path,
                &file.source.text,
                raw.id.offset(),
                raw.id.len(),
                words(
                    &keys::CONFIG_UNKNOWN_PARAMETER,
                    &[
                        ("rule", raw.id.value().as_str().into()),
                        ("name", name.as_str().into()),
                    ],
                ),
            )
            .with_help(suggest(name, &known)));
        };
        if std::mem::discriminant(current) != std::mem::discriminant(value) {
            return Err(PolicyError::file(
                &file.source.path,
                words(
                    &keys::POLICY_PARAMETER_KIND,
                    &[
                        ("rule", raw.id.value().as_str().into()),
                        ("name", name.as_str().into()),
                        ("kind", current.kind().into()),
                    ],
                ),
            ));
        }
        *current = value.clone();
    }
    Ok(params)
}

/// The compiled rules in force, sorted by id.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Arc<Rule>>,
}

impl RuleSet {
    /// The set of `rules`, in the order of their ids.
    fn sorted(mut rules: Vec<Arc<Rule>>) -> RuleSet {
        rules.sort_by(|a, b| a.header.id.cmp(&b.header.id));
        RuleSet { rules }
    }

    /// 16 hex digits that change when any rule in force changes — its id, severity, parameter
    /// values, message or basis — so that reports made on several machines can be told to come
    /// from the same policies before they are merged.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        let mut line = String::new();
        for rule in &self.rules {
            line.clear();
            digest_line(&mut line, rule);
            hasher.update(line.as_bytes());
        }
        crate::baseline::ShortHash::of(hasher).to_string()
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| r.header.id == id)
    }

    /// The header of rule `id`, as its findings carry it (a SUBMIT rule the policies leave out
    /// has the loader's own, see [`RuleSet::submit_rules`]).
    pub fn header(&self, id: &str) -> Option<Arc<RuleHeader>> {
        match self.get(id) {
            Some(rule) => Some(rule.header.clone()),
            None => id.starts_with("SUBMIT-").then(|| submit_fallback(id)),
        }
    }

    /// The SUBMIT rules, which the loader applies. A SUBMIT rule turned off in the
    /// configuration still exists: the format is not optional, only its severity is.
    pub fn submit_rules(&self) -> SubmitRules {
        let pick = |id: &str| -> (Arc<RuleHeader>, Severity) {
            match self.get(id) {
                Some(rule) => (rule.header.clone(), rule.severity),
                None => (submit_fallback(id), Severity::Error),
            }
        };
        SubmitRules {
            invalid_yaml: pick("SUBMIT-001"),
            schema_violation: pick("SUBMIT-002"),
            missing_section: pick("SUBMIT-003"),
            bad_unit_code: pick("SUBMIT-004"),
            unknown_division: pick("SUBMIT-006"),
            config_in_unit: pick("SUBMIT-007"),
            duplicate_code: pick("SUBMIT-008"),
            not_utf8: pick("SUBMIT-005"),
        }
    }
}

/// The draft-07 JSON Schema of policy files (`jianfu schema policy`).
pub fn policy_schema() -> serde_json::Value {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<PolicyFile>()
        .to_value()
}

/// The header of a SUBMIT rule the policies leave out: the format is not optional, so the
/// loader still applies it, as an error.
fn submit_fallback(id: &str) -> Arc<RuleHeader> {
    Arc::new(RuleHeader {
        id: id.to_owned(),
        name: id.to_lowercase(),
        clearance: crate::finding::Clearance::Submit,
        basis: String::new(),
        citations: Vec::new(),
        fix: Default::default(),
        message: None,
        bulletin: None,
    })
}

/// One rule's line of [`RuleSet::digest`]: its id, severity, parameter values, message and
/// basis, the values written as Rust's `{:?}` writes them (the digest has been made of those
/// bytes since its first version), without `{:?}`, which asks of every Chinese character whether
/// it is printable (8 % of a one-unit run's instructions).
fn digest_line(line: &mut String, rule: &Rule) {
    let header = &rule.header;
    push_all(line, &[&header.id, "\t", rule.severity.as_str(), "\t["]);
    for (index, (name, (_, value))) in rule.params.iter().enumerate() {
        line.push_str(if index == 0 { "(" } else { ", (" });
        push_debug_str(line, name);
        line.push_str(", ");
        push_debug_param(line, value);
        line.push(')');
    }
    line.push_str("]\t");
    match &header.message {
        None => line.push_str("None"),
        Some(text) => {
            line.push_str("Some(Text { zh: ");
            push_debug_str(line, &text.zh);
            line.push_str(", en: ");
            push_debug_str(line, &text.en);
            line.push_str(" })");
        }
    }
    push_all(line, &["\t", &header.basis, "\n"]);
}

fn push_all(line: &mut String, pieces: &[&str]) {
    for piece in pieces {
        line.push_str(piece);
    }
}

/// A parameter value as `{:?}` writes it.
fn push_debug_param(line: &mut String, value: &ParamValue) {
    match value {
        ParamValue::Number(n) => {
            use std::fmt::Write;
            let _ = write!(line, "Number({n:?})");
        }
        ParamValue::Text(text) => {
            line.push_str("Text(");
            push_debug_str(line, text);
            line.push(')');
        }
        ParamValue::List(items) => {
            line.push_str("List([");
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    line.push_str(", ");
                }
                push_debug_str(line, item);
            }
            line.push_str("])");
        }
    }
}

/// `text` quoted as `{:?}` quotes a `str`. Printable ASCII other than `"` and `\`, and the CJK
/// Unified Ideographs (U+4E00–U+9FFF, all printable, none combining), are copied without asking;
/// any other character is escaped as `char::escape_debug` escapes it, which is how `{:?}`
/// escapes it within a text (the two differ only on `'`, which is copied).
fn push_debug_str(line: &mut String, text: &str) {
    line.push('"');
    for c in text.chars() {
        let plain = matches!(c, ' '..='~' | '\u{4E00}'..='\u{9FFF}') && c != '"' && c != '\\';
        if plain {
            line.push(c);
        } else {
            line.extend(c.escape_debug());
        }
    }
    line.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_quoted_as_debug_quotes_them() {
        let texts = [
            "",
            "e\u{301}",
            "\u{301}x",
            "a\u{3000}b",
            "「」，。：（）—…《》〔〕",
            "\u{200b}\u{feff}x",
            "'\"\\\t\n\r\0\u{7f}\u{1b}",
            "🙂\u{fe0f}\u{e000}\u{ff08}\u{10ffff}",
            "扎赉特旗公安局 {count} 个，\"quoted\"",
        ];
        for text in texts {
            let mut quoted = String::new();
            push_debug_str(&mut quoted, text);
            assert_eq!(quoted, format!("{text:?}"));
        }
        // Every character of the Basic Multilingual Plane, and the first of each plane beyond.
        let planes = (1..=16).filter_map(|plane| char::from_u32(plane << 16));
        for c in ('\0'..='\u{FFFF}').chain(planes) {
            let text = c.to_string();
            let mut quoted = String::new();
            push_debug_str(&mut quoted, &text);
            assert_eq!(quoted, format!("{text:?}"), "U+{:04X}", u32::from(c));
        }
        for value in [
            ParamValue::Number(1.0),
            ParamValue::Number(0.25),
            ParamValue::Number(1e21),
            ParamValue::Text("党群服务中心\n".into()),
            ParamValue::List(vec![]),
            ParamValue::List(vec!["村史馆".into(), "a\"b".into()]),
        ] {
            let mut written = String::new();
            push_debug_param(&mut written, &value);
            assert_eq!(written, format!("{value:?}"));
        }
    }

    /// The digest's line as it was first made, with `format!`: the digest must not change.
    fn line_by_format(rule: &Rule) -> String {
        let params: Vec<(&String, &ParamValue)> = rule
            .params
            .iter()
            .map(|(name, (_, value))| (name, value))
            .collect();
        format!(
            "{}\t{}\t{:?}\t{:?}\t{}\n",
            rule.header.id,
            rule.severity.as_str(),
            params,
            rule.header.message,
            rule.header.basis
        )
    }

    #[test]
    fn the_digest_is_made_of_the_same_bytes_as_before() {
        let mut set = PolicySet::builtin().unwrap();
        set.add_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan/league-policies"))
            .unwrap();
        let rules = set.compile(&RuleSettings::default()).unwrap();
        assert!(rules.rules.len() > 40);
        assert!(rules.rules.iter().any(|r| !r.params.is_empty()));
        for rule in &rules.rules {
            let mut line = String::new();
            digest_line(&mut line, rule);
            assert_eq!(line, line_by_format(rule), "{}", rule.header.id);
        }
    }
}
