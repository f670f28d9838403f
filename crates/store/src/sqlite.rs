//! The embedded backend: one SQLite file in WAL mode, versioned by `PRAGMA user_version`.

use std::collections::HashMap;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension};
use sitrep_model::{Document, Event};

use crate::query::{country_token, terms, Dialect, EventPage, Filters, Param};
use crate::record::{document_from_json, event_from_json, DocMeta, EventRow, Pending};
use crate::store::{Backend, FusedRecord};
use crate::StoreError;

/// Schema steps, applied in order; the database's `user_version` is the number applied. Never edit a step that has
/// shipped: add one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents; events with the columns filters need (narrow rows, so scans and lookups stay in cache) and
    // their records in a table of their own; actors for the actor filter; a contentless full-text index over the
    // words of the evidence sentence and the document title; the widest date range stored (bounds date scans).
    r#"
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        title TEXT,
        url TEXT,
        publication_date TEXT,
        source TEXT,
        input TEXT NOT NULL,
        json TEXT NOT NULL
    );
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        mode TEXT,
        cameo TEXT,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT NOT NULL,
        lat REAL,
        lon REAL,
        country TEXT,
        admin1 TEXT,
        admin1_key TEXT,
        confidence REAL NOT NULL,
        negated INTEGER NOT NULL,
        hypothetical INTEGER NOT NULL,
        hidden INTEGER NOT NULL
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE TABLE event_records (
        seq INTEGER PRIMARY KEY,
        json TEXT NOT NULL
    );
    CREATE TABLE event_actors (
        event_seq INTEGER NOT NULL,
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        code TEXT,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        code_key TEXT,
        name_key TEXT NOT NULL,
        text_key TEXT NOT NULL,
        hidden INTEGER NOT NULL
    );
    CREATE INDEX event_actors_event ON event_actors(event_seq);
    CREATE VIRTUAL TABLE events_fts USING fts5(terms, flags, content='', contentless_delete=1);
    CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TRIGGER events_cleanup AFTER DELETE ON events BEGIN
        DELETE FROM event_records WHERE seq = old.seq;
        DELETE FROM event_actors WHERE event_seq = old.seq;
        DELETE FROM events_fts WHERE rowid = old.seq;
    END;
    "#,
    // 2: indexes for the filters (see docs/store.md, Performance). `hidden` (negated 1 + hypothetical 2) leads, so
    // the default query (hidden = 0) reads one contiguous range already in (date_start, id) order; the trailing
    // columns make counts and the other filters' checks index-only.
    r#"
    CREATE INDEX events_date ON events(hidden, date_start, id, date_end, lat, lon, confidence);
    CREATE INDEX events_country ON events(hidden, country, date_start, id, date_end, confidence);
    CREATE INDEX events_type ON events(hidden, event_type, date_start, id, date_end, confidence);
    CREATE INDEX events_admin1 ON events(hidden, admin1_key, date_start, id, date_end, confidence);
    CREATE INDEX events_place ON events(hidden, lat, lon, date_start, id, date_end, confidence);
    CREATE INDEX event_actors_code ON event_actors(code_key, hidden, event_seq);
    CREATE INDEX event_actors_name ON event_actors(name_key, hidden, event_seq);
    CREATE INDEX event_actors_text ON event_actors(text_key, hidden, event_seq);
    -- Exact counts kept up to date by triggers, for the commonest questions (everything; one country; one type),
    -- which would otherwise count up to every row of the store.
    CREATE TABLE event_counts (
        hidden INTEGER NOT NULL,
        dim TEXT NOT NULL,
        value TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (hidden, dim, value)
    ) WITHOUT ROWID;
    INSERT INTO event_counts SELECT hidden, 'all', '', count(*) FROM events GROUP BY hidden;
    INSERT INTO event_counts SELECT hidden, 'country', country, count(*) FROM events
        WHERE country IS NOT NULL GROUP BY hidden, country;
    INSERT INTO event_counts SELECT hidden, 'type', event_type, count(*) FROM events GROUP BY hidden, event_type;
    CREATE TRIGGER events_count_in AFTER INSERT ON events BEGIN
        INSERT INTO event_counts VALUES (new.hidden, 'all', '', 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO event_counts SELECT new.hidden, 'country', new.country, 1 WHERE new.country IS NOT NULL
            ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO event_counts VALUES (new.hidden, 'type', new.event_type, 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER events_count_out AFTER DELETE ON events BEGIN
        UPDATE event_counts SET n = n - 1 WHERE hidden = old.hidden AND dim = 'all' AND value = '';
        UPDATE event_counts SET n = n - 1 WHERE hidden = old.hidden AND dim = 'country' AND value = old.country;
        UPDATE event_counts SET n = n - 1 WHERE hidden = old.hidden AND dim = 'type' AND value = old.event_type;
    END;
    "#,
    // 3: write speed and text + country (see docs/store.md, Performance).
    // - Counts: `commit` adds up its changes per (hidden, dim, value) and applies them once per commit, instead of
    //   three trigger statements per inserted or deleted event.
    // - The place index keeps only what a bbox count reads: each random-order index costs every insert a B-tree
    //   descent and every commit its touched pages; pages of bbox matches walk the date index or sort few rows.
    // - The full-text `flags` column also holds the country (`csyr`), so text + country is one AND inside the
    //   full-text index. Contentless rows cannot be read back, so they are rebuilt from the records with the
    //   same Rust functions `commit` uses (registered on every read-write connection).
    r#"
    DROP TRIGGER events_count_in;
    DROP TRIGGER events_count_out;
    DROP INDEX events_place;
    CREATE INDEX events_place ON events(hidden, lat, lon);
    INSERT INTO events_fts(events_fts) VALUES ('delete-all');
    INSERT INTO events_fts (rowid, terms, flags)
        SELECT e.seq, sitrep_terms(json_extract(r.json, '$.evidence') || ' ' || coalesce(d.title, '')),
               sitrep_fts_flags(e.hidden, e.country)
        FROM events e JOIN event_records r ON r.seq = e.seq LEFT JOIN documents d ON d.id = e.doc_id;
    -- recounted, so the counts are exact whatever wrote to the database before
    DELETE FROM event_counts;
    INSERT INTO event_counts SELECT hidden, 'all', '', count(*) FROM events GROUP BY hidden;
    INSERT INTO event_counts SELECT hidden, 'country', country, count(*) FROM events
        WHERE country IS NOT NULL GROUP BY hidden, country;
    INSERT INTO event_counts SELECT hidden, 'type', event_type, count(*) FROM events GROUP BY hidden, event_type;
    -- one segment now, rather than the first later writes merging the rebuild's many small ones
    INSERT INTO events_fts(events_fts) VALUES ('optimize');
    "#,
    // 4: actor + dates (see docs/store.md, Performance). The actor rows also carry their event's dates (as they
    // already carry `hidden`), and the actor indexes end with them: an actor + date-window query reads the
    // actor's stretch of one index and checks the dates there, instead of probing every event of the window
    // against the actor's whole list. The dates come after `event_seq`, so new rows still append to each key's
    // run. An event's actor rows are deleted and rewritten with it, so the copies cannot go stale.
    r#"
    DROP INDEX event_actors_code;
    DROP INDEX event_actors_name;
    DROP INDEX event_actors_text;
    ALTER TABLE event_actors ADD COLUMN date_start TEXT;
    ALTER TABLE event_actors ADD COLUMN date_end TEXT;
    UPDATE event_actors SET date_start = e.date_start, date_end = e.date_end FROM events e WHERE e.seq = event_actors.event_seq;
    CREATE INDEX event_actors_code ON event_actors(code_key, hidden, event_seq, date_start, date_end);
    CREATE INDEX event_actors_name ON event_actors(name_key, hidden, event_seq, date_start, date_end);
    CREATE INDEX event_actors_text ON event_actors(text_key, hidden, event_seq, date_start, date_end);
    PRAGMA analysis_limit = 2000;
    ANALYZE event_actors;
    "#,
    // 5: write speed (see docs/store.md, Performance). The type and admin1 indexes were in date order within each
    // value, so every insert landed on a random page of each and every commit rewrote thousands of their pages.
    // Keyed by `seq` after the value, new rows append to the end of their value's run (a few hot pages per commit);
    // the dates and confidence after it keep counts (with dates, with a minimum confidence) index-only. Pages of
    // many matches walk the date index in result order (`index_hint`), which now also holds the type, so that walk
    // checks the type without reading rows; pages of few matches are sorted.
    r#"
    DROP INDEX events_admin1;
    CREATE INDEX events_admin1 ON events(hidden, admin1_key, seq, date_start, date_end, confidence);
    DROP INDEX events_type;
    CREATE INDEX events_type ON events(hidden, event_type, seq, date_start, date_end, confidence);
    DROP INDEX events_date;
    CREATE INDEX events_date ON events(hidden, date_start, id, date_end, lat, lon, confidence, event_type);
    PRAGMA analysis_limit = 2000;
    ANALYZE events;
    "#,
    // 6: write speed (see docs/store.md, Performance).
    // - Actors: each distinct key (code, name, text, folded) of an event's actors and recipients is one row of one
    //   WITHOUT ROWID table keyed (key, hidden, event_seq), so an event costs about five appends to one tree where
    //   two actor rows cost ten inserts (the table, its event index and three key indexes). The actor filter is one
    //   range of it, the dates checked inside. The event's keys are kept with its record (a JSON array), so the
    //   cleanup trigger deletes exactly its rows without an index by event.
    // - The place index in insertion order within each whole degree of latitude (truncated), so inserts append
    //   instead of landing on random pages; a bbox query adds the same truncated bounds, so it reads the same
    //   stretch of latitudes as before. (The country index stays in date order: in insertion order, country +
    //   dates counts and country pages had to read the date index across all countries, about twice as slow.)
    r#"
    CREATE TABLE actor_keys (
        key TEXT NOT NULL,
        hidden INTEGER NOT NULL,
        event_seq INTEGER NOT NULL,
        date_start TEXT,
        date_end TEXT,
        PRIMARY KEY (key, hidden, event_seq)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO actor_keys (key, hidden, event_seq, date_start, date_end)
        SELECT key, hidden, event_seq, date_start, date_end FROM (
            SELECT code_key AS key, hidden, event_seq, date_start, date_end FROM event_actors WHERE code_key IS NOT NULL
            UNION SELECT name_key, hidden, event_seq, date_start, date_end FROM event_actors
            UNION SELECT text_key, hidden, event_seq, date_start, date_end FROM event_actors
        ) ORDER BY key, hidden, event_seq;
    ALTER TABLE event_records ADD COLUMN actor_keys TEXT;
    UPDATE event_records SET actor_keys = k.keys
        FROM (SELECT event_seq, json_group_array(key) AS keys FROM actor_keys GROUP BY event_seq) AS k
        WHERE k.event_seq = event_records.seq;
    DROP TRIGGER events_cleanup;
    CREATE TRIGGER events_cleanup AFTER DELETE ON events BEGIN
        DELETE FROM actor_keys
            WHERE key IN (SELECT value FROM json_each((SELECT actor_keys FROM event_records WHERE seq = old.seq)))
              AND hidden = old.hidden AND event_seq = old.seq;
        DELETE FROM event_records WHERE seq = old.seq;
        DELETE FROM events_fts WHERE rowid = old.seq;
    END;
    DROP TABLE event_actors;
    DROP INDEX events_place;
    CREATE INDEX events_place ON events(hidden, CAST(lat AS INTEGER), seq, lat, lon);
    PRAGMA analysis_limit = 2000;
    ANALYZE events;
    ANALYZE actor_keys;
    "#,
    // 7: bulk loads into an empty store (see docs/store.md, Performance, and `begin_bulk_load`). The date-ordered
    // indexes of `events` (date, country) are dropped for the load and built in one sorted pass at its end; their
    // definitions wait here meanwhile, so a load cut short by a crash gets them back at the next read-write open.
    r#"
    CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL);
    "#,
    // 8: a minimum confidence alone (see docs/store.md, Performance). Its exact total had to count the whole date
    // index (about 50 ms at a million events); the kept counts now also hold one row per hundredth of confidence
    // (`confidence_bucket`), so a minimum in whole hundredths, the API's usual filter, sums at most 101 rows.
    r#"
    DELETE FROM event_counts WHERE dim = 'confidence';
    INSERT INTO event_counts SELECT hidden, 'confidence', sitrep_confidence_bucket(confidence), count(*) FROM events
        GROUP BY 1, 3;
    "#,
    // 9: fused events (see docs/store.md and docs/fusion.md): each kept as its JSON record, with its member events
    // (so an event's fused event is one look-up); `store_meta` `fused_through` is the rowid of the last document
    // fused into them, so the next run fuses only newer ones.
    r#"
    CREATE TABLE fused_events (id TEXT PRIMARY KEY, json TEXT NOT NULL);
    CREATE TABLE fused_members (event_id TEXT PRIMARY KEY, fused_id TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX fused_members_fused ON fused_members(fused_id);
    "#,
];

/// The `flags` column of an event's full-text row: its hidden value (`h0`…`h3`) and, for a plain ISO code, its
/// country token (see [`country_token`]).
fn fts_flags(hidden: i64, country: Option<&str>) -> String {
    match country.and_then(country_token) {
        Some(c) => format!("h{hidden} {c}"),
        None => format!("h{hidden}"),
    }
}

/// Makes the functions migration 3 rebuilds the full-text rows with available to SQL: the same code as `commit`.
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("sitrep_terms", 1, flags, |ctx| {
        Ok(terms(&ctx.get::<Option<String>>(0)?.unwrap_or_default()))
    })?;
    conn.create_scalar_function("sitrep_fts_flags", 2, flags, |ctx| {
        Ok(fts_flags(ctx.get(0)?, ctx.get::<Option<String>>(1)?.as_deref()))
    })?;
    conn.create_scalar_function("sitrep_confidence_bucket", 1, flags, |ctx| Ok(confidence_bucket(ctx.get(0)?)))
}

/// The kept-count value (`event_counts`, dim `confidence`) of a stored confidence: the largest k in 0..=100 with
/// `confidence >= k / 100.0` as SQLite compares them, written "000"…"100" ("-01" below zero), so the events
/// passing `confidence >= k / 100.0` are exactly those whose value is "k" or above, whatever the rounding of
/// `k / 100.0`.
fn confidence_bucket(confidence: f64) -> String {
    let threshold = |k: i64| k as f64 / 100.0;
    let mut k = if confidence.is_finite() { ((confidence * 100.0).floor() as i64).clamp(-1, 100) } else { -1 };
    while k < 100 && confidence >= threshold(k + 1) {
        k += 1;
    }
    while k >= 0 && confidence < threshold(k) {
        k -= 1;
    }
    format!("{k:03}")
}

/// The distinct keys (folded code, name and text) of an event's actors and recipients, in first-seen order: the
/// rows of `actor_keys` (schema 6) for the event.
fn distinct_actor_keys(e: &EventRow) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::with_capacity(e.actors.len() * 3);
    for a in &e.actors {
        for key in [a.code_key.as_deref(), Some(a.name_key.as_str()), Some(a.text_key.as_str())].into_iter().flatten() {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Changes to the kept counts (`event_counts`) over one commit, applied once at its end.
#[derive(Default)]
struct Counts(HashMap<(i64, &'static str, String), i64>);

impl Counts {
    fn add(&mut self, hidden: i64, country: Option<&str>, event_type: &str, confidence: f64, n: i64) {
        *self.0.entry((hidden, "all", String::new())).or_default() += n;
        *self.0.entry((hidden, "confidence", confidence_bucket(confidence))).or_default() += n;
        if let Some(c) = country {
            *self.0.entry((hidden, "country", c.to_string())).or_default() += n;
        }
        *self.0.entry((hidden, "type", event_type.to_string())).or_default() += n;
    }

    /// Runs a `DELETE … RETURNING hidden, country, event_type, confidence` and takes the deleted events off the
    /// counts.
    fn removed(&mut self, delete: &mut rusqlite::CachedStatement<'_>, key: &str) -> rusqlite::Result<()> {
        let mut rows = delete.query(params![key])?;
        while let Some(r) = rows.next()? {
            let (hidden, country, event_type, confidence): (i64, Option<String>, String, f64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            self.add(hidden, country.as_deref(), &event_type, confidence, -1);
        }
        Ok(())
    }
}

/// WAL bytes between automatic checkpoints of a writer, and the most a WAL file is kept at after one.
const WAL_CHECKPOINT_BYTES: i64 = 2 << 30;
const WAL_KEEP_BYTES: i64 = 4 << 30;

/// Above this many matches a page is read by walking the date index (see `page`).
const DATE_WALK_ABOVE: u64 = 5000;

pub(crate) struct SqliteBackend {
    conn: Connection,
    /// The schema version written and read (the latest, except for the older databases tests build).
    schema: usize,
}

fn err(context: &str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite { context: context.to_string(), source }
}

fn to_values(params: Vec<Param>) -> Vec<Value> {
    params
        .into_iter()
        .map(|p| match p {
            Param::Text(s) => Value::Text(s),
            Param::Real(f) => Value::Real(f),
        })
        .collect()
}

/// Applies the migrations after the database's current version, up to `target`, each in its own transaction.
pub(crate) fn migrate(conn: &mut Connection, target: usize) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err("reading the schema version"))?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(StoreError::Schema(format!(
            "the database has schema version {version}; this sitrep knows up to {}: use a newer sitrep",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target).skip(version) {
        let tx = conn.transaction().map_err(err("starting a migration"))?;
        tx.execute_batch(sql).map_err(err("migrating"))?;
        // user_version takes no parameter; the value is our own loop counter.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1)).map_err(err("migrating"))?;
        tx.commit().map_err(err("committing a migration"))?;
    }
    Ok(())
}

impl SqliteBackend {
    pub fn open(path: &str, read_only: bool) -> Result<SqliteBackend, StoreError> {
        Self::open_at(path, read_only, MIGRATIONS.len())
    }

    /// Opens and migrates up to `version` only (tests build older databases with it).
    pub(crate) fn open_at(path: &str, read_only: bool, version: usize) -> Result<SqliteBackend, StoreError> {
        let context = format!("opening {path}");
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(err(&context))?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(err(&context))?;
        // 64 MB page cache and memory-mapped reads: the filter indexes of a few million events stay warm.
        conn.execute_batch("PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY;")
            .map_err(err(&context))?;
        if read_only {
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err(&context))?;
            if version != MIGRATIONS.len() as i64 {
                return Err(StoreError::Schema(format!(
                    "{path} has schema version {version}, this sitrep needs {}: open it once read-write to migrate",
                    MIGRATIONS.len()
                )));
            }
        } else {
            // WAL: readers (a server) never block the writer (an ingest run) and commits are cheap; NORMAL
            // synchronisation is durable across application crashes, and loses at most the last commits on power loss.
            // 16 KB pages for a new database (an existing one keeps its page size: WAL mode cannot change it).
            // Fewer, larger pages per index: fewer B-tree pages to find, balance and copy per insert (docs/store.md,
            // Performance).
            conn.execute_batch("PRAGMA page_size = 16384;").map_err(err(&context))?;
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;").map_err(err(&context))?;
            // A writer touches pages all over the date-ordered indexes each commit; 256 MB keeps those of a few
            // million events in SQLite's own cache instead of re-reading them from the OS per commit.
            conn.execute_batch("PRAGMA cache_size = -262144;").map_err(err(&context))?;
            // Checkpoint every 2 GB of WAL (SQLite's default is 4 MB): a 10,000-event commit dirties pages all over
            // the date-ordered indexes, so with the default every commit was copied to the database file and
            // fsynced at once; with a long WAL a page rewritten by several commits is copied once, with one fsync
            // per checkpoint. Under `synchronous = NORMAL` commits are durable at checkpoints (an application crash
            // loses nothing; a power loss can lose the commits since the last checkpoint). The setting counts
            // pages, so it follows the page size (2 GB was 131,072 pages of 16 KB). The WAL file is not cut back
            // after a checkpoint (it was cut to 64 MB): regrowing it by hundreds of MB after every checkpoint made
            // the file system allocate and zero its blocks again each time; 4 GB bounds it all the same.
            let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).map_err(err(&context))?;
            let checkpoint_pages = (WAL_CHECKPOINT_BYTES / page_size.max(512)).max(1000);
            // both values are our own numbers (PRAGMA takes no parameters)
            conn.execute_batch(&format!(
                "PRAGMA wal_autocheckpoint = {checkpoint_pages}; PRAGMA journal_size_limit = {WAL_KEEP_BYTES};"
            ))
            .map_err(err(&context))?;
            register_functions(&conn).map_err(err(&context))?;
            migrate(&mut conn, version)?;
        }
        let mut backend = SqliteBackend { conn, schema: if read_only { MIGRATIONS.len() } else { version } };
        if !read_only {
            // a bulk load that ended without `sync` (a crash, an error) left its indexes unbuilt
            backend.build_deferred_indexes()?;
            backend.refresh_statistics()?;
        }
        Ok(backend)
    }

    /// Bulk loads (schema 7): the definitions of the indexes a load into an empty store drops and builds at its
    /// end. Those in date order (dates arrive in any order, so each insert lands on a random page and every commit
    /// rewrites most of their pages); the ones in insertion order (type, admin1, place) append to a few hot pages
    /// and cost about as much to build at the end as to keep up (measured, docs/store.md), and the unique id and
    /// `events_doc` find duplicates and rewritten documents as they are written.
    fn deferrable_index_definitions(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'events' AND name IN ('events_date', 'events_country')",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// Builds the indexes a bulk load deferred, each in one sorted pass, and re-analyses them (fresh indexes have
    /// no statistics, and the planner's choices depend on them). One transaction: a crash leaves them deferred.
    fn build_deferred_indexes(&mut self) -> Result<(), StoreError> {
        if self.schema < 7 {
            return Ok(());
        }
        let tx = self.conn.transaction().map_err(err("building deferred indexes"))?;
        let pending: Vec<String> = tx
            .prepare("SELECT sql FROM deferred_indexes ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(err("building deferred indexes"))?;
        if pending.is_empty() {
            return Ok(());
        }
        for sql in &pending {
            // the definitions were read from sqlite_schema by `begin_bulk_load`: this database's own SQL
            tx.execute_batch(sql).map_err(err("building deferred indexes"))?;
        }
        tx.execute_batch("DELETE FROM deferred_indexes; PRAGMA analysis_limit = 2000; ANALYZE events;")
            .map_err(err("building deferred indexes"))?;
        tx.commit().map_err(err("building deferred indexes"))
    }

    /// Whether the date index exists (a bulk load drops it until its end; `INDEXED BY` a missing index is an
    /// error, not a slower plan). Read per query: another connection may be loading.
    fn has_date_index(&self) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'events_date')")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(err("reading the schema"))
    }

    /// Re-analyses the tables whenever the store has doubled since the last time, so the planner knows, say,
    /// that an actor matches few events and a country many. Sampled (`analysis_limit`), so it stays fast.
    fn refresh_statistics(&self) -> Result<(), StoreError> {
        let size: i64 = self
            .conn
            .query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))
            .map_err(err("reading the store size"))?;
        let analysed: i64 = self
            .conn
            .query_row("SELECT coalesce((SELECT value FROM store_meta WHERE key = 'analysed_at'), 0)", [], |r| r.get(0))
            .map_err(err("reading the store size"))?;
        if size >= 1000 && size >= 2 * analysed {
            self.conn
                .execute_batch("PRAGMA analysis_limit = 2000; ANALYZE;")
                .and_then(|()| {
                    self.conn.execute(
                        "INSERT INTO store_meta (key, value) VALUES ('analysed_at', ?1)
                         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        params![size],
                    )
                })
                .map_err(err("analysing"))?;
        }
        Ok(())
    }

    /// Which index to read, where SQLite's own choice is known to be slow. The date index leads with `hidden`
    /// and holds date_end, coordinates and confidence, so it can check those filters without reading rows.
    /// - `many` matches and no filter with an index in date order: walk the date index in result order and stop at
    ///   the page, instead of fetching and sorting every match;
    /// - a bbox with a short date window: a short stretch of the date index beats a whole latitude band.
    fn index_hint(&self, filters: &Filters, many: bool) -> Result<&'static str, StoreError> {
        // (the type and admin1 indexes are in insertion order since schema 5, so they give no result order)
        let no_ordered_index = filters.country.is_none() && !(filters.include_negated && filters.include_hypothetical);
        let short_window = filters.bbox.is_some() && filters.date_window_days().is_some_and(|d| d <= 400);
        let walk = no_ordered_index && (many || short_window) && self.has_date_index()?;
        Ok(if walk { "INDEXED BY events_date" } else { "" })
    }

    /// The checked filters as this database answers them: the date floor from the widest stored date range, and
    /// which schema the SQL is for.
    fn prepare_filters(&self, filters: &Filters) -> Result<Filters, StoreError> {
        let mut f = filters.with_date_floor(self.max_span_days()?);
        f.schema_6 = self.schema >= 6;
        Ok(f)
    }

    /// The widest stored date range in days (0 for an empty store).
    fn max_span_days(&self) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'max_span_days'")
            .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
            .map(|v| v.unwrap_or(0))
            .map_err(err("reading the store's date span"))
    }

    /// The sum of the kept counts (`event_counts`) of one dimension with values from `from` to `to`, over the
    /// hidden values the filters let through.
    fn kept_count(&self, filters: &Filters, dim: &str, from: &str, to: &str) -> Result<u64, StoreError> {
        let hidden = filters.hidden_values().iter().map(|h| h.to_string()).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT coalesce(sum(n), 0) FROM event_counts WHERE dim = ?1 AND value BETWEEN ?2 AND ?3 AND hidden IN ({hidden})"
        );
        let n: i64 = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params![dim, from, to], |r| r.get(0)))
            .map_err(err("counting events"))?;
        Ok(n.max(0) as u64)
    }

    fn count(&self, filters: &Filters) -> Result<u64, StoreError> {
        if let Some((dim, value)) = filters.counted_dimension() {
            return self.kept_count(filters, dim, &value, &value);
        }
        if let Some(k) = filters.min_confidence_only_hundredths().filter(|_| self.schema >= 8) {
            return self.kept_count(filters, "confidence", &format!("{k:03}"), "100");
        }
        if let Some(m) = filters.fts_only_match() {
            // Text alone, or text and a country: the full-text row holds the hidden flags and the country too, so
            // it answers without reading events.
            let n: i64 = self
                .conn
                .prepare_cached("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?1")
                .and_then(|mut s| s.query_row(params![m], |r| r.get(0)))
                .map_err(err("counting events"))?;
            return Ok(n.max(0) as u64);
        }
        let (w, p) = filters.where_clause(Dialect::Sqlite);
        // Actor alone or with dates: the actor rows hold the hidden value and the dates (schema 4), so their
        // indexes answer without reading events.
        let (sql, p) = if filters.actor_and_dates_only() {
            filters.actor_count_sqlite()
        } else {
            (format!("SELECT count(*) FROM events e {} WHERE {w}", self.index_hint(filters, false)?), p)
        };
        let n: i64 = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params_from_iter(to_values(p)), |r| r.get(0)))
            .map_err(err("counting events"))?;
        Ok(n.max(0) as u64)
    }
}

