//! A league's configuration, `jianfu.yaml`: extra policy directories, parameter values, rules
//! turned off or re-levelled, scoped overrides (一村一策) and resource limits.
//!
//! Found as the nearest `jianfu.yaml` at or above the checked path, or given with `--config`.
//! Unknown keys are errors with a suggestion, pointing into the file, like a broken policy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::calendar::{Calendar, YearCalendar};
use crate::finding::Severity;
use crate::inventory::codes::{Amendment, Divisions};
use crate::inventory::model::Date;
use crate::load::Limits;
use crate::policy::raw::{Located, ParamValue};
use crate::policy::{PolicyError, PolicySet, RuleSettings};
use crate::wording::{Message, keys, say};

pub const CONFIG_FILE: &str = "jianfu.yaml";

/// `jianfu.yaml`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Extra policy directories, relative to this file.
    #[serde(default)]
    pub policies: Vec<String>,
    /// Parameter values by rule id: `SIGN-003: {max_interior: 5}`.
    #[serde(default)]
    pub params: BTreeMap<String, BTreeMap<String, ParamValue>>,
    /// Rules turned `off` or re-levelled (`error`, `warning`, `info`).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Settings for part of the league (一村一策), applied in order over the league's own.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Resource limits for reading inventories.
    #[serde(default)]
    pub limits: Limits,
    /// Findings accepted for a time, each with a reason, an approver and an expiry date. An
    /// expired waiver stops applying and is reported (WAIVER-001); so is one that waives
    /// nothing (WAIVER-002). `jianfu check --strict` ignores them all.
    #[serde(default)]
    pub waivers: Vec<Waiver>,
    /// Divisions created or renamed since the code table's cut-off (2022-10-31), each with a
    /// reason and a source, so that SUBMIT-004 knows them.
    #[serde(default)]
    pub divisions: Vec<DivisionAmendment>,
    /// Holiday calendars (放假调休安排) beyond those jianfu carries (2024–2026), by year, each
    /// with its notice: add next year's the day the State Council publishes it.
    #[serde(default)]
    pub calendars: BTreeMap<String, YearCalendar>,
    /// The rectification ledger's deadlines (`jianfu ledger`).
    #[serde(default)]
    pub ledger: LedgerSettings,
}

/// How long each severity's problems have to be corrected: days from the end of the reporting
/// period, a deadline on a rest day moving to the next working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerSettings {
    /// Days for an error (default 30).
    #[serde(default = "LedgerSettings::default_error")]
    #[schemars(range(min = 1, max = 366))]
    pub error_days: u32,
    /// Days for a warning (default 60).
    #[serde(default = "LedgerSettings::default_warning")]
    #[schemars(range(min = 1, max = 366))]
    pub warning_days: u32,
    /// Days for a notice (default 90).
    #[serde(default = "LedgerSettings::default_info")]
    #[schemars(range(min = 1, max = 366))]
    pub info_days: u32,
}

impl LedgerSettings {
    fn default_error() -> u32 {
        30
    }
    fn default_warning() -> u32 {
        60
    }
    fn default_info() -> u32 {
        90
    }

    /// The days a finding of `severity` has to be corrected.
    pub fn days(&self, severity: crate::finding::Severity) -> u32 {
        match severity {
            crate::finding::Severity::Error => self.error_days,
            crate::finding::Severity::Warning => self.warning_days,
            crate::finding::Severity::Info => self.info_days,
        }
        .clamp(1, 366)
    }
}

impl Default for LedgerSettings {
    fn default() -> Self {
        LedgerSettings {
            error_days: Self::default_error(),
            warning_days: Self::default_warning(),
            info_days: Self::default_info(),
        }
    }
}

/// A banner or township that the national code table does not have, or has under an old name.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DivisionAmendment {
    /// The banner's 6-digit or the township's 9-digit code.
    pub code: Located<String>,
    /// Its name now (苏木乡镇街道 without 人民政府 or 办事处).
    pub name: String,
    /// What changed and when (新设, 更名, 撤并), required.
    pub reason: String,
    /// The document that made the change, by title and number, required.
    pub source: String,
}

