//! The bulletin's vocabulary: how each default rule's problem and remedy read in a bulletin,
//! what the bases' short names stand for, and the words for the inventory's coded values.
//!
//! Rules are data, so a league's own rule has no entry here; callers fall back to the rule's
//! own finding messages and fix text. Nothing here looks at findings.

use crate::finding::{Clearance, Lang};

/// How one rule reads in a bulletin.
pub struct RulePhrase {
    /// The problem, as a verb phrase that follows a body or 有的 ("要求高频次填报").
    pub problem: (&'static str, &'static str),
    /// What the body must do about it.
    pub action: (&'static str, &'static str),
}

impl RulePhrase {
    pub fn problem(&self, lang: Lang) -> &'static str {
        pick(self.problem, lang)
    }

    pub fn action(&self, lang: Lang) -> &'static str {
        pick(self.action, lang)
    }
}

fn pick(pair: (&'static str, &'static str), lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => pair.0,
        Lang::En => pair.1,
    }
}

macro_rules! phrase {
    ($pz:expr, $pe:expr, $az:expr, $ae:expr) => {
        Some(RulePhrase {
            problem: ($pz, $pe),
            action: ($az, $ae),
        })
    };
}

/// The phrase for a default rule, by id; `None` for rules this table does not know.
pub fn rule_phrase(id: &str) -> Option<RulePhrase> {
    match id {
        "TASK-001" => phrase!(
            "未经准入派交工作事务",
            "hands down work affairs that were never admitted",
            "停止派交，确需村（社区）协助的按程序报县级党委和政府准入",
            "stop handing them down, and seek county-level admission where help is truly needed"
        ),
        "TASK-002" => phrase!(
            "派交执法、拆迁等不应由村（社区）承担的事项",
            "hands down affairs on the negative list (law enforcement, demolition and the like)",
            "立即收回不应由村（社区）承担的事项",
            "take back the affairs villages and communities must not carry"
        ),
        "TASK-003" => phrase!(
            "协助事项无县级准入或统一部署文号",
            "hands down assistance without county-level admission or deployment",
            "补办县级准入或统一部署手续，未办理的不得派交",
            "obtain county-level admission or deployment, or stop handing the affair down"
        ),
        "SIGN-001" => phrase!(
            "违规在村（社区）外挂牌子",
            "has plaques put up outside that are not allowed",
            "摘除不符合规定的外挂牌子",
            "take down the plaques that are not allowed"
        ),
        "SIGN-002" => phrase!(
            "制发的牌子、上墙制度未经标识准入",
            "issues plaques and wall boards without signage admission",
            "履行标识准入审批程序，未获批准的一律摘除",
            "obtain signage admission, and take down what is not approved"
        ),
        "SIGN-003" => phrase!(
            "室内挂牌超过限额",
            "has more interior plaques than allowed",
            "压减室内挂牌至限额以内",
            "reduce the interior plaques to the limit"
        ),
        "SIGN-004" => phrase!(
            "要求制度、职责、人员上墙",
            "has rules, duties and staff lists put on the walls",
            "撤除上墙制度，改为存档备查或线上公开",
            "take them off the walls and keep them on file or online"
        ),
        "SIGN-005" => phrase!(
            "重复挂牌",
            "has the same plaque put up twice",
            "合并或摘除重复的牌子",
            "remove the duplicate plaques"
        ),
        "CERT-001" => phrase!(
            "出具已明令取消的证明",
            "issues certificates that have been abolished",
            "停止要求出具，改为部门核查或告知承诺",
            "stop demanding them; verify through the agency or accept a written pledge"
        ),
        "CERT-002" => phrase!(
            "出具无法律法规依据的证明",
            "issues certificates with no basis in law or regulation",
            "补充法定依据，无依据的停止出具",
            "give the legal basis, or stop issuing them"
        ),
        "GROUP-001" => phrase!(
            "工作群数量超过机构数量",
            "has more work groups than institutions",
            "按机构数量整合压减工作群",
            "merge the groups down to the number of institutions"
        ),
        "GROUP-002" => phrase!(
            "在工作群中要求打卡、截图、定位或即时回复",
            "demands check-ins, screenshots, locations or instant replies in work groups",
            "取消打卡、截图、定位、即时回复等要求",
            "drop the demands for check-ins, screenshots, locations and instant replies"
        ),
        "GROUP-003" => phrase!(
            "工作群长期闲置",
            "keeps idle work groups",
            "解散长期闲置的工作群",
            "dissolve the idle groups"
        ),
        "GROUP-004" => phrase!(
            "专项任务结束后工作群未解散",
            "keeps task groups after the task ended",
            "及时解散任务已结束的工作群",
            "dissolve the groups whose task has ended"
        ),
        "GROUP-005" => phrase!(
            "重复建立同类工作群",
            "keeps duplicate work groups",
            "合并重复的工作群",
            "merge the duplicate groups"
        ),
        "GROUP-006" => phrase!(
            "未经批准建立工作群",
            "sets up work groups without approval",
            "补办建群审批，不需要保留的予以解散",
            "obtain approval for the groups, or dissolve them"
        ),
        "GROUP-007" => phrase!(
            "在下班时间和节假日通过工作群布置工作",
            "assigns work in groups after hours and on holidays",
            "非紧急事项不在下班时间和节假日布置工作",
            "assign no non-urgent work after hours or on holidays"
        ),
        "REPORT-001" => phrase!(
            "要求填报无依据的报表台账",
            "demands reports and ledgers with no basis",
            "说明填报依据，无依据的停止填报",
            "give the basis, or stop the report"
        ),
        "REPORT-002" => phrase!(
            "要求高频次填报",
            "demands daily or weekly filing",
            "降低填报频次，或从已有系统中提取数据",
            "lower the frequency, or take the data from the systems that hold it"
        ),
        "REPORT-003" => phrase!(
            "与其他部门重复采集同一数据",
            "collects the same data as another body",
            "通过一表通共享数据，同源数据只填一次",
            "share the data through 一表通 so that it is filled once"
        ),
        "REPORT-004" => phrase!(
            "要求建立档案清单以外的档案",
            "demands archives that are not on the archive list",
            "停止建立档案清单以外的档案",
            "stop demanding archives that are not on the list"
        ),
        "REPORT-005" => phrase!(
            "填报时限过短",
            "leaves too little time to fill forms",
            "合理设置填报时限，不搞当日通知次日上报",
            "give reasonable time to fill forms"
        ),
        "REPORT-006" => phrase!(
            "未通过一表通等统一渠道采集数据",
            "collects data outside the unified channel",
            "统一通过一表通采集数据",
            "collect the data through 一表通"
        ),
        "MEET-001" => phrase!(
            "会议过多过频",
            "holds too many meetings in a month",
            "统筹压减会议数量",
            "hold fewer meetings"
        ),
        "MEET-002" => phrase!(
            "会议时间超过半天",
            "holds meetings longer than half a day",
            "压缩会议时长",
            "shorten the meetings"
        ),
        "MEET-003" => phrase!(
            "以会议落实会议，层层召开传达会议",
            "relays meetings by holding more meetings",
            "不再召开单纯传达会议精神的会议",
            "stop meetings that only relay other meetings"
        ),
        "MEET-004" => phrase!(
            "在休息日、节假日召开会议",
            "holds meetings on rest days and holidays",
            "会议原则上安排在工作日",
            "hold meetings on working days"
        ),
        "MEET-005" => phrase!(
            "要求准备大量会议材料",
            "demands lengthy meeting materials",
            "精简会议材料，拍张照片、简单说明即可",
            "cut the materials to a photo and a short note"
        ),
        "INSPECT-001" => phrase!(
            "开展年度计划外的督查检查考核",
            "inspects outside the annual plan",
            "纳入年度计划统筹，计划外的一律取消",
            "put the inspection in the annual plan, or cancel it"
        ),
        "INSPECT-002" => phrase!(
            "以留痕资料、照片、记录作为评判依据",
            "judges by trace materials, photos and records",
            "不再要求提供留痕资料、照片、会议记录和学习笔记",
            "stop demanding trace materials, photos, minutes and study notes"
        ),
        "INSPECT-003" => phrase!(
            "单独建立针对村（社区）的考核体系",
            "builds a separate assessment system for villages",
            "撤销单独的考核体系，纳入统一考核",
            "fold the separate system into the unified assessment"
        ),
        "INSPECT-004" => phrase!(
            "督查检查考核过多",
            "inspects too often",
            "实行总量控制，合并同类检查",
            "merge inspections and keep within the total"
        ),
        "INSPECT-005" => phrase!(
            "考核指标过多",
            "scores too many indicators",
            "压减考核指标",
            "cut the indicators"
        ),
        "INSPECT-006" => phrase!(
            "检查中要求临时填表报数",
            "demands ad-hoc forms during inspections",
            "停止临时填表，数据从已有渠道获取",
            "stop ad-hoc forms and take the data from existing channels"
        ),
        "SUPPORT-001" => phrase!(
            "两委干部未按期体检",
            "lets cadres' health checks fall overdue",
            "组织两委干部按期体检",
            "arrange the cadres' health checks"
        ),
        "SUPPORT-002" => phrase!(
            "网格无网格员或无联系领导",
            "leaves grids without workers or a contact leader",
            "配齐网格员并明确联系领导",
            "staff the grids and name their contact leaders"
        ),
        "TREND-001" => phrase!(
            "已清理事项出现反弹",
            "lets cleared items come back",
            "重新清理反弹事项，巩固减负成果",
            "clear the items again and keep them cleared"
        ),
        _ => None,
    }
}

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
                assert!(
                    rule_phrase(&header.id).is_some(),
                    "{} has no bulletin phrase",
                    header.id
                );
            }
        }
        assert!(rule_phrase("XAM-001").is_none());
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
