//! `sitrep demo` keeps the examples in ./sitrep-demo.sqlite and `sitrep serve` answers over it: the README's path
//! from the first command to the page, run through the real binary.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// A plain HTTP/1.0 GET: status line and body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read the response");
    let (head, body) = response.split_once("\r\n\r\n").expect("headers end");
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

#[test]
fn demo_keeps_a_store_that_serve_answers_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep().arg("demo").current_dir(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("6 document(s)"), "{stderr}");
    assert!(stderr.contains("sitrep serve --db sitrep-demo.sqlite"), "the demo says how to see the page: {stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ASSAULT"), "the table is still printed");
    let db = dir.path().join("sitrep-demo.sqlite");
    assert!(db.exists());
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // a second run replaces the store rather than failing or doubling it
    let again = sitrep().arg("demo").current_dir(dir.path()).output().unwrap();
    assert!(again.status.success());
    let mut store = sitrep_store::Store::open_read_only(db.to_str().unwrap()).unwrap();
    let q = sitrep_store::EventQuery { include_negated: true, include_hypothetical: true, ..Default::default() };
    let stored = store.query(&q).unwrap().total;
    drop(store);

    let mut server = sitrep()
        .args(["serve", "--db", db.to_str().unwrap(), "--addr", "127.0.0.1:0", "--pool", "1"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // the bound address is printed once the server listens
    let mut line = String::new();
    BufReader::new(server.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|s| s.split('/').next()).map(str::to_string);
    let result = std::panic::catch_unwind(|| {
        let addr = addr.expect("the server prints its address");
        let (status, body) = http_get(&addr, "/api/events?include=negated,hypothetical&limit=1000");
        assert!(status.contains("200"), "{status}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(page["total"].as_u64().unwrap(), stored);
        let (status, body) = http_get(&addr, "/");
        assert!(status.contains("200") && body.contains("/assets/app.js"), "{status}");
        let (status, body) = http_get(&addr, "/api/events?limit=0");
        assert!(status.contains("400") && body.contains("limit"), "{status} {body}");
    });
    let _ = server.kill();
    let _ = server.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn demo_without_a_store_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep().args(["demo", "--no-db"]).current_dir(dir.path()).output().unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn serve_refuses_a_missing_store_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.sqlite");
    let out = sitrep().args(["serve", "--db", missing.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no store at") && stderr.contains("sitrep demo --db"), "{stderr}");
    assert!(!missing.exists(), "serve never creates a store");
}
