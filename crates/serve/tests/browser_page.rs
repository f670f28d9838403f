//! The web page in a real headless Chromium: the server runs on the coded examples and
//! `browser-test/page.test.mjs` (playwright-core) loads the page, checks the table, dots, outlines and timeline,
//! selects an event and checks that the evidence marks the actor's and trigger's spans, that the panel shows the
//! fused event holding it (the examples are fused as `sitrep demo` does) and that the URL carries the
//! selection, restores filters from the URL, and filters by clicking the timeline.
//!
//! Needs `node`, `/usr/bin/chromium` (or `SITREP_CHROMIUM`) and `npm ci` run in `crates/serve/browser-test`
//! (`.ci/run` does both). Without them it prints "skipping: …" and passes, unless `CI=true`, where it fails.
//! `SITREP_SCREENSHOTS=1` writes `docs/img/serve-page.png` and `docs/img/serve-evidence.png`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Demo;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the test needs that the machine may lack, or why it cannot run.
fn missing() -> Option<String> {
    let chromium = chromium();
    if !chromium.exists() {
        return Some(format!("no browser at {} (apt-get install chromium)", chromium.display()));
    }
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        _ => return Some("no `node` on PATH (apt-get install nodejs npm)".into()),
    }
    let module = manifest_dir().join("browser-test/node_modules/playwright-core/package.json");
    if !module.exists() {
        return Some("playwright-core is not installed (cd crates/serve/browser-test && npm ci)".into());
    }
    None
}

fn chromium() -> PathBuf {
    std::env::var_os("SITREP_CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_events_and_highlights_the_evidence_in_chromium() {
    if let Some(why) = missing() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("the browser test must run in CI: {why}");
        }
        println!("skipping: {why}");
        return;
    }

    let demo = Demo::build();
    let asserted = demo.asserted();
    // an event with an actor whose span lies in its evidence sentence, on the map if there is such a one
    let in_evidence = |e: &&&sitrep_model::Event| {
        e.actors.first().is_some_and(|a| e.evidence_span.0 <= a.span.0 && a.span.1 <= e.evidence_span.1)
            && e.evidence_span.0 <= e.trigger.span.0
            && e.trigger.span.1 <= e.evidence_span.1
    };
    let located = |e: &&&sitrep_model::Event| e.location.as_ref().is_some_and(|l| l.lat.is_some());
    let event = asserted
        .iter()
        .filter(in_evidence)
        .find(located)
        .or_else(|| asserted.iter().find(in_evidence))
        .expect("an example event with an actor in its evidence");
    let expect = serde_json::json!({
        "total": asserted.len(),
        "event": {
            "id": event.id,
            "actor": event.actors[0].text,
            "trigger": event.trigger.text,
            "type": event.event_type.as_str(),
            "evidence": event.evidence,
            "located": event.location.as_ref().is_some_and(|l| l.lat.is_some()),
        },
    });

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind an ephemeral port");
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sitrep_serve::serve(listener, demo.pool(), async {
        let _ = stopped.await;
    }));

    let dir = manifest_dir().join("browser-test");
    let shots = std::env::var("SITREP_SCREENSHOTS").is_ok_and(|v| v == "1").then(|| manifest_dir().join("../../docs/img"));
    let outcome = tokio::task::spawn_blocking(move || run_node(&dir, addr, &expect, shots.as_deref()))
        .await
        .expect("node runner");

    let _ = stop.send(());
    let _ = server.await;
    let (ok, output) = outcome;
    println!("{output}");
    assert!(ok, "browser checks failed:\n{output}");
}

/// Runs the playwright script with a time limit; returns success and its output.
fn run_node(dir: &Path, addr: std::net::SocketAddr, expect: &serde_json::Value, shots: Option<&Path>) -> (bool, String) {
    let out_path = std::env::temp_dir().join(format!("sitrep-browser-{}.log", std::process::id()));
    let log = std::fs::File::create(&out_path).expect("log file");
    let mut cmd = Command::new("node");
    cmd.arg("page.test.mjs")
        .current_dir(dir)
        .env("SITREP_URL", format!("http://{addr}"))
        .env("SITREP_EXPECT", expect.to_string())
        .env("SITREP_CHROMIUM", chromium())
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log);
    if let Some(shots) = shots {
        std::fs::create_dir_all(shots).expect("screenshot dir");
        cmd.env("SITREP_SCREENSHOT_DIR", shots);
    }
    let mut child = cmd.spawn().expect("start node");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = std::fs::read_to_string(&out_path).unwrap_or_default();
    let _ = std::fs::remove_file(&out_path);
    match status {
        Some(s) => (s.success(), output),
        None => (false, format!("{output}\nnode did not finish within 180 s")),
    }
}
