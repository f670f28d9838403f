//! The server backend: PostgreSQL through the synchronous `postgres` client. Same tables and columns as SQLite,
//! with the record as `jsonb` and a `tsvector` (GIN-indexed) of the same words SQLite's FTS5 table indexes.
//!
//! Tables go to the first schema of the connection's `search_path`; pass
//! `?options=-csearch_path%3DNAME` in the URL to keep several stores in one database.

use postgres::types::ToSql;
use postgres::{Client, NoTls};
use sitrep_model::{Document, Event};

use crate::query::{Dialect, EventPage, Filters, Param};
use crate::record::{document_from_json, event_from_json, DocMeta, Pending};
use crate::store::{Backend, FusedRecord};
use crate::StoreError;

/// Schema steps, applied in order; `sitrep_schema.version` is the number applied. Never edit a shipped step.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the tables. COLLATE "C" on ordered text columns so the order is bytewise, as in SQLite, whatever the
    // database's locale.
    r#"
    CREATE TABLE documents (
        id text COLLATE "C" PRIMARY KEY,
        text text NOT NULL,
        title text,
        url text,
        publication_date text,
        source text,
        input text NOT NULL,
        json jsonb NOT NULL
    );
    CREATE TABLE events (
        id text COLLATE "C" PRIMARY KEY,
        doc_id text COLLATE "C" NOT NULL,
        event_type text NOT NULL,
        mode text,
        cameo text,
        date_start text COLLATE "C",
        date_end text COLLATE "C",
        date_precision text NOT NULL,
        lat double precision,
        lon double precision,
        country text,
        admin1 text,
        admin1_key text,
        confidence double precision NOT NULL,
        negated boolean NOT NULL,
        hypothetical boolean NOT NULL,
        hidden smallint NOT NULL,
        tsv tsvector NOT NULL,
        json jsonb NOT NULL
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE TABLE sitrep_meta (key text PRIMARY KEY, value bigint NOT NULL);
    CREATE INDEX events_tsv ON events USING gin(tsv);
    CREATE TABLE event_actors (
        event_id text COLLATE "C" NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role text NOT NULL,
        position integer NOT NULL,
        code text,
        name text NOT NULL,
        text text NOT NULL,
        code_key text,
        name_key text NOT NULL,
        text_key text NOT NULL
    );
    CREATE INDEX event_actors_event ON event_actors(event_id);
    "#,
    // 2: indexes for the filters.
    r#"
    CREATE INDEX events_date ON events(hidden, date_start NULLS FIRST, id, date_end);
    CREATE INDEX events_country ON events(hidden, country, date_start NULLS FIRST, id);
    CREATE INDEX events_type ON events(hidden, event_type, date_start NULLS FIRST, id);
    CREATE INDEX events_admin1 ON events(hidden, admin1_key, date_start NULLS FIRST, id);
    CREATE INDEX events_place ON events(hidden, lat, lon);
    CREATE INDEX event_actors_code ON event_actors(code_key);
    CREATE INDEX event_actors_name ON event_actors(name_key);
    CREATE INDEX event_actors_text ON event_actors(text_key);
    "#,
    // 3: fused events (see docs/store.md): documents and events get their insertion order (a rewritten document
    // keeps its place), which the fusion reads them in; each fused event is kept as its record; `sitrep_meta`
    // `fused_through` is the `seq` of the last document fused into them.
    r#"
    ALTER TABLE documents ADD COLUMN seq bigserial;
    CREATE UNIQUE INDEX documents_seq ON documents(seq);
    ALTER TABLE events ADD COLUMN seq bigserial;
    CREATE TABLE fused_events (id text COLLATE "C" PRIMARY KEY, json jsonb NOT NULL);
    CREATE TABLE fused_members (event_id text COLLATE "C" PRIMARY KEY, fused_id text COLLATE "C" NOT NULL);
    CREATE INDEX fused_members_fused ON fused_members(fused_id);
    "#,
];

/// Serialises concurrent migrations of the same database (any value unique to sitrep).
const MIGRATION_LOCK: i64 = 0x5174_7265_7000;

const ORDER: &str = "ORDER BY e.date_start NULLS FIRST, e.id";

pub(crate) struct PgBackend {
    client: Client,
}

fn err(context: &str) -> impl FnOnce(postgres::Error) -> StoreError + '_ {
    move |source| StoreError::Postgres { context: context.to_string(), source }
}

fn to_params(params: Vec<Param>) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .into_iter()
        .map(|p| -> Box<dyn ToSql + Sync> {
            match p {
                Param::Text(s) => Box::new(s),
                Param::Real(f) => Box::new(f),
            }
        })
        .collect()
}

