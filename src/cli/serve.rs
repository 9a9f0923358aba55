//! `jianfu serve`: the check desk in the browser (see [`crate::serve`]). Binds to loopback
//! unless told otherwise and says so; reads the access token from `JIANFU_TOKEN` or a file,
//! never from the command line, where every user of the machine could read it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::serve::{ServeOptions, UploadLimits, serve};
use crate::wording::{Arg, keys};

use super::{Outcome, PolicyOptions};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; 127.0.0.1 serves this computer only, 0.0.0.0 the network
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub policy: PolicyOptions,
    /// A file holding the access token every API request must bring (else JIANFU_TOKEN)
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Checks run at once (default: the number of cores)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub max_checks: Option<u32>,
    /// Checks that may wait for a slot before more are refused with 503
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub max_queue: usize,
    /// The largest upload, in MiB
    #[arg(long, value_name = "MIB", default_value_t = 32,
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub max_upload_mib: u32,
    /// Seconds a whole request may take, upload and check included
    #[arg(long, value_name = "SECONDS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// Seconds a client has to send a request's headers (slow clients cannot hold connections)
    #[arg(long, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub header_timeout: u64,
}

pub fn run(args: ServeArgs) -> miette::Result<Outcome> {
    let policies = args.policy.load(std::path::Path::new("."))?;
    let token = token(&args)?;
    let listener = std::net::TcpListener::bind(args.addr).map_err(|e| {
        super::fail(
            &keys::SERVE_CANNOT_BIND,
            &[
                ("addr", Arg::text(args.addr.to_string())),
                ("error", Arg::text(e.to_string())),
            ],
        )
    })?;
    let bound = listener.local_addr().unwrap_or(args.addr);
    let url = format!("http://{bound}/");
    eprintln!(
        "{}",
        crate::wording::current().text(
            &keys::SERVE_LISTENING,
            &[("url", url.into())],
            crate::wording::Form::Yaml
        )
    );
    if bound.ip().is_loopback() {
        eprintln!("{}", super::say(&keys::SERVE_LOOPBACK));
    } else if token.is_none() {
        eprintln!(
            "{}",
            crate::wording::current().text(
                &keys::SERVE_OPEN_WITHOUT_TOKEN,
                &[("addr", bound.to_string().into())],
                crate::wording::Form::Yaml
            )
        );
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .init();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let options = ServeOptions {
        addr: bound,
        policies,
        locale: args.policy.locale(),
        limits: UploadLimits {
            max_upload_bytes: args.max_upload_mib as usize * 1024 * 1024,
            ..UploadLimits::default()
        },
        max_checks: args.max_checks.map_or(cores, |n| n as usize),
        max_queue: args.max_queue,
        request_timeout: Duration::from_secs(args.request_timeout),
        header_timeout: Duration::from_secs(args.header_timeout),
        token,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| miette::miette!("{e}"))?;
    runtime
        .block_on(async move {
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            serve(options, listener).await
        })
        .map_err(|e| miette::miette!("{e}"))?;
    Ok(Outcome::Clean)
}

/// The access token: from `--token-file`, else `JIANFU_TOKEN`; blank means none.
fn token(args: &ServeArgs) -> miette::Result<Option<String>> {
    let text = match &args.token_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            super::fail(
                &keys::SERVE_BAD_TOKEN_FILE,
                &[
                    ("path", Arg::text(path.display().to_string())),
                    ("error", Arg::text(e.to_string())),
                ],
            )
        })?,
        None => std::env::var("JIANFU_TOKEN").unwrap_or_default(),
    };
    let token = text.trim();
    Ok((!token.is_empty()).then(|| token.to_owned()))
}
