//! The bulletin as Markdown, for pasting into documents. Every text from the inventories is
//! escaped, so a unit called `*<b>*` prints as written instead of turning into markup.

use std::io::{self, Write};

use crate::finding::Lang;

use super::phrases::chinese_number;
use super::trend::{SectionChange, Trend};
use super::{Bulletin, Statistics, columns, headings, overview_rows};

/// A case's number under 二、典型问题: （一）, （二）… in Chinese, (1), (2)… in English.
pub(crate) fn case_number(number: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{}）", chinese_number(number)),
        Lang::En => format!("({number}) "),
    }
}

/// Escape Markdown's active characters, and fold line breaks so a text stays one paragraph.
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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
    let lang = bulletin.language();
    let h = headings(lang);
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
        let colon = if lang == Lang::Zh { "：" } else { ":" };
        writeln!(out, "{}{colon}\n", escape_md(recipients))?;
    }
    writeln!(out, "## {}\n", h.situation)?;
    writeln!(out, "{}\n", escape_md(&bulletin.lead))?;
    if !bulletin.cases.is_empty() {
        writeln!(out, "## {}\n", h.cases)?;
    }
    for case in &bulletin.cases {
        let number = case_number(case.number, lang);
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
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        writeln!(out, "{}{colon}{}  ", h.copy_to, escape_md(copy_to))?;
    }
    writeln!(
        out,
        "{}　{}{}\n",
        escape_md(&bulletin.issuer),
        escape_md(&bulletin.date_text),
        h.printed
    )?;
    writeln!(out, "---\n")?;
    writeln!(out, "## {}\n", h.attachment)?;
    write_statistics(&bulletin.statistics, bulletin, lang, out)?;
    if let Some(trend) = &bulletin.trend {
        write_trend(trend, lang, out)?;
    }
    write_case_rules(bulletin, out)?;
    write_submission(bulletin, out)
}

/// The annex on submission quality: the units whose own inventories need correcting.
fn write_submission(bulletin: &Bulletin, out: &mut dyn Write) -> io::Result<()> {
    if bulletin.submission.is_empty() {
        return Ok(());
    }
    let lang = bulletin.language();
    let h = headings(lang);
    let c = columns(lang);
    writeln!(out, "### {}\n", h.submission)?;
    let rows: Vec<Vec<String>> = bulletin
        .submission
        .iter()
        .map(|s| {
            vec![
                escape_md(&s.unit),
                s.findings.to_string(),
                escape_md(&s.rules.join(", ")),
            ]
        })
        .collect();
    table(out, &[c.unit, c.findings, c.rules], 3, &rows)
}

/// Which checks each case rests on: rule ids belong in the annex, not in the body.
fn write_case_rules(bulletin: &Bulletin, out: &mut dyn Write) -> io::Result<()> {
    if bulletin.cases.is_empty() {
        return Ok(());
    }
    let lang = bulletin.language();
    writeln!(out, "### {}\n", headings(lang).basis_rules)?;
    for case in &bulletin.cases {
        let rules: Vec<String> = case.rules.iter().map(|r| escape_md(&r.id)).collect();
        let number = case_number(case.number, lang);
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
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let h = headings(lang);
    let c = columns(lang);
    writeln!(out, "### {}\n", h.overview)?;
    let rows: Vec<Vec<String>> = overview_rows(bulletin, lang)
        .into_iter()
        .map(|(label, n)| vec![escape_md(label.trim()), n.to_string()])
        .collect();
    table(out, &[c.item, c.count], 1, &rows)?;
    if !s.by_clearance.is_empty() {
        writeln!(out, "### {}\n", h.by_clearance)?;
        let rows: Vec<Vec<String>> = s
            .by_clearance
            .iter()
            .map(|t| vec![escape_md(&t.label), t.count.to_string()])
            .collect();
        table(out, &[c.clearance, c.findings], 1, &rows)?;
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
                a.findings.to_string(),
                a.errors.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[c.banner, c.units, c.clean, c.findings, c.errors],
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
                a.findings.to_string(),
                a.errors.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[c.banner, c.township, c.units, c.clean, c.findings, c.errors],
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
                    b.findings.to_string(),
                    b.errors.to_string(),
                    b.units.to_string(),
                ]
            })
            .collect();
        let units = match lang {
            Lang::Zh => "涉及单位",
            Lang::En => "Units",
        };
        table(out, &[c.body, c.findings, c.errors, units], 1, &rows)?;
    }
    Ok(())
}