fn refs(params: &[Box<dyn ToSql + Sync>]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref()).collect()
}

/// Applies the migrations after the stored version, up to `target`, in one transaction under an advisory lock.
pub(crate) fn migrate(client: &mut Client, target: usize) -> Result<(), StoreError> {
    let mut tx = client.transaction().map_err(err("starting a migration"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).map_err(err("locking for a migration"))?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version integer NOT NULL)").map_err(err("migrating"))?;
    let row = tx.query_opt("SELECT version FROM sitrep_schema", &[]).map_err(err("reading the schema version"))?;
    let version = match row {
        Some(r) => r.get::<_, i32>(0),
        None => {
            tx.execute("INSERT INTO sitrep_schema (version) VALUES (0)", &[]).map_err(err("migrating"))?;
            0
        }
    };
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(StoreError::Schema(format!(
            "the database has schema version {version}; this sitrep knows up to {}: use a newer sitrep",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target).skip(version) {
        tx.batch_execute(sql).map_err(err("migrating"))?;
        let v = i32::try_from(i + 1).unwrap_or(i32::MAX);
        tx.execute("UPDATE sitrep_schema SET version = $1", &[&v]).map_err(err("migrating"))?;
    }
    tx.commit().map_err(err("committing a migration"))
}

impl PgBackend {
    pub fn open(url: &str, read_only: bool) -> Result<PgBackend, StoreError> {
        Self::open_at(url, read_only, MIGRATIONS.len())
    }

    pub(crate) fn open_at(url: &str, read_only: bool, version: usize) -> Result<PgBackend, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(err("connecting"))?;
        if read_only {
            client.batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY").map_err(err("connecting"))?;
            let row = client
                .query_opt("SELECT version FROM sitrep_schema", &[])
                .map_err(err("reading the schema version (is this a sitrep store?)"))?;
            let v = row.map(|r| r.get::<_, i32>(0)).unwrap_or(0);
            if v != MIGRATIONS.len() as i32 {
                return Err(StoreError::Schema(format!(
                    "the database has schema version {v}, this sitrep needs {}: open it once read-write to migrate",
                    MIGRATIONS.len()
                )));
            }
        } else {
            migrate(&mut client, version)?;
        }
        Ok(PgBackend { client })
    }

    /// The widest stored date range in days (0 for an empty store).
    fn max_span_days(&mut self) -> Result<i64, StoreError> {
        let row = self
            .client
            .query_opt("SELECT value FROM sitrep_meta WHERE key = 'max_span_days'", &[])
            .map_err(err("reading the store's date span"))?;
        Ok(row.map(|r| r.get::<_, i64>(0)).unwrap_or(0))
    }

    fn count(&mut self, filters: &Filters) -> Result<u64, StoreError> {
        let (w, p) = filters.where_clause(Dialect::Postgres);
        let p = to_params(p);
        let row = self
            .client
            .query_one(&format!("SELECT count(*) FROM events e WHERE {w}"), &refs(&p))
            .map_err(err("counting events"))?;
        Ok(row.get::<_, i64>(0).max(0) as u64)
    }
}

impl Backend for PgBackend {
    fn commit(&mut self, pending: &[Pending]) -> Result<(), StoreError> {
        let mut tx = self.client.transaction().map_err(err("starting a write"))?;
        let delete_doc_events = tx.prepare("DELETE FROM events WHERE doc_id = $1").map_err(err("preparing"))?;
        let upsert_doc = tx
            .prepare(
                "INSERT INTO documents (id, text, title, url, publication_date, source, input, json)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)
                 ON CONFLICT (id) DO UPDATE SET text = excluded.text, title = excluded.title, url = excluded.url,
                   publication_date = excluded.publication_date, source = excluded.source, input = excluded.input,
                   json = excluded.json",
            )
            .map_err(err("preparing"))?;
        let append_doc = tx
            .prepare("UPDATE documents SET text = text || E'\\n\\n' || $2 WHERE id = $1")
            .map_err(err("preparing"))?;
        let delete_event = tx.prepare("DELETE FROM events WHERE id = $1").map_err(err("preparing"))?;
        let insert_event = tx
            .prepare(
                "INSERT INTO events (id, doc_id, event_type, mode, cameo, date_start, date_end, date_precision,
                   lat, lon, country, admin1, admin1_key, confidence, negated, hypothetical, hidden, tsv, json)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   to_tsvector('simple', $18::text), $19::text::jsonb)",
            )
            .map_err(err("preparing"))?;
        let insert_actor = tx
            .prepare(
                "INSERT INTO event_actors (event_id, role, position, code, name, text, code_key, name_key, text_key)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .map_err(err("preparing"))?;
        let mut max_span = 0i64;
        for p in pending {
            let d = &p.doc;
            let appended = d.continues && tx.execute(&append_doc, &[&d.id, &d.text]).map_err(err("writing a document"))? > 0;
            if !appended {
                if !d.continues {
                    tx.execute(&delete_doc_events, &[&d.id]).map_err(err("replacing a document's events"))?;
                }
                tx.execute(&upsert_doc, &[&d.id, &d.text, &d.title, &d.url, &d.publication_date, &d.source, &d.input, &d.json])
                    .map_err(err("writing a document"))?;
            }
            for e in &p.events {
                max_span = max_span.max(e.span_days);
                tx.execute(&delete_event, &[&e.id]).map_err(err("replacing an event"))?;
                tx.execute(
                    &insert_event,
                    &[
                        &e.id,
                        &e.doc_id,
                        &e.event_type,
                        &e.mode,
                        &e.cameo,
                        &e.date_start,
                        &e.date_end,
                        &e.date_precision,
                        &e.lat,
                        &e.lon,
                        &e.country,
                        &e.admin1,
                        &e.admin1_key,
                        &e.confidence,
                        &e.negated,
                        &e.hypothetical,
                        &(e.hidden as i16),
                        &e.search_terms,
                        &e.json,
                    ],
                )
                .map_err(err("writing an event"))?;
                for a in &e.actors {
                    let position = i32::try_from(a.position).unwrap_or(i32::MAX);
                    tx.execute(
                        &insert_actor,
                        &[&e.id, &a.role, &position, &a.code, &a.name, &a.text, &a.code_key, &a.name_key, &a.text_key],
                    )
                    .map_err(err("writing an actor"))?;
                }
            }
        }
        tx.execute(
            "INSERT INTO sitrep_meta (key, value) VALUES ('max_span_days', $1)
             ON CONFLICT (key) DO UPDATE SET value = greatest(sitrep_meta.value, excluded.value)",
            &[&max_span],
        )
        .map_err(err("writing"))?;
        tx.commit().map_err(err("committing"))
    }

    fn page(&mut self, filters: &Filters) -> Result<EventPage, StoreError> {
        let filters = &filters.with_date_floor(self.max_span_days()?);
        let total = self.count(filters)?;
        let (w, p) = filters.where_clause(Dialect::Postgres);
        let n = p.len();
        let mut p = to_params(p);
        p.push(Box::new(filters.limit as i64));
        p.push(Box::new(filters.offset as i64));
        let sql = format!("SELECT e.id, e.json::text FROM events e WHERE {w} {ORDER} LIMIT ${} OFFSET ${}", n + 1, n + 2);
        let rows = self.client.query(&sql, &refs(&p)).map_err(err("querying events"))?;
        let mut events = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.get(0);
            let json: String = r.get(1);
            events.push(event_from_json(&id, &json)?);
        }
        Ok(EventPage { total, events })
    }

    fn day_counts(&mut self, filters: &Filters) -> Result<Vec<(String, u64)>, StoreError> {
        let filters = &filters.with_date_floor(self.max_span_days()?);
        let (w, p) = filters.where_clause(Dialect::Postgres);
        let p = to_params(p);
        let sql = format!(
            "SELECT e.date_start, count(*) FROM events e WHERE {w} AND e.date_start IS NOT NULL
             GROUP BY e.date_start ORDER BY e.date_start"
        );
        let rows = self.client.query(&sql, &refs(&p)).map_err(err("counting by day"))?;
        Ok(rows.into_iter().map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1).max(0) as u64)).collect())
    }

    fn event(&mut self, id: &str) -> Result<Option<Event>, StoreError> {
        let row = self
            .client
            .query_opt("SELECT json::text FROM events WHERE id = $1", &[&id])
            .map_err(err("reading an event"))?;
        row.map(|r| event_from_json(id, r.get::<_, &str>(0))).transpose()
    }

    fn document(&mut self, id: &str) -> Result<Option<Document>, StoreError> {
        let row = self
            .client
            .query_opt("SELECT json::text, text FROM documents WHERE id = $1", &[&id])
            .map_err(err("reading a document"))?;
        row.map(|r| document_from_json(id, r.get::<_, &str>(0), r.get::<_, String>(1))).transpose()
    }

    fn for_each_document(
        &mut self,
        visit: &mut dyn FnMut(i64, Document, Vec<Event>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // in chunks of documents, each with one query for their events: the synchronous client cannot run a
        // query while it streams another
        let mut after = i64::MIN;
        loop {
            let docs = self
                .client
                .query("SELECT seq, id, json::text, text FROM documents WHERE seq > $1 ORDER BY seq LIMIT 500", &[&after])
                .map_err(err("reading documents"))?;
            let Some(last) = docs.last() else { return Ok(()) };
            after = last.get(0);
            let ids: Vec<String> = docs.iter().map(|r| r.get(1)).collect();
            let rows = self
                .client
                .query("SELECT doc_id, id, json::text FROM events WHERE doc_id = ANY($1) ORDER BY seq", &[&ids])
                .map_err(err("reading events"))?;
            let mut by_doc: std::collections::HashMap<String, Vec<Event>> = std::collections::HashMap::new();
            for r in rows {
                let event = event_from_json(r.get::<_, &str>(1), r.get::<_, &str>(2))?;
                by_doc.entry(r.get(0)).or_default().push(event);
            }
            for r in docs {
                let id: String = r.get(1);
                let doc = document_from_json(&id, r.get::<_, &str>(2), r.get(3))?;
                let events = by_doc.remove(&id).unwrap_or_default();
                visit(r.get(0), doc, events)?;
            }
        }
    }

    fn fused(&mut self) -> Result<(Vec<String>, i64), StoreError> {
        let rows = self.client.query("SELECT json::text FROM fused_events ORDER BY id", &[]).map_err(err("reading fused events"))?;
        let through = self
            .client
            .query_opt("SELECT value FROM sitrep_meta WHERE key = 'fused_through'", &[])
            .map_err(err("reading fused events"))?;
        Ok((rows.into_iter().map(|r| r.get(0)).collect(), through.map_or(0, |r| r.get(0))))
    }

    fn write_fused(&mut self, fused: &[FusedRecord], through: i64) -> Result<(), StoreError> {
        let mut tx = self.client.transaction().map_err(err("starting a write"))?;
        let upsert = tx
            .prepare("INSERT INTO fused_events (id, json) VALUES ($1, $2::text::jsonb) ON CONFLICT (id) DO UPDATE SET json = excluded.json")
            .map_err(err("preparing"))?;
        let forget = tx.prepare("DELETE FROM fused_members WHERE fused_id = $1").map_err(err("preparing"))?;
        let member = tx
            .prepare(
                "INSERT INTO fused_members (event_id, fused_id) VALUES ($1, $2)
                 ON CONFLICT (event_id) DO UPDATE SET fused_id = excluded.fused_id",
            )
            .map_err(err("preparing"))?;
        for f in fused {
            tx.execute(&upsert, &[&f.id, &f.json]).map_err(err("writing a fused event"))?;
            tx.execute(&forget, &[&f.id]).map_err(err("writing a fused event"))?;
            for e in &f.events {
                tx.execute(&member, &[e, &f.id]).map_err(err("writing a fused event"))?;
            }
        }
        tx.execute(
            "INSERT INTO sitrep_meta (key, value) VALUES ('fused_through', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&through],
        )
        .map_err(err("writing a fused event"))?;
        tx.commit().map_err(err("committing"))
    }

    fn fused_event_of(&mut self, event_id: &str) -> Result<Option<String>, StoreError> {
        let row = self
            .client
            .query_opt(
                "SELECT f.json::text FROM fused_members m JOIN fused_events f ON f.id = m.fused_id WHERE m.event_id = $1",
                &[&event_id],
            )
            .map_err(err("reading a fused event"))?;
        Ok(row.map(|r| r.get(0)))
    }

    fn for_each(
        &mut self,
        filters: &Filters,
        visit: &mut dyn FnMut(Event, DocMeta) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let filters = &filters.with_date_floor(self.max_span_days()?);
        let (w, p) = filters.where_clause(Dialect::Postgres);
        let p = to_params(p);
        let sql = format!(
            "SELECT e.id, e.json::text, d.title, d.url, d.source, d.publication_date
             FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE {w} {ORDER}"
        );
        // A portal streams the result in chunks instead of holding every row in memory.
        let mut tx = self.client.transaction().map_err(err("exporting events"))?;
        let stmt = tx.prepare(&sql).map_err(err("exporting events"))?;
        let portal = tx.bind(&stmt, &refs(&p)).map_err(err("exporting events"))?;
        loop {
            let rows = tx.query_portal(&portal, 2000).map_err(err("exporting events"))?;
            if rows.is_empty() {
                break;
            }
            for r in rows {
                let id: String = r.get(0);
                let json: String = r.get(1);
                let meta = DocMeta { title: r.get(2), url: r.get(3), source: r.get(4), publication_date: r.get(5) };
                visit(event_from_json(&id, &json)?, meta)?;
            }
        }
        tx.commit().map_err(err("exporting events"))
    }
}
