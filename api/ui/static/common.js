// Shared by every page: the API key, calls to the JSON API, the page header,
// small DOM and formatting helpers. No framework; text is always set with
// textContent, never parsed as HTML.

const KEY = "triage.key";
const ME = "triage.me";
export const LABELS = ["late_delivery", "damage", "wrong_item", "other"];
export const COMPLAINTS = ["late_delivery", "damage", "wrong_item"];
export const LABEL_NAMES = { late_delivery: "Late delivery", damage: "Damage", wrong_item: "Wrong item", other: "Other" };
export const GRADE_NAMES = ["low", "normal", "high", "critical"];

export function getKey() {
  return sessionStorage.getItem(KEY) || localStorage.getItem(KEY);
}

export function setKey(key, remember) {
  signOutLocally();
  (remember ? localStorage : sessionStorage).setItem(KEY, key);
}

function signOutLocally() {
  for (const store of [sessionStorage, localStorage]) {
    store.removeItem(KEY);
    store.removeItem(ME);
  }
}

export function signOut() {
  signOutLocally();
  location.assign("/ui/signin");
}

function toSignIn() {
  const next = location.pathname + location.search;
  location.assign("/ui/signin?next=" + encodeURIComponent(next));
}

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
  }
}

// Call the API with the signed-in key; a 401 sends the user to sign in.
export async function api(path, { method = "GET", body, key } = {}) {
  const headers = { Authorization: "Bearer " + (key || getKey() || "") };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, "network", "the service cannot be reached: " + err.message);
  }
  let data = null;
  try { data = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) {
    const e = (data && data.error) || {};
    if (response.status === 401 && !key) toSignIn();
    throw new ApiError(response.status, e.code || "http_" + response.status,
      e.message || response.statusText || "request failed", e.details);
  }
  return data;
}

// Who the key belongs to (role, team), cached for the browser session.
export async function whoAmI() {
  const cached = sessionStorage.getItem(ME);
  if (cached) return JSON.parse(cached);
  const me = await api("/v1/me");
  sessionStorage.setItem(ME, JSON.stringify(me));
  return me;
}

// el("a", {href: "/x", class: "y"}, "text", child, ...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

// Header with navigation, who is signed in, sign out. Returns the principal.
export async function startPage(active) {
  if (!getKey()) {
    toSignIn();
    return new Promise(() => {});  // the page is being replaced
  }
  const me = await whoAmI();
  const links = [["queue", "/ui/queue", "Queue"], ["clusters", "/ui/clusters", "Clusters"],
    ["dashboard", "/ui/dashboard", "Dashboard"]];
  const header = document.querySelector("header.site");
  clear(header,
    el("a", { class: "brand", href: "/ui/queue" }, "triage"),
    el("nav", { "aria-label": "Pages" }, el("ul", {}, links.map(([name, href, text]) =>
      el("li", {}, el("a", { href, "aria-current": name === active ? "page" : null }, text))))),
    el("div", { class: "who" },
      el("span", {}, `${me.role}${me.team ? " · team " + me.team : ""}`),
      el("button", { type: "button", onclick: signOut }, "Sign out")));
  return me;
}

// The moment a page shows its data: the browser tests read this mark.
export function markReady() {
  performance.mark("triage-ready");
  document.body.dataset.ready = "1";
}

export function showStatus(node, message, isError = false) {
  node.textContent = message;
  node.classList.toggle("error", isError);
}

export function chip(label) {
  return el("span", { class: "chip " + label }, LABEL_NAMES[label] || label);
}

export function gradeBadge(grade) {
  return el("span", { class: "grade grade-" + grade }, `${grade} · ${GRADE_NAMES[grade]}`);
}

export function pct(x, digits = 0) {
  return x === null || x === undefined ? "–" : (x * 100).toFixed(digits) + " %";
}

export function dateTime(iso) {
  if (!iso) return "–";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

// "5 h 20 min left" or "overdue by 2 d 3 h"
export function timeLeft(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now;
  const m = Math.round(Math.abs(ms) / 60000);
  const d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), min = m % 60;
  const span = d ? `${d} d ${h} h` : h ? `${h} h ${min} min` : `${min} min`;
  return { overdue: ms < 0, text: ms < 0 ? `overdue by ${span}` : `${span} left` };
}

export function money(value, currency) {
  if (value === null || value === undefined) return null;
  return `${Number(value).toLocaleString(undefined, { maximumFractionDigits: 2 })} ${currency || ""}`.trim();
}
