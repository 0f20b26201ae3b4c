// One ticket: the text with evidence and urgency signals highlighted, labels
// with probabilities and one-click corrections (PATCH labels, stored as
// feedback), assign, resolve, the urgency reasons and the order facts.
import {
  COMPLAINTS, LABELS, LABEL_NAMES, api, chip, clear, dateTime, el, gradeBadge, markReady, money, pct,
  showStatus, startPage, timeLeft,
} from "./common.js";

const id = Number(location.pathname.split("/").pop());
const status = document.getElementById("status");
const labelStatus = document.getElementById("label-status");
const actionStatus = document.getElementById("action-status");
let ticket = null;
let canEdit = false;
let me = null;

// Spans carry code-point offsets (Python); index the text by code points too.
// A span whose offsets do not match its text is placed by searching for it.
function placed(chars, span) {
  if (chars.slice(span.start, span.end).join("") === span.text) return span;
  const at = chars.join("").indexOf(span.text);
  if (at < 0) return null;
  const start = Array.from(chars.join("").slice(0, at)).length;
  return { ...span, start, end: start + Array.from(span.text).length };
}

function highlighted(text, field) {
  const chars = Array.from(text || "");
  const spans = [
    ...ticket.evidence.filter((s) => s.field === field).map((s) => ({ ...s, kind: "ev", what: `evidence for ${LABEL_NAMES[s.label] || s.label}` })),
    ...ticket.signals.filter((s) => s.field === field).map((s) => ({ ...s, kind: "sig", what: `urgency signal: ${s.signal.replaceAll("_", " ")}` })),
  ].map((s) => placed(chars, s)).filter(Boolean);
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(chars.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) { out.push(piece); continue; }
    const kinds = [...new Set(over.map((s) => s.kind))].join(" ");
    const what = [...new Set(over.map((s) => s.what))].join("; ");
    out.push(el("mark", { class: kinds, title: what }, piece, el("span", { class: "visually-hidden" }, ` (${what})`)));
  }
  return out;
}

function nextLabels(current, label) {
  if (label === "other") return ["other"];
  let labels = current.includes(label) ? current.filter((x) => x !== label) : [...current, label];
  labels = labels.filter((x) => x !== "other");
  return labels.length ? labels : ["other"];
}

function renderLabels() {
  const box = document.getElementById("label-buttons");
  clear(box, LABELS.map((label) => el("button", {
    type: "button", "aria-pressed": String(ticket.labels.includes(label)), disabled: !canEdit,
    dataset: { label }, onclick: () => correct(label),
  }, LABEL_NAMES[label])));
  const body = document.querySelector("#scores tbody");
  clear(body, COMPLAINTS.map((label) => {
    const p = ticket.scores[label] ?? 0;
    return el("tr", {},
      el("th", { scope: "row" }, chip(label)),
      el("td", { class: "num" }, pct(p, 1),
        el("div", { class: "bar", "aria-hidden": "true" }, el("span", { style: `width:${(p * 100).toFixed(1)}%` }))),
      el("td", {}, ticket.model_labels.includes(label) ? "yes" : "no"));
  }));
}

async function patch(body, statusNode, done) {
  showStatus(statusNode, "Saving…");
  try {
    ticket = await api(`/v1/tickets/${id}`, { method: "PATCH", body });
    render();
    showStatus(statusNode, done(ticket));
  } catch (err) {
    showStatus(statusNode, `Not saved: ${err.message}`, true);
  }
}

function correct(label) {
  const labels = nextLabels(ticket.labels, label);
  patch({ labels }, labelStatus, (t) => {
    const moved = me.role === "agent" && t.team !== me.team ? ` It now belongs to team ${t.team} and leaves your queue.` : "";
    return `Saved: labels are now ${t.labels.map((x) => LABEL_NAMES[x]).join(", ")} (kept as feedback); team ${t.team}.${moved}`;
  });
}

