//! The check desk's endpoints: the page and its files, the API, health and the OpenAPI
//! document. Every error is JSON with a code, the limit breached where one was, and a message
//! in the request's language (`?lang=`).

use std::io::Write;
use std::sync::Arc;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::check::{CheckOptions, check_loaded};
use crate::inventory::sheet::{load_csv_bytes, load_workbook_bytes};
use crate::inventory::unit::load_unit_from_bytes;
use crate::inventory::{LoadOptions, LoadedUnit};
use crate::outcome::UnitResult;
use crate::report::json::JsonReporter;
use crate::report::sarif::SarifReporter;
use crate::report::{Reporter, render_all};
use crate::triage::Triage;
use crate::wording::{Arg, Form, Key, Locale, keys};

use super::Desk;
use super::upload::{UploadError, UploadUnit, units_of_upload};

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");
const OPENAPI: &str = include_str!("page/openapi.json");

/// `?lang=` and `?format=`: the first of each, percent-decoded; anything else in the query
/// is ignored, so that no query string is an error.
#[derive(Debug, Default)]
pub struct Options {
    lang: Option<String>,
    format: Option<String>,
}

impl Options {
    fn of(query: Option<&str>) -> Options {
        Options {
            lang: query_value(query, "lang"),
            format: query_value(query, "format"),
        }
    }
}

/// The first value of `name` in a query string.
fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| {
            let value = value.replace('+', " ");
            percent_encoding::percent_decode_str(&value)
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

pub async fn page() -> Response {
    with_type(PAGE, "text/html; charset=utf-8")
}

pub async fn script() -> Response {
    with_type(SCRIPT, "text/javascript; charset=utf-8")
}

pub async fn style() -> Response {
    with_type(STYLE, "text/css; charset=utf-8")
}

pub async fn openapi() -> Response {
    with_type(OPENAPI, "application/json")
}

pub async fn health() -> Response {
    with_type("{\"status\":\"ok\"}", "application/json")
}

pub async fn not_found(State(desk): State<Arc<Desk>>) -> Response {
    error(
        &desk.locale,
        StatusCode::NOT_FOUND,
        "not_found",
        &keys::SERVE_NOT_FOUND,
        &[],
    )
}

fn with_type(body: &'static str, content_type: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The page's words in the language asked for (`page-…` messages of the catalogue).
pub async fn words(State(desk): State<Arc<Desk>>, RawQuery(query): RawQuery) -> Response {
    let options = Options::of(query.as_deref());
    let locale = locale_of(&desk, options.lang.as_deref());
    let words: serde_json::Map<String, serde_json::Value> = keys::ALL
        .iter()
        .filter(|key| key.id.starts_with("page-") && key.args.is_empty())
        .map(|key| (key.id.to_owned(), locale.say(key).into()))
        .collect();
    let clearances: serde_json::Map<String, serde_json::Value> = crate::finding::Clearance::ALL
        .iter()
        .map(|&c| (c.as_str().to_owned(), locale.clearance(c).into()))
        .collect();
    let severities: serde_json::Map<String, serde_json::Value> = crate::finding::Severity::ALL
        .iter()
        .map(|&s| (s.as_str().to_owned(), locale.severity(s).into()))
        .collect();
    let body = serde_json::json!({
        "lang": locale.tag(),
        "words": words,
        "clearances": clearances,
        "severities": severities,
    });
    axum::Json(body).into_response()
}

/// `POST /api/check`: the JSON report of `check --format json` (or SARIF) for the upload.
pub async fn check(
    State(desk): State<Arc<Desk>>,
    RawQuery(query): RawQuery,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let options = Options::of(query.as_deref());
    let locale = locale_of(&desk, options.lang.as_deref());
    let format = match options.format.as_deref().unwrap_or("json") {
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        other => {
            let value = Arg::from(other.chars().take(40).collect::<String>());
            return error(
                &locale,
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_format",
                &keys::SERVE_BAD_FORMAT,
                &[("value", value)],
            );
        }
    };
    run(desk, locale, multipart, Output::Report(format)).await
}

/// `POST /api/annotate`: the annotated workbook of the upload (a zip of them for several units).
pub async fn annotate(
    State(desk): State<Arc<Desk>>,
    RawQuery(query): RawQuery,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let options = Options::of(query.as_deref());
    let locale = locale_of(&desk, options.lang.as_deref());
    run(desk, locale, multipart, Output::Annotated).await
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Sarif,
}

#[derive(Clone, Copy)]
enum Output {
    Report(Format),
    Annotated,
    Ledger,
}

/// `POST /api/ledger`: the rectification ledger (整改台账) of the upload, as a workbook.
pub async fn ledger(
    State(desk): State<Arc<Desk>>,
    RawQuery(query): RawQuery,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let options = Options::of(query.as_deref());
    let locale = locale_of(&desk, options.lang.as_deref());
    run(desk, locale, multipart, Output::Ledger).await
}

/// Read the upload, wait for a slot, check it on a blocking thread and answer.
async fn run(
    desk: Arc<Desk>,
    locale: Locale,
    multipart: Result<Multipart, MultipartRejection>,
    output: Output,
) -> Response {
    let (name, bytes) = match read_upload(multipart, desk.limits.max_upload_bytes).await {
        Ok(upload) => upload,
        Err(problem) => return problem.response(&locale),
    };
    let Some(_slot) = desk.slot().await else {
        let mut response = error(
            &locale,
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            &keys::SERVE_BUSY,
            &[],
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        return response;
    };
    let worker = desk.clone();
    let worker_locale = locale.clone();
    let checked = tokio::task::spawn_blocking(move || {
        check_upload(&worker, &worker_locale, &name, bytes, output)
    })
    .await;
    match checked {
        Ok(Ok(response)) => response,
        Ok(Err(problem)) => problem.response(&locale),
        Err(_) => error(
            &locale,
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            &keys::SERVE_INTERNAL,
            &[],
        ),
    }
}

/// Why a request could not be checked.
enum Problem {
    Upload(UploadError),
    NoFile,
    Malformed,
    Internal,
}

impl Problem {
    fn response(&self, locale: &Locale) -> Response {
        let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
        match self {
            Problem::NoFile => error(locale, unprocessable, "no_file", &keys::SERVE_NO_FILE, &[]),
            Problem::Malformed => error(
                locale,
                StatusCode::BAD_REQUEST,
                "malformed",
                &keys::SERVE_MALFORMED,
                &[],
            ),
            Problem::Internal => error(
                locale,
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                &keys::SERVE_INTERNAL,
                &[],
            ),
            Problem::Upload(UploadError::TooLarge { name, limit }) => {
                too_large(locale, name, *limit)
            }
            Problem::Upload(UploadError::NotAnInventory { name }) => error(
                locale,
                unprocessable,
                "not_an_inventory",
                &keys::SERVE_NOT_AN_INVENTORY,
                &[("name", name.as_str().into())],
            ),
            Problem::Upload(UploadError::CorruptZip { detail }) => error(
                locale,
                unprocessable,
                "corrupt_zip",
                &keys::SERVE_CORRUPT_ZIP,
                &[("detail", detail.as_str().into())],
            ),
            Problem::Upload(UploadError::UnsafeEntry { entry }) => error(
                locale,
                unprocessable,
                "unsafe_entry",
                &keys::SERVE_UNSAFE_ENTRY,
                &[("entry", entry.chars().take(200).collect::<String>().into())],
            ),
            Problem::Upload(UploadError::NoUnit) => {
                error(locale, unprocessable, "no_unit", &keys::SERVE_NO_UNIT, &[])
            }
        }
    }
}

/// 413 naming the limit breached and its value.
pub fn too_large(locale: &Locale, name: &str, limit: u64) -> Response {
    let message = locale.text(
        &keys::SERVE_TOO_LARGE,
        &[("name", name.into()), ("limit", Arg::from(limit as usize))],
        Form::Yaml,
    );
    let body = serde_json::json!({
        "error": "too_large",
        "limit": name,
        "value": limit,
        "message": message,
    });
    (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(body)).into_response()
}

/// The uploaded file: the first part named `file`.
async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
    limit: usize,
) -> Result<(String, Vec<u8>), Problem> {
    let mut multipart = multipart.map_err(|r| body_problem(r.status(), limit))?;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(Problem::NoFile),
            Err(e) => return Err(body_problem(e.status(), limit)),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("upload").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| body_problem(e.status(), limit))?;
        return Ok((name, bytes.to_vec()));
    }
}

