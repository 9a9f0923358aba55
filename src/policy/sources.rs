//! The table of sources rules cite: each document's title, issuer, number, date and the sentences
//! rules may quote, word for word. A policy file may hold a `sources:` section (the default pack's
//! is `policies/sources.yaml`); a rule's `basis` cites entries by key, with at most one quotation
//! each, and a quotation that is not in its entry is a policy error. Reports, `explain`, SARIF,
//! the docs and the bulletin all render citations from this one table.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

/// What kind of text a source is, which decides how it is cited and whether a bulletin may say a
/// body "broke" it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A regulation or normative document (党内法规, 规范性文件): binding.
    Regulation,
    /// A news report of what a league does: it describes practice, and binds nobody.
    Report,
    /// A statistical standard or table (统计用区划代码).
    Standard,
    /// jianfu's own conventions (the inventory format, the waiver rules).
    Jianfu,
}

/// One entry of the table.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The full title, without book-title marks.
    pub title: String,
    pub kind: SourceKind,
    /// The issuing body or bodies, or a report's author.
    #[serde(default)]
    pub issuer: Option<String>,
    /// The document number (文号), when it has one.
    #[serde(default)]
    pub number: Option<String>,
    /// When it was issued, as exactly as known (`2024-08-06`, `2022-08`).
    #[serde(default)]
    pub date: Option<String>,
    /// Where a convention of jianfu's is written down (`docs/inventory.md`).
    #[serde(default)]
    pub location: Option<String>,
    /// What the source does and does not say, and what is not known about it.
    #[serde(default)]
    pub note: Option<String>,
    /// The names of its parts (sections), word for word; a rule may quote one.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Sentences rules may quote, each word for word as published.
    #[serde(default)]
    pub quotes: Vec<String>,
}

impl Source {
    /// How a report names the source in one line: 《title》（文号）for a document, the title and
    /// where it is written for jianfu's conventions, the title and issuer for a standard.
    pub fn short(&self) -> String {
        let title = match self.kind {
            SourceKind::Regulation | SourceKind::Report => format!("《{}》", self.title),
            SourceKind::Standard | SourceKind::Jianfu => self.title.clone(),
        };
        let aside: Vec<&str> = match self.kind {
            SourceKind::Regulation => self.number.as_deref().into_iter().collect(),
            SourceKind::Report => self.issuer.as_deref().into_iter().collect(),
            SourceKind::Standard => [self.issuer.as_deref(), self.date.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            SourceKind::Jianfu => self.location.as_deref().into_iter().collect(),
        };
        if aside.is_empty() {
            title
        } else {
            format!("{title}（{}）", aside.join("，"))
        }
    }

    /// The entry with every text made one printable line: a policy's table reaches terminals,
    /// annotations and pages like any other policy text.
    pub fn printable(&self) -> Source {
        let line = |text: &str| crate::source::printable_line(text).into_owned();
        let some = |text: &Option<String>| text.as_deref().map(line);
        Source {
            title: line(&self.title),
            kind: self.kind,
            issuer: some(&self.issuer),
            number: some(&self.number),
            date: some(&self.date),
            location: some(&self.location),
            note: some(&self.note),
            sections: self.sections.iter().map(|s| line(s)).collect(),
            quotes: self.quotes.iter().map(|q| line(q)).collect(),
        }
    }

    /// Whether `quote` is, word for word, one of the source's quotations or section names, or
    /// a part of one.
    pub fn has_quote(&self, quote: &str) -> bool {
        !quote.trim().is_empty()
            && self
                .quotes
                .iter()
                .chain(&self.sections)
                .any(|q| q.contains(quote))
    }
}

/// A rule's citation of a source, checked against the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub key: String,
    pub source: Arc<Source>,
    /// The words quoted, when the rule quotes; always in `source`.
    pub quote: Option<String>,
}

impl Citation {
    /// The citation in full: the source's short form, its issuer and date, and the quotation
    /// in quotation marks.
    pub fn full(&self) -> String {
        let source = &self.source;
        let mut text = source.short();
        let about: Vec<&str> = match source.kind {
            SourceKind::Regulation => [source.issuer.as_deref(), source.date.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        if !about.is_empty() {
            text.push_str(&format!("，{}", about.join("，")));
        }
        if let Some(quote) = &self.quote {
            text.push('：');
            text.push_str(&crate::wording::quoted(quote));
        }
        text
    }
}

/// A rule's sources in one line, each once, as reports show a rule's basis beside a finding
/// (the quotations are in `jianfu explain`).
pub fn basis_line(citations: &[Citation]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for citation in citations {
        let short = citation.source.short();
        if !shown.contains(&short) {
            shown.push(short);
        }
    }
    shown.join("；")
}
