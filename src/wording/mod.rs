//! Words, once, at report time. Everything upstream of a report carries facts: a finding holds a
//! [`Message`] (a catalogue key and its arguments, or its rule's own template and the values for
//! its placeholders), never a sentence. A [`Locale`] turns messages into text from one message
//! catalogue per language, `locales/<tag>.ftl` in [Fluent](https://projectfluent.org/) syntax.
//!
//! Why Fluent rather than a YAML table: it is the format Firefox and rustc translate in, with
//! plural categories from CLDR (`1 unit`, `3 units`; Chinese has one form, Mongolian two) and
//! selectors (a message worded for a workbook or for a YAML file) in the catalogue, not in code,
//! and translators' tools read it. Every `.ftl` file in `locales/` is built into the binary
//! (`build.rs`), so a new language is a new file and nothing else; a message its catalogue lacks
//! falls back to Chinese, the language every message has.

pub mod keys;
pub mod sheet;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::finding::{Finding, Lang, Text};
use crate::inventory::Kind;
use crate::inventory::sheet::columns::column_header;
use crate::inventory::vocabulary;
use crate::load::same_text;

pub use keys::Key;

/// The catalogues built into the binary: every `locales/*.ftl`, by language tag.
const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language every message has, and where a catalogue's missing messages come from.
pub const FALLBACK: &str = "zh";

/// One language's catalogue.
pub struct Catalogue {
    tag: String,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").field("tag", &self.tag).finish()
    }
}

/// Why a catalogue could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("`{0}` is not a language tag")]
    BadTag(String),
    #[error("the catalogue for `{tag}` has errors: {errors}")]
    Syntax { tag: String, errors: String },
}

impl Catalogue {
    /// Parse a catalogue for the language `tag` from Fluent text.
    pub fn parse(tag: &str, text: &str) -> Result<Catalogue, CatalogueError> {
        let language: unic_langid::LanguageIdentifier = tag
            .parse()
            .map_err(|_| CatalogueError::BadTag(tag.to_owned()))?;
        let resource = FluentResource::try_new(text.to_owned()).map_err(|(_, errors)| {
            CatalogueError::Syntax {
                tag: tag.to_owned(),
                errors: errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        // Unicode isolation marks around arguments would reach terminals and JSON as invisible
        // characters; every argument here is plain text in the message's own direction.
        bundle.set_use_isolating(false);
        add_functions(&mut bundle);
        bundle
            .add_resource(resource)
            .map_err(|errors| CatalogueError::Syntax {
                tag: tag.to_owned(),
                errors: format!("{errors:?}"),
            })?;
        Ok(Catalogue {
            tag: tag.to_owned(),
            bundle,
        })
    }

    /// The message `id` worded with `args`, or `None` when this catalogue lacks it.
    fn format(&self, id: &str, args: &FluentArgs) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        Some(text.into_owned())
    }
}

/// The functions a catalogue may call beside Fluent's own: `HANZI($n)` writes 1..=99 in Chinese
/// numerals (一, 十二, 二十), as official documents number their parts and cases.
fn add_functions(bundle: &mut FluentBundle<FluentResource>) {
    fn hanzi<'a>(positional: &[FluentValue<'a>], _: &FluentArgs) -> FluentValue<'a> {
        match positional.first() {
            Some(FluentValue::Number(n)) if n.value.fract() == 0.0 && n.value >= 0.0 => {
                FluentValue::from(chinese_number(n.value as usize))
            }
            Some(FluentValue::Number(n)) => FluentValue::Number(n.clone()),
            Some(FluentValue::String(text)) => FluentValue::from(text.to_string()),
            _ => FluentValue::None,
        }
    }
    // A name taken twice is the only error, and these are the only names added.
    let _ = bundle.add_function("HANZI", hanzi);
}

/// A number 1..=99 in Chinese numerals (一, 十二, 二十); larger numbers stay in digits.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// The built-in catalogue `tag`, parsed on first use: a run in Chinese never parses the
/// English catalogue. A broken built-in catalogue is caught by the tests; here it is `None`
/// rather than stopping every run.
fn built_in(tag: &str) -> Option<Arc<Catalogue>> {
    static PARSED: [OnceLock<Option<Arc<Catalogue>>>; BUILT_IN.len()] =
        [const { OnceLock::new() }; BUILT_IN.len()];
    let index = BUILT_IN.iter().position(|(t, _)| *t == tag)?;
    let (tag, text) = BUILT_IN[index];
    PARSED[index]
        .get_or_init(|| Catalogue::parse(tag, text).ok().map(Arc::new))
        .clone()
}