/// One accepted finding (or family of findings).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id, or an id prefix ending in `*` (`GROUP-*`).
    pub rule: Located<String>,
    /// A unit code, or a code prefix ending in `*` (`152223103*`).
    pub unit: Located<String>,
    /// The logical path of the finding, by index (`signs[2]`) or by the item's name
    /// (`signs[村史馆]`); a finding at or below it is waived. Omitted: the whole unit.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the finding is accepted; required.
    pub reason: String,
    /// Who approved the waiver; required.
    pub approver: String,
    /// The last day the waiver applies, `YYYY-MM-DD`.
    pub expires: Date,
}

/// A rule's level: `off`, or a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Info,
}

/// Settings that apply to the units of one scope.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub scope: Scope,
    /// Why this part of the league is treated differently; required.
    pub reason: String,
    #[serde(default)]
    pub params: BTreeMap<String, BTreeMap<String, ParamValue>>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

/// Which units an override applies to: every given key must match `unit.yaml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    #[serde(default)]
    pub banner: Option<String>,
    #[serde(default)]
    pub township: Option<String>,
    #[serde(default)]
    pub township_category: Option<String>,
    /// A unit code, or a code prefix ending in `*` (`152223100*`).
    #[serde(default)]
    pub unit: Option<String>,
}

/// What a unit says about itself, for matching scopes.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnitFacts<'a> {
    pub code: Option<&'a str>,
    pub banner: Option<&'a str>,
    pub township: Option<&'a str>,
    pub township_category: Option<&'a str>,
}

impl Scope {
    pub fn matches(&self, unit: &UnitFacts) -> bool {
        let same = |want: &Option<String>, have: Option<&str>| {
            want.as_deref().is_none_or(|w| Some(w) == have)
        };
        let code_matches = self
            .unit
            .as_deref()
            .is_none_or(|want| code_matches(want, unit.code));
        same(&self.banner, unit.banner)
            && same(&self.township, unit.township)
            && same(&self.township_category, unit.township_category)
            && code_matches
    }
}

/// Whether a unit code matches `pattern`: the code itself, or a prefix ending in `*`.
pub fn code_matches(pattern: &str, code: Option<&str>) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => code.is_some_and(|c| c.starts_with(prefix)),
        None => code == Some(pattern),
    }
}

/// A loaded configuration and where it came from.
#[derive(Clone, Debug, Default)]
pub struct LoadedConfig {
    pub config: Config,
    /// The file, when there is one.
    pub path: Option<PathBuf>,
    /// The calendars in force, built once from `calendars:`.
    calendar: OnceLock<Arc<Calendar>>,
}

impl LoadedConfig {
    /// Policy directories named by the configuration, resolved against its directory.
    pub fn policy_dirs(&self) -> Vec<PathBuf> {
        let base = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        self.config.policies.iter().map(|p| base.join(p)).collect()
    }

    /// A configuration read from `path` (`None`: the defaults).
    pub fn new(config: Config, path: Option<PathBuf>) -> LoadedConfig {
        LoadedConfig {
            config,
            path,
            calendar: OnceLock::new(),
        }
    }

    /// The holiday calendars: the published ones with the league's additions. A broken
    /// addition was reported by [`LoadedConfig::validate`]; here it is left out.
    pub fn calendar(&self) -> Arc<Calendar> {
        if self.config.calendars.is_empty() {
            return Calendar::shared_published();
        }
        self.calendar
            .get_or_init(|| {
                Arc::new(
                    Calendar::with(&self.config.calendars)
                        .unwrap_or_else(|_| Calendar::published()),
                )
            })
            .clone()
    }

    /// The league-wide rule settings.
    pub fn base_settings(&self) -> RuleSettings {
        let mut settings = RuleSettings {
            calendar: self.calendar(),
            ..RuleSettings::default()
        };
        apply(&mut settings, &self.config.params, &self.config.rules);
        settings
    }

    /// The league's settings with override `index` laid over them, alone.
    pub fn settings_with_override(&self, index: usize) -> RuleSettings {
        let mut settings = self.base_settings();
        if let Some(o) = self.config.overrides.get(index) {
            apply(&mut settings, &o.params, &o.rules);
        }
        settings
    }

    /// The settings for one unit: the league's, then every override whose scope matches.
    /// Also returns which overrides applied, so results can be cached per combination.
    pub fn settings_for(&self, unit: &UnitFacts) -> (Vec<usize>, RuleSettings) {
        let mut settings = self.base_settings();
        let mut applied = Vec::new();
        for (index, o) in self.config.overrides.iter().enumerate() {
            if o.scope.matches(unit) {
                apply(&mut settings, &o.params, &o.rules);
                applied.push(index);
            }
        }
        (applied, settings)
    }

