//! The bulletin as one self-contained, printable HTML page: inline CSS with A4 print rules,
//! inline SVG charts, no script and no external resource (a Content-Security-Policy forbids
//! both, so even a text that slipped through escaping could not run). Every text is escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::wording::keys;

use super::markdown::{change_cell, rate_text, trend_intro};
use super::svg::{Bar, bar_chart, diverging_chart, escape};
use super::trend::Trend;
use super::{Bulletin, Case, Statistics, Words, columns, headings, overview_rows};

const STYLE: &str = r#"
@page { size: A4; margin: 25mm 20mm 22mm 22mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; padding: 12mm 10mm; max-width: 210mm; color: #111; background: #fff;
  font-family: "FangSong", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC",
    "SimSun", "Songti SC", serif;
  font-size: 12pt; line-height: 1.75; }
.masthead { color: #c00; text-align: center; font-size: 24pt; font-weight: bold; letter-spacing: 0.08em;
  font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  padding-bottom: 4mm; border-bottom: 2.5pt solid #c00; margin-bottom: 6mm; }
h1 { text-align: center; font-size: 18pt; line-height: 1.5; margin: 4mm 0 6mm;
  font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
h2 { font-size: 14pt; margin: 6mm 0 3mm; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
h3 { font-size: 12.5pt; margin: 4mm 0 2mm; font-family: "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; }
p { margin: 0 0 2mm; text-indent: 2em; text-align: justify; }
p.rules { text-indent: 0; color: #555; font-size: 10pt; }
.handling { }
.signature { text-align: right; margin-top: 8mm; }
.signature p { text-indent: 0; text-align: right; margin: 0; }
.draft { text-indent: 0; color: #c00; font-weight: bold; border: 1.5pt solid #c00; padding: 2mm; }
.doc-number { text-indent: 0; text-align: center; margin-bottom: 4mm; }
.recipients, .attachment-note { text-indent: 0; }
.imprint { border-top: 1pt solid #000; border-bottom: 1pt solid #000; margin-top: 8mm; font-size: 11pt; }
.imprint p { text-indent: 0; margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 5mm; font-size: 10pt; line-height: 1.4; }
th, td { border: 0.75pt solid #444; padding: 1.2mm 2mm; vertical-align: top; }
th { background: #f1e4e4; font-weight: bold; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 3mm 0 5mm; }
figcaption { font-size: 10.5pt; font-weight: bold; margin-bottom: 1mm; }
svg.chart { display: block; width: 100%; height: auto; max-width: 160mm; }
svg.chart text { font-size: 13px; fill: #222; font-family: "Noto Sans CJK SC", "SimHei", sans-serif; }
.sev-error { color: #b03a2e; } .sev-warning { color: #b9770e; } .sev-info { color: #1f618d; }
.attachment { border-top: 1pt solid #999; margin-top: 10mm; padding-top: 4mm; }
@media print {
  body { padding: 0; max-width: none; }
  .case, table, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .attachment { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
}
"#;

/// Colours of the charts: findings, reductions, growths.
const BAR: &str = "#b03a2e";
const GOOD: &str = "#2e7d32";
const BAD: &str = "#c62828";

/// Write `bulletin` as a self-contained HTML page.
pub fn render_html(bulletin: &Bulletin, out: &mut dyn Write) -> io::Result<()> {
    let mut page = String::new();
    let words = bulletin.words();
    let _ = write!(
        page,
        r#"<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jianfu {}">
<title>{}</title>
<style>{STYLE}</style>
</head>
<body>
"#,
        if bulletin.lang == "zh" {
            "zh-CN"
        } else {
            &bulletin.lang
        },
        env!("CARGO_PKG_VERSION"),
        escape(&bulletin.title)
    );
    let h = headings(&words);
    if !bulletin.issuer_given {
        let _ = writeln!(page, r#"<p class="draft">{}</p>"#, h.issuer_missing);
    }
    let _ = writeln!(
        page,
        r#"<div class="masthead">{}</div>"#,
        escape(&bulletin.issuer)
    );
    if let Some(number) = &bulletin.doc_number {
        let _ = writeln!(page, r#"<p class="doc-number">{}</p>"#, escape(number));
    }
    let _ = writeln!(page, "<h1>{}</h1>", escape(&bulletin.title));
    if let Some(recipients) = &bulletin.recipients {
        let line = words.say(
            &keys::BULLETIN_RECIPIENTS,
            &[("recipients", recipients.clone().into())],
        );
        let _ = writeln!(page, r#"<p class="recipients">{}</p>"#, escape(&line));
    }
    let _ = writeln!(page, "<h2>{}</h2>", h.situation);
    let _ = writeln!(page, "<p>{}</p>", escape(&bulletin.lead));
    write_cases(&mut page, &bulletin.cases, &words);
    let _ = writeln!(page, "<h2>{}</h2>", h.analysis);
    let _ = writeln!(page, "<p>{}</p>", escape(&bulletin.analysis));
    let _ = writeln!(page, "<p>{}</p>", escape(&bulletin.requirements));
    let _ = writeln!(
        page,
        r#"<p class="attachment-note">{}</p>"#,
        h.attachment_note
    );
    let _ = writeln!(
        page,
        r#"<div class="signature"><p>{}</p><p>{}</p></div>"#,
        escape(&bulletin.issuer),
        escape(&bulletin.date_text)
    );
    let copy_to = bulletin.copy_to.as_deref().map(|c| {
        let line = words.say(&keys::BULLETIN_COPY_TO, &[("list", c.into())]);
        format!("<p>{}</p>", escape(&line))
    });
    let _ = writeln!(
        page,
        r#"<div class="imprint">{}<p>{}</p></div>"#,
        copy_to.unwrap_or_default(),
        escape(&super::markdown::printed_line(bulletin, &words)),
    );
    let _ = writeln!(page, r#"<section class="attachment" id="statistics">"#);
    let _ = writeln!(page, "<h2>{}</h2>", h.attachment);
    write_statistics(&mut page, &bulletin.statistics, bulletin, &words);
    if let Some(trend) = &bulletin.trend {
        write_trend(&mut page, trend, &words);
    }
    write_case_rules(&mut page, bulletin, &words);
    if !bulletin.submission.is_empty() {
        let c = columns(&words);
        let _ = writeln!(page, "<h3>{}</h3>", h.submission);
        let rows: Vec<Vec<(String, bool)>> = bulletin
            .submission
            .iter()
            .map(|s| {
                vec![
                    text(s.unit.clone()),
                    (s.findings.to_string(), true),
                    text(s.rules.join(", ")),
                ]
            })
            .collect();
        table(&mut page, &[&c.unit, &c.flaws, &c.rules], &rows);
    }
    page.push_str("</section>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

fn write_cases(page: &mut String, cases: &[Case], words: &Words) {
    if cases.is_empty() {
        return;
    }
    let h = headings(words);
    let _ = writeln!(page, "<h2>{}</h2>", h.cases);
    for case in cases {
        let number = super::markdown::case_number(case.number, words);
        let _ = writeln!(
            page,
            r#"<section class="case" id="case-{}"><h3>{number}{}</h3>"#,
            case.number,
            escape(&case.headline)
        );
        let _ = writeln!(page, "<p>{}</p>", escape(&case.narrative));
        if !case.violation.is_empty() {
            let _ = writeln!(page, "<p>{}</p>", escape(&case.violation));
        }
        let _ = writeln!(
            page,
            r#"<p class="handling">{}</p>"#,
            escape(&case.handling)
        );
        page.push_str("</section>\n");
    }
}

/// Which checks each case rests on: rule ids belong in the annex, not in the body.
fn write_case_rules(page: &mut String, bulletin: &Bulletin, words: &Words) {
    if bulletin.cases.is_empty() {
        return;
    }
    let _ = writeln!(
        page,
        "<h3>{}</h3>\n<ul class=\"rules\">",
        headings(words).basis_rules
    );
    for case in &bulletin.cases {
        let rules: Vec<String> = case
            .rules
            .iter()
            .map(|r| {
                format!(
                    r#"<span class="sev-{}">{}</span>"#,
                    escape(r.severity),
                    escape(&r.id)
                )
            })
            .collect();
        let number = super::markdown::case_number(case.number, words);
        let _ = writeln!(page, "<li>{number}{}</li>", rules.join(", "));
    }
    page.push_str("</ul>\n");
}

fn table(page: &mut String, header: &[&str], rows: &[Vec<(String, bool)>]) {
    page.push_str("<table><thead><tr>");
    for cell in header {
        let _ = write!(page, "<th>{}</th>", escape(cell));
    }
    page.push_str("</tr></thead><tbody>\n");
    for row in rows {
        page.push_str("<tr>");
        for (cell, numeric) in row {
            let class = if *numeric { r#" class="n""# } else { "" };
            let _ = write!(page, "<td{class}>{}</td>", escape(cell));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody></table>\n");
}

fn text(s: impl Into<String>) -> (String, bool) {
    (s.into(), false)
}

fn num(n: impl ToString) -> (String, bool) {
    (n.to_string(), true)
}

/// A chart, with a caption unless the heading above already says what it shows.
fn figure(page: &mut String, caption: Option<&str>, svg: &str) {
    match caption {
        Some(caption) => {
            let _ = writeln!(
                page,
                "<figure><figcaption>{}</figcaption>{svg}</figure>",
                escape(caption)
            );
        }
        None => {
            let _ = writeln!(page, "<figure>{svg}</figure>");
        }
    }
}

fn write_statistics(page: &mut String, s: &Statistics, bulletin: &Bulletin, words: &Words) {
    let h = headings(words);
    let c = columns(words);
    let _ = writeln!(page, "<h3>{}</h3>", h.overview);
    let rows: Vec<Vec<(String, bool)>> = overview_rows(bulletin, words)
        .into_iter()
        .map(|(label, n)| vec![text(label), num(n)])
        .collect();
    table(page, &[&c.item, &c.count], &rows);
    if !s.problems_by_clearance.is_empty() {
        let _ = writeln!(page, "<h3>{}</h3>", h.by_clearance);
        let rows: Vec<Vec<(String, bool)>> = s
            .problems_by_clearance
            .iter()
            .map(|t| {
                let hits = s
                    .by_clearance
                    .iter()
                    .find(|h| h.key == t.key)
                    .map_or(0, |h| h.count);
                vec![text(t.label.as_str()), num(t.count), num(hits)]
            })
            .collect();
        table(page, &[&c.clearance, &c.problems, &c.hits], &rows);
    }
    let _ = writeln!(page, "<h3>{}</h3>", h.by_banner);
    // Problems per unit, not raw counts: a banner with many villages is not worse for it.
    if s.problems > 0 && s.by_banner.len() > 1 {
        let bars: Vec<Bar> = s
            .by_banner
            .iter()
            .map(|a| Bar {
                label: a.banner.clone(),
                value: a.rate(),
                text: rate_text(a.rate()),
            })
            .collect();
        figure(
            page,
            Some(&h.rate_chart),
            &bar_chart(&h.rate_chart, &bars, BAR),
        );
    }
    let rows: Vec<Vec<(String, bool)>> = s
        .by_banner
        .iter()
        .map(|a| {
            vec![
                text(a.banner.as_str()),
                num(a.units),
                num(a.units_clean),
                num(a.problems),
                num(rate_text(a.rate())),
                num(a.findings),
            ]
        })
        .collect();
    table(
        page,
        &[&c.banner, &c.units, &c.clean, &c.problems, &c.rate, &c.hits],
        &rows,
    );
    let _ = writeln!(page, "<h3>{}</h3>", h.by_township);
    let rows: Vec<Vec<(String, bool)>> = s
        .by_township
        .iter()
        .map(|a| {
            vec![
                text(a.banner.as_str()),
                text(a.township.clone().unwrap_or_default()),
                num(a.units),
                num(a.units_clean),
                num(a.problems),
                num(rate_text(a.rate())),
                num(a.findings),
            ]
        })
        .collect();
    table(
        page,
        &[
            &c.banner,
            &c.township,
            &c.units,
            &c.clean,
            &c.problems,
            &c.rate,
            &c.hits,
        ],
        &rows,
    );
    if !s.top_bodies.is_empty() {
        let _ = writeln!(page, "<h3>{}</h3>", h.bodies);
        let rows: Vec<Vec<(String, bool)>> = s
            .top_bodies
            .iter()
            .map(|b| {
                vec![
                    text(b.body.as_str()),
                    num(b.problems),
                    num(b.findings),
                    num(b.units),
                ]
            })
            .collect();
        table(
            page,
            &[&c.body, &c.problems, &c.hits, &c.units_involved],
            &rows,
        );
    }
}

fn write_trend(page: &mut String, trend: &Trend, words: &Words) {
    let h = headings(words);
    let c = columns(words);
    let _ = writeln!(page, "<h3>{}</h3>", h.trend);
    let _ = writeln!(page, "<p>{}</p>", escape(&trend_intro(trend, words)));
    let bars: Vec<(String, Option<f64>, String)> = trend
        .league
        .iter()
        .map(|s| (s.label.clone(), s.reduction_percent, s.text.clone()))
        .collect();
    figure(
        page,
        Some(&h.reduction_chart),
        &diverging_chart(&h.reduction_chart, &bars, GOOD, BAD),
    );
    let rows: Vec<Vec<(String, bool)>> = trend
        .league
        .iter()
        .map(|s| {
            vec![
                text(s.label.as_str()),
                num(s.previous),
                num(s.current),
                text(s.text.as_str()),
            ]
        })
        .collect();
    table(
        page,
        &[&c.section, &c.previous, &c.current, &c.change],
        &rows,
    );
    if !trend.by_banner.is_empty() {
        let mut header = vec![c.banner.as_str()];
        header.extend(trend.league.iter().map(|s| s.label.as_str()));
        let rows: Vec<Vec<(String, bool)>> = trend
            .by_banner
            .iter()
            .map(|b| {
                let mut row = vec![text(b.banner.as_str())];
                row.extend(b.sections.iter().map(|s| text(change_cell(s, words))));
                row
            })
            .collect();
        table(page, &header, &rows);
    }
    if !trend.rebounds.is_empty() {
        let _ = writeln!(page, "<h3>{}</h3>", h.rebounds);
        let rows: Vec<Vec<(String, bool)>> = trend
            .rebounds
            .iter()
            .map(|r| {
                let grew: Vec<String> = r
                    .sections
                    .iter()
                    .map(|s| super::markdown::rebound_cell(s, words))
                    .collect();
                vec![
                    text(format!("{} {}", r.code, r.name)),
                    text(r.banner.clone().unwrap_or_default()),
                    text(r.township.clone().unwrap_or_default()),
                    text(words.separated(&grew)),
                ]
            })
            .collect();
        table(page, &[&c.unit, &c.banner, &c.township, &c.change], &rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')"> & co"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("巴彦淖尔嘎查"), "巴彦淖尔嘎查");
    }
}
