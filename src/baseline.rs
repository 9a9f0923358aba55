//! Baselines: today's findings recorded so that CI reports only new ones.
//!
//! A finding is recorded by its fingerprint, made of the rule, the unit's code, the file's name in
//! the unit and the logical path with the item's name in place of its index
//! ([`Finding::stable_path`]) — never a line number, so editing above a finding, or adding items
//! before it, does not bring it back. Two findings with the same fingerprint (two identical
//! items) are one entry with a count.
//!
//! The file is JSON with one entry per line, sorted, so that a tightened baseline is a small,
//! readable diff:
//!
//! ```text
//! {
//!   "version": 1,
//!   "entries": [
//!     {"unit":"152223103204","rule":"SIGN-001","file":"signage.yaml","path":"signs[村史馆]","count":1,"fingerprint":"…"},
//!     …
//!   ]
//! }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::wording::{Message, keys, say};

/// The baseline file format version.
pub const BASELINE_VERSION: u32 = 1;

/// A finding's identity across edits: 16 hex digits of a SHA-256 over what names it.
pub fn fingerprint(finding: &Finding) -> ShortHash {
    // What `FingerprintKey::of` holds, hashed without being copied (one fingerprint a finding).
    let file = FingerprintKey::file_name(finding);
    digest([
        &[finding.unit.as_deref().unwrap_or_default()],
        &[&finding.rule.id],
        &[&file],
        &finding.stable_path_pieces(),
    ])
}

/// 16 hex digits of the SHA-256 of the parts, each joined from its pieces and ended by a NUL.
///
/// Joined first in a buffer on the stack and hashed in one call when they fit, as nearly all
/// do (a unit's code, a rule's id, a file's name and a path: 60 to 100 bytes): a dozen small
/// updates, each copying into the hasher's block, took a fifth of the time of the hash itself.
fn digest(parts: [&[&str]; 4]) -> ShortHash {
    const ROOM: usize = 256;
    let mut joined = [0u8; ROOM];
    let mut len = 0;
    for pieces in parts {
        for piece in pieces {
            let Some(room) = joined.get_mut(len..len + piece.len()) else {
                return digest_in_steps(parts);
            };
            room.copy_from_slice(piece.as_bytes());
            len += piece.len();
        }
        // The NUL ending the part: already there, if there is room for it.
        if len == ROOM {
            return digest_in_steps(parts);
        }
        len += 1;
    }
    ShortHash::of(Sha256::new_with_prefix(&joined[..len]))
}

/// [`digest`] for parts too long for its buffer, fed to the hasher piece by piece.
fn digest_in_steps(parts: [&[&str]; 4]) -> ShortHash {
    let mut hasher = Sha256::new();
    for pieces in parts {
        for piece in pieces {
            hasher.update(piece.as_bytes());
        }
        hasher.update([0]);
    }
    ShortHash::of(hasher)
}

/// What a fingerprint is made of.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
struct FingerprintKey {
    unit: String,
    rule: String,
    file: String,
    path: String,
}

impl FingerprintKey {
    fn of(finding: &Finding) -> FingerprintKey {
        FingerprintKey {
            unit: finding.unit.as_deref().unwrap_or_default().to_owned(),
            rule: finding.rule.id.clone(),
            file: FingerprintKey::file_name(finding).into_owned(),
            path: finding.stable_path(),
        }
    }

    /// The name of the finding's file, without its directory, so that moving a tree keeps it.
    fn file_name(finding: &Finding) -> std::borrow::Cow<'_, str> {
        let path = finding.file.path.as_str();
        // What follows the last `/`, when it is a name, is what `Path::file_name` gives on
        // Unix: found byte by byte from the end, where the short name is, without taking the
        // whole path apart (one file name a finding; '/' is ASCII, so a character boundary).
        if cfg!(unix)
            && let Some(slash) = path.bytes().rposition(|b| b == b'/')
            && let name = &path[slash + 1..]
            && !matches!(name, "" | "." | "..")
        {
            return std::borrow::Cow::Borrowed(name);
        }
        Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    }

    fn hash(&self) -> String {
        digest([&[&self.unit], &[&self.rule], &[&self.file], &[&self.path]]).to_string()
    }
}