/// The language tags the binary has a catalogue for, sorted.
pub fn languages() -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = BUILT_IN.iter().map(|(tag, _)| *tag).collect();
    tags.sort_unstable();
    tags
}

/// The text of a built-in catalogue (for the tests that compare catalogues with the keys).
pub fn built_in_text(tag: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, text)| *text)
}

/// The language this process words errors in, which are shown where no report is at hand.
static CURRENT: std::sync::RwLock<Option<Locale>> = std::sync::RwLock::new(None);

/// Word this process's errors in `locale` (the command line's `--lang`).
pub fn set_current(locale: Locale) {
    if let Ok(mut current) = CURRENT.write() {
        *current = Some(locale);
    }
}

/// The language errors are worded in: the one set, else Chinese.
pub fn current() -> Locale {
    CURRENT
        .read()
        .ok()
        .and_then(|current| current.clone())
        .unwrap_or_else(|| Locale::from(Lang::Zh))
}

/// A message in the process's language: for errors, whose `Display` has no report to ask.
pub fn say(message: &Message) -> String {
    current().message(message, None, Form::Yaml)
}

/// A language to word messages in: its catalogue, then Chinese for what it lacks.
#[derive(Clone, Debug)]
pub struct Locale {
    catalogue: Arc<Catalogue>,
    fallback: Arc<Catalogue>,
}

impl Locale {
    /// The built-in language `tag` (`zh`, `en`, or any other `locales/*.ftl`).
    pub fn built_in(tag: &str) -> Option<Locale> {
        Some(Locale {
            catalogue: built_in(tag)?,
            fallback: built_in(FALLBACK)?,
        })
    }

    /// A language from a catalogue that is not built in (a translation being written, a test).
    pub fn with_catalogue(catalogue: Catalogue) -> Locale {
        Locale {
            catalogue: Arc::new(catalogue),
            fallback: Locale::from(Lang::Zh).fallback,
        }
    }

    pub fn tag(&self) -> &str {
        &self.catalogue.tag
    }