    /// Check that every rule id and parameter named exists and every value has the parameter's
    /// type, so that a typo is an error now, pointing into this file, not a silently ignored
    /// setting or an error blamed on a policy file.
    pub fn validate(&self, set: &PolicySet) -> Result<(), PolicyError> {
        let rule_ids = &set.rule_ids();
        let shown = self.shown();
        let text = self.text();
        let check_params =
            |params: &BTreeMap<String, BTreeMap<String, ParamValue>>| -> Result<(), PolicyError> {
                for (id, values) in params {
                    let Some(defaults) = set.param_defaults(id) else {
                        continue;
                    };
                    for (name, value) in values {
                        let at = located_after(&text, id, name);
                        let error = |message: String| {
                            PolicyError::at(&shown, &text, at, name.len(), message)
                        };
                        match defaults.get(name.as_str()) {
                            None => {
                                let known: Vec<&str> = defaults.keys().copied().collect();
                                let message = Message::new(&keys::CONFIG_UNKNOWN_PARAMETER)
                                    .arg("rule", id.as_str())
                                    .arg("name", name.as_str());
                                return Err(error(say(&message))
                                    .with_help(crate::policy::compile::suggest(name, &known)));
                            }
                            Some(default) if !default.same_kind(value) => {
                                let message = Message::new(&keys::CONFIG_PARAMETER_KIND)
                                    .arg("rule", id.as_str())
                                    .arg("name", name.as_str())
                                    .arg("kind", default.kind())
                                    .arg("given", value.kind());
                                return Err(error(say(&message)));
                            }
                            Some(_) => {}
                        }
                    }
                }
                Ok(())
            };
        check_params(&self.config.params)?;
        for o in &self.config.overrides {
            check_params(&o.params)?;
        }
        let check_ids = |ids: Vec<&String>| -> Result<(), PolicyError> {
            for id in ids {
                if !rule_ids.contains(&id.as_str()) {
                    let offset = text.find(id.as_str()).unwrap_or(0);
                    return Err(PolicyError::at(
                        &shown,
                        &text,
                        offset,
                        id.len(),
                        say(&Message::new(&keys::CONFIG_UNKNOWN_RULE).arg("rule", id.as_str())),
                    )
                    .with_help(crate::policy::compile::suggest(id, rule_ids)));
                }
            }
            Ok(())
        };
        check_ids(
            self.config
                .params
                .keys()
                .chain(self.config.rules.keys())
                .collect(),
        )?;
        for o in &self.config.overrides {
            if o.reason.trim().is_empty() {
                let offset = text.find("reason").unwrap_or(0);
                return Err(PolicyError::at(
                    &shown,
                    &text,
                    offset,
                    6,
                    say(&Message::new(&keys::OVERRIDE_NEEDS_REASON)),
                ));
            }
            if o.scope == Scope::default() {
                let offset = text.find("scope").unwrap_or(0);
                return Err(PolicyError::at(
                    &shown,
                    &text,
                    offset,
                    5,
                    say(&Message::new(&keys::OVERRIDE_SCOPE_EMPTY)),
                ));
            }
            if let Some(problem) = o.scope.unit.as_deref().and_then(unit_pattern_problem) {
                let unit = o.scope.unit.as_deref().unwrap_or_default();
                let offset = located_after(&text, "scope", unit);
                return Err(PolicyError::at(
                    &shown,
                    &text,
                    offset,
                    unit.len(),
                    say(&Message::new(&keys::OVERRIDE_SCOPE_NEVER).arg("problem", say(&problem))),
                )
                .with_help(say(&Message::new(&keys::UNIT_PATTERN_HELP))));
            }
            check_ids(o.params.keys().chain(o.rules.keys()).collect())?;
        }
        for waiver in &self.config.waivers {
            validate_waiver(waiver, rule_ids, &shown, &text)?;
        }
        for amendment in &self.config.divisions {
            validate_amendment(amendment, &shown, &text)?;
        }
        if let Err(error) = (!self.config.calendars.is_empty())
            .then(|| Calendar::with(&self.config.calendars))
            .transpose()
        {
            let offset = text.find("calendars").unwrap_or(0);
            return Err(PolicyError::at(&shown, &text, offset, 9, error.to_string()));
        }
        Ok(())
    }