/// A body that could not be read as a form: too large (the extractor says 413), else malformed.
fn body_problem(status: StatusCode, limit: usize) -> Problem {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::Upload(UploadError::TooLarge {
            name: "max_upload_bytes",
            limit: limit as u64,
        })
    } else {
        Problem::Malformed
    }
}

/// Take the upload apart, load and check its units, and write the answer.
fn check_upload(
    desk: &Desk,
    locale: &Locale,
    name: &str,
    bytes: Vec<u8>,
    output: Output,
) -> Result<Response, Problem> {
    let units = units_of_upload(name, bytes, &desk.limits).map_err(Problem::Upload)?;
    let results = check_units(desk, units);
    match output {
        Output::Report(format) => report(desk, locale, &results, format),
        Output::Annotated => annotated(locale, &results),
        Output::Ledger => ledger_workbook(desk, locale, &results),
    }
}

/// Load the uploaded units as `check` loads units from disk, and check them.
fn check_units(desk: &Desk, units: Vec<UploadUnit>) -> Vec<UnitResult> {
    let policies = &desk.policies;
    let submit = policies.base().submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: policies.limits(),
        divisions: policies.divisions(),
        tree: None,
    };
    let loaded: Vec<LoadedUnit> = units
        .into_iter()
        .map(|unit| match unit {
            UploadUnit::Workbook { display, bytes } => {
                load_workbook_bytes(bytes, &display, &options)
            }
            UploadUnit::Yaml { display, files } => load_unit_from_bytes(&display, &files, &options),
            UploadUnit::Csv { display, files } => load_csv_bytes(&files, &display, &options),
        })
        .collect();
    let check_options = CheckOptions {
        limits: policies.limits(),
        ..CheckOptions::default()
    };
    let mut results = check_loaded(loaded, policies, &check_options);
    // The office's waivers apply to uploads as to its own runs.
    let today = crate::cli::today().unwrap_or_default();
    let mut triage = Triage::new(policies.config(), false, today);
    for result in &mut results {
        triage.apply(result);
    }
    results
}

