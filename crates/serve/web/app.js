// sitrep's page: map, timeline, table and evidence over the read-only API. Plain JS, no build step, no libraries.
// State lives in the page's query string (the API's filter names plus `offset`, `event` and `view`), so a view can be
// shared and a reload restores it. Text from the API is only ever inserted as text, never as HTML.
"use strict";

const FILTERS = ["from", "to", "bbox", "country", "admin1", "actor", "type", "q", "min_confidence", "include"];
const PAGE = 200;
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
  "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"];
const TYPE_GROUPS = [
  ["violent", "assault, coerce", ["ASSAULT", "COERCE"]],
  ["protest", "protest, mobilize", ["PROTEST", "MOBILIZE"]],
  ["verbal", "threaten, accuse, reject, sanction", ["THREATEN", "ACCUSE", "REJECT", "SANCTION"]],
  ["coop", "cooperative", ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"]],
];
const FIELD_KINDS = [
  ["actor", "actor"], ["recipient", "recipient"], ["trigger", "trigger"], ["date", "date"],
  ["location", "place"], ["count", "count"], ["weapon", "weapon"], ["reporter", "reporter"],
];
// When spans nest, the narrower one colours the text; on a tie, the earlier kind here wins.
const KIND_RANK = { trigger: 0, count: 1, weapon: 2, date: 3, location: 4, actor: 5, recipient: 6, reporter: 7, evidence: 9 };

const $ = (sel) => document.querySelector(sel);
const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function typeGroup(type) {
  for (const [cls, , types] of TYPE_GROUPS) if (types.includes(type)) return cls;
  return "coop";
}

// ---------------------------------------------------------------- state and URL

const state = { filters: {}, offset: 0, event: null, view: null };

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.filters = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v !== null && v !== "") state.filters[k] = v;
  }
  state.offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  state.event = p.get("event") || null;
  state.view = p.get("view") || null;
}

function writeUrl(push) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
  if (state.offset) p.set("offset", String(state.offset));
  if (state.event) p.set("event", state.event);
  if (state.view) p.set("view", state.view);
  const qs = p.toString();
  const url = location.pathname + (qs ? "?" + qs : "");
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function filterParams(omit) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k] && !(omit || []).includes(k)) p.set(k, state.filters[k]);
  return p;
}

// ---------------------------------------------------------------- API

class ApiError extends Error {}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`${path}: HTTP ${res.status}, not JSON`);
  }
  if (!res.ok) throw new ApiError(body && body.error ? body.error : `HTTP ${res.status}`);
  return body;
}

function showError(message) {
  const box = $("#error");
  box.textContent = message || "";
  box.hidden = !message;
}

// ---------------------------------------------------------------- filters form

function fillForm() {
  const f = $("#filters");
  for (const name of ["from", "to", "type", "country", "admin1", "actor", "q", "min_confidence"]) {
    f.elements[name].value = state.filters[name] || "";
  }
  const include = (state.filters.include || "").split(",");
  f.elements.negated.checked = include.includes("negated");
  f.elements.hypothetical.checked = include.includes("hypothetical");
  const bbox = state.filters.bbox;
  $("#bbox-chip").hidden = !bbox;
  $("#bbox-text").textContent = bbox ? bbox.split(",").map((v) => Number(v).toFixed(1)).join(", ") : "";
  $("#dates-clear").hidden = !(state.filters.from || state.filters.to);
}

function readForm() {
  const f = $("#filters");
  const next = { bbox: state.filters.bbox };
  for (const name of ["from", "to", "type", "country", "admin1", "actor", "q", "min_confidence"]) {
    const v = f.elements[name].value.trim();
    if (v) next[name] = name === "country" ? v.toUpperCase() : v;
  }
  const include = [];
  if (f.elements.negated.checked) include.push("negated");
  if (f.elements.hypothetical.checked) include.push("hypothetical");
  if (include.length) next.include = include.join(",");
  return next;
}

function setFilters(filters) {
  state.filters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  state.offset = 0;
  writeUrl(true);
  fillForm();
  loadEvents();
}

// ---------------------------------------------------------------- map

const map = {
  // the view: centre (lon, -lat) and zoom (1 = whole world)
  cx: 0, cy: 0, zoom: 1,
  countries: [],
  groups: [],
};

function mapSize() {
  const r = $("#map").getBoundingClientRect();
  return { w: r.width || 720, h: r.height || 360 };
}