    /// The national division table with this league's amendments over it.
    pub fn divisions(&self) -> Divisions {
        Divisions::with_amendments(self.config.divisions.iter().map(|a| Amendment {
            code: a.code.value().trim().to_owned(),
            name: a.name.trim().to_owned(),
        }))
    }

    /// How the file is named in messages.
    /// Relative to the working directory when the file lies below it, as the user would write it.
    pub fn shown(&self) -> String {
        let Some(path) = self.path.as_deref() else {
            return CONFIG_FILE.to_owned();
        };
        let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
        cwd.ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
            .display()
            .to_string()
    }

    /// The file's text ("" without a file), for locating what it says.
    pub fn text(&self) -> String {
        self.path
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default()
    }
}

/// The byte offset of `name` as written after `id` in the configuration's text (the first
/// mention when the text does not have them in that order).
fn located_after(text: &str, id: &str, name: &str) -> usize {
    let from = text.find(id).unwrap_or(0);
    text[from..]
        .find(name)
        .map(|at| from + at)
        .or_else(|| text.find(name))
        .unwrap_or(0)
}

/// Why a unit pattern of a waiver or an override can match no unit code, if it cannot: a
/// pattern that matches nothing would otherwise be silent (a waiver for `.*` never reported as
/// unused, an override that never applies).
fn unit_pattern_problem(pattern: &str) -> Option<Message> {
    let (digits, prefix) = match pattern.strip_suffix('*') {
        Some(prefix) => (prefix, true),
        None => (pattern, false),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Message::new(&keys::UNIT_PATTERN_NOT_CODE).arg("pattern", pattern));
    }
    match (prefix, digits.len()) {
        (true, 0..=12) | (false, 12) => None,
        (false, n) => Some(
            Message::new(&keys::UNIT_PATTERN_SHORT)
                .arg("pattern", pattern)
                .arg("digits", n),
        ),
        (true, n) => Some(
            Message::new(&keys::UNIT_PATTERN_LONG)
                .arg("pattern", pattern)
                .arg("digits", n),
        ),
    }
}

/// A waiver must name a rule that exists and say why, who approved it and until when.
fn validate_waiver(
    waiver: &Waiver,
    rule_ids: &[&str],
    shown: &str,
    text: &str,
) -> Result<(), PolicyError> {
    let at = |message: String| {
        PolicyError::at(
            shown,
            text,
            waiver.rule.offset(),
            waiver.rule.len(),
            message,
        )
    };
    let rule = waiver.rule.value();
    let known = match rule.strip_suffix('*') {
        Some(prefix) => rule_ids.iter().any(|id| id.starts_with(prefix)),
        None => rule_ids.contains(&rule.as_str()),
    };
    if !known {
        return Err(at(say(
            &Message::new(&keys::WAIVER_UNKNOWN_RULE).arg("rule", rule.as_str())
        ))
        .with_help(crate::policy::compile::suggest(rule, rule_ids)));
    }
    if let Some(problem) = unit_pattern_problem(waiver.unit.value()) {
        return Err(PolicyError::at(
            shown,
            text,
            waiver.unit.offset(),
            waiver.unit.len(),
            say(&Message::new(&keys::WAIVER_SCOPE_NEVER)
                .arg("rule", rule.as_str())
                .arg("problem", say(&problem))),
        )
        .with_help(say(&Message::new(&keys::UNIT_PATTERN_HELP))));
    }
    if waiver.reason.trim().is_empty() || waiver.approver.trim().is_empty() {
        return Err(at(say(
            &Message::new(&keys::WAIVER_NEEDS_REASON).arg("rule", rule.as_str())
        )));
    }
    if waiver.expiry().is_none() {
        return Err(at(say(&Message::new(&keys::WAIVER_BAD_EXPIRY)
            .arg("rule", rule.as_str())
            .arg("expires", waiver.expires.0.as_str()))));
    }
    Ok(())
}

/// An amended division needs a 6- or 9-digit code, a name, a reason and a source.
fn validate_amendment(
    amendment: &DivisionAmendment,
    shown: &str,
    text: &str,
) -> Result<(), PolicyError> {
    let code = amendment.code.value().trim();
    let at = |message: String| {
        PolicyError::at(
            shown,
            text,
            amendment.code.offset(),
            amendment.code.len(),
            message,
        )
    };
    if !matches!(code.len(), 6 | 9) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(at(say(
            &Message::new(&keys::DIVISION_BAD_CODE).arg("code", code)
        )));
    }
    let blank = |text: &str| text.trim().is_empty();
    if blank(&amendment.name) || blank(&amendment.reason) || blank(&amendment.source) {
        return Err(at(say(
            &Message::new(&keys::DIVISION_INCOMPLETE).arg("code", code)
        )));
    }
    Ok(())
}

