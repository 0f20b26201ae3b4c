// The cluster explorer: for each complaint label, its root-cause clusters
// (GET /v1/clusters?label=) with sizes and weekly trends; one cluster's
// examples in every language, keywords and lift by sku, carrier, country and
// marketplace (GET /v1/clusters/{id}); rename (PATCH) and merge (POST merge).
import { COMPLAINTS, LABEL_NAMES, api, clear, el, markReady, pct, showStatus, startPage } from "./common.js";
import { COLOURS, lineChart, sparkline } from "./charts.js";

const tabs = document.getElementById("tabs");
const status = document.getElementById("status");
const explorer = document.getElementById("explorer");
const list = document.getElementById("cluster-list");
const detailTitle = document.getElementById("h-detail");
const detailBody = document.getElementById("detail-body");
const mergeForm = document.getElementById("merge-form");
const mergeButton = document.getElementById("merge");
const LIFT_FIELDS = [["sku", "Product (SKU)"], ["carrier", "Carrier"], ["country", "Country"], ["marketplace", "Marketplace"]];

const params = new URLSearchParams(location.search);
let label = COMPLAINTS.includes(params.get("label")) ? params.get("label") : COMPLAINTS[0];
let selectedId = params.get("cluster");
let clusters = [];

function address() {
  const q = new URLSearchParams({ label });
  if (selectedId) q.set("cluster", selectedId);
  history.replaceState(null, "", "/ui/clusters?" + q);
}

function renderTabs() {
  clear(tabs, COMPLAINTS.map((name) => el("button", {
    type: "button", role: "tab", id: "tab-" + name, "aria-selected": String(name === label),
    "aria-controls": "explorer", tabindex: name === label ? "0" : "-1", onclick: () => chooseLabel(name),
  }, LABEL_NAMES[name])));
}

tabs.addEventListener("keydown", (event) => {
  const i = COMPLAINTS.indexOf(label);
  const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  chooseLabel(COMPLAINTS[(i + step + COMPLAINTS.length) % COMPLAINTS.length]).then(() =>
    document.getElementById("tab-" + label).focus());
});

function unavailable() {
  explorer.hidden = true;
  tabs.hidden = true;
  document.body.dataset.clusters = "unavailable";
  clear(status, el("span", { class: "notice", style: "display:block" },
    "Clusters are not available yet: this service does not compute root-cause clusters so far. ",
    "The queue and the dashboard work as usual."));
}

function trendLabel(c) {
  const counts = c.weekly.map((w) => w.count);
  return `weekly tickets of ${c.name}: ${counts.join(", ") || "none"}`;
}

function renderList() {
  clear(list, clusters.map((c) => el("li", { class: c.id === selectedId ? "selected" : "" },
    el("input", { type: "checkbox", id: "pick-" + c.id, value: c.id, "aria-label": `Select ${c.name} for merging`,
      onchange: updateMerge }),
    el("a", { href: `/ui/clusters?label=${label}&cluster=${encodeURIComponent(c.id)}`,
      "aria-current": c.id === selectedId ? "true" : null,
      onclick: (event) => { event.preventDefault(); select(c.id); } }, c.name),
    el("span", { class: "muted" }, `${c.size} · ${pct(c.share, 1)}`),
    sparkline(c.weekly.map((w) => w.count), trendLabel(c), COLOURS[label]))));
  if (!clusters.length) clear(list, el("li", {}, `No clusters for ${LABEL_NAMES[label]} yet.`));
  updateMerge();
}

function picked() {
  return [...list.querySelectorAll("input[type=checkbox]:checked")].map((x) => x.value);
}

function updateMerge() {
  mergeButton.disabled = picked().length < 2;
}

function liftTable(field, title, rows) {
  const sorted = [...(rows || [])].sort((a, b) => b.lift - a.lift).slice(0, 15);
  return el("div", {}, el("h4", {}, title),
    sorted.length ? el("table", {},
      el("caption", { class: "visually-hidden" }, `${title}: lift in this cluster`),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, title), el("th", { scope: "col", class: "num" }, "Tickets"),
        el("th", { scope: "col", class: "num" }, "Lift"))),
      el("tbody", {}, sorted.map((r) => el("tr", {}, el("td", {}, r.value), el("td", { class: "num" }, r.count),
        el("td", { class: "num" }, `× ${r.lift.toFixed(2)}`)))))
      : el("p", { class: "muted" }, "no data"));
}

