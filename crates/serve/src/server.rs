//! Running the server: open the read-only store pool, bind, serve until Ctrl-C.

use std::net::SocketAddr;

use sitrep_store::StoreError;
use tokio::net::TcpListener;

use crate::api::router;
use crate::store_pool::StorePool;

/// What `sitrep serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// A path (or `sqlite:PATH`) of an embedded store, or a `postgres://…` URL.
    pub db: String,
    pub addr: SocketAddr,
    /// Read-only store connections (at least 1).
    pub pool_size: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("opening the store {db}: {source}")]
    Store { db: String, source: StoreError },
    #[error("listening on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("starting the runtime: {0}")]
    Runtime(std::io::Error),
    #[error("serving: {0}")]
    Serve(std::io::Error),
}

/// Opens the store read-only, binds `config.addr`, calls `on_ready` with the bound address, and serves until Ctrl-C.
pub fn run(config: &ServeConfig, on_ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let pool = StorePool::open_read_only(&config.db, config.pool_size)
        .map_err(|source| ServeError::Store { db: config.db.clone(), source })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(2)
        // store calls run on blocking threads and wait for a store: more threads than stores would only queue
        .max_blocking_threads(pool.size() * 2 + 2)
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async {
        let listener =
            TcpListener::bind(config.addr).await.map_err(|source| ServeError::Bind { addr: config.addr, source })?;
        let bound = listener.local_addr().map_err(ServeError::Serve)?;
        on_ready(bound);
        serve(listener, pool, async {
            // without a signal handler the server runs until killed, which is fine too
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServeError::Serve)
    })
}

/// Serves the API and page on `listener` until `shutdown` completes (tests pass their own listener and signal).
pub async fn serve(
    listener: TcpListener,
    pool: StorePool,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(pool)).with_graceful_shutdown(shutdown).await
}