impl Waiver {
    /// The last day the waiver applies, when `expires` is a valid date.
    pub fn expiry(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::parse_from_str(&self.expires.0, "%Y-%m-%d").ok()
    }
}

fn apply(
    settings: &mut RuleSettings,
    params: &BTreeMap<String, BTreeMap<String, ParamValue>>,
    rules: &BTreeMap<String, RuleLevel>,
) {
    for (id, values) in params {
        let entry = settings.params.entry(id.clone()).or_default();
        for (name, value) in values {
            entry.insert(name.clone(), value.clone());
        }
    }
    for (id, level) in rules {
        let severity = match level {
            RuleLevel::Off => {
                settings.disabled.insert(id.clone());
                continue;
            }
            RuleLevel::Error => Severity::Error,
            RuleLevel::Warning => Severity::Warning,
            RuleLevel::Info => Severity::Info,
        };
        settings.disabled.remove(id);
        settings.severity.insert(id.clone(), severity);
    }
}

/// The nearest `jianfu.yaml` at or above `start` (a directory or a file).
/// A unit directory never holds configuration: a `jianfu.yaml` beside a unit's `unit.yaml`
/// could switch every rule off for that unit alone, so it is passed over (and the loader
/// reports it as SUBMIT-007); the league's configuration is found above the unit.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let first = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    first?
        .ancestors()
        .filter(|dir| !crate::discover::is_unit_dir(dir))
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// Read and parse a configuration file.
pub fn load_config(path: &Path) -> Result<LoadedConfig, PolicyError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let message = Message::new(&keys::CONFIG_UNREADABLE).arg("error", e.to_string());
        PolicyError::file(&shown, say(&message))
    })?;
    let config: Config = serde_saphyr::from_str(&text)
        .map_err(|e| crate::policy::located_yaml_error(&shown, &text, &e))?;
    Ok(LoadedConfig::new(config, Some(path.to_path_buf())))
}

/// The draft-07 JSON Schema of `jianfu.yaml` (`jianfu schema config`).
pub fn config_schema() -> serde_json::Value {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Config>()
        .to_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_match_by_every_given_key_and_code_prefix() {
        let unit = UnitFacts {
            code: Some("152223100201"),
            banner: Some("扎赉特旗"),
            township: Some("音德尔镇"),
            township_category: Some("城镇服务类"),
        };
        let scope = |banner: Option<&str>, code: Option<&str>| Scope {
            banner: banner.map(str::to_owned),
            unit: code.map(str::to_owned),
            ..Scope::default()
        };
        assert!(scope(Some("扎赉特旗"), None).matches(&unit));
        assert!(scope(Some("扎赉特旗"), Some("152223100*")).matches(&unit));
        assert!(!scope(Some("扎赉特旗"), Some("152223103*")).matches(&unit));
        assert!(!scope(Some("突泉县"), None).matches(&unit));
    }

    #[test]
    fn overrides_apply_in_order_over_the_league() {
        let text = "params:\n  SIGN-003: {max_interior: 5}\nrules:\n  SIGN-004: off\noverrides:\n  - scope: {township: 音德尔镇}\n    reason: 镇区社区牌子多\n    params:\n      SIGN-003: {max_interior: 6}\n    rules:\n      SIGN-004: info\n";
        let config: Config = serde_saphyr::from_str(text).unwrap();
        let loaded = LoadedConfig::new(config, None);
        let facts = UnitFacts {
            township: Some("音德尔镇"),
            ..UnitFacts::default()
        };
        let (applied, settings) = loaded.settings_for(&facts);
        assert_eq!(applied, [0]);
        assert_eq!(
            settings.params["SIGN-003"]["max_interior"],
            ParamValue::Number(6.0)
        );
        assert!(!settings.disabled.contains("SIGN-004"));
        assert_eq!(settings.severity["SIGN-004"], Severity::Info);
        let (_, league) = loaded.settings_for(&UnitFacts::default());
        assert!(league.disabled.contains("SIGN-004"));
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = serde_saphyr::from_str::<Config>("parms: {}\n").unwrap_err();
        assert!(err.to_string().contains("parms"), "{err}");
    }
}
