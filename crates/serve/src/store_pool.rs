//! A small pool of read-only stores. `Store` is `Send` but its methods take `&mut self` (PostgreSQL's synchronous
//! client needs it), so each store sits behind its own mutex and queries run on tokio's blocking threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::http::StatusCode;
use sitrep_store::{Store, StoreError};

use crate::api_error::ApiError;

/// Read-only stores shared by the request handlers.
#[derive(Clone)]
pub struct StorePool {
    stores: Arc<Vec<Mutex<Store>>>,
    next: Arc<AtomicUsize>,
    /// How long one request may wait for and use a store before it is answered 503.
    query_timeout: Duration,
}

impl StorePool {
    /// Opens `size` (at least 1) read-only connections to the store at `url` (a path, `sqlite:PATH` or `postgres://…`).
    pub fn open_read_only(url: &str, size: usize) -> Result<StorePool, StoreError> {
        let stores = (0..size.max(1)).map(|_| Store::open_read_only(url).map(Mutex::new)).collect::<Result<_, _>>()?;
        Ok(StorePool::from_stores(stores))
    }

    /// A pool over stores opened by the caller.
    pub fn from_stores(stores: Vec<Mutex<Store>>) -> StorePool {
        StorePool {
            stores: Arc::new(stores),
            next: Arc::new(AtomicUsize::new(0)),
            query_timeout: Duration::from_secs(20),
        }
    }

    /// The same pool with another per-request time limit.
    pub fn with_query_timeout(mut self, timeout: Duration) -> StorePool {
        self.query_timeout = timeout;
        self
    }

    pub fn size(&self) -> usize {
        self.stores.len()
    }

    /// Runs `f` with a store on a blocking thread: a free store if there is one, else the next in turn.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let stores = Arc::clone(&self.stores);
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let task = tokio::task::spawn_blocking(move || {
            let mut guard = acquire(&stores, start);
            f(&mut guard)
        });
        match tokio::time::timeout(self.query_timeout, task).await {
            Ok(Ok(Ok(value))) => Ok(value),
            // the store's own checks stand behind ours: what it refuses is the client's mistake
            Ok(Ok(Err(StoreError::InvalidQuery(msg)))) => Err(ApiError::bad_request(msg)),
            Ok(Ok(Err(e))) => Err(ApiError::internal(format!("store: {e}"))),
            Ok(Err(join)) => Err(ApiError::internal(format!("store task failed: {join}"))),
            // the blocking query runs on to its end; the client is answered now
            Err(_) => Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the query took too long; narrow the filters")),
        }
    }
}

/// Locks a free store, or waits for the one at `start` when all are busy.
fn acquire(stores: &[Mutex<Store>], start: usize) -> MutexGuard<'_, Store> {
    let n = stores.len();
    for k in 0..n {
        match stores[(start + k) % n].try_lock() {
            Ok(guard) => return guard,
            // a query that panicked leaves a store that is still usable: reads keep no state between calls
            Err(std::sync::TryLockError::Poisoned(p)) => return p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {}
        }
    }
    stores[start % n].lock().unwrap_or_else(|p| p.into_inner())
}
