// Builds data/web/countries-110m.json, the country outlines sitrep's web page draws as SVG (no tile server, no map
// library at run time). Source: Natural Earth 1:110m admin-0 countries (public domain) as TopoJSON in the npm package
// `world-atlas` (ISC); ISO 3166-1 alpha-3 codes matched by numeric code from `world-countries` (mledoze/countries, ODbL).
//
//   cd tools/world-outline && npm ci && node build.mjs
//
// Output: one SVG path per country in plain equirectangular coordinates (x = longitude, y = -latitude, 0.1° steps),
// so the page projects with nothing but an SVG viewBox.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "data", "web", "countries-110m.json");
const topo = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/countries-110m.json"), "utf8"));
const atlasVersion = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/package.json"), "utf8")).version;
const countries = JSON.parse(readFileSync(join(here, "node_modules/world-countries/countries.json"), "utf8"));

const iso3ByNumeric = new Map();
for (const c of countries) if (c.ccn3) iso3ByNumeric.set(c.ccn3, c.cca3);
const iso3ByName = new Map(countries.map((c) => [c.name.common, c.cca3]));

// TopoJSON arcs are quantised and delta-encoded: undo both once per arc.
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function ring(indexes) {
  const points = [];
  for (const i of indexes) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    // consecutive arcs share their joining point
    for (let k = points.length ? 1 : 0; k < arc.length; k++) points.push(arc[k]);
  }
  return points;
}

const r1 = (v) => Math.round(v * 10) / 10;

function pathOf(rings) {
  let d = "";
  for (const pts of rings) {
    let prev = null, n = 0, part = "";
    for (const [lon, lat] of pts) {
      const p = `${r1(lon)},${r1(-lat)}`;
      if (p === prev) continue;
      part += (n === 0 ? "M" : "L") + p;
      prev = p;
      n++;
    }
    if (n >= 3) d += part + "Z";
  }
  return d;
}

const features = [];
for (const g of topo.objects.countries.geometries) {
  let rings = [];
  if (g.type === "Polygon") rings = g.arcs.map(ring);
  else if (g.type === "MultiPolygon") rings = g.arcs.flatMap((poly) => poly.map(ring));
  else continue;
  const d = pathOf(rings);
  if (!d) continue;
  features.push({ iso3: iso3ByNumeric.get(g.id) ?? iso3ByName.get(g.properties?.name) ?? null, name: g.properties?.name ?? "", d });
}
features.sort((a, b) => a.name.localeCompare(b.name));

const doc = {
  source: `Natural Earth 1:110m admin-0 countries (public domain) via world-atlas ${atlasVersion} (ISC); ISO codes from mledoze/countries (ODbL)`,
  projection: "equirectangular: x = longitude, y = -latitude (degrees)",
  countries: features,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(doc) + "\n");
console.log(`wrote ${out}: ${features.length} countries, ${(JSON.stringify(doc).length / 1024).toFixed(0)} KiB`);
