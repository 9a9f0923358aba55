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

/// A basis short name (as rules cite it) → the document's title for a bulletin.
pub fn basis_title(short: &str, lang: Lang) -> Option<&'static str> {
    let title = match (short, lang) {
        ("〔2022〕28号", Lang::Zh) => {
            "中办国办《关于规范村级组织工作事务、机制牌子和证明事项的意见》"
        }
        ("〔2022〕28号", Lang::En) => {
            "the Opinions on Regulating Village-Level Work Affairs, Mechanisms, Plaques and Certificates (2022)"
        }
        ("若干规定", Lang::Zh) => "中办《整治形式主义为基层减负若干规定》",
        ("若干规定", Lang::En) => {
            "the Several Provisions on Rectifying Formalism to Reduce Burdens at the Grassroots (2024)"
        }
        ("民发〔2020〕20号", Lang::Zh) => {
            "民政部等《关于改进和规范基层群众性自治组织出具证明工作的指导意见》"
        }
        ("民发〔2020〕20号", Lang::En) => {
            "the Guiding Opinions on Certificates Issued by Grassroots Self-Governing Organisations (2020)"
        }
        ("指尖", Lang::Zh) => "《关于防治“指尖上的形式主义”的若干意见》",
        ("指尖", Lang::En) => "the Opinions on Preventing “Fingertip Formalism” (2023)",
        ("六清理两强化", Lang::Zh) => "兴安盟嘎查村社区“六清理两强化”专项行动",
        ("六清理两强化", Lang::En) => {
            "Xing'an League's “six clearances, two strengthenings” action"
        }
        ("一表通", Lang::Zh) => "“一表通”改革要求",
        ("一表通", Lang::En) => "the 一表通 (one form) reform",
        ("七个少、一正常" | "七个少", Lang::Zh) => "“七个少、一正常”工作要求",
        ("七个少、一正常" | "七个少", Lang::En) => {
            "the “seven fewer, one normal” requirements"
        }
        ("bulletin precedent", Lang::Zh) => "典型问题通报",
        ("bulletin precedent", Lang::En) => "earlier bulletins of typical problems",
        ("local precedent", Lang::Zh) => "本地减负工作要求",
        ("local precedent", Lang::En) => "the local burden-reduction rules",
        _ => return None,
    };
    Some(title)
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

    #[test]
    fn every_document_the_default_rules_cite_has_a_title() {
        // Named systems rather than documents: cited as they are.
        let as_written = [
            "两委干部健康体检制度",
            "网格一体化服务管理",
            "领导班子成员直接联系网格制度",
        ];
        for rule in default_rules() {
            if matches!(rule.header.clearance, Clearance::Submit | Clearance::Config) {
                continue;
            }
            for (short, _) in crate::bulletin::cases::parse_basis(&rule.header.basis) {
                if as_written.contains(&short.as_str()) {
                    continue;
                }
                for lang in [Lang::Zh, Lang::En] {
                    assert!(
                        basis_title(&short, lang).is_some(),
                        "{}: no title for basis `{short}`",
                        rule.header.id
                    );
                }
            }
        }
    }
}
