// Drives sitrep's page in the system's headless Chromium through playwright-core. Started by
// crates/serve/tests/browser_page.rs with a server already running on the demo store:
//   SITREP_URL       the server's base URL (http://127.0.0.1:PORT)
//   SITREP_EXPECT    JSON: { total, event: { id, actor, trigger, type }, dated }
//   SITREP_CHROMIUM  the browser (default /usr/bin/chromium)
//   SITREP_SCREENSHOT_DIR  when set, PNG screenshots are written there
// Exits 0 when every check holds; otherwise prints what failed and exits 1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.env.SITREP_URL;
const expect = JSON.parse(process.env.SITREP_EXPECT || "{}");
const executablePath = process.env.SITREP_CHROMIUM || "/usr/bin/chromium";
const shots = process.env.SITREP_SCREENSHOT_DIR || null;
if (!base || !expect.event) {
  console.error("SITREP_URL and SITREP_EXPECT are required");
  process.exit(2);
}

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok: !!ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || detail === undefined ? "" : `: ${detail}`}`);
}

// The closed network here breaks Chromium's background services: switch them all off, and start from a fresh profile.
const profile = mkdtempSync(join(tmpdir(), "sitrep-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1360, height: 860 },
  timeout: 60000,
});

const problems = [];
let exitCode = 1;
try {
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(20000);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  const ready = () => page.waitForFunction(() => document.documentElement.dataset.state === "ready");

  // 1. The page lists the events and draws them.
  await page.goto(`${base}/`);
  await ready();
  const rows = await page.locator("#events-table tbody tr").count();
  check("the table lists every event", rows === Math.min(expect.total, 200), `${rows} rows, ${expect.total} events`);
  const dots = await page.locator("#dots circle").count();
  check("event dots are drawn on the map", dots > 0, `${dots} dots`);
  const countries = await page.locator("#land path").count();
  check("country outlines are drawn", countries > 150, `${countries} outlines`);
  const bars = await page.locator("#timeline rect.bar").count();
  check("the timeline has bars", bars > 0, `${bars} bars`);
  const status = await page.locator("#status").textContent();
  check("the status line gives the total", status.includes(`of ${expect.total}`), status);

  // 2. Clicking an event shows its evidence with each field's span marked, and the URL carries the selection.
  const ev = expect.event;
  await page.locator(`#events-table tbody tr[data-id="${ev.id}"]`).click();
  await page.locator("#evidence mark").first().waitFor();
  const actorText = await page.$$eval('#evidence mark[data-f~="actor0"]', (ms) => ms.map((m) => m.textContent).join(""));
  check("the evidence marks the actor's span", actorText === ev.actor, `marked ${JSON.stringify(actorText)}, want ${JSON.stringify(ev.actor)}`);
  const triggerText = await page.$$eval('#evidence mark[data-f~="trigger"]', (ms) => ms.map((m) => m.textContent).join(""));
  check("the evidence marks the trigger's span", triggerText === ev.trigger, `marked ${JSON.stringify(triggerText)}, want ${JSON.stringify(ev.trigger)}`);
  const actorClass = await page.$eval('#evidence mark[data-f~="actor0"]', (m) => m.className);
  check("actor marks have the actor colour", /\bf-actor\b/.test(actorClass) || actorClass.includes("multi"), actorClass);
  const docActor = await page.$$eval('#doc-text mark[data-f~="actor0"]', (ms) => ms.map((m) => m.textContent).join(""));
  check("the document text marks the same span", docActor === ev.actor, JSON.stringify(docActor));
  const inEvidence = await page.$$eval("#doc-text .in-ev", (ns) => ns.map((n) => n.textContent).join(""));
  check("the document text marks the evidence sentence", inEvidence === ev.evidence, JSON.stringify(inEvidence.slice(0, 80)));
  const legend = await page.locator("#event-panel .legend li").allTextContents();
  check("a legend names the field colours", legend.includes("actor") && legend.includes("trigger"), legend.join(","));
  const fusedHead = await page.locator("#fused h3").textContent();
  check("the panel shows the fused event holding this report", /^Fused event fe-/.test(fusedHead || ""), fusedHead);
  const thisReport = await page.locator("#fused li.this-report").count();
  check("the fused event's reports mark this one", thisReport === 1, String(thisReport));
  let url = new URL(page.url());
  check("the URL carries the selected event", url.searchParams.get("event") === ev.id, page.url());
  const selectedRow = await page.locator("#events-table tbody tr.selected").getAttribute("data-id");
  check("the table row is highlighted", selectedRow === ev.id, selectedRow);
  if (shots) await page.screenshot({ path: join(shots, "serve-page.png") });

  // 3. A reload with filters in the URL restores them and the selection.
  await page.goto(`${base}/?type=${ev.type}&event=${encodeURIComponent(ev.id)}`);
  await ready();
  const typeValue = await page.locator('#filters select[name="type"]').inputValue();
  check("the type filter is restored from the URL", typeValue === ev.type, typeValue);
  const types = await page.locator("#events-table tbody tr td:nth-child(2)").allTextContents();
  check("the table shows only that type", types.length > 0 && types.every((t) => t === ev.type), types.join(","));
  await page.locator('#evidence mark[data-f~="actor0"]').first().waitFor();
  check("the selected event's panel is restored", (await page.locator("#event-panel h2").count()) === 1);
  const dotSelected = await page.locator("#dots circle.selected").count();
  check("its map dot is highlighted", dotSelected === (ev.located ? 1 : 0), `${dotSelected}`);

  // 4. Clicking a map dot selects one of its events.
  await page.goto(`${base}/`);
  await ready();
  const dot = page.locator("#dots circle").last();
  const dotIds = (await dot.getAttribute("data-ids")).split(" ");
  await dot.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has("event"));
  url = new URL(page.url());
  check("a map dot click selects its event", dotIds.includes(url.searchParams.get("event")), page.url());
  await page.locator("#event-panel h2").waitFor();

  // 5. Clicking a timeline bar filters map and table to its period.
  await page.locator("#timeline rect.bar").first().click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has("from"));
  await ready();
  url = new URL(page.url());
  const from = url.searchParams.get("from"), to = url.searchParams.get("to");
  const api = await page.evaluate(async (q) => (await fetch(`/api/events?limit=1000&${q}`)).json(), `from=${from}&to=${to}`);
  const shown = await page.locator("#events-table tbody tr").count();
  check("a timeline click filters the table to its period", from && to && shown === api.events.length && api.total < expect.total + 1,
    `from=${from} to=${to}: ${shown} rows, API ${api.total}`);
  const filteredDots = await page.locator("#dots circle").count();
  check("and the map", filteredDots <= dots, `${filteredDots} dots`);

  // 6. Dragging on the map pans it and the view goes into the URL.
  await page.locator("#map").scrollIntoViewIfNeeded();
  const box = await page.locator("#map").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  const viewBox = await page.locator("#map").getAttribute("viewBox");
  const href = await page.evaluate(() => location.href);
  check("dragging the map pans it", viewBox !== "-180 -90 360 180", viewBox);
  check("and the view goes into the URL", new URL(href).searchParams.has("view"), href);

  // 7. An API error is shown, not swallowed.
  await page.goto(`${base}/?bbox=1,2,3`);
  await page.waitForFunction(() => document.documentElement.dataset.state === "error");
  const err = await page.locator("#error").textContent();
  check("a bad filter in the URL shows the API's error", err.includes("bbox"), err);
  // that error was expected: the console noise it made is not a problem
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("400")));

  if (shots) {
    // the whole panel, document text included
    await page.setViewportSize({ width: 1360, height: 1500 });
    await page.goto(`${base}/?event=${encodeURIComponent(ev.id)}`);
    await ready();
    await page.locator("#event-panel").screenshot({ path: join(shots, "serve-evidence.png") });
  }

  check("no script errors or blocked resources", problems.length === 0, problems.join(" | "));
  exitCode = checks.every((c) => c.ok) ? 0 : 1;
  console.log(`browser checks: ${checks.filter((c) => c.ok).length} of ${checks.length} hold`);
} catch (e) {
  console.error(`browser test failed: ${e.stack || e}`);
  exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