/// `51 → 32（压减37.25%）`.
pub(crate) fn change_cell(change: &SectionChange, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} → {}（{}）",
            change.previous, change.current, change.text
        ),
        Lang::En => format!("{} → {} ({})", change.previous, change.current, change.text),
    }
}

/// A section that grew back, with what was added and by whom: `工作群组 2 → 4（增加100.00%），
/// 新增“A群”（建群单位甲）、“B群”（乙）`.
pub(crate) fn rebound_cell(change: &SectionChange, lang: Lang) -> String {
    let mut cell = format!("{} {}", change.label, change_cell(change, lang));
    if change.new_items.is_empty() {
        return cell;
    }
    let items: Vec<String> = change
        .new_items
        .iter()
        .map(|item| {
            let name = crate::wording::quoted(&item.name);
            match (&item.by, lang) {
                (Some(by), Lang::Zh) => format!("{name}（{by}）"),
                (Some(by), Lang::En) => format!("{name} (by {by})"),
                (None, _) => name,
            }
        })
        .collect();
    match lang {
        Lang::Zh => cell.push_str(&format!("，新增{}", items.join("、"))),
        Lang::En => cell.push_str(&format!(", new: {}", items.join(", "))),
    }
    cell
}

/// The trend's opening sentence: how many units were compared.
pub(crate) fn trend_intro(trend: &Trend, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let mut text = format!(
                "上期清单{}个单位，本期{}个单位与上期按单位代码对应比较",
                trend.previous_units, trend.matched_units
            );
            if trend.unmatched_units > 0 {
                text.push_str(&format!(
                    "，{}个单位上期无对应清单、未纳入比较",
                    trend.unmatched_units
                ));
            }
            let sentences: Vec<String> = trend
                .league
                .iter()
                .map(|c| format!("{}{}", c.label, c.text))
                .collect();
            text.push_str(&format!("。全盟{}。", sentences.join("，")));
            text
        }
        Lang::En => {
            let mut text = format!(
                "The previous period lists {} units; {} units of this period were matched to them by code",
                trend.previous_units, trend.matched_units
            );
            if trend.unmatched_units > 0 {
                text.push_str(&format!(
                    ", and {} had no previous inventory and are left out",
                    trend.unmatched_units
                ));
            }
            let sentences: Vec<String> = trend
                .league
                .iter()
                .map(|c| format!("{} {}", c.label, c.text))
                .collect();
            text.push_str(&format!(". League-wide: {}.", sentences.join(", ")));
            text
        }
    }
}

fn write_trend(trend: &Trend, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let h = headings(lang);
    let c = columns(lang);
    writeln!(out, "### {}\n", h.trend)?;
    writeln!(out, "{}\n", escape_md(&trend_intro(trend, lang)))?;
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
    table(out, &[c.section, c.previous, c.current, c.change], 1, &rows)?;
    if !trend.by_banner.is_empty() {
        let mut header = vec![c.banner];
        let labels: Vec<String> = trend.league.iter().map(|s| escape_md(&s.label)).collect();
        header.extend(labels.iter().map(String::as_str));
        let rows: Vec<Vec<String>> = trend
            .by_banner
            .iter()
            .map(|b| {
                let mut row = vec![escape_md(&b.banner)];
                row.extend(b.sections.iter().map(|s| escape_md(&change_cell(s, lang))));
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
                let grew: Vec<String> = r.sections.iter().map(|s| rebound_cell(s, lang)).collect();
                vec![
                    escape_md(&format!("{} {}", r.code, r.name)),
                    escape_md(r.banner.as_deref().unwrap_or_default()),
                    escape_md(r.township.as_deref().unwrap_or_default()),
                    escape_md(&grew.join(if lang == Lang::Zh { "；" } else { "; " })),
                ]
            })
            .collect();
        table(out, &[c.unit, c.banner, c.township, c.change], 4, &rows)?;
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
