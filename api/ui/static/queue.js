// The agent queue: the team's tickets ranked by urgency now (GET /v1/queue),
// one page of 50 at a time by cursor, filters kept in the address, refreshed
// every 30 s while the page is visible.
import { api, chip, clear, el, gradeBadge, markReady, money, showStatus, startPage, timeLeft } from "./common.js";

const PAGE = 50;
const REFRESH_MS = 30000;
const form = document.getElementById("filters");
const rows = document.getElementById("rows");
const status = document.getElementById("status");
const nextButton = document.getElementById("next");
const firstButton = document.getElementById("first");
const pageInfo = document.getElementById("page-info");
const FILTERS = ["team", "label", "language", "marketplace", "status"];

let me = null;
let cursors = [null];  // cursor of each page seen, for "first page"
let nextCursor = null;
let timer = null;

function filtersFromAddress() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value !== null) form.elements[name].value = value;
  }
}

function queryString(cursor) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  if (me.role === "agent") params.delete("team");
  if (cursor) params.set("cursor", cursor);
  return params;
}

function reasonsList(reasons) {
  const top = [...reasons].sort((a, b) => b.points - a.points).slice(0, 3);
  return el("ul", { class: "reasons" }, top.map((r) => el("li", {}, `${r.description} (+${Math.round(r.points)})`)));
}

function orderCell(t) {
  const o = t.order || {};
  const parts = [money(o.value, o.currency), o.sku && `SKU ${o.sku}`, o.carrier, o.country, t.marketplace,
    t.customer && t.customer.tier && `tier ${t.customer.tier}`].filter(Boolean);
  return parts.length ? parts.join(" · ") : "–";
}

function row(t, rank) {
  const left = timeLeft(t.response_deadline);
  const title = t.subject || t.text;
  return el("tr", { dataset: { id: t.id, score: t.urgency.score } },
    el("td", { class: "num", "data-title": "Rank" }, rank),
    el("td", { "data-title": "Urgency" }, gradeBadge(t.urgency.grade), " ",
      el("span", { class: "muted" }, t.urgency.score.toFixed(0))),
    el("td", { "data-title": "Ticket" },
      el("a", { href: `/ui/tickets/${t.id}`, class: "text" }, title.slice(0, 160)),
      el("span", { class: "muted" }, `#${t.id} · ${t.external_id} · ${t.channel}`,
        t.assignee ? ` · ${t.assignee}` : "", t.needs_review ? " · needs review" : "")),
    el("td", { "data-title": "Labels" }, t.labels.map(chip)),
    el("td", { "data-title": "Language" }, t.language),
    el("td", { "data-title": "Why", class: "why" }, reasonsList(t.urgency.reasons)),
    el("td", { "data-title": "Order", class: "order" }, orderCell(t)),
    el("td", { "data-title": "Deadline", class: "deadline" + (left.overdue ? " overdue" : "") }, left.text));
}

async function load(cursorIndex) {
  const cursor = cursors[cursorIndex];
  showStatus(status, "Loading…");
  try {
    const page = await api("/v1/queue?" + queryString(cursor));
    nextCursor = page.next_cursor;
    cursors = cursors.slice(0, cursorIndex + 1);
    const start = cursorIndex * PAGE;
    clear(rows, page.items.map((t, i) => row(t, start + i + 1)));
    if (!page.items.length) clear(rows, el("tr", {}, el("td", { colspan: 8 }, "No tickets match these filters.")));
    nextButton.disabled = !nextCursor;
    firstButton.disabled = cursorIndex === 0;
    pageInfo.textContent = `Page ${cursorIndex + 1}`;
    const time = new Date().toLocaleTimeString();
    showStatus(status, `${page.items.length} tickets${nextCursor ? " on this page, more after" : ""}; ` +
      `updated ${time}.`);
  } catch (err) {
    showStatus(status, `Could not load the queue: ${err.message}`, true);
  }
}

function current() {
  return cursors.length - 1;
}

function schedule() {
  clearInterval(timer);
  if (document.getElementById("auto").checked) {
    timer = setInterval(() => { if (!document.hidden) load(current()); }, REFRESH_MS);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = queryString(null);
  params.delete("limit");
  history.replaceState(null, "", "/ui/queue" + (params.size ? "?" + params : ""));
  cursors = [null];
  load(0);
});
nextButton.addEventListener("click", () => {
  if (!nextCursor) return;
  cursors.push(nextCursor);
  load(current()).then(() => rows.querySelector("a")?.focus());
});
firstButton.addEventListener("click", () => { cursors = [null]; load(0); });
document.getElementById("auto").addEventListener("change", schedule);

me = await startPage("queue");
filtersFromAddress();
if (me.role === "agent") {
  document.getElementById("team-field").hidden = true;
  document.getElementById("title").textContent = `Queue of team ${me.team}`;
}
await load(0);
schedule();
markReady();