    /// The language of the texts that exist only in Chinese and English (a policy's own
    /// prose): English for `en`, Chinese for every other language.
    pub fn lang(&self) -> Lang {
        if self.tag() == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The catalogue message `key` worded with `args`, for the form `form`.
    pub fn text(&self, key: &Key, args: &[(&str, Arg)], form: Form) -> String {
        self.catalogue_text(key, args, form)
    }

    /// [`Locale::text`] for arguments named by any kind of string (a finding's are [`ArgName`]s).
    fn catalogue_text<A: AsRef<str>>(&self, key: &Key, args: &[(A, Arg)], form: Form) -> String {
        let fluent = self.fluent_args(args, form);
        self.catalogue
            .format(key.id, &fluent)
            .or_else(|| self.fallback.format(key.id, &fluent))
            .unwrap_or_else(|| key.id.to_owned())
    }

    /// A catalogue message with no arguments.
    pub fn say(&self, key: &Key) -> String {
        self.text(key, &[], Form::Yaml)
    }

    /// A message worded for the form `form`; a rule's message from `rule_text` (the rule's
    /// template in the policy).
    pub fn message(&self, message: &Message, rule_text: Option<&Text>, form: Form) -> String {
        let mut out = String::new();
        self.message_into(&mut out, message, rule_text, form);
        out
    }

    /// [`Locale::message`] appended to `out`, which a report may reuse for every finding.
    pub fn message_into(
        &self,
        out: &mut String,
        message: &Message,
        rule_text: Option<&Text>,
        form: Form,
    ) {
        match &message.key {
            MessageKey::Catalogue(key) => {
                out.push_str(&self.catalogue_text(key, &message.args, form))
            }
            MessageKey::Rule => {
                let template = rule_text.map_or("", |text| text.get(self.lang()));
                self.fill(out, template, &message.args, form);
            }
        }
    }

    /// Fill a policy template's `{name}` placeholders into `out`; one with no value stays as
    /// written.
    fn fill<A: AsRef<str>>(&self, out: &mut String, template: &str, args: &[(A, Arg)], form: Form) {
        out.reserve(template.len() + 32);
        let mut rest = template;
        // Braces are ASCII, so a byte search finds them at character boundaries.
        while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = memchr::memchr(b'}', after.as_bytes()) else {
                out.push_str(&rest[open..]);
                return;
            };
            let name = &after[..close];
            match args.iter().find(|(n, _)| same_text(n.as_ref(), name)) {
                Some((_, arg)) => out.push_str(&self.arg_text(arg, form)),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    fn fluent_args<'a, A: AsRef<str>>(&self, args: &'a [(A, Arg)], form: Form) -> FluentArgs<'a> {
        let mut fluent = FluentArgs::with_capacity(args.len() + 1);
        fluent.set("form", if form.is_sheet() { "sheet" } else { "yaml" });
        for (name, arg) in args {
            let value = match arg {
                Arg::Number(n) => FluentValue::from(*n),
                other => FluentValue::from(self.arg_text(other, form).into_owned()),
            };
            fluent.set(name.as_ref(), value);
        }
        fluent
    }

    /// An argument as this language shows it in the form `form`.
    fn arg_text<'a>(&self, arg: &'a Arg, form: Form) -> Cow<'a, str> {
        let text = match arg {
            Arg::Text(text) => return Cow::Borrowed(text),
            Arg::Number(n) => n.to_string(),
            Arg::Field(field) => match form.column(field) {
                Some(column) => column.to_owned(),
                None => field.clone(),
            },
            Arg::Codes(codes) => codes
                .iter()
                .map(|code| self.coded_value(code, form))
                .collect::<Vec<_>>()
                .join("、"),
            Arg::Choices(codes) => {
                if form.is_sheet() {
                    codes
                        .iter()
                        .map(|code| vocabulary::label(code).unwrap_or(code))
                        .collect::<Vec<_>>()
                        .join("、")
                } else {
                    codes.join(", ")
                }
            }
        };
        Cow::Owned(text)
    }

    /// A code as a message shows it: in Chinese, the drop-down's label for a workbook, and for
    /// a YAML file the label and the code the file says (每周（weekly）); in English, the code.
    fn coded_value(&self, code: &str, form: Form) -> String {
        match (self.lang(), vocabulary::label(code)) {
            (Lang::Zh, Some(label)) if form.is_sheet() => label.to_owned(),
            (Lang::Zh, Some(label)) => format!("{label}（{code}）"),
            _ => code.to_owned(),
        }
    }

    /// A severity's name (错误, warning).
    pub fn severity(&self, severity: crate::finding::Severity) -> String {
        self.say(keys::severity(severity))
    }

    /// A clearance's name (清理证明事项, certificates).
    pub fn clearance(&self, clearance: crate::finding::Clearance) -> String {
        self.say(keys::clearance(clearance))
    }

    /// A cell's value as a report shows it in a workbook's row, from its rendering in the text
    /// (`"每周"`, `["checkin"]`, `true`, `null`): text unquoted, codes by their labels (in
    /// Chinese), yes and no in words, an empty cell empty.
    pub fn cell_value(&self, form: Form, field: &str, raw: &str) -> String {
        let raw = raw.trim();
        let items: Vec<String> = if raw.starts_with('[') {
            serde_json::from_str::<Vec<serde_json::Value>>(raw)
                .map(|values| values.iter().map(json_text).collect())
                .unwrap_or_else(|_| vec![raw.to_owned()])
        } else {
            match raw {
                "" | "null" | "~" => return String::new(),
                "true" => return self.say(&keys::CELL_YES),
                "false" => return self.say(&keys::CELL_NO),
                _ => vec![serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_owned())],
            }
        };
        if form.is_coded(field) {
            self.arg_text(&Arg::Codes(items), form).into_owned()
        } else {
            items.join("、")
        }
    }

    /// A finding's message in this language, for the form its unit came in.
    pub fn finding_message(&self, finding: &Finding) -> String {
        self.finding_message_in(finding, Form::of(finding))
    }

    /// A finding's message worded for `form`.
    pub fn finding_message_in(&self, finding: &Finding, form: Form) -> String {
        let mut text = String::new();
        self.finding_message_into(&mut text, finding, form);
        text
    }

    /// [`Locale::finding_message_in`] written over `out`, which a report may reuse for every
    /// finding instead of making a string for each.
    pub fn finding_message_into(&self, out: &mut String, finding: &Finding, form: Form) {
        out.clear();
        self.message_into(out, &finding.message, finding.rule.message.as_ref(), form);
        if let std::borrow::Cow::Owned(printable) = crate::source::printable_line(out) {
            *out = printable;
        }
    }

    /// A finding's advice: its own, else its rule's fix, worded for a workbook's columns when
    /// the unit came as one.
    pub fn finding_help(&self, finding: &Finding) -> String {
        self.finding_help_in(finding, Form::of(finding))
    }

    /// A finding's advice worded for `form`.
    pub fn finding_help_in(&self, finding: &Finding, form: Form) -> String {
        match &finding.help {
            Some(help) => crate::source::printable_line_owned(self.message(
                help,
                finding.rule.message.as_ref(),
                form,
            )),
            None => self.rule_help(&finding.rule, form),
        }
    }

    /// The advice of a finding with none of its own: its rule's fix, worded for `form`. The
    /// same for every such finding of a rule in a YAML file, so a report may word it once.
    pub fn rule_help(&self, rule: &crate::finding::RuleHeader, form: Form) -> String {
        let fix = rule.fix.get(self.lang());
        let text = match form {
            Form::Sheet { kind, section } => {
                sheet::sheet_help(fix, kind, section.unwrap_or(""), self)
                    .unwrap_or_else(|| fix.to_owned())
            }
            Form::Yaml => fix.to_owned(),
        };
        crate::source::printable_line_owned(text)
    }

    /// The text of each of a finding's secondary labels.
    pub fn label_texts(&self, finding: &Finding) -> Vec<String> {
        let form = Form::of(finding);
        finding
            .labels
            .iter()
            .map(|label| {
                let text = self.message(&label.text, finding.rule.message.as_ref(), form);
                crate::source::printable_line_owned(text)
            })
            .collect()
    }
}