// Degrees per screen pixel at the current zoom, for the SVG's "meet" fit of a 2:1 box.
function unitsPerPixel() {
  const { w, h } = mapSize();
  const vw = 360 / map.zoom, vh = 180 / map.zoom;
  return Math.max(vw / w, vh / h);
}

function applyView() {
  const vw = 360 / map.zoom, vh = 180 / map.zoom;
  // keep some of the world in sight
  map.cx = Math.min(180, Math.max(-180, map.cx));
  map.cy = Math.min(90, Math.max(-90, map.cy));
  $("#map").setAttribute("viewBox", `${map.cx - vw / 2} ${map.cy - vh / 2} ${vw} ${vh}`);
  const u = unitsPerPixel();
  for (const c of $("#dots").children) c.setAttribute("r", String(c.dataset.px * u));
}

function viewToState() {
  const atHome = map.zoom === 1 && map.cx === 0 && map.cy === 0;
  state.view = atHome ? null : `${map.cx.toFixed(2)},${(-map.cy).toFixed(2)},${map.zoom.toFixed(2)}`;
  writeUrl(false);
}

function viewFromState() {
  const parts = (state.view || "").split(",").map(Number);
  if (parts.length === 3 && parts.every(Number.isFinite)) {
    map.cx = parts[0];
    map.cy = -parts[1];
    map.zoom = Math.min(64, Math.max(1, parts[2]));
  } else {
    map.cx = 0; map.cy = 0; map.zoom = 1;
  }
  applyView();
}

function zoomAt(factor, px, py) {
  const svg = $("#map");
  const r = svg.getBoundingClientRect();
  const u = unitsPerPixel();
  // the map point under the cursor stays under it
  const mx = map.cx + (px - r.width / 2) * u, my = map.cy + (py - r.height / 2) * u;
  const zoom = Math.min(64, Math.max(1, map.zoom * factor));
  const k = map.zoom / zoom;
  map.cx = mx - (mx - map.cx) * k;
  map.cy = my - (my - map.cy) * k;
  map.zoom = zoom;
  applyView();
  viewToState();
}

function drawGraticule() {
  const g = $("#graticule");
  let d = "";
  for (let lon = -180; lon <= 180; lon += 30) d += `M${lon},-90V90`;
  for (let lat = -60; lat <= 60; lat += 30) d += `M-180,${-lat}H180`;
  g.append(el("svg:path", { d }));
}

async function loadCountries() {
  try {
    const data = await api("/assets/countries-110m.json");
    map.countries = data.countries;
    const land = $("#land");
    for (const c of data.countries) {
      const path = el("svg:path", { d: c.d, "data-iso3": c.iso3 || "" });
      path.append(el("svg:title", { text: c.iso3 ? `${c.name} (${c.iso3}) — click to filter` : c.name }));
      land.append(path);
    }
  } catch (e) {
    showError(`Country outlines could not be loaded: ${e.message}`);
  }
}

function markCountries(events) {
  const with_ = new Set(events.map((e) => e.location && e.location.country).filter(Boolean));
  for (const p of $("#land").children) p.classList.toggle("has-events", with_.has(p.dataset.iso3));
}

