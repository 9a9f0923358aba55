//! The bulletin as Markdown, for pasting into documents. Every text from the inventories is
//! escaped, so a unit called `*<b>*` prints as written instead of turning into markup.

use std::io::{self, Write};

use crate::wording::keys;

use super::trend::{SectionChange, Trend};
use super::{Bulletin, Statistics, Words, columns, headings, overview_rows};

/// A case's number under 二、典型问题: （一）, （二）… in Chinese, (1), (2)… in English.
pub(crate) fn case_number(number: usize, words: &Words) -> String {
    words.say(&keys::BULLETIN_CASE_NUMBER, &[("number", number.into())])
}

/// Escape Markdown's active characters, and fold line breaks so a text stays one paragraph.
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::source::printable(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Write `bulletin` as Markdown.
pub fn render_markdown(bulletin: &Bulletin, out: &mut dyn Write) -> io::Result<()> {
    let words = bulletin.words();
    let h = headings(&words);
    if !bulletin.issuer_given {
        writeln!(out, "> **{}**\n", h.issuer_missing)?;
    }
    // The document's head: issuing body, number, title, the bodies addressed.
    writeln!(out, "**{}**\n", escape_md(&bulletin.issuer))?;
    if let Some(number) = &bulletin.doc_number {
        writeln!(out, "{}\n", escape_md(number))?;
    }
    writeln!(out, "# {}\n", escape_md(&bulletin.title))?;
    if let Some(recipients) = &bulletin.recipients {
        let line = words.say(
            &keys::BULLETIN_RECIPIENTS,
            &[("recipients", recipients.clone().into())],
        );
        writeln!(out, "{}\n", escape_md(&line))?;
    }
    writeln!(out, "## {}\n", h.situation)?;
    writeln!(out, "{}\n", escape_md(&bulletin.lead))?;
    if !bulletin.cases.is_empty() {
        writeln!(out, "## {}\n", h.cases)?;
    }
    for case in &bulletin.cases {
        let number = case_number(case.number, &words);
        writeln!(out, "### {number}{}\n", escape_md(&case.headline))?;
        writeln!(out, "{}\n", escape_md(&case.narrative))?;
        if !case.violation.is_empty() {
            writeln!(out, "{}\n", escape_md(&case.violation))?;
        }
        writeln!(out, "{}\n", escape_md(&case.handling))?;
    }
    writeln!(out, "## {}\n", h.analysis)?;
    writeln!(out, "{}\n", escape_md(&bulletin.analysis))?;
    writeln!(out, "{}\n", escape_md(&bulletin.requirements))?;
    writeln!(out, "{}\n", h.attachment_note)?;
    writeln!(out, "{}  ", escape_md(&bulletin.issuer))?;
    writeln!(out, "{}\n", escape_md(&bulletin.date_text))?;
    // 版记: the bodies copied, and who printed it when.
    writeln!(out, "---\n")?;
    if let Some(copy_to) = &bulletin.copy_to {
        let line = words.say(&keys::BULLETIN_COPY_TO, &[("list", copy_to.clone().into())]);
        writeln!(out, "{}  ", escape_md(&line))?;
    }
    writeln!(out, "{}\n", escape_md(&printed_line(bulletin, &words)))?;
    writeln!(out, "---\n")?;
    writeln!(out, "## {}\n", h.attachment)?;
    write_statistics(&bulletin.statistics, bulletin, &words, out)?;
    if let Some(trend) = &bulletin.trend {
        write_trend(trend, &words, out)?;
    }
    write_case_rules(bulletin, out)?;
    write_submission(bulletin, out)
}

/// 版记's last line: who printed it, and when.
pub(crate) fn printed_line(bulletin: &Bulletin, words: &Words) -> String {
    words.say(
        &keys::BULLETIN_PRINTED,
        &[
            ("issuer", bulletin.issuer.clone().into()),
            ("date", bulletin.date_text.clone().into()),
        ],
    )
}

/// The annex on submission quality: the units whose own inventories need correcting.
fn write_submission(bulletin: &Bulletin, out: &mut dyn Write) -> io::Result<()> {
    if bulletin.submission.is_empty() {
        return Ok(());
    }
    let words = bulletin.words();
    let h = headings(&words);
    let c = columns(&words);
    writeln!(out, "### {}\n", h.submission)?;
    let rows: Vec<Vec<String>> = bulletin
        .submission
        .iter()
        .map(|s| {
            vec![
                escape_md(&s.unit),
                escape_md(&s.rules.join(", ")),
                s.findings.to_string(),
            ]
        })
        .collect();
    table(out, &[&c.unit, &c.rules, &c.flaws], 2, &rows)
}

/// Which checks each case rests on: rule ids belong in the annex, not in the body.
fn write_case_rules(bulletin: &Bulletin, out: &mut dyn Write) -> io::Result<()> {
    if bulletin.cases.is_empty() {
        return Ok(());
    }
    let words = bulletin.words();
    writeln!(out, "### {}\n", headings(&words).basis_rules)?;
    for case in &bulletin.cases {
        let rules: Vec<String> = case.rules.iter().map(|r| escape_md(&r.id)).collect();
        let number = case_number(case.number, &words);
        writeln!(out, "- {number}{}", rules.join(", "))?;
    }
    writeln!(out)
}

/// A table whose columns from `numeric_from` on hold numbers (right-aligned).
fn table(
    out: &mut dyn Write,
    header: &[&str],
    numeric_from: usize,
    rows: &[Vec<String>],
) -> io::Result<()> {
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = (0..header.len())
        .map(|i| if i < numeric_from { "---" } else { "---:" })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in rows {
        writeln!(out, "| {} |", row.join(" | "))?;
    }
    writeln!(out)
}

fn write_statistics(
    s: &Statistics,
    bulletin: &Bulletin,
    words: &Words,
    out: &mut dyn Write,
) -> io::Result<()> {
    let h = headings(words);
    let c = columns(words);
    writeln!(out, "### {}\n", h.overview)?;
    let rows: Vec<Vec<String>> = overview_rows(bulletin, words)
        .into_iter()
        .map(|(label, n)| vec![escape_md(&label), n.to_string()])
        .collect();
    table(out, &[&c.item, &c.count], 1, &rows)?;
    if !s.problems_by_clearance.is_empty() {
        writeln!(out, "### {}\n", h.by_clearance)?;
        let rows: Vec<Vec<String>> = s
            .problems_by_clearance
            .iter()
            .map(|t| {
                let hits = s
                    .by_clearance
                    .iter()
                    .find(|h| h.key == t.key)
                    .map_or(0, |h| h.count);
                vec![escape_md(&t.label), t.count.to_string(), hits.to_string()]
            })
            .collect();
        table(out, &[&c.clearance, &c.problems, &c.hits], 1, &rows)?;
    }
    writeln!(out, "### {}\n", h.by_banner)?;
    let rows: Vec<Vec<String>> = s
        .by_banner
        .iter()
        .map(|a| {
            vec![
                escape_md(&a.banner),
                a.units.to_string(),
                a.units_clean.to_string(),
                a.problems.to_string(),
                rate_text(a.rate()),
                a.findings.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[&c.banner, &c.units, &c.clean, &c.problems, &c.rate, &c.hits],
        1,
        &rows,
    )?;
    writeln!(out, "### {}\n", h.by_township)?;
    let rows: Vec<Vec<String>> = s
        .by_township
        .iter()
        .map(|a| {
            vec![
                escape_md(&a.banner),
                escape_md(a.township.as_deref().unwrap_or_default()),
                a.units.to_string(),
                a.units_clean.to_string(),
                a.problems.to_string(),
                rate_text(a.rate()),
                a.findings.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[
            &c.banner,
            &c.township,
            &c.units,
            &c.clean,
            &c.problems,
            &c.rate,
            &c.hits,
        ],
        2,
        &rows,
    )?;
    if !s.top_bodies.is_empty() {
        writeln!(out, "### {}\n", h.bodies)?;
        let rows: Vec<Vec<String>> = s
            .top_bodies
            .iter()
            .map(|b| {
                vec![
                    escape_md(&b.body),
                    b.problems.to_string(),
                    b.findings.to_string(),
                    b.units.to_string(),
                ]
            })
            .collect();
        table(
            out,
            &[&c.body, &c.problems, &c.hits, &c.units_involved],
            1,
            &rows,
        )?;
    }
    Ok(())
}

/// Problems per unit with one decimal.
pub(crate) fn rate_text(rate: f64) -> String {
    format!("{rate:.1}")
}

/// `51 → 32（压减37.25%）`.
pub(crate) fn change_cell(change: &SectionChange, words: &Words) -> String {
    words.say(
        &keys::BULLETIN_CHANGE_CELL,
        &[
            ("previous", change.previous.to_string().into()),
            ("current", change.current.to_string().into()),
            ("change", change.text.clone().into()),
        ],
    )
}

/// A section that grew back, with what was added and by whom: `工作群组 2 → 4（增加100.00%），
/// 新增“A群”（建群单位甲）、“B群”（乙）`.
pub(crate) fn rebound_cell(change: &SectionChange, words: &Words) -> String {
    let cell = format!("{} {}", change.label, change_cell(change, words));
    if change.new_items.is_empty() {
        return cell;
    }
    let items: Vec<String> = change
        .new_items
        .iter()
        .map(|item| {
            let name = crate::wording::quoted(&item.name);
            match &item.by {
                Some(by) => words.say(
                    &keys::BULLETIN_NEW_ITEM_BY,
                    &[("name", name.into()), ("by", by.clone().into())],
                ),
                None => name,
            }
        })
        .collect();
    words.say(
        &keys::BULLETIN_NEW_ITEMS,
        &[("text", cell.into()), ("items", words.list(&items).into())],
    )
}

/// The trend's opening sentence: how many units were compared.
pub(crate) fn trend_intro(trend: &Trend, words: &Words) -> String {
    let league: Vec<String> = trend
        .league
        .iter()
        .map(|c| {
            words.say(
                &keys::BULLETIN_TREND_SECTION,
                &[
                    ("label", c.label.clone().into()),
                    ("change", c.text.clone().into()),
                ],
            )
        })
        .collect();
    let comma = words.say(&keys::BULLETIN_CLAUSE_COMMA, &[]);
    words.say(
        &keys::BULLETIN_TREND_INTRO,
        &[
            ("previous", trend.previous_units.into()),
            ("matched", trend.matched_units.into()),
            ("unmatched", trend.unmatched_units.into()),
            ("league", league.join(&comma).into()),
        ],
    )
}

fn write_trend(trend: &Trend, words: &Words, out: &mut dyn Write) -> io::Result<()> {
    let h = headings(words);
    let c = columns(words);
    writeln!(out, "### {}\n", h.trend)?;
    writeln!(out, "{}\n", escape_md(&trend_intro(trend, words)))?;
    let rows: Vec<Vec<String>> = trend
        .league
        .iter()
        .map(|s| {
            vec![
                escape_md(&s.label),
                s.previous.to_string(),
                s.current.to_string(),
                escape_md(&s.text),
            ]
        })
        .collect();
    table(
        out,
        &[&c.section, &c.previous, &c.current, &c.change],
        1,
        &rows,
    )?;
    if !trend.by_banner.is_empty() {
        let labels: Vec<String> = trend.league.iter().map(|s| escape_md(&s.label)).collect();
        let mut header = vec![c.banner.as_str()];
        header.extend(labels.iter().map(String::as_str));
        let rows: Vec<Vec<String>> = trend
            .by_banner
            .iter()
            .map(|b| {
                let mut row = vec![escape_md(&b.banner)];
                row.extend(b.sections.iter().map(|s| escape_md(&change_cell(s, words))));
                row
            })
            .collect();
        table(out, &header, header.len(), &rows)?;
    }
    if !trend.rebounds.is_empty() {
        writeln!(out, "### {}\n", h.rebounds)?;
        let rows: Vec<Vec<String>> = trend
            .rebounds
            .iter()
            .map(|r| {
                let grew: Vec<String> = r.sections.iter().map(|s| rebound_cell(s, words)).collect();
                vec![
                    escape_md(&format!("{} {}", r.code, r.name)),
                    escape_md(r.banner.as_deref().unwrap_or_default()),
                    escape_md(r.township.as_deref().unwrap_or_default()),
                    escape_md(&words.separated(&grew)),
                ]
            })
            .collect();
        table(out, &[&c.unit, &c.banner, &c.township, &c.change], 4, &rows)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(escape_md("*<b>|x_y*"), "\\*\\<b\\>\\|x\\_y\\*");
        assert_eq!(escape_md("两行\n文字"), "两行 文字");
        assert_eq!(escape_md("巴彦淖尔嘎查"), "巴彦淖尔嘎查");
    }
}
