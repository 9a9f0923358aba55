//! Packs `data/divisions.tsv` (China's statistical division codes) into the binary compactly:
//! one deflated chunk per province, so that looking up a code inflates only its province's part
//! (a few hundred microseconds) and the binary carries about a third of the text's size.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let source = "data/divisions.tsv";
    println!("cargo::rerun-if-changed={source}");
    let text = fs::read_to_string(source).expect("data/divisions.tsv is part of the repository");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut packed = Vec::new();
    let mut index = String::from("&[\n");
    for (province, lines) in chunks_by_province(&text) {
        let deflated = deflate(lines.as_bytes());
        writeln!(
            index,
            "    (\"{province}\", {}, {}),",
            packed.len(),
            deflated.len()
        )
        .expect("writing to a String");
        packed.extend_from_slice(&deflated);
    }
    index.push(']');
    fs::write(out.join("divisions.bin"), packed).expect("OUT_DIR is writable");
    fs::write(out.join("divisions_index.rs"), index).expect("OUT_DIR is writable");
    embed_locales(&out);
}

/// Every `locales/*.ftl` as `(tag, text)`, so that a new language is a new file and nothing else.
fn embed_locales(out: &std::path::Path) {
    println!("cargo::rerun-if-changed=locales");
    let dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("locales");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("locales/ is part of the repository")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let mut list = String::from("&[\n");
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        writeln!(
            list,
            "    ({tag:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    list.push(']');
    fs::write(out.join("locales.rs"), list).expect("OUT_DIR is writable");
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to a Vec");
    encoder.finish().expect("writing to a Vec")
}

/// The data lines of `text` (comments dropped), in runs that share a province's two digits.
fn chunks_by_province(text: &str) -> Vec<(String, String)> {
    let mut chunks: Vec<(String, String)> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let province = &line[..2];
        match chunks.last_mut() {
            Some((p, lines)) if p == province => {
                lines.push_str(line);
                lines.push('\n');
            }
            _ => chunks.push((province.to_owned(), format!("{line}\n"))),
        }
    }
    chunks
}