/// The first 8 bytes of a SHA-256 as 16 lower-case hex digits: a finding's fingerprint, a rule
/// set's digest. Held on the stack: a report makes one for every finding it writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortHash([u8; 16]);

impl ShortHash {
    pub fn of(hasher: Sha256) -> ShortHash {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let sum = hasher.finalize();
        let mut digits = [0; 16];
        for (pair, byte) in digits.chunks_exact_mut(2).zip(&sum[..8]) {
            pair[0] = DIGITS[usize::from(byte >> 4)];
            pair[1] = DIGITS[usize::from(byte & 0xf)];
        }
        ShortHash(digits)
    }

    pub fn as_str(&self) -> &str {
        // Hex digits are ASCII, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::fmt::Display for ShortHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One recorded finding (or several identical ones).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub unit: String,
    pub rule: String,
    pub file: String,
    pub path: String,
    pub count: usize,
    pub fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// Why a baseline file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{}", say(&Message::new(&keys::BASELINE_UNREADABLE).arg("path", path.as_str()).arg("error", source.to_string())))]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// `error` is serde_json's, its column counted in characters
    /// ([`crate::source::json_error_in_text`]).
    #[error("{}", say(&Message::new(&keys::BASELINE_NOT_A_BASELINE).arg("path", path.as_str()).arg("error", error.as_str())))]
    Parse { path: String, error: String },
    #[error("{}", say(&Message::new(&keys::BASELINE_VERSION).arg("path", path.as_str()).arg("found", *found).arg("version", BASELINE_VERSION)))]
    Version { path: String, found: u32 },
}

/// The largest baseline read: about a million findings' entries.
pub const MAX_BASELINE_BYTES: u64 = 256 * 1024 * 1024;

/// A loaded baseline: how many findings of each fingerprint are still accepted.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<String, usize>,
    /// Findings the baseline absorbed so far.
    pub matched: usize,
}

impl Baseline {
    /// Read a baseline: a regular file of at most [`MAX_BASELINE_BYTES`]. A pipe would hang
    /// the run and a device such as `/dev/zero` would eat memory; both are refused before they
    /// are opened.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        use std::io::Read as _;
        let shown = path.display().to_string();
        let failed = |source| BaselineError::Read {
            path: shown.clone(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(failed)?;
        if !meta.is_file() {
            return Err(failed(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                crate::wording::current().say(&crate::wording::keys::BASELINE_NOT_REGULAR),
            )));
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(failed)?
            .take(MAX_BASELINE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(failed)?;
        if text.len() as u64 > MAX_BASELINE_BYTES {
            return Err(failed(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                crate::wording::current().text(
                    &crate::wording::keys::BASELINE_TOO_LARGE,
                    &[("limit", MAX_BASELINE_BYTES.into())],
                    crate::wording::Form::Yaml,
                ),
            )));
        }
        Baseline::parse(&shown, &text)
    }

    pub fn parse(shown: &str, text: &str) -> Result<Baseline, BaselineError> {
        let file: BaselineFile =
            serde_json::from_str(text).map_err(|error| BaselineError::Parse {
                path: shown.to_owned(),
                error: crate::source::json_error_in_text(&error, text),
            })?;
        if file.version != BASELINE_VERSION {
            return Err(BaselineError::Version {
                path: shown.to_owned(),
                found: file.version,
            });
        }
        let mut remaining = HashMap::new();
        for entry in file.entries {
            *remaining.entry(entry.fingerprint).or_default() += entry.count;
        }
        Ok(Baseline {
            remaining,
            matched: 0,
        })
    }

    /// Whether the baseline accepts this finding; each recorded occurrence accepts one.
    pub fn absorbs(&mut self, finding: &Finding) -> bool {
        match self.remaining.get_mut(fingerprint(finding).as_str()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                self.matched += 1;
                true
            }
            _ => false,
        }
    }

