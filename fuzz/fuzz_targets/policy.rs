//! Policy bytes → parse → compile → evaluate on a fixed unit. A hostile policy must be a located
//! `PolicyError`, never a panic, a hang or a regex that eats memory.
#![no_main]

use std::sync::OnceLock;

use jianfu::eval::evaluate;
use jianfu::finding::Lang;
use jianfu::inventory::{Kind, LoadOptions, LoadedUnit, unit_from_texts};
use jianfu::load::Limits;
use jianfu::policy::{PolicySet, RuleSettings};
use libfuzzer_sys::fuzz_target;

const UNIT: &str = "code: \"152223100201\"\nname: 巴彦淖尔嘎查\nkind: village\nbanner: 扎赉特旗\ntownship: 音德尔镇\nperiod: 2025-Q2\ninstitutions: 4\ncadres:\n  - {name: 包金山, role: 党支部书记, last_health_check: 2024-06-12}\ngrids:\n  - {id: G01, workers: 2}\n";
const SIGNS: &str = "signs:\n  - {name: 卫生室, placement: exterior, type: plaque, issued_by: 扎赉特旗卫生健康委员会}\n  - {name: 卫生室, placement: interior, type: board, issued_by: 音德尔镇, approval_ref: ZT-BS-2024-003}\n";
const REPORTS: &str = "reports:\n  - {name: 甲表, kind: report, requested_by: 公安局, frequency: monthly, channel: 一表通, fields: [姓名, 身份证号, 现住址]}\n  - {name: 乙表, kind: ledger, requested_by: 民政局, frequency: daily, channel: 微信, fields: [姓名, 身份证号, 现住址], deadline_hours: 12}\n";
const GROUPS: &str = "groups:\n  - {name: 群, platform: wechat, created_by: 镇, purpose: 通知, approved: false, members: 58, created: 2024-01-05, last_active: 2025-06-21, demands: [checkin]}\n";

fn unit() -> &'static LoadedUnit {
    static UNIT_CELL: OnceLock<LoadedUnit> = OnceLock::new();
    UNIT_CELL.get_or_init(|| {
        let rules = PolicySet::builtin()
            .and_then(|s| s.compile(&RuleSettings::default()))
            .expect("the default pack compiles");
        let submit = rules.submit_rules();
        let options = LoadOptions {
            rules: &submit,
            limits: Limits::default(),
            divisions: &jianfu::inventory::codes::NATIONAL,
            tree: None,
        };
        let texts = [
            (Kind::Unit, UNIT.to_owned()),
            (Kind::Signage, SIGNS.to_owned()),
            (Kind::Reports, REPORTS.to_owned()),
            (Kind::Groups, GROUPS.to_owned()),
        ];
        unit_from_texts("fuzz", &texts, &options)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = PolicySet::default();
    if set.add_text("fuzz.yaml", text).is_err() {
        return;
    }
    let Ok(rules) = set.compile(&RuleSettings::default()) else {
        return;
    };
    let _ = evaluate(unit(), &rules, Lang::Zh);
});
