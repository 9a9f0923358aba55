//! `jianfu.yaml` bytes → parse → validate against the default pack → compile every scope. A
//! hostile configuration must be a located error, never a panic.
#![no_main]

use std::sync::OnceLock;

use jianfu::config::{Config, LoadedConfig};
use jianfu::policy::PolicySet;
use libfuzzer_sys::fuzz_target;

fn pack() -> &'static PolicySet {
    static PACK: OnceLock<PolicySet> = OnceLock::new();
    PACK.get_or_init(|| PolicySet::builtin().expect("the default pack parses"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = serde_saphyr::from_str::<Config>(text) else {
        return;
    };
    let loaded = LoadedConfig::new(config, None);
    let set = pack();
    if loaded.validate(&set).is_err() {
        return;
    }
    let _ = set.compile(&loaded.base_settings());
    for index in 0..loaded.config.overrides.len().min(8) {
        let _ = set.compile(&loaded.settings_with_override(index));
    }
});