function drawDots(events) {
  const dots = $("#dots");
  dots.replaceChildren();
  const groups = new Map();
  for (const e of events) {
    const loc = e.location;
    if (!loc || !Number.isFinite(loc.lat) || !Number.isFinite(loc.lon)) continue;
    const key = `${loc.lon.toFixed(3)},${loc.lat.toFixed(3)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const u = unitsPerPixel();
  map.groups = [...groups.values()];
  // bigger groups first so smaller ones stay clickable on top
  map.groups.sort((a, b) => b.length - a.length);
  for (const group of map.groups) {
    const e = group[0];
    const px = 5 + 2.5 * Math.sqrt(group.length - 1);
    const circle = el("svg:circle", {
      cx: e.location.lon, cy: -e.location.lat, r: px * u,
      class: `t-${typeGroup(e.event_type)}`,
      "data-ids": group.map((g) => g.id).join(" "),
    });
    circle.dataset.px = px;
    const lines = group.slice(0, 6).map((g) => `${g.event_type} ${g.date.value || "undated"} — ${summary(g)}`);
    if (group.length > 6) lines.push(`… ${group.length - 6} more`);
    circle.append(el("svg:title", { text: `${e.location.name} (${group.length})\n${lines.join("\n")}` }));
    // called from the map's pointerup (pointer capture keeps clicks from reaching the circle itself);
    // clicking a group again steps through its events
    circle.selectGroup = () => {
      const ids = group.map((g) => g.id);
      const at = ids.indexOf(state.event);
      selectEvent(ids[(at + 1) % ids.length], true);
    };
    dots.append(circle);
  }
  highlightSelection();
}

function setupMapInteraction() {
  const svg = $("#map");
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, cx: map.cx, cy: map.cy, moved: false, target: ev.target };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      svg.classList.add("dragging");
    }
    if (!drag.moved) return;
    const u = unitsPerPixel();
    map.cx = drag.cx - dx * u;
    map.cy = drag.cy - dy * u;
    applyView();
  });
  svg.addEventListener("pointerup", (ev) => {
    if (!drag) return;
    svg.releasePointerCapture(ev.pointerId);
    svg.classList.remove("dragging");
    const { moved, target } = drag;
    drag = null;
    if (moved) {
      viewToState();
      return;
    }
    // pointer capture retargets the click to the svg: act on what was pressed
    if (target instanceof SVGCircleElement && target.selectGroup) {
      target.selectGroup();
    } else if (target instanceof SVGPathElement && target.dataset.iso3) {
      setFilters({ ...state.filters, country: target.dataset.iso3 });
    }
  });
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  const centre = () => { const { w, h } = mapSize(); return [w / 2, h / 2]; };
  $("#zoom-in").addEventListener("click", () => zoomAt(1.6, ...centre()));
  $("#zoom-out").addEventListener("click", () => zoomAt(1 / 1.6, ...centre()));
  $("#zoom-reset").addEventListener("click", () => { map.cx = 0; map.cy = 0; map.zoom = 1; applyView(); viewToState(); });
  $("#bbox-set").addEventListener("click", () => {
    const { w, h } = mapSize();
    const u = unitsPerPixel();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const west = clamp(map.cx - (w / 2) * u, -180, 180), east = clamp(map.cx + (w / 2) * u, -180, 180);
    const north = clamp(-(map.cy - (h / 2) * u), -90, 90), south = clamp(-(map.cy + (h / 2) * u), -90, 90);
    setFilters({ ...state.filters, bbox: [west, south, east, north].map((v) => v.toFixed(3)).join(",") });
  });
  window.addEventListener("resize", () => applyView());
  const legend = $("#map-legend");
  for (const [cls, label] of TYPE_GROUPS) legend.append(el("li", {}, el("i", { class: `t-${cls}` }), label));
}

// ---------------------------------------------------------------- timeline

const DAY = 86400000;
const timeline = { buckets: [], bucket: "day", t0: 0, t1: 0, width: 800 };

function parseDay(s) {
  const t = Date.parse(s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s);
  return Number.isFinite(t) ? t : null;
}

function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

// The day after the last day of the bucket starting at t.
function bucketEnd(t, bucket) {
  const d = new Date(t);
  if (bucket === "day") return t + DAY;
  if (bucket === "week") return t + 7 * DAY;
  if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
}

async function loadTimeline() {
  // the timeline shows every date for the other filters, so the chosen period is seen in context
  const params = filterParams(["from", "to"]);
  params.set("bucket", "day");
  const days = await api(`/api/histogram?${params}`);
  // a few far-off dates (a misread year) would squeeze everything else into one bar: the range shown leaves out
  // the oldest and newest 0.5% of the events, and says how many that hides
  const bs = days.buckets;
  let lo = 0, hi = bs.length - 1;
  if (bs.length > 2) {
    const cut = days.total * 0.005;
    for (let acc = bs[lo].count; lo < hi && acc <= cut; acc += bs[lo].count) lo++;
    for (let acc = bs[hi].count; hi > lo && acc <= cut; acc += bs[hi].count) hi--;
  }
  let bucket = "day", h = days;
  if (bs.length) {
    const span = (parseDay(bs[hi].start) - parseDay(bs[lo].start)) / DAY;
    bucket = span > 365 * 40 ? "year" : span > 365 * 3 ? "month" : span > 150 ? "week" : "day";
    if (bucket !== "day") {
      params.set("bucket", bucket);
      h = await api(`/api/histogram?${params}`);
    }
  }
  const first = bs.length ? parseDay(bs[lo].start) : null, last = bs.length ? parseDay(bs[hi].start) : null;
  timeline.bucket = bucket;
  timeline.buckets = h.buckets.map((b) => ({ t: parseDay(b.start), count: b.count, start: b.start }))
    .filter((b) => b.t !== null && bucketEnd(b.t, bucket) > first && b.t <= last);
  const hidden = h.total - timeline.buckets.reduce((n, b) => n + b.count, 0);
  $("#timeline-title").textContent = `Timeline: ${h.total} dated event${h.total === 1 ? "" : "s"} by ${bucket}` +
    (hidden ? ` (${hidden} with far-off dates not shown)` : "");
  drawTimeline();
}

function drawTimeline() {
  const svg = $("#timeline");
  const width = svg.getBoundingClientRect().width || 800;
  const height = 110, top = 6, bottom = 20;
  timeline.width = width;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const bs = timeline.buckets;
  if (!bs.length) {
    svg.append(el("svg:text", { x: 8, y: 50, text: "No dated events for these filters." }));
    return;
  }
  // one bucket of margin each side so single bars are visible
  timeline.t0 = bs[0].t - (bucketEnd(bs[0].t, timeline.bucket) - bs[0].t) * 0.5;
  timeline.t1 = bucketEnd(bs[bs.length - 1].t, timeline.bucket) + (bucketEnd(bs[0].t, timeline.bucket) - bs[0].t) * 0.5;
  const x = (t) => ((t - timeline.t0) / (timeline.t1 - timeline.t0)) * width;
  const max = Math.max(...bs.map((b) => b.count));
  const from = state.filters.from ? parseDay(state.filters.from) : null;
  const to = state.filters.to ? parseDay(state.filters.to) + DAY : null;
  if (from !== null || to !== null) {
    const a = from === null ? 0 : Math.max(0, x(from)), b = to === null ? width : Math.min(width, x(to));
    if (b > a) svg.append(el("svg:rect", { class: "range", x: a, y: 0, width: b - a, height: height - bottom }));
  }
  for (const b of bs) {
    const end = bucketEnd(b.t, timeline.bucket);
    const x0 = x(b.t), w = Math.max(1.5, x(end) - x0 - 1);
    const h = Math.max(2, ((height - top - bottom) * b.count) / max);
    const outside = (from !== null && end <= from) || (to !== null && b.t >= to);
    const bar = el("svg:rect", { class: outside ? "bar out" : "bar", x: x0, y: height - bottom - h, width: w, height: h });
    bar.append(el("svg:title", { text: `${b.start} (${timeline.bucket}): ${b.count} event${b.count === 1 ? "" : "s"}` }));
    svg.append(bar);
  }
  svg.append(el("svg:line", { class: "axis", x1: 0, x2: width, y1: height - bottom + 0.5, y2: height - bottom + 0.5 }));
  const ticks = Math.max(2, Math.min(8, Math.floor(width / 110)));
  for (let i = 0; i <= ticks; i++) {
    const t = timeline.t0 + ((timeline.t1 - timeline.t0) * i) / ticks;
    const label = timeline.bucket === "year" ? isoDay(t).slice(0, 4) : timeline.bucket === "month" ? isoDay(t).slice(0, 7) : isoDay(t);
    const anchor = i === 0 ? "start" : i === ticks ? "end" : "middle";
    svg.append(el("svg:text", { x: (width * i) / ticks, y: height - 5, "text-anchor": anchor, text: label }));
  }
}

function setupTimelineInteraction() {
  const svg = $("#timeline");
  let drag = null;
  const timeAt = (clientX) => {
    const r = svg.getBoundingClientRect();
    return timeline.t0 + ((clientX - r.left) / r.width) * (timeline.t1 - timeline.t0);
  };
  svg.addEventListener("pointerdown", (ev) => {
    if (!timeline.buckets.length || ev.button !== 0) return;
    const r = svg.getBoundingClientRect();
    drag = { x0: ev.clientX - r.left, brush: el("svg:rect", { class: "brush", x: ev.clientX - r.left, y: 0, width: 0, height: 90 }) };
    svg.append(drag.brush);
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const x1 = ev.clientX - r.left;
    drag.brush.setAttribute("x", String(Math.min(drag.x0, x1)));
    drag.brush.setAttribute("width", String(Math.abs(x1 - drag.x0)));
  });
  svg.addEventListener("pointerup", (ev) => {
    if (!drag) return;
    svg.releasePointerCapture(ev.pointerId);
    const r = svg.getBoundingClientRect();
    const x1 = ev.clientX - r.left;
    const { x0 } = drag;
    drag = null;
    if (Math.abs(x1 - x0) < 4) {
      // a click: the period of the bucket under the pointer
      const t = timeAt(ev.clientX);
      const b = timeline.buckets.find((b) => t >= b.t && t < bucketEnd(b.t, timeline.bucket));
      if (b) setFilters({ ...state.filters, from: isoDay(b.t), to: isoDay(bucketEnd(b.t, timeline.bucket) - DAY) });
      else drawTimeline();
      return;
    }
    const a = timeAt(r.left + Math.min(x0, x1)), b = timeAt(r.left + Math.max(x0, x1));
    setFilters({ ...state.filters, from: isoDay(a), to: isoDay(b) });
  });
  $("#dates-clear").addEventListener("click", () => setFilters({ ...state.filters, from: null, to: null }));
  window.addEventListener("resize", () => drawTimeline());
}

// ---------------------------------------------------------------- table

let current = { total: 0, events: [] };

function names(actors) {
  return actors.map((a) => a.name || a.text).join(", ");
}

function summary(e) {
  const a = names(e.actors), r = names(e.recipients);
  return [a || "?", e.trigger.text, r].filter(Boolean).join(" · ");
}

function dateLabel(d) {
  if (!d || !d.value) return "undated";
  return d.basis === "publication" ? `~${d.value}` : d.value;
}

function drawTable(page) {
  const tbody = $("#events-table tbody");
  tbody.replaceChildren();
  for (const e of page.events) {
    const killed = e.casualties && e.casualties.killed ? e.casualties.killed.best : null;
    const row = el("tr", { "data-id": e.id },
      el("td", { text: dateLabel(e.date), title: e.date.basis === "publication" ? "from the publication date" : null }),
      el("td", {}, el("span", { class: `type-badge t-${typeGroup(e.event_type)}`, text: e.event_type })),
      el("td", { text: names(e.actors) }),
      el("td", { text: names(e.recipients) }),
      el("td", { text: e.location ? [e.location.name, e.location.country].filter(Boolean).join(", ") : "" }),
      el("td", { class: "num", text: killed === null || killed === undefined ? "" : String(killed) }),
      el("td", { class: "num", text: e.confidence.toFixed(2) }));
    row.tabIndex = 0;
    row.addEventListener("click", () => selectEvent(e.id, true));
    row.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectEvent(e.id, true); } });
    tbody.append(row);
  }
  const first = page.events.length ? state.offset + 1 : 0;
  const last = state.offset + page.events.length;
  const undrawn = page.events.filter((e) => !e.location || !Number.isFinite(e.location.lat)).length;
  $("#status").textContent = page.total === 0
    ? "No events match these filters."
    : `Events ${first}–${last} of ${page.total}` + (undrawn ? ` (${undrawn} without coordinates, not on the map)` : "");
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = last >= page.total;
  highlightSelection();
}

function highlightSelection() {
  for (const tr of document.querySelectorAll("#events-table tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.id === state.event);
  }
  for (const c of $("#dots").children) {
    const on = state.event !== null && c.dataset.ids.split(" ").includes(state.event);
    c.classList.toggle("selected", on);
    if (on) c.parentNode.append(c); // on top
  }
}

// ---------------------------------------------------------------- event panel

// Every span of an event, each with the field kind (colour), a key naming the field, and a label.
function eventSpans(e) {
  const spans = [];
  const add = (kind, key, span, label) => {
    if (Array.isArray(span) && span.length === 2 && span[1] > span[0]) spans.push({ kind, key, start: span[0], end: span[1], label });
  };
  e.actors.forEach((a, i) => add("actor", `actor${i}`, a.span, `actor: ${a.name}${a.code ? ` [${a.code}]` : ""}`));
  e.recipients.forEach((a, i) => add("recipient", `recipient${i}`, a.span, `recipient: ${a.name}${a.code ? ` [${a.code}]` : ""}`));
  add("trigger", "trigger", e.trigger.span, `trigger: ${e.event_type}`);
  if (e.date) add("date", "date", e.date.span, `date: ${e.date.value || "unresolved"}`);
  if (e.location) add("location", "location", e.location.span, `place: ${e.location.name}`);
  for (const what of ["killed", "injured", "arrested"]) {
    const c = e.casualties && e.casualties[what];
    if (!c) continue;
    const claims = c.claims && c.claims.length ? c.claims : [c];
    claims.forEach((cl, j) => add("count", `${what}${j}`, cl.span, `${what}: ${cl.best ?? "?"}${cl.reporter ? ` (${cl.reporter})` : ""}`));
  }
  e.weapons.forEach((w, i) => add("weapon", `weapon${i}`, w.span, `weapon: ${w.class}`));
  e.reporters.forEach((r, i) => add("reporter", `reporter${i}`, r.span, "reporter"));
  return spans;
}

// Renders `chars` (an array of code points whose first is at document position `base`) with every span that falls in
// it marked. Nested or overlapping spans split into segments; each segment names all its fields in data-f.
function renderMarked(container, chars, base, spans, evidence) {
  const len = chars.length;
  const local = spans
    .map((s) => ({ ...s, a: Math.max(0, s.start - base), b: Math.min(len, s.end - base) }))
    .filter((s) => s.b > s.a);
  const cuts = new Set([0, len]);
  for (const s of local) { cuts.add(s.a); cuts.add(s.b); }
  let ev = null;
  if (evidence) {
    ev = { a: Math.max(0, evidence[0] - base), b: Math.min(len, evidence[1] - base) };
    if (ev.b > ev.a) { cuts.add(ev.a); cuts.add(ev.b); } else ev = null;
  }
  const points = [...cuts].sort((x, y) => x - y);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const text = chars.slice(a, b).join("");
    const cover = local.filter((s) => s.a <= a && s.b >= b);
    const inEv = ev && ev.a <= a && ev.b >= b;
    if (!cover.length) {
      frag.append(inEv ? el("span", { class: "in-ev", text }) : document.createTextNode(text));
      continue;
    }
    cover.sort((x, y) => (x.b - x.a) - (y.b - y.a) || KIND_RANK[x.kind] - KIND_RANK[y.kind]);
    const kinds = new Set(cover.map((s) => s.kind));
    const mark = el("mark", {
      class: `f-${cover[0].kind}${kinds.size > 1 ? " multi" : ""}${inEv ? " in-ev" : ""}`,
      "data-f": cover.map((s) => s.key).join(" "),
      title: cover.map((s) => s.label).join("\n"),
      text,
    });
    frag.append(mark);
  }
  container.replaceChildren(frag);
}

function legend(spans) {
  const kinds = new Set(spans.map((s) => s.kind));
  const ul = el("ul", { class: "legend" });
  for (const [kind, label] of FIELD_KINDS) if (kinds.has(kind)) ul.append(el("li", {}, el("i", { class: `f-${kind}` }), label));
  ul.append(el("li", {}, el("i", { class: "multi" }), "several fields"));
  return ul;
}

function fieldItem(kind, key, text) {
  const span = el("span", { class: "item", "data-f": key || null }, el("i", { class: "swatch", "data-kind": kind }), text);
  span.firstChild.style.background = `var(--${kind})`;
  return span;
}

function countText(what, c) {
  const range = c.low !== null && c.high !== null && (c.low !== c.best || c.high !== c.best) ? ` (${c.low ?? "?"}–${c.high ?? "?"})`
    : c.low !== null && c.high === null && c.best !== null && c.low === c.best ? "+" : "";
  const party = c.party && c.party !== "unknown" ? ` (${c.party === "civilians" ? "civilians" : `${c.party}'s side`})` : "";
  return `${c.best ?? "?"}${range}${party} — “${c.text}”${c.reporter ? `, per ${c.reporter}` : ""}`;
}

function fieldsList(e) {
  const dl = el("dl", { class: "fields" });
  const row = (label, items) => {
    if (!items.length) return;
    dl.append(el("dt", { text: label }), el("dd", {}, ...items));
  };
  const actor = (kind, prefix) => (a, i) => fieldItem(kind, `${prefix}${i}`,
    `${a.name}${a.code ? ` [${a.code}]` : ""}${a.text && a.text !== a.name ? ` — “${a.text}”` : ""}`);
  row("Actors", e.actors.map(actor("actor", "actor")));
  row("Recipients", e.recipients.map(actor("recipient", "recipient")));
  row("Trigger", [fieldItem("trigger", "trigger", `“${e.trigger.text}”${e.mode ? ` (mode ${e.mode})` : ""}`)]);
  const d = e.date;
  row("Date", [fieldItem("date", d.span ? "date" : null,
    `${d.value || "unresolved"} · ${d.precision}, from ${d.basis}${d.start && d.end && d.start !== d.end ? ` · ${d.start} to ${d.end}` : ""}${d.text ? ` — “${d.text}”` : ""}`)]);
  if (e.location) {
    const l = e.location;
    const coords = Number.isFinite(l.lat) ? ` · ${l.lat.toFixed(3)}, ${l.lon.toFixed(3)}` : "";
    row("Place", [fieldItem("location", l.span ? "location" : null,
      `${l.name}${l.admin1 ? `, ${l.admin1}` : ""}${l.country ? `, ${l.country}` : ""} · ${l.precision}${coords}${l.text ? ` — “${l.text}”` : " (no place named in the sentence)"}`)]);
  }
  for (const what of ["killed", "injured", "arrested"]) {
    const c = e.casualties && e.casualties[what];
    if (!c) continue;
    const claims = c.claims && c.claims.length ? c.claims : [c];
    row(what[0].toUpperCase() + what.slice(1), claims.map((cl, j) => fieldItem("count", `${what}${j}`, countText(what, cl))));
  }
  row("Weapons", e.weapons.map((w, i) => fieldItem("weapon", `weapon${i}`, `${w.class.replace("_", " ")} — “${w.text}”`)));
  row("Reporters", e.reporters.map((r, i) => fieldItem("reporter", `reporter${i}`, `“${r.text}”`)));
  // hovering a field outlines its text
  dl.addEventListener("mouseover", (ev) => hot(ev.target.closest("[data-f]")?.dataset.f));
  dl.addEventListener("mouseout", () => hot(null));
  return dl;
}

function hot(key) {
  for (const m of document.querySelectorAll("#event-panel mark.hot")) m.classList.remove("hot");
  if (!key) return;
  for (const m of document.querySelectorAll(`#event-panel mark[data-f~="${CSS.escape(key)}"]`)) m.classList.add("hot");
}

/** The fused event's reports and the figures and places they disagree on, each with who said it. */
function fusedSection(f, eventId) {
  const docs = [...new Set(f.reports.map((r) => r.doc_id))];
  const list = el("ul", { class: "reports" }, ...f.reports.map((r) => el("li", { class: r.event_id === eventId ? "this-report" : null },
    el("a", { href: `?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(location.search)), event: r.event_id })}`,
      "data-event": r.event_id, text: r.doc_id }),
    [r.outlet, r.published, r.reporters && r.reporters.length ? `per ${r.reporters.join(", ")}` : null].filter(Boolean).map((t) => ` · ${t}`).join(""),
    r.event_id === eventId ? " (this report)" : "")));
  list.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-event]");
    if (!a) return;
    ev.preventDefault();
    selectEvent(a.dataset.event, true);
  });
  const dl = el("dl", { class: "fields" });
  for (const what of ["killed", "injured", "arrested"]) {
    const c = f[what];
    if (!c) continue;
    const claims = c.claims.map((cl) => el("span", { class: "item" },
      `${cl.best ?? "?"} — “${cl.text}” (${cl.doc_id}${cl.reporter ? `, per ${cl.reporter}` : ""})`));
    dl.append(el("dt", { text: `${what[0].toUpperCase()}${what.slice(1)}: ${c.best ?? "?"}${c.claims.length > 1 ? " (disputed)" : ""}` }),
      el("dd", {}, ...claims));
  }
  if (f.disagreements.length) {
    dl.append(el("dt", { text: "Disagreements" }), el("dd", {}, ...f.disagreements.map((d) =>
      el("span", { class: "item" }, `${d.field}: ${d.value}${d.text ? ` — “${d.text}”` : ""} (${d.doc_id})`))));
  }
  return el("section", { id: "fused" },
    el("h3", { text: `Fused event ${f.id}: ${f.reports.length} report(s) in ${docs.length} document(s)` }),
    list, dl);
}

