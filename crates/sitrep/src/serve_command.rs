//! `sitrep serve`: the read-only HTTP API and web page over a store (see docs/serve.md).

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

#[derive(Args)]
pub struct ServeArgs {
    /// The store: a SQLite file (or sqlite:PATH), or a postgres://user@host/db URL. Opened read-only.
    #[arg(long, value_name = "PATH|URL")]
    pub db: String,
    /// Address to listen on. Keep 127.0.0.1 unless a proxy in front of it handles access.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Read-only store connections shared by the requests.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub pool: u16,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let is_postgres = args.db.starts_with("postgres://") || args.db.starts_with("postgresql://");
    if !is_postgres {
        // a read-only open cannot create the file: say how to make one instead of a SQLite error
        let path = args.db.strip_prefix("sqlite://").or_else(|| args.db.strip_prefix("sqlite:")).unwrap_or(&args.db);
        if !Path::new(path).exists() {
            bail!("no store at {path}: make one with `sitrep demo --db {path}` or `sitrep ingest … --db {path}`");
        }
    }
    let config =
        sitrep_serve::ServeConfig { db: args.db.clone(), addr: args.addr, pool_size: usize::from(args.pool) };
    let shown = redact(&args.db);
    sitrep_serve::run(&config, |addr| {
        eprintln!("sitrep: serving {shown} read-only at http://{addr}/ (API: http://{addr}/api/openapi.json; Ctrl-C stops)");
    })?;
    eprintln!("sitrep: stopped");
    Ok(ExitCode::SUCCESS)
}

/// The store URL without its password, for printing.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{user}:***@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(redact("postgres://sitrep:secret@db.local/events"), "postgres://sitrep:***@db.local/events");
        assert_eq!(redact("events.sqlite"), "events.sqlite");
    }
}