function facts(node, pairs) {
  clear(node, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

// Each complaint label's root-cause cluster (they follow label corrections), linked to the clusters page.
function clusterLinks(clusters) {
  const entries = Object.entries(clusters || {});
  if (!entries.length) return null;
  return entries.flatMap(([label, id], i) => [
    i ? ", " : "",
    id ? el("a", { href: `/ui/clusters?label=${label}&cluster=${encodeURIComponent(id)}`,
                   "data-cluster-label": label }, `${LABEL_NAMES[label] || label}: ${id}`)
       : `${LABEL_NAMES[label] || label}: not yet clustered`,
  ]);
}

function render() {
  const t = ticket;
  document.title = `Ticket ${t.id} · triage`;
  clear(document.getElementById("title"), `Ticket ${t.id} `, gradeBadge(t.urgency.grade));
  const subject = document.getElementById("subject");
  subject.hidden = !t.subject;
  clear(subject, t.subject ? [el("strong", {}, "Subject: "), ...highlighted(t.subject, "subject")] : []);
  clear(document.getElementById("text"), highlighted(t.text, "text"));
  renderLabels();
  document.getElementById("urgency-summary").textContent =
    `Score ${t.urgency.score.toFixed(1)} of 100, grade ${t.urgency.grade}.`;
  clear(document.querySelector("#reasons tbody"), [...t.urgency.reasons].sort((a, b) => b.points - a.points)
    .map((r) => el("tr", {}, el("td", {}, r.description), el("td", { class: "num" }, r.points.toFixed(1)))));
  const left = timeLeft(t.response_deadline);
  facts(document.getElementById("facts"), [
    ["Status", t.status], ["Team", t.team], ["Assignee", t.assignee || "nobody"],
    ["Reply by", `${dateTime(t.response_deadline)} (${left.text})`], ["Language", t.language],
    ["Channel", t.channel], ["Marketplace", t.marketplace], ["Written", dateTime(t.created_at)],
    ["External id", t.external_id], ["Customer", [t.customer.id, t.customer.tier].filter(Boolean).join(" · ")],
    ["Earlier contacts", String(t.earlier_contacts)], ["Needs review", t.needs_review ? "yes" : null],
    ["Clusters", clusterLinks(t.clusters)],
  ]);
  const o = t.order;
  facts(document.getElementById("order"), [
    ["Order", o.id], ["Value", money(o.value, o.currency)], ["SKU", o.sku], ["Carrier", o.carrier],
    ["Country", o.country], ["Ordered", o.ordered_at && dateTime(o.ordered_at)],
    ["Promised by", o.promised_by && dateTime(o.promised_by)], ["Delivered", o.delivered_at && dateTime(o.delivered_at)],
  ]);
  document.getElementById("assignee").value = t.assignee || "";
  document.getElementById("resolve").disabled = !canEdit || t.status === "resolved";
  document.getElementById("pending").disabled = !canEdit || t.status === "pending";
  document.getElementById("reopen").disabled = !canEdit || t.status === "open";
}

document.getElementById("assign-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const assignee = document.getElementById("assignee").value.trim() || null;
  patch({ assignee }, actionStatus, (t) => (t.assignee ? `Assigned to ${t.assignee}.` : "Unassigned."));
});
for (const [button, value] of [["resolve", "resolved"], ["pending", "pending"], ["reopen", "open"]]) {
  document.getElementById(button).addEventListener("click", () =>
    patch({ status: value }, actionStatus, (t) => `Status is now ${t.status}.`));
}

me = await startPage("queue");
canEdit = me.role === "agent" || me.role === "admin";
try {
  ticket = await api(`/v1/tickets/${id}`);
  document.getElementById("ticket").hidden = false;
  render();
  if (!canEdit) showStatus(status, `Read only: the ${me.role} role cannot change tickets.`);
} catch (err) {
  showStatus(status, err.status === 404 ? `There is no ticket ${id}.` : `Could not load the ticket: ${err.message}`, true);
}
document.getElementById("assign-form").querySelector("button").disabled = !canEdit;
markReady();
