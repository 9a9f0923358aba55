//! A rule's advice reworded for a unit that came as a workbook or CSV files. What the advice
//! names in backticks is what a YAML user sees; the clerk sees the template instead:
//! - a field (`created_by`) becomes its column (「建群单位」列);
//! - a field set to a code (`type: notice`) becomes the column and its drop-down label
//!   (「类型」列选“公示”);
//! - a file (`unit.yaml`) becomes its sheet (「两委成员」表, for a rule over `cadres`);
//! - a code (`checkin`) becomes its drop-down label in Chinese (“打卡接龙”).
//!
//! Parameters and anything else keep their backticks. The words are the catalogue's.

use crate::inventory::Kind;
use crate::inventory::sheet::columns::{SHEETS, column_header};
use crate::inventory::vocabulary::label;

use super::{Arg, Form, Locale, keys};

/// `help` worded for the template's columns and sheets, or `None` when it names none of them.
pub fn sheet_help(help: &str, kind: Kind, section: &str, locale: &Locale) -> Option<String> {
    let mut out = String::with_capacity(help.len() + 16);
    let mut rest = help;
    let mut changed = false;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let word = &after[..close];
        let quoted = &rest[open..open + close + 2];
        out.push_str(&rest[..open]);
        rest = &after[close + 1..];
        match sheet_word(word, kind, section, locale) {
            Some(shown) => {
                // Chinese sets code apart with spaces (填入 `plan_ref`) but not brackets: a space
                // between a Chinese character and the words that replace the code goes.
                if shown.starts_with(is_wide) && out.strip_suffix(' ').is_some_and(ends_wide) {
                    out.pop();
                }
                out.push_str(&shown);
                if shown.ends_with(is_wide)
                    && rest
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(is_wide))
                {
                    rest = &rest[1..];
                }
                changed = true;
            }
            None => out.push_str(quoted),
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

fn is_wide(c: char) -> bool {
    !c.is_ascii()
}

fn ends_wide(text: &str) -> bool {
    text.ends_with(is_wide)
}

/// One backticked word of a help text as the template names it, if it names something there.
fn sheet_word(word: &str, kind: Kind, section: &str, locale: &Locale) -> Option<String> {
    let column = |field: &str| column_header(kind, Some(section), field);
    let text = |key, args: &[(&str, Arg)]| locale.text(key, args, Form::Yaml);
    if let Some(header) = column(word) {
        return Some(text(&keys::HELP_COLUMN, &[("header", header.into())]));
    }
    if let Some((field, code)) = word.split_once(": ")
        && let (Some(header), Some(choice)) = (column(field.trim()), label(code.trim()))
    {
        let args = [("header", header.into()), ("choice", choice.into())];
        return Some(text(&keys::HELP_COLUMN_CHOICE, &args));
    }
    if let Some(file_kind) = Kind::ALL.into_iter().find(|k| k.file_name() == word) {
        // The rule's own list when it is on that file (`cadres` of unit.yaml: 两委成员), else
        // the file's first sheet.
        let spec = SHEETS
            .iter()
            .find(|s| s.kind == file_kind && file_kind == kind && s.list == Some(section))
            .or_else(|| SHEETS.iter().find(|s| s.kind == file_kind))?;
        return Some(text(&keys::HELP_SHEET, &[("sheet", spec.name.into())]));
    }
    label(word)?;
    let code = [("code", Arg::Codes(vec![word.to_owned()]))];
    let sheet = Form::Sheet {
        kind,
        section: Some(section),
    };
    let shown = locale.text(&keys::HELP_CODE, &code, sheet);
    // A language that shows codes as they are (English) leaves the word as it was.
    (shown != format!("`{word}`")).then_some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Lang;

    fn zh() -> Locale {
        Locale::from(Lang::Zh)
    }

    fn en() -> Locale {
        Locale::from(Lang::En)
    }

    #[test]
    fn help_for_a_workbook_names_columns_and_labels() {
        let help = "由建群单位（`created_by`）取消 `checkin` 要求；清单中将 `demands` 改为实际仍有的要求，并更新 `holidays` 参数。";
        assert_eq!(
            sheet_help(help, Kind::Groups, "groups", &zh()).as_deref(),
            Some(
                "由建群单位（「建群单位」列）取消“打卡接龙”要求；清单中将「对基层的要求」列改为实际仍有的要求，并更新 `holidays` 参数。"
            )
        );
        let help = "ask (`created_by`) to drop `checkin`";
        assert_eq!(
            sheet_help(help, Kind::Groups, "groups", &en()).as_deref(),
            Some("ask (the column 「建群单位」) to drop `checkin`")
        );
        // Nothing to change (a parameter, a snippet, an unclosed quote): no new help.
        assert_eq!(
            sheet_help("更新 `holidays` 参数", Kind::Meetings, "meetings", &zh()),
            None
        );
        assert_eq!(
            sheet_help("改为 `type: notice", Kind::Signage, "signs", &zh()),
            None
        );
        // A field set to a code, and a file, as the template shows them.
        assert_eq!(
            sheet_help("改为 `type: notice`。", Kind::Signage, "signs", &zh()).as_deref(),
            Some("改为「类型」列选“公示”。")
        );
        let help = "在 `unit.yaml` 中填写 `last_health_check`。";
        assert_eq!(
            sheet_help(help, Kind::Unit, "cadres", &zh()).as_deref(),
            Some("在「两委成员」表中填写「最近体检日期」列。")
        );
        let help = "record it in `last_health_check` in `unit.yaml`";
        assert_eq!(
            sheet_help(help, Kind::Unit, "cadres", &en()).as_deref(),
            Some("record it in the column 「最近体检日期」 in the sheet 「两委成员」")
        );
    }
}
