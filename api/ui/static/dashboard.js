// The defect dashboard: complaint rate per week by label and the order defect
// rate where tickets name an order (GET /v1/stats/weekly), as SVG charts and
// a table of the same figures.
import { COMPLAINTS, LABEL_NAMES, api, clear, el, markReady, pct, showStatus, startPage } from "./common.js";
import { COLOURS, legend, lineChart } from "./charts.js";

const form = document.getElementById("filters");
const status = document.getElementById("status");
const percent = (v) => (v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0) + "%";

// The API lists only weeks that have tickets; show every week of the period,
// an empty one with no rate, so the x axis keeps its time scale.
function everyWeek(weeks, count) {
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  const now = new Date();
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
  const out = [];
  for (let i = count - 1; i >= 0; i--) {
    const week = new Date(monday - i * 7 * 86400000).toISOString().slice(0, 10);
    out.push(byWeek.get(week) || { week, tickets: 0, complaints: 0, labels: Object.fromEntries(COMPLAINTS.map((l) => [l, 0])),
      complaint_rate: null, orders: 0, defective_orders: 0, order_defect_rate: null });
  }
  // Weeks the API knows but this browser's calendar does not (clock skew) still count.
  const known = new Set(out.map((w) => w.week));
  return [...out, ...weeks.filter((w) => !known.has(w.week))].sort((a, b) => a.week.localeCompare(b.week));
}

function render(weeks) {
  const x = weeks.map((w) => w.week);
  const rates = COMPLAINTS.map((label) => ({
    name: LABEL_NAMES[label], colour: COLOURS[label],
    values: weeks.map((w) => (w.tickets ? w.labels[label] / w.tickets : null)),
  }));
  rates.push({ name: "Any complaint", colour: COLOURS.total, values: weeks.map((w) => w.complaint_rate) });
  clear(document.getElementById("rates-chart"), legend(rates),
    lineChart({ title: "Complaint rate per week by label", x, series: rates, format: percent }));
  const defect = [{ name: "Order defect rate", colour: COLOURS.defect, values: weeks.map((w) => w.order_defect_rate) }];
  const known = weeks.some((w) => w.orders > 0);
  clear(document.getElementById("defect-chart"), known
    ? [legend(defect), lineChart({ title: "Order defect rate per week", x, series: defect, format: percent })]
    : el("p", { class: "notice" }, "No ticket in this period names an order, so there is no order defect rate."));
  const head = ["Week", "Tickets", "Complaints", ...COMPLAINTS.map((l) => LABEL_NAMES[l]), "Complaint rate",
    "Orders", "Defective orders", "Order defect rate"];
  clear(document.querySelector("#figures thead"), el("tr", {}, head.map((h) => el("th", { scope: "col" }, h))));
  clear(document.querySelector("#figures tbody"), weeks.map((w) => el("tr", {},
    el("th", { scope: "row" }, w.week),
    [w.tickets, w.complaints, ...COMPLAINTS.map((l) => w.labels[l])].map((v) => el("td", { class: "num" }, v)),
    el("td", { class: "num" }, pct(w.complaint_rate, 1)), el("td", { class: "num" }, w.orders),
    el("td", { class: "num" }, w.defective_orders), el("td", { class: "num" }, pct(w.order_defect_rate, 1)))));
}

async function load() {
  const weeks = form.weeks.value;
  showStatus(status, "Loading…");
  try {
    const data = await api(`/v1/stats/weekly?weeks=${encodeURIComponent(weeks)}`);
    render(everyWeek(data.weeks, Number(weeks)));
    const total = data.weeks.reduce((n, w) => n + w.tickets, 0);
    showStatus(status, total ? `${total} tickets in the last ${weeks} weeks (${data.weeks.length} weeks with tickets).`
      : `No tickets in the last ${weeks} weeks.`);
  } catch (err) {
    showStatus(status, `Could not load the figures: ${err.message}`, true);
  }
}

form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
// The header (who am I) and the figures load side by side; the API itself
// limits an agent to the team's figures.
const [me] = await Promise.all([startPage("dashboard"), load()]);
if (me.role === "agent") document.querySelector("h1").textContent = `Defect dashboard of team ${me.team}`;
markReady();