let panelToken = 0;

async function showEvent(id) {
  const panel = $("#event-panel");
  const token = ++panelToken;
  if (!id) {
    panel.replaceChildren(el("p", { class: "placeholder", text: "Select an event on the map or in the table to see its evidence." }));
    return;
  }
  let e, doc;
  try {
    e = await api(`/api/events/${encodeURIComponent(id)}`);
    doc = await api(`/api/documents/${encodeURIComponent(e.doc_id)}`);
  } catch (err) {
    if (token !== panelToken) return;
    panel.replaceChildren(el("p", { class: "placeholder", text: `Event ${id}: ${err.message}` }));
    return;
  }
  // the fused event, once `sitrep fuse --db` has run (404 otherwise: the panel shows the report alone)
  const fused = await api(`/api/events/${encodeURIComponent(id)}/fused`).catch(() => null);
  if (token !== panelToken) return;
  const spans = eventSpans(e);
  const flags = [];
  for (const [k, label] of [["negated", "negated"], ["hypothetical", "hypothetical"], ["future", "future"], ["hedged", "hedged"]]) {
    if (e.modality[k]) flags.push(el("span", { class: "flag warn", text: label }));
  }
  const head = el("div", { class: "panel-head" },
    el("span", { class: `type-badge t-${typeGroup(e.event_type)}`, text: e.event_type }),
    el("h2", { text: summary(e) }));
  const meta = el("div", { class: "panel-head" },
    e.cameo ? el("span", { class: "flag", text: `CAMEO ${e.cameo}` }) : null,
    e.acled ? el("span", { class: "flag", text: `ACLED ${e.acled.event_type} / ${e.acled.sub_event_type}` }) : null,
    el("span", { class: "flag", text: `confidence ${e.confidence.toFixed(2)}` }),
    ...flags);
  const evidence = el("div", { id: "evidence" });
  renderMarked(evidence, Array.from(e.evidence), e.evidence_span[0], spans, null);
  const docText = el("div", { id: "doc-text" });
  renderMarked(docText, Array.from(doc.text), 0, spans, e.evidence_span);
  const url = doc.url && /^https?:\/\//i.test(doc.url) ? el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank", text: doc.url }) : null;
  const docMeta = el("p", { class: "doc-meta" },
    el("strong", { text: doc.title || doc.id }), el("br"),
    [doc.source, doc.publication_date, `id ${doc.id}`].filter(Boolean).join(" · "),
    url ? el("br") : null, url);
  panel.replaceChildren(el("div", { class: "panel" },
    head, meta,
    el("h3", { text: `Evidence (sentence ${e.sentence_index + 1})` }), evidence, legend(spans),
    el("h3", { text: "Fields" }), fieldsList(e),
    fused ? fusedSection(fused, e.id) : null,
    el("h3", { text: "Source document" }), docMeta, docText,
    el("p", { class: "raw" }, el("a", { href: `/api/events/${encodeURIComponent(e.id)}`, target: "_blank", text: "event JSON" }), " · ",
      el("a", { href: `/api/documents/${encodeURIComponent(doc.id)}`, target: "_blank", text: "document JSON" }))));
  // bring the evidence into view inside the document box
  const first = docText.querySelector(".in-ev");
  if (first) docText.scrollTop = Math.max(0, first.offsetTop - docText.offsetTop - 40);
}

