//! The fixed words of the rendered bulletin — headings and column labels — in both languages,
//! shared by the Markdown and HTML renderers so that the two always agree.

use crate::finding::Lang;

use super::Bulletin;

/// The headings the renderers share, in the bulletin's language.
pub(crate) struct Headings {
    pub situation: &'static str,
    pub cases: &'static str,
    pub analysis: &'static str,
    /// 附件说明, the line before the signature.
    pub attachment_note: &'static str,
    pub copy_to: &'static str,
    /// 印发 after the printing body and date.
    pub printed: &'static str,
    /// Printed loudly in place of a missing issuer.
    pub issuer_missing: &'static str,
    pub attachment: &'static str,
    pub overview: &'static str,
    pub by_clearance: &'static str,
    pub by_banner: &'static str,
    pub by_township: &'static str,
    pub bodies: &'static str,
    pub trend: &'static str,
    pub rebounds: &'static str,
    pub basis_rules: &'static str,
    pub submission: &'static str,
}

pub(crate) fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Zh => Headings {
            situation: "一、基本情况",
            cases: "二、典型问题",
            analysis: "三、工作要求",
            attachment_note: "附件：检查情况统计（含清单报送质量情况）",
            copy_to: "抄送",
            printed: "印发",
            issuer_missing: "【未写发文机关：请用 --issuer 写明发文机关后再印发】",
            attachment: "附件：检查情况统计",
            overview: "总体情况",
            by_clearance: "问题按类别",
            by_banner: "问题按旗县市",
            by_township: "问题按苏木乡镇（街道）",
            bodies: "问题较多的责任单位",
            trend: "与上期相比",
            rebounds: "出现反弹的单位",
            basis_rules: "典型问题涉及的检查规则",
            submission: "清单报送质量情况",
        },
        Lang::En => Headings {
            situation: "1. The situation",
            cases: "2. Typical cases",
            analysis: "3. Requirements",
            attachment_note: "Attachment: statistics of the check (with the quality of the submitted inventories)",
            copy_to: "Copy to",
            printed: "printed",
            issuer_missing: "[No issuing body: give it with --issuer before this is sent]",
            attachment: "Attachment: statistics",
            overview: "Overview",
            by_clearance: "Findings by clearance",
            by_banner: "Findings by banner",
            by_township: "Findings by township",
            bodies: "Bodies named most often",
            trend: "Change since the previous period",
            rebounds: "Units that rebounded",
            basis_rules: "Rules behind each case",
            submission: "Quality of the submitted inventories",
        },
    }
}

/// Column labels of the statistics tables.
pub(crate) struct Columns {
    pub item: &'static str,
    pub clearance: &'static str,
    pub count: &'static str,
    pub banner: &'static str,
    pub township: &'static str,
    pub units: &'static str,
    pub clean: &'static str,
    pub findings: &'static str,
    pub errors: &'static str,
    pub body: &'static str,
    pub section: &'static str,
    pub previous: &'static str,
    pub current: &'static str,
    pub change: &'static str,
    pub unit: &'static str,
    pub rules: &'static str,
}

pub(crate) fn columns(lang: Lang) -> Columns {
    match lang {
        Lang::Zh => Columns {
            item: "项目",
            clearance: "类别",
            count: "数量",
            rules: "涉及规则",
            banner: "旗县市",
            township: "苏木乡镇（街道）",
            units: "检查单位",
            clean: "无问题单位",
            findings: "问题",
            errors: "其中错误",
            body: "责任单位",
            section: "清理事项",
            previous: "上期",
            current: "本期",
            change: "变化",
            unit: "单位",
        },
        Lang::En => Columns {
            item: "Item",
            clearance: "Clearance",
            count: "Count",
            rules: "Rules",
            banner: "Banner",
            township: "Township",
            units: "Units",
            clean: "Clean",
            findings: "Findings",
            errors: "Errors",
            body: "Body",
            section: "Section",
            previous: "Previous",
            current: "Current",
            change: "Change",
            unit: "Unit",
        },
    }
}

/// The overview rows shared by the Markdown and HTML statistics.
pub(crate) fn overview_rows(bulletin: &Bulletin, lang: Lang) -> Vec<(String, usize)> {
    let s = &bulletin.statistics;
    let mut rows = match lang {
        Lang::Zh => vec![
            ("检查单位".to_owned(), s.units),
            ("无问题单位".to_owned(), s.units_clean),
            ("发现问题".to_owned(), s.findings),
        ],
        Lang::En => vec![
            ("Units checked".to_owned(), s.units),
            ("Clean units".to_owned(), s.units_clean),
            ("Findings".to_owned(), s.findings),
        ],
    };
    for tally in &s.by_severity {
        rows.push((format!("  {}", tally.label), tally.count));
    }
    if s.waived > 0 {
        rows.push((
            match lang {
                Lang::Zh => "已豁免".to_owned(),
                Lang::En => "Waived".to_owned(),
            },
            s.waived,
        ));
    }
    rows
}