function renderDetail(c) {
  clear(detailTitle, c.name);
  const byLanguage = {};
  for (const e of c.examples) (byLanguage[e.language] ||= []).push(e);
  const languages = Object.keys(byLanguage).sort();
  const renameInput = el("input", { id: "rename", value: c.name, maxlength: "200", required: true });
  const renameStatus = el("p", { class: "status", role: "status", "aria-live": "polite" });
  clear(detailBody,
    el("p", {}, `${c.size} tickets, ${pct(c.share, 1)} of ${LABEL_NAMES[c.label] || c.label} complaints.`),
    el("form", { class: "actions", onsubmit: (event) => { event.preventDefault(); rename(c.id, renameInput.value, renameStatus); } },
      el("div", { class: "field" }, el("label", { for: "rename" }, "Name"), el("br"), renameInput),
      el("button", { type: "submit", class: "secondary" }, "Rename")),
    renameStatus,
    el("h3", {}, "Tickets per week"),
    lineChart({ title: `Weekly tickets in ${c.name}`, x: c.weekly.map((w) => w.week),
      series: [{ name: c.name, colour: COLOURS[c.label] || COLOURS.total, values: c.weekly.map((w) => w.count) }],
      format: (v) => String(Math.round(v)), height: 200 }),
    el("h3", {}, "Keywords"),
    el("dl", { class: "facts" }, Object.entries(c.keywords || {}).flatMap(([lang, words]) =>
      [el("dt", {}, lang), el("dd", { lang }, words.join(" · "))])),
    el("h3", {}, `Examples in ${languages.length} languages`),
    el("ul", { class: "examples" }, languages.flatMap((lang) => byLanguage[lang].map((e) => el("li", {},
      el("span", { class: "lang" }, lang), " ",
      e.ticket_id ? el("a", { href: `/ui/tickets/${e.ticket_id}`, lang }, e.text) : el("span", { lang }, e.text))))),
    el("h3", {}, "What is over-represented (lift)"),
    c.lift ? el("div", { class: "lift-tables" }, LIFT_FIELDS.map(([f, t]) => liftTable(f, t, c.lift[f])))
      : el("p", { class: "muted" }, "Loading…"));
}

async function select(id) {
  selectedId = id;
  address();
  renderList();
  const summary = clusters.find((c) => c.id === id);
  if (summary) renderDetail(summary);
  try {
    const full = await api(`/v1/clusters/${encodeURIComponent(id)}`);
    if (selectedId === id) renderDetail(full);
  } catch (err) {
    clear(detailBody, el("p", { class: "error" }, `Could not load the cluster: ${err.message}`));
  }
}

async function rename(id, name, statusNode) {
  try {
    const updated = await api(`/v1/clusters/${encodeURIComponent(id)}`, { method: "PATCH", body: { name: name.trim() } });
    clusters = clusters.map((c) => (c.id === id ? { ...c, name: updated.name } : c));
    renderList();
    clear(detailTitle, updated.name);
    showStatus(statusNode, `Renamed to ${updated.name}.`);
  } catch (err) {
    showStatus(statusNode, `Not renamed: ${err.message}`, true);
  }
}

mergeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const ids = picked();
  const name = document.getElementById("merge-name").value.trim() || null;
  try {
    const merged = await api("/v1/clusters/merge", { method: "POST", body: { ids, name } });
    await loadLabel();
    await select(merged.id);
    showStatus(status, `Merged ${ids.length} clusters into ${merged.name}.`);
  } catch (err) {
    showStatus(status, `Not merged: ${err.message}`, true);
  }
});

async function loadLabel() {
  const data = await api(`/v1/clusters?label=${label}`);
  clusters = [...data.items].sort((a, b) => b.size - a.size);
  explorer.hidden = false;
  renderList();
}

async function chooseLabel(name) {
  label = name;
  selectedId = null;
  renderTabs();
  address();
  clear(detailTitle, "Choose a cluster");
  clear(detailBody);
  await show();
}

async function show() {
  showStatus(status, "Loading…");
  try {
    await loadLabel();
    showStatus(status, `${clusters.length} clusters for ${LABEL_NAMES[label]}.`);
    if (selectedId && clusters.some((c) => c.id === selectedId)) await select(selectedId);
  } catch (err) {
    if (err.status === 404) unavailable();
    else showStatus(status, `Could not load the clusters: ${err.message}`, true);
  }
}

// The header (who am I) and the clusters load side by side.
renderTabs();
await Promise.all([startPage("clusters"), show()]);
markReady();