impl From<Lang> for Locale {
    fn from(lang: Lang) -> Locale {
        let tag = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        // Both are in `locales/`; a test keeps them there.
        match Locale::built_in(tag) {
            Some(locale) => locale,
            None => unreachable_catalogue(tag),
        }
    }
}

/// `text` in quotation marks as print sets them: “…”, with the marks inside it made single
/// (“嘎查‘两委’会议记录档案”).
pub fn quoted(text: &str) -> String {
    format!("“{}”", text.replace('“', "‘").replace('”', "’"))
}

/// A JSON value of a rendered list as text.
fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cold]
fn unreachable_catalogue(tag: &str) -> ! {
    panic!("the built-in catalogue `{tag}` is missing or broken (see the wording tests)")
}

/// The form a unit came in, which decides how fields and codes are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form<'a> {
    /// YAML files: fields by name, codes as written.
    Yaml,
    /// A workbook or CSV files: columns by header, codes by drop-down label.
    Sheet {
        kind: Kind,
        /// The list the finding is in (`signs`), when it is in one.
        section: Option<&'a str>,
    },
}

impl<'a> Form<'a> {
    pub fn of(finding: &'a Finding) -> Form<'a> {
        if finding.file.is_sheet() {
            Form::sheet_of(finding)
        } else {
            Form::Yaml
        }
    }

    /// The workbook form of a finding's place, whatever form its unit came in: an annotated
    /// workbook shows a YAML unit's findings in its sheets.
    pub fn sheet_of(finding: &'a Finding) -> Form<'a> {
        let section = finding
            .path
            .split(['[', '.'])
            .next()
            .filter(|first| finding.path.len() > first.len() && !first.is_empty());
        let kind = section.map_or(Kind::Unit, Kind::holding);
        Form::Sheet { kind, section }
    }

    pub fn is_sheet(self) -> bool {
        matches!(self, Form::Sheet { .. })
    }

    /// Whether `field` of the form's list holds codes from a fixed list (or a list of them).
    fn is_coded(self, field: &str) -> bool {
        let Form::Sheet { kind, section } = self else {
            return false;
        };
        let shape = match section {
            Some(section) => kind.item_shape(section),
            None => Some(kind.shape()),
        };
        shape.is_some_and(|shape| shape.is_coded(field))
    }

    /// The column header a workbook shows `field` under.
    fn column(self, field: &str) -> Option<&'static str> {
        match self {
            Form::Sheet { kind, section } => column_header(kind, section, field),
            Form::Yaml => None,
        }
    }
}

/// What a message is worded from.
#[derive(Clone, Debug, PartialEq)]
pub enum MessageKey {
    /// A message of the catalogue.
    Catalogue(&'static Key),
    /// The template of the finding's own rule (`message` in its policy).
    Rule,
}

/// A message as data: what to word and the values to word it with.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub key: MessageKey,
    /// Each argument's name (short: kept inline, so copying one allocates nothing) and value.
    pub args: Vec<(ArgName, Arg)>,
}

impl Message {
    /// A catalogue message; add its arguments with [`Message::arg`].
    pub fn new(key: &'static Key) -> Message {
        Message {
            key: MessageKey::Catalogue(key),
            args: Vec::new(),
        }
    }