impl Backend for SqliteBackend {
    fn commit(&mut self, pending: &[Pending]) -> Result<(), StoreError> {
        let tx = self.conn.transaction().map_err(err("starting a write"))?;
        {
            // RETURNING: what the deleted events counted for, so the kept counts can be lowered.
            let mut delete_doc_events = tx
                .prepare_cached("DELETE FROM events WHERE doc_id = ?1 RETURNING hidden, country, event_type, confidence")
                .map_err(err("preparing"))?;
            let mut upsert_doc = tx
                .prepare_cached(
                    "INSERT INTO documents (id, text, title, url, publication_date, source, input, json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT(id) DO UPDATE SET text = excluded.text, title = excluded.title, url = excluded.url,
                       publication_date = excluded.publication_date, source = excluded.source, input = excluded.input,
                       json = excluded.json",
                )
                .map_err(err("preparing"))?;
            let mut append_doc = tx
                .prepare_cached("UPDATE documents SET text = text || char(10, 10) || ?2 WHERE id = ?1")
                .map_err(err("preparing"))?;
            let mut delete_event = tx
                .prepare_cached("DELETE FROM events WHERE id = ?1 RETURNING hidden, country, event_type, confidence")
                .map_err(err("preparing"))?;
            // A DELETE fires the cleanup trigger, so SQLite opens a statement savepoint for it, and FTS5 flushes its
            // pending rows to a new segment at every savepoint: deleting unconditionally flushed the full-text index
            // once per event (one tiny segment each, then merges). The DELETE runs only when there is something to
            // replace: for a document a plain lookup first decides, for an event the refused insert (below).
            let mut doc_has_events =
                tx.prepare_cached("SELECT 1 FROM events WHERE doc_id = ?1 LIMIT 1").map_err(err("preparing"))?;
            // (hidden, dim, value) -> change in count over this commit
            let mut counts = Counts::default();
            let mut insert_event = tx
                .prepare_cached(
                    "INSERT INTO events (id, doc_id, event_type, mode, cameo, date_start, date_end, date_precision,
                       lat, lon, country, admin1, admin1_key, confidence, negated, hypothetical, hidden)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                )
                .map_err(err("preparing"))?;
            let schema = self.schema;
            let mut insert_record = tx
                .prepare_cached(if schema >= 6 {
                    "INSERT INTO event_records (seq, json, actor_keys) VALUES (?1, ?2, ?3)"
                } else {
                    "INSERT INTO event_records (seq, json) VALUES (?1, ?2)"
                })
                .map_err(err("preparing"))?;
            // All keys of an event in one statement, from the JSON list the record keeps anyway: one execution and
            // five bindings instead of five of each. OR IGNORE: a statement that writes several rows and could
            // abort half-way needs a statement savepoint, and FTS5 flushes its pending rows at every savepoint (see
            // `doc_has_events`); the keys are distinct and the event new, so nothing is ever ignored.
            let mut insert_actor_keys = if schema >= 6 {
                Some(
                    tx.prepare_cached(
                        "INSERT OR IGNORE INTO actor_keys (key, hidden, event_seq, date_start, date_end)
                         SELECT value, ?2, ?3, ?4, ?5 FROM json_each(?1)",
                    )
                    .map_err(err("preparing"))?,
                )
            } else {
                None
            };
            // schema 4 and 5 (event_actors with dates) and older (without); none from schema 6
            let mut insert_actor = if schema >= 6 {
                None
            } else {
                Some(
                    tx.prepare_cached(if schema >= 4 {
                        "INSERT INTO event_actors (event_seq, role, position, code, name, text, code_key, name_key, text_key, hidden,
                           date_start, date_end)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                    } else {
                        "INSERT INTO event_actors (event_seq, role, position, code, name, text, code_key, name_key, text_key, hidden)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                    })
                    .map_err(err("preparing"))?,
                )
            };
            let mut widen = tx
                .prepare_cached(
                    "INSERT INTO store_meta (key, value) VALUES ('max_span_days', ?1)
                     ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
                )
                .map_err(err("preparing"))?;
            let mut max_span = 0i64;
            let mut insert_fts =
                tx.prepare_cached("INSERT INTO events_fts (rowid, terms, flags) VALUES (?1, ?2, ?3)").map_err(err("preparing"))?;
            for p in pending {
                let d = &p.doc;
                let appended = d.continues && append_doc.execute(params![d.id, d.text]).map_err(err("writing a document"))? > 0;
                if !appended {
                    if !d.continues && doc_has_events.exists(params![d.id]).map_err(err("replacing a document's events"))? {
                        counts.removed(&mut delete_doc_events, &d.id).map_err(err("replacing a document's events"))?;
                    }
                    upsert_doc
                        .execute(params![d.id, d.text, d.title, d.url, d.publication_date, d.source, d.input, d.json])
                        .map_err(err("writing a document"))?;
                }
                for e in &p.events {
                    max_span = max_span.max(e.span_days);
                    let row = params![
                        e.id,
                        e.doc_id,
                        e.event_type,
                        e.mode,
                        e.cameo,
                        e.date_start,
                        e.date_end,
                        e.date_precision,
                        e.lat,
                        e.lon,
                        e.country,
                        e.admin1,
                        e.admin1_key,
                        e.confidence,
                        e.negated,
                        e.hypothetical,
                        e.hidden
                    ];
                    // The same id under another document, or twice in one list: the last copy wins. The unique
                    // index on id refuses a stored copy before anything is written, so the insert itself is the
                    // lookup; only then is the old copy deleted and the insert repeated.
                    match insert_event.execute(row) {
                        Ok(_) => {}
                        Err(rusqlite::Error::SqliteFailure(f, _))
                            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
                        {
                            counts.removed(&mut delete_event, &e.id).map_err(err("replacing an event"))?;
                            insert_event.execute(row).map_err(err("writing an event"))?;
                        }
                        Err(x) => return Err(err("writing an event")(x)),
                    }
                    let seq = tx.last_insert_rowid();
                    counts.add(e.hidden, e.country.as_deref(), e.event_type, e.confidence, 1);
                    if let Some(insert_keys) = insert_actor_keys.as_mut() {
                        // kept with the record, so the cleanup trigger can delete exactly these rows
                        let keys_json = serde_json::to_string(&distinct_actor_keys(e))
                            .map_err(|x| StoreError::InvalidRecord(format!("event {:?}: {x}", e.id)))?;
                        insert_record.execute(params![seq, e.json, keys_json]).map_err(err("writing an event"))?;
                        insert_keys
                            .execute(params![keys_json, e.hidden, seq, e.date_start, e.date_end])
                            .map_err(err("writing an actor"))?;
                    } else if let Some(insert_actor) = insert_actor.as_mut() {
                        insert_record.execute(params![seq, e.json]).map_err(err("writing an event"))?;
                        for a in &e.actors {
                            let row =
                                params![seq, a.role, a.position, a.code, a.name, a.text, a.code_key, a.name_key, a.text_key, e.hidden];
                            let dates = params![e.date_start, e.date_end];
                            let all: Vec<&dyn rusqlite::ToSql> = if schema >= 4 {
                                row.iter().chain(dates.iter()).copied().collect()
                            } else {
                                row.to_vec()
                            };
                            insert_actor.execute(all.as_slice()).map_err(err("writing an actor"))?;
                        }
                    }
                    insert_fts
                        .execute(params![seq, e.search_terms, fts_flags(e.hidden, e.country.as_deref())])
                        .map_err(err("indexing an event"))?;
                }
            }
            widen.execute(params![max_span]).map_err(err("writing"))?;
            for ((hidden, dim, value), n) in counts.0.into_iter().filter(|&(_, n)| n != 0) {
                tx.prepare_cached(
                    "INSERT INTO event_counts (hidden, dim, value, n) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT DO UPDATE SET n = n + excluded.n",
                )
                .and_then(|mut s| s.execute(params![hidden, dim, value, n]))
                .map_err(err("counting events"))?;
            }
        }
        tx.commit().map_err(err("committing"))?;
        self.refresh_statistics()
    }

