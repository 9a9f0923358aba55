//! Rule documentation rendered from the one source, the rule's `docs` in its policy file:
//! `jianfu explain` (text), `--format json` (the same fields) and generated Markdown.

use std::fmt::Write as _;

use serde::Serialize;

use crate::finding::Lang;
use crate::policy::Rule;
use crate::policy::raw::ParamValue;
use crate::wording::{Key, Locale, keys};

/// A rule's documentation as data, for `--format json` and `jianfu rules --format json`.
#[derive(Debug, Serialize)]
pub struct RuleDoc<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub severity: &'static str,
    pub clearance: &'static str,
    pub basis: &'a str,
    pub what: &'a str,
    pub why: &'a str,
    pub fix: &'a str,
    pub bad: Option<&'a str>,
    pub good: Option<&'a str>,
    pub params: Vec<ParamDoc<'a>>,
    pub origin: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ParamDoc<'a> {
    pub name: &'a str,
    pub value: &'a ParamValue,
    pub default: &'a ParamValue,
    pub description: &'a str,
}

impl<'a> RuleDoc<'a> {
    pub fn new(rule: &'a Rule, lang: Lang) -> Self {
        let docs = &rule.docs;
        RuleDoc {
            id: &rule.header.id,
            name: &rule.header.name,
            severity: rule.severity.as_str(),
            clearance: rule.header.clearance.as_str(),
            basis: &rule.header.basis,
            what: docs.what.get(lang),
            why: docs.why.get(lang),
            fix: docs.fix.get(lang),
            bad: docs.bad.as_deref(),
            good: docs.good.as_deref(),
            params: rule
                .params
                .iter()
                .map(|(name, (declared, value))| ParamDoc {
                    name,
                    value,
                    default: &declared.default,
                    description: declared.description.get(lang),
                })
                .collect(),
            origin: &rule.origin,
        }
    }
}

pub fn param_text(value: &ParamValue) -> String {
    match value {
        ParamValue::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        ParamValue::Number(n) => n.to_string(),
        ParamValue::Text(t) => t.clone(),
        ParamValue::List(l) if l.is_empty() => "[]".to_owned(),
        ParamValue::List(l) => format!("[{}]", l.join(", ")),
    }
}

/// Render a rule's documentation as Markdown (also readable as plain text in a terminal).
pub fn render_explain(rule: &Rule, lang: Lang) -> String {
    let doc = RuleDoc::new(rule, lang);
    let locale = Locale::from(lang);
    let heading = |key: &'static Key| locale.say(key);
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", doc.id, doc.name);
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {}\n",
        heading(&keys::EXPLAIN_SEVERITY),
        locale.severity(rule.severity),
        heading(&keys::EXPLAIN_CLEARANCE),
        locale.clearance(rule.header.clearance),
        heading(&keys::EXPLAIN_BASIS),
        doc.basis
    );
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        heading(&keys::EXPLAIN_WHAT),
        doc.what.trim()
    );
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        heading(&keys::EXPLAIN_WHY),
        doc.why.trim()
    );
    let _ = writeln!(out, "## {}\n", heading(&keys::EXPLAIN_SOURCES));
    for citation in &rule.header.citations {
        let _ = writeln!(out, "- {}", citation.full());
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        heading(&keys::EXPLAIN_FIX),
        doc.fix.trim()
    );
    if !doc.params.is_empty() {
        let _ = writeln!(out, "## {}\n", heading(&keys::EXPLAIN_PARAMETERS));
        for param in &doc.params {
            let _ = write!(out, "- `{}` = {}", param.name, param_text(param.value));
            if param.value != param.default {
                let _ = write!(
                    out,
                    " ({} {})",
                    heading(&keys::EXPLAIN_DEFAULT),
                    param_text(param.default)
                );
            }
            let _ = writeln!(out, " — {}", param.description.trim());
        }
        let _ = writeln!(out);
    }
    for (title, example) in [
        (heading(&keys::EXPLAIN_BAD), doc.bad),
        (heading(&keys::EXPLAIN_GOOD), doc.good),
    ] {
        if let Some(example) = example {
            let _ = writeln!(out, "## {title}\n\n```yaml\n{}\n```\n", example.trim_end());
        }
    }
    let _ = writeln!(
        out,
        "{}: {}",
        heading(&keys::EXPLAIN_DEFINED_IN),
        doc.origin
    );
    out
}

/// The first sentence of a text (to `。`, a line end or an English full stop), for tables and
/// short descriptions.
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let end = text.find(['。', '\n']).map_or(text.len(), |i| {
        i + if text[i..].starts_with('。') {
            '。'.len_utf8()
        } else {
            0
        }
    });
    let end = text[..end].find(". ").map_or(end, |i| i + 1);
    &text[..end]
}

/// A rule's page in `docs/rules/`: the Chinese documentation, then the English.
pub fn render_rule_page(rule: &Rule) -> String {
    format!(
        "<!-- Generated by `jianfu rules --docs docs/rules` from {}; edit the policy, not this page. -->\n\n{}\n---\n\n{}",
        rule.origin,
        render_explain(rule, Lang::Zh).trim_end(),
        render_explain(rule, Lang::En)
    )
}

/// `docs/rules/README.md`: every rule with its clearance, severity and first sentence.
pub fn render_rules_index(rules: &[std::sync::Arc<Rule>]) -> String {
    let mut out = String::from(
        "<!-- Generated by `jianfu rules --docs docs/rules`; edit the policies, not this page. -->\n\n# 规则 — Rules\n\n| id | name | severity | clearance | 检查什么 |\n|---|---|---|---|---|\n",
    );
    for rule in rules {
        let _ = writeln!(
            out,
            "| [{id}]({id}.md) | {} | {} | {} | {} |",
            rule.header.name,
            rule.severity.as_str(),
            Locale::from(Lang::Zh).clearance(rule.header.clearance),
            first_sentence(rule.docs.what.get(Lang::Zh)).replace('|', "\\|"),
            id = rule.header.id,
        );
    }
    out
}