    /// The finding's rule's own template, filled from `args`.
    pub fn rule(args: Vec<(ArgName, Arg)>) -> Message {
        Message {
            key: MessageKey::Rule,
            args,
        }
    }

    /// Add the argument `name`, which the key must declare.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        debug_assert!(
            match &self.key {
                MessageKey::Catalogue(key) => key.args.contains(&name),
                MessageKey::Rule => true,
            },
            "{name} is not an argument of {:?}",
            self.key
        );
        self.args.push((ArgName::const_new(name), value.into()));
        self
    }
}

/// The name of a message's argument: short, so kept inline, and copied without allocating.
pub type ArgName = compact_str::CompactString;

/// A value a message shows. Kept as data so that each language and form words it its own way.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is: a name, a title, a value from the inventory. Kept inline up to 24 bytes
    /// (most names and values): a finding's values are copied from its item's tree, which is
    /// freed before the finding is reported.
    Text(compact_str::CompactString),
    /// A count or a limit; catalogues choose plural forms on it.
    Number(i64),
    /// A field's name: a workbook shows its column header instead.
    Field(String),
    /// Coded values (`weekly`): shown by their labels where the reader knows those.
    Codes(Vec<String>),
    /// The allowed codes of a field: `a, b, c` in a YAML file, the drop-down labels in a
    /// workbook.
    Choices(Vec<String>),
}

impl Arg {
    /// A text shown as it is.
    pub fn text(text: impl Into<compact_str::CompactString>) -> Arg {
        Arg::Text(text.into())
    }
}