    /// Drops the date-ordered indexes when the store holds no events yet, recording their definitions for
    /// `build_deferred_indexes`. One transaction with the drops, so the definitions are never lost.
    fn begin_bulk_load(&mut self) -> Result<bool, StoreError> {
        if self.schema < 7 {
            return Ok(false);
        }
        let tx = self.conn.transaction().map_err(err("starting a bulk load"))?;
        let empty: bool = tx
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM events)", [], |r| r.get(0))
            .map_err(err("starting a bulk load"))?;
        if !empty {
            // into a filled store, rebuilding whole indexes would cost more than the load saves
            return Ok(false);
        }
        let indexes = Self::deferrable_index_definitions(&tx).map_err(err("starting a bulk load"))?;
        for (name, sql) in &indexes {
            tx.execute("INSERT INTO deferred_indexes (name, sql) VALUES (?1, ?2)", params![name, sql])
                .map_err(err("starting a bulk load"))?;
            // the name is one sqlite_schema gave (an index of ours); quoted all the same
            tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
                .map_err(err("starting a bulk load"))?;
        }
        tx.commit().map_err(err("starting a bulk load"))?;
        Ok(!indexes.is_empty())
    }

    fn finish_bulk_load(&mut self) -> Result<(), StoreError> {
        self.build_deferred_indexes()
    }

    fn sync(&mut self) -> Result<(), StoreError> {
        // TRUNCATE: every frame copied and synced, then the WAL reset (it regrows from the start)
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").map_err(err("checkpointing"))
    }

    fn page(&mut self, filters: &Filters) -> Result<EventPage, StoreError> {
        let filters = &self.prepare_filters(filters)?;
        let total = self.count(filters)?;
        let (w, p) = filters.where_clause(Dialect::Sqlite);
        let n = p.len();
        let hint = self.index_hint(filters, total > DATE_WALK_ABOVE)?;
        let sql = format!(
            "SELECT e.id, r.json FROM events e {hint} JOIN event_records r ON r.seq = e.seq
             WHERE {w} ORDER BY e.date_start, e.id LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        let mut values = to_values(p);
        values.push(Value::Integer(filters.limit as i64));
        values.push(Value::Integer(filters.offset as i64));
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err("querying events"))?;
        let rows = stmt
            .query_map(params_from_iter(values), |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(err("querying events"))?;
        let mut events = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(err("reading events"))?;
            events.push(event_from_json(&id, &json)?);
        }
        Ok(EventPage { total, events })
    }

    fn day_counts(&mut self, filters: &Filters) -> Result<Vec<(String, u64)>, StoreError> {
        let filters = &self.prepare_filters(filters)?;
        let (w, p) = filters.where_clause(Dialect::Sqlite);
        let sql = format!(
            "SELECT e.date_start, count(*) FROM events e WHERE {w} AND e.date_start IS NOT NULL
             GROUP BY e.date_start ORDER BY e.date_start"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err("counting by day"))?;
        let rows = stmt
            .query_map(params_from_iter(to_values(p)), |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(err("counting by day"))?;
        let mut out = Vec::new();
        for row in rows {
            let (d, n) = row.map_err(err("counting by day"))?;
            out.push((d, n.max(0) as u64));
        }
        Ok(out)
    }

    fn event(&mut self, id: &str) -> Result<Option<Event>, StoreError> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT r.json FROM events e JOIN event_records r ON r.seq = e.seq WHERE e.id = ?1")
            .and_then(|mut s| s.query_row(params![id], |r| r.get(0)).optional())
            .map_err(err("reading an event"))?;
        json.map(|j| event_from_json(id, &j)).transpose()
    }

    fn document(&mut self, id: &str) -> Result<Option<Document>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT json, text FROM documents WHERE id = ?1")
            .and_then(|mut s| s.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(err("reading a document"))?;
        row.map(|(json, text)| document_from_json(id, &json, text)).transpose()
    }

    fn for_each_document(
        &mut self,
        visit: &mut dyn FnMut(i64, Document, Vec<Event>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut docs = self.conn.prepare("SELECT rowid, id, json, text FROM documents ORDER BY rowid").map_err(err("reading documents"))?;
        let mut events = self
            .conn
            .prepare("SELECT e.id, r.json FROM events e JOIN event_records r ON r.seq = e.seq WHERE e.doc_id = ?1 ORDER BY e.seq")
            .map_err(err("reading events"))?;
        let mut rows = docs.query([]).map_err(err("reading documents"))?;
        while let Some(r) = rows.next().map_err(err("reading documents"))? {
            let (position, id, json, text): (i64, String, String, String) =
                (r.get(0).map_err(err("reading documents"))?, r.get(1).map_err(err("reading documents"))?,
                 r.get(2).map_err(err("reading documents"))?, r.get(3).map_err(err("reading documents"))?);
            let doc = document_from_json(&id, &json, text)?;
            let mut list = Vec::new();
            let mut ev = events.query(params![id]).map_err(err("reading events"))?;
            while let Some(e) = ev.next().map_err(err("reading events"))? {
                let (eid, ejson): (String, String) = (e.get(0).map_err(err("reading events"))?, e.get(1).map_err(err("reading events"))?);
                list.push(event_from_json(&eid, &ejson)?);
            }
            visit(position, doc, list)?;
        }
        Ok(())
    }

    fn fused(&mut self) -> Result<(Vec<String>, i64), StoreError> {
        if self.schema < 9 {
            return Ok((Vec::new(), 0));
        }
        let mut stmt = self.conn.prepare("SELECT json FROM fused_events ORDER BY id").map_err(err("reading fused events"))?;
        let fused = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(err("reading fused events"))?;
        let through: Option<i64> = self
            .conn
            .query_row("SELECT value FROM store_meta WHERE key = 'fused_through'", [], |r| r.get(0))
            .optional()
            .map_err(err("reading fused events"))?;
        Ok((fused, through.unwrap_or(0)))
    }

    fn write_fused(&mut self, fused: &[FusedRecord], through: i64) -> Result<(), StoreError> {
        if self.schema < 9 {
            return Err(StoreError::Schema(format!("fused events need schema 9; this store is at {}", self.schema)));
        }
        let tx = self.conn.transaction().map_err(err("starting a write"))?;
        {
            let mut upsert = tx
                .prepare_cached("INSERT INTO fused_events (id, json) VALUES (?1, ?2) ON CONFLICT(id) DO UPDATE SET json = excluded.json")
                .map_err(err("preparing"))?;
            let mut forget = tx.prepare_cached("DELETE FROM fused_members WHERE fused_id = ?1").map_err(err("preparing"))?;
            let mut member = tx
                .prepare_cached(
                    "INSERT INTO fused_members (event_id, fused_id) VALUES (?1, ?2)
                     ON CONFLICT(event_id) DO UPDATE SET fused_id = excluded.fused_id",
                )
                .map_err(err("preparing"))?;
            for f in fused {
                upsert.execute(params![f.id, f.json]).map_err(err("writing a fused event"))?;
                forget.execute(params![f.id]).map_err(err("writing a fused event"))?;
                for e in &f.events {
                    member.execute(params![e, f.id]).map_err(err("writing a fused event"))?;
                }
            }
            tx.execute(
                "INSERT INTO store_meta (key, value) VALUES ('fused_through', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![through],
            )
            .map_err(err("writing a fused event"))?;
        }
        tx.commit().map_err(err("committing"))
    }

    fn fused_event_of(&mut self, event_id: &str) -> Result<Option<String>, StoreError> {
        if self.schema < 9 {
            return Ok(None);
        }
        self.conn
            .prepare_cached("SELECT f.json FROM fused_members m JOIN fused_events f ON f.id = m.fused_id WHERE m.event_id = ?1")
            .and_then(|mut s| s.query_row(params![event_id], |r| r.get(0)).optional())
            .map_err(err("reading a fused event"))
    }

    fn for_each(
        &mut self,
        filters: &Filters,
        visit: &mut dyn FnMut(Event, DocMeta) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let filters = &self.prepare_filters(filters)?;
        let (w, p) = filters.where_clause(Dialect::Sqlite);
        let sql = format!(
            "SELECT e.id, r.json, d.title, d.url, d.source, d.publication_date
             FROM events e JOIN event_records r ON r.seq = e.seq LEFT JOIN documents d ON d.id = e.doc_id
             WHERE {w} ORDER BY e.date_start, e.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(err("exporting events"))?;
        let mut rows = stmt.query(params_from_iter(to_values(p))).map_err(err("exporting events"))?;
        while let Some(r) = rows.next().map_err(err("exporting events"))? {
            let id: String = r.get(0).map_err(err("exporting events"))?;
            let json: String = r.get(1).map_err(err("exporting events"))?;
            let meta = DocMeta {
                title: r.get(2).map_err(err("exporting events"))?,
                url: r.get(3).map_err(err("exporting events"))?,
                source: r.get(4).map_err(err("exporting events"))?,
                publication_date: r.get(5).map_err(err("exporting events"))?,
            };
            visit(event_from_json(&id, &json)?, meta)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fold;
    use crate::record::pending;
    use crate::EventQuery;

    fn version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn opening_an_older_database_migrates_it_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let path = path.to_str().unwrap();
        {
            let mut old = SqliteBackend::open_at(path, false, 1).unwrap();
            assert_eq!(version(&old.conn), 1);
            let doc = Document::from_text("d1", "Police arrested 40 protesters.");
            old.commit(&[pending(&doc, &[]).unwrap()]).unwrap();
        }
        // read-only refuses an unmigrated database instead of guessing
        assert!(matches!(SqliteBackend::open(path, true), Err(StoreError::Schema(_))));
        let mut new = SqliteBackend::open(path, false).unwrap();
        assert_eq!(version(&new.conn), MIGRATIONS.len() as i64);
        let indexes: i64 = new
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_country'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(indexes, 1);
        assert_eq!(new.document("d1").unwrap().unwrap().text, "Police arrested 40 protesters.");
        let f = EventQuery { country: Some("SYR".into()), ..Default::default() }.validate().unwrap();
        assert_eq!(new.page(&f).unwrap().total, 0);
    }

    /// A version-2 database (full-text rows without the country, counts kept by triggers) migrates to rows that
    /// answer text + country exactly, and counts that stay exact through later replacements.
    #[test]
    fn migration_3_rebuilds_full_text_rows_with_countries_and_recounts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        let path = path.to_str().unwrap();
        let corpus: Vec<_> = crate::synthetic::corpus(400, 3).collect();
        {
            let mut old = SqliteBackend::open_at(path, false, 2).unwrap();
            let batch: Vec<_> = corpus.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
            old.commit(&batch).unwrap();
        }
        let mut store = SqliteBackend::open(path, false).unwrap();
        assert_eq!(version(&store.conn), MIGRATIONS.len() as i64);
        // replacing documents after the migration keeps the counts exact (no trigger any more)
        let again: Vec<_> = corpus.iter().take(50).map(|(d, e)| pending(d, e).unwrap()).collect();
        store.commit(&again).unwrap();
        let expected = |word: &str, country: &str| {
            corpus
                .iter()
                .flat_map(|(d, events)| events.iter().map(move |e| (d, e)))
                .filter(|(_, e)| !e.modality.negated && !e.modality.hypothetical)
                .filter(|(_, e)| e.location.as_ref().and_then(|l| l.country.as_deref()) == Some(country))
                .filter(|(d, e)| {
                    let words = format!("{} {}", terms(&e.evidence), terms(d.title.as_deref().unwrap_or("")));
                    word.is_empty() || words.split(' ').any(|w| w == word)
                })
                .count() as u64
        };
        let mut nonzero = 0;
        for country in ["SYR", "UKR", "SOM", "FJI"] {
            let only = EventQuery { country: Some(country.into()), ..Default::default() }.validate().unwrap();
            assert_eq!(store.page(&only).unwrap().total, expected("", country), "{country}");
            for word in ["convoy", "checkpoint", "attacked", "aleppo"] {
                let q = EventQuery { country: Some(country.into()), text: Some(word.into()), limit: 1000, ..Default::default() };
                let page = store.page(&q.validate().unwrap()).unwrap();
                let want = expected(word, country);
                assert_eq!(page.total, want, "{word} in {country}");
                assert_eq!(page.events.len() as u64, want, "{word} in {country}");
                assert!(page.events.iter().all(|e| e.location.as_ref().and_then(|l| l.country.as_deref()) == Some(country)));
                nonzero += usize::from(want > 0);
            }
        }
        assert!(nonzero >= 4, "the corpus should give some matches ({nonzero})");
    }

    /// Every benchmark query kind, ten runs each: total and the ids of the page.
    fn answers(store: &mut SqliteBackend) -> Vec<(String, u64, Vec<String>)> {
        let mut out = Vec::new();
        for (name, make) in crate::bench::queries() {
            for i in 0..10 {
                let page = store.page(&make(i).validate().unwrap()).unwrap();
                out.push((format!("{name} #{i}"), page.total, page.events.iter().map(|e| e.id.clone()).collect()));
            }
        }
        out
    }

    /// A schema-3 store upgraded in place answers every benchmark query kind (totals and pages) exactly as a store
    /// written at the current schema, and actor (+ year) totals equal counts made in Rust; writes after the
    /// upgrade (replacing documents) keep it so.
    #[test]
    fn migration_4_upgrades_a_schema_3_store_in_place_with_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let old_path = dir.path().join("v3.db");
        let old_path = old_path.to_str().unwrap();
        let new_path = dir.path().join("v4.db");
        let new_path = new_path.to_str().unwrap();
        let corpus: Vec<_> = crate::synthetic::corpus(3000, 5).collect();
        let batch: Vec<_> = corpus.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        {
            let mut old = SqliteBackend::open_at(old_path, false, 3).unwrap();
            assert_eq!(version(&old.conn), 3);
            old.commit(&batch).unwrap();
        }
        let mut migrated = SqliteBackend::open(old_path, false).unwrap();
        assert_eq!(version(&migrated.conn), MIGRATIONS.len() as i64);
        let mut fresh = SqliteBackend::open(new_path, false).unwrap();
        fresh.commit(&batch).unwrap();
        let want = answers(&mut fresh);
        assert_eq!(answers(&mut migrated), want);
        assert!(want.iter().filter(|(name, ..)| name.starts_with("actor+year")).any(|(_, total, _)| *total > 0));
        // replacing documents after the upgrade
        let again: Vec<_> = corpus.iter().take(300).map(|(d, e)| pending(d, e).unwrap()).collect();
        migrated.commit(&again).unwrap();
        assert_eq!(answers(&mut migrated), want);
        // actor + year against a count made in Rust (overlapping date ranges, asserted events only)
        let key = "islamic state";
        for year in ["2016", "2019"] {
            let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
            let expected = corpus
                .iter()
                .flat_map(|(_, events)| events)
                .filter(|e| !e.modality.negated && !e.modality.hypothetical)
                .filter(|e| {
                    e.actors.iter().chain(&e.recipients).any(|a| {
                        a.code.as_deref().map(fold) == Some(key.to_string()) || fold(&a.name) == key || fold(&a.text) == key
                    })
                })
                .filter(|e| {
                    let start = e.date.start.clone();
                    let end = e.date.end.clone().or_else(|| start.clone());
                    end.is_some_and(|d| d >= from) && start.is_some_and(|d| d <= to)
                })
                .count() as u64;
            let q = EventQuery { actor: Some("Islamic State".into()), date_from: Some(from), date_to: Some(to), ..Default::default() };
            assert_eq!(migrated.page(&q.validate().unwrap()).unwrap().total, expected, "{year}");
        }
    }

    /// Admin1 queries (alone, with a year, a type, an offset, negated events, both modalities): total and page ids.
    fn admin1_answers(store: &mut SqliteBackend) -> Vec<(String, u64, Vec<String>)> {
        let mut out = Vec::new();
        for admin1 in ["Aleppo", "donetsk", "Central", "Gaza", "Borno", "nowhere"] {
            for i in 0..6 {
                let year = format!("{}", 2015 + i);
                let mut q = EventQuery { admin1: Some(admin1.into()), ..Default::default() };
                match i {
                    1 => (q.date_from, q.date_to) = (Some(format!("{year}-01-01")), Some(format!("{year}-12-31"))),
                    2 => q.event_type = Some("ASSAULT".into()),
                    3 => q.offset = 40,
                    4 => q.include_negated = true,
                    5 => (q.include_negated, q.include_hypothetical, q.limit) = (true, true, 1000),
                    _ => {}
                }
                let page = store.page(&q.validate().unwrap()).unwrap();
                out.push((format!("{admin1} #{i}"), page.total, page.events.iter().map(|e| e.id.clone()).collect()));
            }
        }
        out
    }

    /// A schema-4 store upgraded in place (type and admin1 indexes keyed by insertion order, type in the date
    /// index) answers every benchmark query kind and admin1 queries exactly as it did before the upgrade and as a
    /// store written at the current schema, also after documents are replaced; admin1 totals equal counts made in
    /// Rust.
    #[test]
    fn migration_5_upgrades_a_schema_4_store_in_place_with_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let old_path = dir.path().join("v4.db");
        let old_path = old_path.to_str().unwrap();
        let new_path = dir.path().join("v5.db");
        let new_path = new_path.to_str().unwrap();
        let corpus: Vec<_> = crate::synthetic::corpus(3000, 7).collect();
        let batch: Vec<_> = corpus.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        let before = {
            let mut old = SqliteBackend::open_at(old_path, false, 4).unwrap();
            old.commit(&batch).unwrap();
            (answers(&mut old), admin1_answers(&mut old))
        };
        let mut migrated = SqliteBackend::open(old_path, false).unwrap();
        assert_eq!(version(&migrated.conn), MIGRATIONS.len() as i64);
        let mut fresh = SqliteBackend::open(new_path, false).unwrap();
        fresh.commit(&batch).unwrap();
        let want = (answers(&mut fresh), admin1_answers(&mut fresh));
        assert_eq!(before, want);
        assert_eq!((answers(&mut migrated), admin1_answers(&mut migrated)), want);
        assert!(want.1.iter().filter(|(_, total, _)| *total > 0).count() >= 20, "admin1 queries should match events");
        let again: Vec<_> = corpus.iter().take(300).map(|(d, e)| pending(d, e).unwrap()).collect();
        migrated.commit(&again).unwrap();
        assert_eq!((answers(&mut migrated), admin1_answers(&mut migrated)), want);
        for admin1 in ["Aleppo", "Gaza"] {
            let expected = corpus
                .iter()
                .flat_map(|(_, events)| events)
                .filter(|e| !e.modality.negated && !e.modality.hypothetical)
                .filter(|e| e.location.as_ref().and_then(|l| l.admin1.as_deref()).map(fold) == Some(fold(admin1)))
                .count() as u64;
            let q = EventQuery { admin1: Some(admin1.into()), ..Default::default() };
            assert_eq!(migrated.page(&q.validate().unwrap()).unwrap().total, expected, "{admin1}");
        }
    }

    /// Queries the schema-6 indexes answer differently (boxes across the equator and with fractional edges, country
    /// with dates, types, text and offsets, actors with both modalities): total and page ids.
    fn schema_6_answers(store: &mut SqliteBackend) -> Vec<(String, u64, Vec<String>)> {
        let mut queries = Vec::new();
        for bbox in [[28.0, -2.5, 31.0, 2.5], [177.0, -18.5, 179.5, -16.0], [36.01, 35.5, 37.99, 36.6], [-79.0, 0.99, -75.0, 1.99]] {
            queries.push(EventQuery { bbox: Some(bbox), ..Default::default() });
            queries.push(EventQuery { bbox: Some(bbox), include_negated: true, include_hypothetical: true, ..Default::default() });
        }
        for (i, country) in ["SYR", "COD", "FJI", "UKR"].into_iter().enumerate() {
            let year = format!("{}", 2016 + i);
            let country = Some(country.to_string());
            queries.push(EventQuery { country: country.clone(), date_from: Some(format!("{year}-03-01")), date_to: Some(format!("{year}-09-30")), ..Default::default() });
            queries.push(EventQuery { country: country.clone(), event_type: Some("ASSAULT".into()), ..Default::default() });
            queries.push(EventQuery { country: country.clone(), text: Some("convoy".into()), ..Default::default() });
            queries.push(EventQuery { country: country.clone(), offset: 150, include_negated: true, ..Default::default() });
            queries.push(EventQuery { country: country.clone(), min_confidence: Some(0.8), limit: 1000, ..Default::default() });
        }
        for actor in ["SYRMIL", "Islamic State", "syrian army", "Hamas militants", "nobody"] {
            queries.push(EventQuery { actor: Some(actor.into()), ..Default::default() });
            queries.push(EventQuery { actor: Some(actor.into()), include_negated: true, include_hypothetical: true, limit: 1000, ..Default::default() });
            queries.push(EventQuery { actor: Some(actor.into()), country: Some("SYR".into()), ..Default::default() });
        }
        queries
            .into_iter()
            .enumerate()
            .map(|(i, q)| {
                let page = store.page(&q.validate().unwrap()).unwrap();
                (format!("#{i} {q:?}"), page.total, page.events.iter().map(|e| e.id.clone()).collect())
            })
            .collect()
    }

    /// A schema-5 store upgraded in place (actor keys in one table, the place index in insertion order) answers every benchmark query kind, the admin1 queries and the queries those
    /// indexes serve exactly as it did before and as a store written at the current schema, also after documents
    /// are replaced; replacing leaves no actor key of a replaced event behind.
    #[test]
    fn migration_6_upgrades_a_schema_5_store_in_place_with_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let old_path = dir.path().join("v5.db");
        let old_path = old_path.to_str().unwrap();
        let new_path = dir.path().join("v6.db");
        let new_path = new_path.to_str().unwrap();
        let corpus: Vec<_> = crate::synthetic::corpus(3000, 11).collect();
        let batch: Vec<_> = corpus.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        let all = |store: &mut SqliteBackend| (answers(store), admin1_answers(store), schema_6_answers(store));
        let before = {
            let mut old = SqliteBackend::open_at(old_path, false, 5).unwrap();
            assert_eq!(version(&old.conn), 5);
            old.commit(&batch).unwrap();
            all(&mut old)
        };
        let mut migrated = SqliteBackend::open(old_path, false).unwrap();
        assert_eq!(version(&migrated.conn), MIGRATIONS.len() as i64);
        let mut fresh = SqliteBackend::open(new_path, false).unwrap();
        fresh.commit(&batch).unwrap();
        let want = all(&mut fresh);
        assert_eq!(before, want);
        assert_eq!(all(&mut migrated), want);
        let matched = want.2.iter().filter(|(_, total, _)| *total > 0).count();
        assert!(matched >= 36, "the queries should match events ({matched} of {})", want.2.len());
        // every key row belongs to a stored event, and each event has exactly its distinct keys
        let key_rows = |s: &SqliteBackend| -> (i64, i64) {
            let rows = s.conn.query_row("SELECT count(*) FROM actor_keys", [], |r| r.get(0)).unwrap();
            let listed = s
                .conn
                .query_row("SELECT sum(json_array_length(actor_keys)) FROM event_records", [], |r| r.get(0))
                .unwrap();
            (rows, listed)
        };
        let expected_keys: i64 = batch.iter().flat_map(|p| &p.events).map(|e| distinct_actor_keys(e).len() as i64).sum();
        assert_eq!(key_rows(&migrated), (expected_keys, expected_keys));
        assert_eq!(key_rows(&fresh), (expected_keys, expected_keys));
        // replacing documents after the upgrade, some events changing their modality (so their hidden value)
        let again: Vec<_> = corpus
            .iter()
            .take(300)
            .map(|(d, events)| {
                let mut events = events.clone();
                for e in events.iter_mut().step_by(3) {
                    e.modality.negated = !e.modality.negated;
                }
                (d, events)
            })
            .collect();
        let again_rows: Vec<_> = again.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        migrated.commit(&again_rows).unwrap();
        fresh.commit(&again_rows).unwrap();
        let changed = all(&mut fresh);
        assert_ne!(changed, want, "the replacement should change some answers");
        assert_eq!(all(&mut migrated), changed);
        assert_eq!(key_rows(&migrated), (expected_keys, expected_keys));
        assert_eq!(key_rows(&fresh), (expected_keys, expected_keys));
        // actor totals against counts made in Rust, both modalities included
        for key in ["syrmil", "islamic state", "hamas militants"] {
            let expected = corpus
                .iter()
                .skip(300)
                .flat_map(|(_, events)| events.iter())
                .chain(again.iter().flat_map(|(_, events)| events.iter()))
                .filter(|e| {
                    e.actors.iter().chain(&e.recipients).any(|a| {
                        a.code.as_deref().map(fold).as_deref() == Some(key) || fold(&a.name) == key || fold(&a.text) == key
                    })
                })
                .count() as u64;
            let q = EventQuery { actor: Some(key.into()), include_negated: true, include_hypothetical: true, ..Default::default() };
            assert_eq!(migrated.page(&q.validate().unwrap()).unwrap().total, expected, "{key}");
        }
    }

    /// The index definitions of `events` as the schema holds them, by name.
    fn event_indexes(s: &SqliteBackend) -> Vec<(String, String)> {
        let mut stmt = s
            .conn
            .prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    }

    /// A schema-6 store migrates to 7 (a table for deferred index definitions) with the same answers.
    #[test]
    fn migration_7_upgrades_a_schema_6_store_with_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v6.db");
        let path = path.to_str().unwrap();
        let batch: Vec<_> = crate::synthetic::corpus(1500, 13).map(|(d, e)| pending(&d, &e).unwrap()).collect();
        let all = |store: &mut SqliteBackend| (answers(store), admin1_answers(store), schema_6_answers(store));
        let (before, indexes) = {
            let mut old = SqliteBackend::open_at(path, false, 6).unwrap();
            old.commit(&batch).unwrap();
            // schema 6 has no bulk loads
            assert!(!old.begin_bulk_load().unwrap());
            (all(&mut old), event_indexes(&old))
        };
        let mut migrated = SqliteBackend::open_at(path, false, 7).unwrap();
        assert_eq!(version(&migrated.conn), 7);
        let deferred: i64 = migrated.conn.query_row("SELECT count(*) FROM deferred_indexes", [], |r| r.get(0)).unwrap();
        assert_eq!(deferred, 0);
        assert_eq!(event_indexes(&migrated), indexes);
        assert_eq!(all(&mut migrated), before);
    }

    /// A minimum confidence alone is answered from the kept per-hundredth counts (schema 8) with the totals a row
    /// count gives: on and between hundredths, at the coder's rounded confidences (0.29 is stored as 0.28999…),
    /// with flagged modalities, after events are replaced, and on a schema-7 store upgraded in place.
    #[test]
    fn a_minimum_confidence_alone_is_counted_exactly_from_kept_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let path = path.to_str().unwrap();
        let mut corpus: Vec<_> = crate::synthetic::corpus(1200, 23).collect();
        for (i, e) in corpus.iter_mut().flat_map(|(_, e)| e.iter_mut()).enumerate() {
            if i % 2 == 0 {
                e.confidence = (i % 101) as f32 / 100.0;
            }
        }
        let rows: Vec<_> = corpus.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        let mut replaced = corpus[..corpus.len() / 3].to_vec();
        for e in replaced.iter_mut().flat_map(|(_, e)| e.iter_mut()) {
            e.confidence = 1.0 - e.confidence;
        }
        let replaced: Vec<_> = replaced.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        let thresholds = [0.0, 0.05, 0.29, 0.3, 0.5, 0.57, 0.8, 0.85, 0.853, 0.99, 1.0];
        let check = |store: &mut SqliteBackend, when: &str| {
            for &c in &thresholds {
                for (negated, hypothetical) in [(false, false), (true, true)] {
                    let q = EventQuery {
                        min_confidence: Some(c),
                        include_negated: negated,
                        include_hypothetical: hypothetical,
                        ..Default::default()
                    };
                    let hidden = if negated { "0, 1, 2, 3" } else { "0" };
                    let rows: i64 = store
                        .conn
                        .query_row(
                            &format!("SELECT count(*) FROM events WHERE confidence >= ?1 AND hidden IN ({hidden})"),
                            params![c],
                            |r| r.get(0),
                        )
                        .unwrap();
                    let total = store.page(&q.validate().unwrap()).unwrap().total;
                    assert_eq!(total, rows as u64, "{when}: min_confidence {c}, flagged {negated}");
                }
            }
        };
        {
            let mut old = SqliteBackend::open_at(path, false, 7).unwrap();
            old.commit(&rows).unwrap();
        }
        let mut store = SqliteBackend::open(path, false).unwrap();
        assert_eq!(version(&store.conn), MIGRATIONS.len() as i64);
        check(&mut store, "migrated");
        store.commit(&replaced).unwrap();
        check(&mut store, "after replacing events");
        // every event is in exactly one hundredth's kept count
        let kept: i64 = store
            .conn
            .query_row("SELECT sum(n) FROM event_counts WHERE dim = 'confidence'", [], |r| r.get(0))
            .unwrap();
        let events: i64 = store.conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, events);
    }

    /// A bulk load into an empty store drops the date and country indexes, keeps the ones that find duplicates and
    /// rewritten documents and those in insertion order, answers every query as a store written row by row (during
    /// the load too), and ends with the same indexes; into a store with events it defers nothing.
    #[test]
    fn a_bulk_load_defers_the_filter_indexes_and_gives_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
        let corpus: Vec<_> = crate::synthetic::corpus(3000, 17).collect();
        let rows: Vec<_> = corpus.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        // the second half again with some events' modality changed, and one event moved to another document:
        // replacements of documents and of events by id within the load
        let mut again: Vec<_> = corpus[corpus.len() / 2..].to_vec();
        for (_, events) in again.iter_mut() {
            for e in events.iter_mut().step_by(4) {
                e.modality.negated = !e.modality.negated;
            }
        }
        let moved = corpus[0].1[0].clone();
        let target = again.iter().position(|(_, e)| !e.is_empty()).unwrap();
        let moved = sitrep_model::Event { doc_id: again[target].0.id.clone(), sentence_index: 99, ..moved };
        again[target].1.push(moved);
        let again_rows: Vec<_> = again.iter().map(|(d, e)| pending(d, e).unwrap()).collect();
        let all = |store: &mut SqliteBackend| (answers(store), admin1_answers(store), schema_6_answers(store));

        let mut plain = SqliteBackend::open(&path("plain.db"), false).unwrap();
        let indexes = event_indexes(&plain);
        plain.commit(&rows).unwrap();
        plain.commit(&again_rows).unwrap();
        let want = all(&mut plain);

        let mut bulk = SqliteBackend::open(&path("bulk.db"), false).unwrap();
        assert!(bulk.begin_bulk_load().unwrap());
        let during = event_indexes(&bulk);
        let kept: Vec<_> = during.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(kept, ["events_admin1", "events_doc", "events_place", "events_type", "sqlite_autoindex_events_1"]);
        // asked again, nothing more to defer
        assert!(!bulk.begin_bulk_load().unwrap());
        for chunk in rows.chunks(400) {
            bulk.commit(chunk).unwrap();
        }
        bulk.commit(&again_rows).unwrap();
        assert_eq!(event_indexes(&bulk), during);
        assert_eq!(all(&mut bulk), want, "answers during the load");
        let stored = |s: &SqliteBackend| -> (i64, i64) {
            s.conn.query_row("SELECT count(*), count(DISTINCT id) FROM events", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap()
        };
        let distinct = rows.iter().flat_map(|p| &p.events).map(|e| e.id.as_str()).collect::<std::collections::HashSet<_>>().len();
        assert_eq!(stored(&bulk), (distinct as i64, distinct as i64), "one copy of each event");
        assert_eq!(stored(&bulk), stored(&plain));
        let moved_doc: String =
            bulk.conn.query_row("SELECT doc_id FROM events WHERE id = ?1", [&corpus[0].1[0].id], |r| r.get(0)).unwrap();
        assert_eq!(moved_doc, again[target].0.id);
        bulk.finish_bulk_load().unwrap();
        assert_eq!(event_indexes(&bulk), indexes);
        let deferred: i64 = bulk.conn.query_row("SELECT count(*) FROM deferred_indexes", [], |r| r.get(0)).unwrap();
        assert_eq!(deferred, 0);
        assert_eq!(all(&mut bulk), want);
        let analysed: i64 = bulk
            .conn
            .query_row("SELECT count(*) FROM sqlite_stat1 WHERE idx IN ('events_date', 'events_country')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(analysed, 2, "the built indexes have statistics");
        // the store has events now: a second load keeps its indexes
        assert!(!bulk.begin_bulk_load().unwrap());
        assert_eq!(event_indexes(&bulk), indexes);
        let matched = want.0.iter().filter(|(_, total, _)| *total > 0).count();
        assert!(matched > 100, "the queries should match events ({matched} of {})", want.0.len());
    }

    /// A bulk load cut short (the process ends without finishing it) leaves its commits readable, and the next
    /// read-write open builds the deferred indexes.
    #[test]
    fn an_unfinished_bulk_load_gets_its_indexes_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.db");
        let path = path.to_str().unwrap();
        let rows: Vec<_> = crate::synthetic::corpus(800, 19).map(|(d, e)| pending(&d, &e).unwrap()).collect();
        let indexes = {
            let mut store = SqliteBackend::open(path, false).unwrap();
            let indexes = event_indexes(&store);
            assert!(store.begin_bulk_load().unwrap());
            store.commit(&rows).unwrap();
            indexes
        };
        let mut reader = SqliteBackend::open(path, true).unwrap();
        assert_eq!(event_indexes(&reader).len(), 5);
        let want = answers(&mut reader);
        assert!(want.iter().any(|(_, total, _)| *total > 0));
        let mut writer = SqliteBackend::open(path, false).unwrap();
        assert_eq!(event_indexes(&writer), indexes);
        assert_eq!(answers(&mut writer), want);
        // the reader that opened during the load sees the built indexes too (and may walk the date index again)
        assert_eq!(answers(&mut reader), want);
    }

    /// A new database gets 16 KB pages and a writer checkpoints every 2 GB of WAL whatever the page size; `sync`
    /// leaves an empty WAL with every commit in the database file.
    #[test]
    fn new_databases_get_large_pages_and_sync_empties_the_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let path = path.to_str().unwrap();
        let mut store = SqliteBackend::open(path, false).unwrap();
        let pragma =
            |s: &SqliteBackend, p: &str| -> i64 { s.conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0)).unwrap() };
        assert_eq!(pragma(&store, "page_size"), 16384);
        assert_eq!(pragma(&store, "wal_autocheckpoint") * 16384, WAL_CHECKPOINT_BYTES);
        let batch: Vec<_> = crate::synthetic::corpus(200, 1).map(|(d, e)| pending(&d, &e).unwrap()).collect();
        store.commit(&batch).unwrap();
        let wal = std::path::PathBuf::from(format!("{path}-wal"));
        assert!(std::fs::metadata(&wal).unwrap().len() > 0);
        store.sync().unwrap();
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
        let reader = SqliteBackend::open(path, true).unwrap();
        let n: i64 = reader.conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
        assert_eq!(n, batch.iter().map(|p| p.events.len() as i64).sum::<i64>());
    }

    #[test]
    fn a_database_from_a_newer_sitrep_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let path = path.to_str().unwrap();
        drop(SqliteBackend::open(path, false).unwrap());
        Connection::open(path).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
        assert!(matches!(SqliteBackend::open(path, false), Err(StoreError::Schema(m)) if m.contains("99")));
    }
}
