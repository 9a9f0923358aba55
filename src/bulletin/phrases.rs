//! The bulletin's own vocabulary: what the bases' short names stand for, the clearances' areas,
//! numbers in Chinese. How each rule's problem and remedy read is the rule's own
//! `docs.bulletin`, in its policy; a rule without one falls back to its finding messages and
//! fix text. Nothing here looks at findings.

use crate::finding::{Clearance, Lang};

/// What a bulletin says of a clearance as a whole, after 有的 ("有的…").
pub fn clearance_area(clearance: Clearance, lang: Lang) -> &'static str {
    match (clearance, lang) {
        (Clearance::Submit, Lang::Zh) => "清单报送不规范",
        (Clearance::Tasks, Lang::Zh) => "向村（社区）转嫁工作事务",
        (Clearance::Signage, Lang::Zh) => "挂牌多、乱",
        (Clearance::Certificates, Lang::Zh) => "证明事项清理不彻底",
        (Clearance::Groups, Lang::Zh) => "工作群过多过滥",
        (Clearance::Reports, Lang::Zh) => "随意向基层要表要数",
        (Clearance::Meetings, Lang::Zh) => "文山会海仍未根治",
        (Clearance::Inspections, Lang::Zh) => "督查检查考核过多过频",
        (Clearance::Support, Lang::Zh) => "基础保障和工作保障不到位",
        (Clearance::Trend, Lang::Zh) => "减负成果出现反弹",
        (Clearance::Config, Lang::Zh) => "豁免管理不规范",
        (Clearance::Submit, Lang::En) => "submit incomplete or malformed inventories",
        (Clearance::Tasks, Lang::En) => "push work affairs down to villages",
        (Clearance::Signage, Lang::En) => "hang too many plaques",
        (Clearance::Certificates, Lang::En) => "still demand certificates",
        (Clearance::Groups, Lang::En) => "run too many work groups",
        (Clearance::Reports, Lang::En) => "demand forms and figures at will",
        (Clearance::Meetings, Lang::En) => "hold too many meetings",
        (Clearance::Inspections, Lang::En) => "inspect too often",
        (Clearance::Support, Lang::En) => "neglect the cadres' support",
        (Clearance::Trend, Lang::En) => "let the burden come back",
        (Clearance::Config, Lang::En) => "keep waivers past their time",
    }
}

/// A number 1..=99 in Chinese numerals (一, 十二, 二十), for numbering cases as bulletins do;
/// larger numbers stay in digits.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23, 99, 100]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "二十", "二十三", "九十九", "100"]
        );
    }

    fn default_rules() -> Vec<std::sync::Arc<crate::policy::compile::Rule>> {
        let set = crate::policy::PolicySet::builtin().expect("the embedded pack");
        let settings = crate::config::LoadedConfig::default().base_settings();
        set.compile(&settings).expect("compiles").rules
    }

    #[test]
    fn every_default_rule_but_submit_has_a_phrase() {
        let rules = default_rules();
        assert!(rules.len() > 30);
        for rule in rules {
            let header = &rule.header;
            // SUBMIT and the configuration's own rules (waivers) make no case.
            if !matches!(header.clearance, Clearance::Submit | Clearance::Config) {
                let phrase = header.bulletin.as_ref();
                assert!(
                    phrase.is_some_and(|p| !p.problem.zh.is_empty() && !p.action.en.is_empty()),
                    "{} has no `docs.bulletin` in its policy",
                    header.id
                );
            }
        }
    }
}