// For `Message::arg`, which takes texts and numbers alike.
impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::text(text)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(i64::from(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The variables of every message of a catalogue, without the implicit `form`.
    fn variables(text: &str) -> HashMap<String, Vec<String>> {
        keys::variables_by_message(text)
            .into_iter()
            .map(|(id, mut names)| {
                names.retain(|n| n != keys::FORM);
                (id, names)
            })
            .collect()
    }

    fn declared(key: &Key) -> Vec<String> {
        let mut args: Vec<String> = key.args.iter().map(|a| (*a).to_owned()).collect();
        args.sort_unstable();
        args
    }

    #[test]
    fn chinese_numbers_are_written_in_numerals_up_to_ninety_nine() {
        let written: Vec<String> = [1, 9, 10, 11, 20, 23, 99, 100]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            written,
            ["一", "九", "十", "十一", "二十", "二十三", "九十九", "100"]
        );
    }

    #[test]
    fn every_key_is_in_chinese_and_english_with_exactly_its_arguments() {
        for tag in ["zh", "en"] {
            let text = built_in_text(tag).expect("zh.ftl and en.ftl are in locales/");
            let messages = variables(text);
            for key in keys::ALL {
                let used = messages
                    .get(key.id)
                    .unwrap_or_else(|| panic!("{tag}.ftl lacks `{}`", key.id));
                assert_eq!(used, &declared(key), "{tag}.ftl `{}`", key.id);
            }
            for id in messages.keys() {
                assert!(
                    keys::ALL.iter().any(|k| k.id == id),
                    "{tag}.ftl has `{id}`, which no key declares"
                );
            }
        }
    }

    #[test]
    fn every_catalogue_parses_and_uses_only_declared_arguments() {
        let test_catalogue = include_str!("../../tests/data/locales/mn.ftl");
        let mut catalogues: Vec<(&str, &str)> = languages()
            .into_iter()
            .filter_map(|tag| Some((tag, built_in_text(tag)?)))
            .collect();
        catalogues.push(("mn", test_catalogue));
        for (tag, text) in catalogues {
            Catalogue::parse(tag, text).unwrap_or_else(|e| panic!("{e}"));
            for (id, used) in variables(text) {
                let key = keys::ALL.iter().find(|k| k.id == id);
                let key = key.unwrap_or_else(|| panic!("{tag}: `{id}` is no key"));
                let declared = declared(key);
                for name in used {
                    assert!(declared.contains(&name), "{tag} `{id}` uses ${name}");
                }
            }
        }
    }

    #[test]
    fn a_third_language_is_one_catalogue_and_falls_back_to_chinese() {
        let text = include_str!("../../tests/data/locales/mn.ftl");
        let catalogue = Catalogue::parse("mn", text).unwrap();
        let mn = Locale::with_catalogue(catalogue);
        assert_eq!(mn.tag(), "mn");
        // What it has, with Mongolian's own plural categories.
        assert_eq!(
            mn.severity(crate::finding::Severity::Error),
            "[mn-test] error"
        );
        let waived = |n: i64| {
            mn.text(
                &keys::SUMMARY_WAIVED,
                &[("count", Arg::Number(n))],
                Form::Yaml,
            )
        };
        assert_eq!(waived(1), "[mn-test] one waived");
        assert_eq!(waived(3), "[mn-test] 3 waived");
        // What it lacks, in Chinese; and a policy's own prose, which has only zh and en.
        assert_eq!(mn.severity(crate::finding::Severity::Warning), "警告");
        assert_eq!(mn.lang(), Lang::Zh);
        let sheet = Form::Sheet {
            kind: Kind::Signage,
            section: Some("signs"),
        };
        let missing = Message::new(&keys::MISSING_FIELD).arg("field", Arg::Field("name".into()));
        assert_eq!(mn.message(&missing, None, sheet), "[mn-test] column 名称");
    }

    #[test]
    fn english_counts_take_the_singular_for_one() {
        let en = Locale::from(Lang::En);
        let waived = |n: i64| {
            en.text(
                &keys::SUMMARY_WAIVED,
                &[("count", Arg::Number(n))],
                Form::Yaml,
            )
        };
        assert_eq!(waived(1), "1 finding waived");
        assert_eq!(waived(2), "2 findings waived");
        let zh = Locale::from(Lang::Zh);
        let waived = zh.text(
            &keys::SUMMARY_WAIVED,
            &[("count", Arg::Number(1))],
            Form::Yaml,
        );
        assert_eq!(waived, "已豁免 1 个问题");
    }

    #[test]
    fn a_workbook_finding_names_columns_and_drop_down_labels() {
        let zh = Locale::from(Lang::Zh);
        let sheet = Form::Sheet {
            kind: Kind::Groups,
            section: Some("groups"),
        };
        let missing =
            Message::new(&keys::MISSING_FIELD).arg("field", Arg::Field("created_by".into()));
        assert_eq!(
            zh.message(&missing, None, Form::Yaml),
            "缺少必填字段 `created_by`"
        );
        let column = zh.message(&missing, None, sheet);
        assert_eq!(column, "「建群单位」未填写");
        let allowed = Message::new(&keys::ALLOWED_VALUES).arg(
            "allowed",
            Arg::Choices(vec!["wechat".into(), "dingtalk".into()]),
        );
        assert_eq!(
            zh.message(&allowed, None, Form::Yaml),
            "允许的取值：wechat, dingtalk"
        );
        assert_eq!(
            zh.message(&allowed, None, sheet),
            "请从下拉选项中选择：微信、钉钉"
        );
        // A coded value in a rule's message: the label and, for a YAML file, the code.
        let rule = Text {
            zh: "频次为{frequency}".into(),
            en: "frequency {frequency}".into(),
        };
        let coded = Message::rule(vec![(
            ArgName::const_new("frequency"),
            Arg::Codes(vec!["weekly".into()]),
        )]);
        assert_eq!(
            zh.message(&coded, Some(&rule), Form::Yaml),
            "频次为每周（weekly）"
        );
        assert_eq!(zh.message(&coded, Some(&rule), sheet), "频次为每周");
        let en = Locale::from(Lang::En);
        assert_eq!(en.message(&coded, Some(&rule), sheet), "frequency weekly");
    }

    #[test]
    fn a_placeholder_without_a_value_stays_as_written() {
        let zh = Locale::from(Lang::Zh);
        let rule = Text {
            zh: "{name} 与 {other}".into(),
            en: String::new(),
        };
        let message = Message::rule(vec![(ArgName::const_new("name"), Arg::text("甲"))]);
        assert_eq!(
            zh.message(&message, Some(&rule), Form::Yaml),
            "甲 与 {other}"
        );
    }
}