fn report(
    desk: &Desk,
    locale: &Locale,
    results: &[UnitResult],
    format: Format,
) -> Result<Response, Problem> {
    let mut out = Vec::new();
    let (mut reporter, content_type): (Box<dyn Reporter>, &str) = match format {
        Format::Json => (
            Box::new(
                JsonReporter::new(locale.clone(), desk.policies.base().digest(), &mut out)
                    .with_rows(true),
            ),
            "application/json",
        ),
        Format::Sarif => (
            Box::new(SarifReporter::new(
                desk.policies.base(),
                locale.clone(),
                &mut out,
            )),
            "application/sarif+json",
        ),
    };
    render_all(results, reporter.as_mut()).map_err(|_| Problem::Internal)?;
    drop(reporter);
    Ok(([(header::CONTENT_TYPE, content_type)], out).into_response())
}

/// The ledger of the checked units, dated today, as the office's workbook.
fn ledger_workbook(
    desk: &Desk,
    locale: &Locale,
    results: &[UnitResult],
) -> Result<Response, Problem> {
    let mut facts = crate::ledger::Facts::default();
    for result in results {
        facts.add(result, locale);
    }
    let config = desk.policies.config();
    let calendar = config.calendar();
    let ledger = crate::ledger::build_ledger(
        facts,
        &crate::ledger::LedgerOptions {
            locale: locale.clone(),
            date: crate::cli::today().unwrap_or_default(),
            settings: config.config.ledger,
            calendar: &calendar,
            previous: None,
        },
    );
    let rows = crate::ledger::xlsx::Rows::InMemory;
    let bytes = crate::ledger::xlsx::ledger_xlsx(&ledger, locale, crate::cli::now_seconds(), rows)
        .map_err(|_| Problem::Internal)?;
    let name = locale.say(&keys::SERVE_LEDGER_NAME) + ".xlsx";
    Ok(attachment(
        bytes,
        &name,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ))
}

/// A download: the bytes with their type and a file name (ASCII fallback, then UTF-8).
fn attachment(bytes: Vec<u8>, name: &str, content_type: &'static str) -> Response {
    let extension = name.rsplit('.').next().unwrap_or("bin");
    let disposition = format!(
        "attachment; filename=\"jianfu.{extension}\"; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC)
    );
    let mut response = ([(header::CONTENT_TYPE, content_type)], bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// One annotated workbook, or a zip of one per unit.
fn annotated(locale: &Locale, results: &[UnitResult]) -> Result<Response, Problem> {
    let created = crate::cli::now_seconds();
    let books: Vec<(String, Vec<u8>)> = results
        .iter()
        .map(|result| {
            let bytes = crate::report::annotate::annotated_workbook(result, locale, created)
                .map_err(|_| Problem::Internal)?;
            Ok((crate::report::annotate::file_stem(result), bytes))
        })
        .collect::<Result<_, Problem>>()?;
    let (name, bytes, content_type) = match books.as_slice() {
        [(stem, bytes)] => (
            format!("{stem}.xlsx"),
            bytes.clone(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => (
            locale.say(&keys::SERVE_ANNOTATED_ZIP_NAME) + ".zip",
            zip_of(&books).map_err(|_| Problem::Internal)?,
            "application/zip",
        ),
    };
    Ok(attachment(bytes, &name, content_type))
}

/// A zip of workbooks, two of one name told apart by a number.
fn zip_of(books: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    let mut names = std::collections::HashSet::new();
    for (stem, bytes) in books {
        let name = crate::report::annotate::unique_workbook_name(stem, &mut names);
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    zip.finish()?;
    Ok(out.into_inner())
}

/// The locale a request asks for (`?lang=`), else the desk's.
fn locale_of(desk: &Desk, lang: Option<&str>) -> Locale {
    lang.and_then(Locale::built_in)
        .unwrap_or_else(|| desk.locale.clone())
}

/// The locale of a raw query string (for middleware, which has no extractor).
pub fn request_locale(desk: &Desk, query: Option<&str>) -> Locale {
    locale_of(desk, query_value(query, "lang").as_deref())
}

/// An error response: JSON `{"error": code, "message": …}` in `locale`.
pub fn error(
    locale: &Locale,
    status: StatusCode,
    code: &str,
    key: &Key,
    args: &[(&str, Arg)],
) -> Response {
    let body = serde_json::json!({
        "error": code,
        "message": locale.text(key, args, Form::Yaml),
    });
    (status, axum::Json(body)).into_response()
}