    /// Recorded findings that did not occur in this run: the baseline can be tightened by that
    /// many.
    pub fn stale(&self) -> usize {
        self.remaining.values().sum()
    }
}

/// Collects findings for `--write-baseline`.
#[derive(Debug, Default)]
pub struct BaselineWriter {
    entries: BTreeMap<FingerprintKey, usize>,
}

impl BaselineWriter {
    pub fn record(&mut self, finding: &Finding) {
        *self.entries.entry(FingerprintKey::of(finding)).or_default() += 1;
    }

    pub fn len(&self) -> usize {
        self.entries.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The baseline file: sorted by unit, rule, file and path, one entry per line.
    pub fn render(&self) -> String {
        let lines: Vec<String> = self
            .entries
            .iter()
            .map(|(key, count)| {
                let entry = Entry {
                    unit: key.unit.clone(),
                    rule: key.rule.clone(),
                    file: key.file.clone(),
                    path: key.path.clone(),
                    count: *count,
                    fingerprint: key.hash(),
                };
                // Serialising plain strings and numbers cannot fail.
                serde_json::to_string(&entry).unwrap_or_default()
            })
            .collect();
        let body = if lines.is_empty() {
            String::new()
        } else {
            format!("\n    {}\n  ", lines.join(",\n    "))
        };
        format!("{{\n  \"version\": {BASELINE_VERSION},\n  \"entries\": [{body}]\n}}\n")
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::finding::{Clearance, RuleHeader, Severity};
    use crate::source::{SourceFile, Span};

    fn finding(text: &str, start: usize, path: &str, item: &str) -> Finding {
        let rule = Arc::new(RuleHeader {
            id: "SIGN-001".into(),
            name: "exterior".into(),
            clearance: Clearance::Signage,
            basis: String::new(),
            fix: Default::default(),
            citations: Vec::new(),
            message: None,
            bulletin: None,
        });
        let file = SourceFile::new("league/u/signage.yaml", text);
        let mut f = Finding::new(
            rule,
            Severity::Error,
            file,
            Span::new(start, start + 3),
            path,
            crate::wording::Message::new(&crate::wording::keys::FIRST_LISTED),
        )
        .with_item(Some(item.into()));
        f.unit = Some("152223103204".into());
        f
    }

    #[test]
    fn a_finding_hashed_in_pieces_has_the_fingerprint_of_its_key() {
        let mut cases = vec![
            finding("signs:\n- a\n", 8, "signs[0].placement", "村史馆"),
            finding("signs:\n- a\n", 8, "signs[12]", "党群服务中心"),
            finding("signs:\n- a\n", 8, "", "村史馆"),
        ];
        let mut no_item = finding("signs:\n- a\n", 8, "signs[0].name", "x");
        no_item.item = None;
        no_item.unit = None;
        cases.push(no_item);
        for case in &cases {
            let key = FingerprintKey::of(case);
            assert_eq!(fingerprint(case).to_string(), key.hash(), "{key:?}");
        }
        assert_eq!(
            FingerprintKey::of(&cases[0]).path,
            "signs[村史馆].placement"
        );
    }

    #[test]
    fn a_digest_is_the_hash_of_its_parts_joined_whatever_their_lengths() {
        // A long piece in each part, from empty to several blocks of the hash, and around the
        // size of `digest`'s buffer (200 fills its 256 bytes exactly; 201 leaves no room for the
        // NUL ending the last part); the digits against `format!`'s.
        for long in [
            0, 1, 55, 56, 63, 64, 120, 199, 200, 201, 255, 256, 257, 300, 700,
        ] {
            for at in 0..4 {
                let text = "乙".repeat(long / 3) + &"x".repeat(long % 3);
                let mut parts = [
                    vec!["152223103204"],
                    vec!["SIGN-001"],
                    vec!["a.yaml"],
                    vec!["signs[", "村史馆", "]", ".placement"],
                ];
                parts[at].insert(1.min(parts[at].len()), &text);
                let joined: Vec<u8> = parts
                    .iter()
                    .flat_map(|pieces| pieces.concat().into_bytes().into_iter().chain([0]))
                    .collect();
                let expected: String = Sha256::digest(&joined)[..8]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                let parts = parts.each_ref().map(|pieces| pieces.as_slice());
                assert_eq!(digest(parts).as_str(), expected, "{long} {at}");
            }
        }
    }

    #[test]
    fn a_stable_path_puts_the_item_in_place_of_the_first_index() {
        let cases = [
            ("signs[0].placement", "signs[村史馆].placement"),
            ("signs[12]", "signs[村史馆]"),
            ("名称[3].名字", "名称[村史馆].名字"),
            ("signs[0][1]", "signs[村史馆][1]"),
            ("[0]", "[村史馆]"),
            ("", ""),
            ("signs[0", "signs[0"),
            ("signs]0[", "signs]0["),
            ("a]b[0]", "a]b[0]"),
        ];
        for (path, expected) in cases {
            let f = finding("x", 0, path, "村史馆");
            assert_eq!(f.stable_path(), expected, "{path}");
        }
    }

    #[test]
    fn a_file_name_is_what_path_gives_for_every_shape_of_path() {
        let paths = [
            "league/u/signage.yaml",
            "联盟/村/清单.yaml",
            "signage.yaml",
            "a//b.yaml",
            "./b.yaml",
            "a/b/",
            "a/b/.",
            "a/.",
            "a/..",
            "..",
            "/",
            "",
        ];
        for path in paths {
            let mut f = finding("x", 0, "signs[0]", "村史馆");
            f.file = SourceFile::new(path, "x");
            let expected = Path::new(path).file_name().map(|n| n.to_string_lossy());
            let expected = expected.unwrap_or_default();
            assert_eq!(FingerprintKey::file_name(&f), expected, "{path}");
        }
    }

    #[test]
    fn fingerprints_ignore_lines_and_indexes_but_not_the_item() {
        let before = finding("signs:\n- a\n", 8, "signs[0].placement", "村史馆");
        let after = finding(
            "# new\nsigns:\n- b\n- a\n",
            20,
            "signs[1].placement",
            "村史馆",
        );
        assert_eq!(fingerprint(&before), fingerprint(&after));
        let other = finding("signs:\n- a\n", 8, "signs[0].placement", "党群服务中心");
        assert_ne!(fingerprint(&before), fingerprint(&other));
        let digits = fingerprint(&before);
        assert!(
            (digits.as_str().bytes()).all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{digits}"
        );
    }

    #[test]
    fn a_written_baseline_reads_back_and_absorbs_each_occurrence_once() {
        let mut writer = BaselineWriter::default();
        let f = finding("x", 0, "signs[0]", "村史馆");
        writer.record(&f);
        writer.record(&f);
        let text = writer.render();
        assert!(text.contains("\"count\":2"), "{text}");
        let mut baseline = Baseline::parse("b.json", &text).unwrap();
        assert!(baseline.absorbs(&f));
        assert_eq!(baseline.stale(), 1);
        assert!(baseline.absorbs(&f));
        assert!(!baseline.absorbs(&f));
        assert_eq!((baseline.matched, baseline.stale()), (2, 0));
    }

    #[test]
    fn an_empty_baseline_is_valid_json_and_a_wrong_version_is_refused() {
        let text = BaselineWriter::default().render();
        assert!(Baseline::parse("b.json", &text).is_ok());
        let err = Baseline::parse("b.json", "{\"version\": 9, \"entries\": []}").unwrap_err();
        assert!(
            matches!(err, BaselineError::Version { found: 9, .. }),
            "{err}"
        );
        assert!(err.to_string().contains(" 9"), "{err}");
    }
}
