//! `jianfu serve`: the check desk. A small web service a banner or township office runs on its
//! intranet, where a clerk drops a workbook into a page and sees at once what is wrong, cell by
//! cell, and downloads the annotated workbook to fix.
//!
//! One page and a JSON API over the same engine, policies and configuration as `check`.
//! Uploads are hostile and held only in memory ([`upload`]); checks run a bounded number at a
//! time, the rest wait in a short queue and then get 503 with `Retry-After`; every request has
//! a time limit and headers must arrive within one (slow clients cannot hold connections);
//! every response carries a strict Content-Security-Policy. The access log records sizes, times
//! and outcomes, never inventory content.

pub mod api;
pub mod upload;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::check::Policies;
use crate::wording::Locale;

pub use upload::{UploadError, UploadLimits};

/// How the desk runs; the defaults are documented in `docs/serve.md`.
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub policies: Policies,
    /// The language of the page and the reports unless a request asks for another.
    pub locale: Locale,
    pub limits: UploadLimits,
    /// Checks run at once (default: the number of cores).
    pub max_checks: usize,
    /// Checks waiting for a slot before new ones are turned away with 503 (default 32).
    pub max_queue: usize,
    /// A whole request, upload and check included (default 120 s).
    pub request_timeout: Duration,
    /// The request line and headers (default 10 s).
    pub header_timeout: Duration,
    /// A token every `/api/` request must bring (`Authorization: Bearer …`), when set.
    pub token: Option<String>,
}

/// What every request shares.
pub struct Desk {
    pub policies: Policies,
    pub locale: Locale,
    pub limits: UploadLimits,
    checks: Semaphore,
    waiting: AtomicUsize,
    max_queue: usize,
    token: Option<String>,
}

impl Desk {
    /// Wait for a slot to check in, or refuse when too many are waiting already.
    async fn slot(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        if let Ok(free) = self.checks.try_acquire() {
            return Some(free);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        let permit = self.checks.acquire().await.ok();
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        permit
    }
}

/// The page, the API and the layers around them.
pub fn router(desk: Arc<Desk>, request_timeout: Duration) -> Router {
    let body_limit = desk.limits.max_upload_bytes;
    let api = Router::new()
        .route("/check", post(api::check))
        .route("/annotate", post(api::annotate))
        .route("/ledger", post(api::ledger))
        .route_layer(middleware::from_fn_with_state(desk.clone(), declared_size))
        .route_layer(middleware::from_fn_with_state(desk.clone(), require_token))
        // The page's words are public: the page needs them to ask for the token.
        .route("/words", get(api::words))
        // Room for the multipart framing around a file of the largest size allowed.
        .layer(DefaultBodyLimit::max(body_limit + 64 * 1024));
    Router::new()
        .route("/", get(api::page))
        .route("/app.js", get(api::script))
        .route("/app.css", get(api::style))
        .route("/healthz", get(api::health))
        .route("/openapi.json", get(api::openapi))
        .nest("/api", api)
        .fallback(api::not_found)
        .layer(middleware::from_fn(secure_headers))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(middleware::from_fn(access_log))
        .with_state(desk)
}

/// Headers that keep the page to itself: no script, style or frame from elsewhere, no sniffing.
async fn secure_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// One line per request: method, path, status, sizes and time; never what was uploaded.
async fn access_log(request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let sent = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let response = next.run(request).await;
    let returned = axum::body::HttpBody::size_hint(response.body()).exact();
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        request_bytes = sent,
        response_bytes = returned,
        ms = started.elapsed().as_millis() as u64,
    );
    response
}

/// An upload whose declared length is over the limit is refused before a byte of it is read.
async fn declared_size(State(desk): State<Arc<Desk>>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let limit = desk.limits.max_upload_bytes as u64;
    // The multipart framing around the file is allowed for.
    if declared.is_some_and(|length| length > limit + 64 * 1024) {
        let locale = api::request_locale(&desk, request.uri().query());
        return api::too_large(&locale, "max_upload_bytes", limit);
    }
    next.run(request).await
}

/// With a token set, `/api/` answers only requests that bring it.
async fn require_token(State(desk): State<Arc<Desk>>, request: Request, next: Next) -> Response {
    let Some(token) = &desk.token else {
        return next.run(request).await;
    };
    let brought = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if brought.is_some_and(|b| constant_time_eq(b.as_bytes(), token.as_bytes())) {
        return next.run(request).await;
    }
    let locale = api::request_locale(&desk, request.uri().query());
    let mut response = api::error(
        &locale,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        &crate::wording::keys::SERVE_UNAUTHORIZED,
        &[],
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"jianfu\""),
    );
    response.into_response()
}

/// Compare secrets without telling by the time taken how much matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Serve until SIGTERM or Ctrl-C; requests in flight finish first (for at most 30 s).
pub async fn serve(options: ServeOptions, listener: TcpListener) -> std::io::Result<()> {
    let desk = Arc::new(Desk {
        policies: options.policies,
        locale: options.locale,
        limits: options.limits,
        checks: Semaphore::new(options.max_checks.max(1)),
        waiting: AtomicUsize::new(0),
        max_queue: options.max_queue,
        token: options.token,
    });
    let app = router(desk, options.request_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut stop = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(accepted) => accepted,
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    Err(error) => {
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let service = hyper_util::service::TowerToHyperService::new(app.clone());
                let mut http = hyper::server::conn::http1::Builder::new();
                http.timer(TokioTimer::new())
                    .header_read_timeout(options.header_timeout);
                let connection = http.serve_connection(TokioIo::new(stream), service);
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    tracing::info!("stopping: finishing the requests in flight");
    if tokio::time::timeout(Duration::from_secs(30), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still running after 30 s were cut off");
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM from systemd and the like.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desk(slots: usize, max_queue: usize) -> Desk {
        let set = crate::policy::PolicySet::builtin().unwrap();
        let config = crate::config::LoadedConfig::default();
        Desk {
            policies: Policies::new(set, config).unwrap(),
            locale: Locale::from(crate::finding::Lang::Zh),
            limits: UploadLimits::default(),
            checks: Semaphore::new(slots),
            waiting: AtomicUsize::new(0),
            max_queue,
            token: None,
        }
    }

    #[tokio::test]
    async fn a_full_queue_turns_checks_away_and_a_free_slot_takes_them() {
        let desk = desk(1, 0);
        let first = desk.slot().await;
        assert!(first.is_some(), "a free slot is taken without queueing");
        assert!(desk.slot().await.is_none(), "no room to wait: refused");
        drop(first);
        assert!(desk.slot().await.is_some(), "the slot is free again");

        let desk = std::sync::Arc::new(self::tests::desk(1, 1));
        let held = desk.checks.try_acquire().unwrap();
        let waiter = {
            let desk = desk.clone();
            tokio::spawn(async move { desk.slot().await.is_some() })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            desk.slot().await.is_none(),
            "one waits already: the next is refused"
        );
        drop(held);
        assert!(waiter.await.unwrap(), "the one waiting gets the slot");
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
        assert!(!constant_time_eq(b"", b"x"));
    }
}