function selectEvent(id, push) {
  state.event = id;
  writeUrl(push);
  highlightSelection();
  return showEvent(id);
}

// ---------------------------------------------------------------- loading

let loadToken = 0;

async function loadEvents() {
  const token = ++loadToken;
  document.documentElement.dataset.state = "loading";
  showError(null);
  const params = filterParams();
  params.set("limit", String(PAGE));
  if (state.offset) params.set("offset", String(state.offset));
  try {
    const [page] = await Promise.all([api(`/api/events?${params}`), loadTimeline()]);
    if (token !== loadToken) return;
    current = page;
    drawTable(page);
    drawDots(page.events);
    markCountries(page.events);
    await showEvent(state.event);
    if (token === loadToken) document.documentElement.dataset.state = "ready";
  } catch (e) {
    if (token !== loadToken) return;
    showError(e.message);
    $("#status").textContent = "Could not load events.";
    document.documentElement.dataset.state = "error";
  }
}

function setupControls() {
  const select = $("#filters").elements.type;
  for (const t of TYPES) select.append(el("option", { value: t, text: t.toLowerCase() }));
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    setFilters(readForm());
  });
  for (const name of ["from", "to", "type", "min_confidence", "negated", "hypothetical"]) {
    $("#filters").elements[name].addEventListener("change", () => setFilters(readForm()));
  }
  $("#reset").addEventListener("click", () => { state.event = null; setFilters({}); });
  $("#bbox-clear").addEventListener("click", () => setFilters({ ...state.filters, bbox: null }));
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); writeUrl(true); loadEvents(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; writeUrl(true); loadEvents(); });
  window.addEventListener("popstate", () => { readUrl(); fillForm(); viewFromState(); loadEvents(); });
}

async function main() {
  readUrl();
  setupControls();
  setupMapInteraction();
  setupTimelineInteraction();
  fillForm();
  drawGraticule();
  viewFromState();
  await loadCountries();
  await loadEvents();
}

main();
