// Small DOM and formatting helpers shared by the views.
import { ApiError } from "./api.js";

// h("button", {class: "x", onclick: fn}, "text", child, ...) -> an element. Text is never parsed
// as HTML, so what users typed (names, notes) is always shown as text.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
export const nextId = (prefix = "f") => `${prefix}-${++uid}`;

// A labelled form field; `control` is an input/select/textarea with a name.
export function field(label, control, hint) {
  if (!control.id) control.id = nextId("in");
  const errorId = control.id + "-error";
  const hintId = hint ? control.id + "-hint" : null;
  control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  return h("div", { class: "field" },
    h("label", { for: control.id }, label),
    control,
    hint ? h("small", { id: hintId, class: "muted" }, hint) : null,
    h("div", { class: "field-error", id: errorId, role: "alert" }));
}

export function select(name, options, value, attrs = {}) {
  return h("select", { name, ...attrs },
    options.map(([v, label]) => h("option", { value: v, selected: String(v) === String(value ?? "") }, label)));
}

// The message area for a form or an action: <div role="alert">.
export function errorBox(attrs = {}) {
  return h("div", { class: "error-box", role: "alert", ...attrs });
}

export function clearErrors(root) {
  root.querySelectorAll(".field-error, .error-box").forEach((e) => e.replaceChildren());
  root.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

// Shows an API error: field messages next to their inputs, the message in `box`.
export function showError(box, err, form) {
  const message = err instanceof ApiError || err instanceof Error ? err.message : String(err);
  if (err && err.sessionEnded) return;  // the sign-in page takes over
  let placed = false;
  if (form && err && err.errors) {
    for (const fe of err.errors) {
      const name = String(fe.field || "").split(".").pop();
      const input = name && form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (!input) continue;
      input.setAttribute("aria-invalid", "true");
      const slot = document.getElementById(input.id + "-error");
      if (slot) { slot.textContent = fe.message; placed = true; }
    }
  }
  if (box) {
    box.textContent = message;
    if (placed) box.append(" ", h("span", { class: "muted" }, "See the fields marked below."));
  }
  if (!box && !placed) toast(message, "error");
}

// Runs an action from a button: disables it meanwhile, shows errors in `box` (next to it).
export async function act(button, box, fn, form) {
  if (box) clearErrors(box.parentElement || box);
  if (form) clearErrors(form);
  if (button) button.disabled = true;
  try {
    return await fn();
  } catch (err) {
    showError(box, err, form);
    return undefined;
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

export function toast(text, kind = "info") {
  const el = h("div", { class: `toast ${kind}` }, text);
  document.getElementById("toasts").append(el);
  setTimeout(() => el.remove(), 5000);
}

// A confirmation dialog (a real <dialog>, focus trapped by the browser). Resolves true or false.
// With `check` ({label, checked}) it also shows a checkbox; its state is left in check.checked.
export function confirmDialog(title, text, okLabel = "Confirm", check = null) {
  const dialog = document.getElementById("confirm");
  document.getElementById("confirm-title").textContent = title;
  document.getElementById("confirm-text").textContent = text;
  document.getElementById("confirm-ok").textContent = okLabel;
  const box = document.getElementById("confirm-check");
  box.parentElement.hidden = !check;
  if (check) {
    box.checked = !!check.checked;
    document.getElementById("confirm-check-label").textContent = check.label;
  }
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      if (check) check.checked = box.checked;
      resolve(dialog.returnValue === "ok");
    }, { once: true });
    dialog.showModal();
    document.getElementById("confirm-cancel").focus();
  });
}

// Durations and times
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const hr = Math.floor(m / 60);
  if (hr < 24) return `${hr}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(hr / 24)}d ${hr % 24}h`;
}

export const since = (iso) => (Date.now() - Date.parse(iso)) / 1000;
export const secondsLeft = (iso) => Math.ceil((Date.parse(iso) - Date.now()) / 1000);

// An element showing the time since `iso`, kept current by the ticker below.
export function elapsed(iso, attrs = {}) {
  return h("time", { datetime: iso, title: when(iso), class: "elapsed", dataset: { since: iso }, ...attrs },
    duration(since(iso)));
}

// A date and time in the browser's zone, labelled with it: "14:05 CET" today, "3 Dec, 14:05 CET"
// another day (the year too when it is not this one).
export function when(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  const now = new Date();
  const opts = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  if (d.toDateString() !== now.toDateString()) Object.assign(opts, { month: "short", day: "numeric" });
  if (d.getFullYear() !== now.getFullYear()) opts.year = "numeric";
  return d.toLocaleString(undefined, opts);
}

// A clock time as an element: the time with its zone, the full date in its tooltip.
export function at(iso, attrs = {}) {
  return h("span", { class: "at", title: iso ? new Date(iso).toString() : null, ...attrs }, when(iso));
}

// The time left until a due time ("4m 10s left"), then how long it is overdue ("overdue 2m
// 05s", red); kept current by the ticker.
export function dueIn(iso, attrs = {}) {
  const el = h("span", { class: "due", title: `due ${when(iso)}`, dataset: { due: iso }, ...attrs });
  tickDue(el);
  return el;
}

function tickDue(el) {
  const left = secondsLeft(el.dataset.due);
  el.textContent = left > 0 ? `${duration(left)} left` : `overdue ${duration(-left)}`;
  el.classList.toggle("overdue", left <= 0);
}

// The time left until `iso` ("12s left", then "lapsed"), counted down every second by the ticker;
// `onEnd` runs once when it reaches 0 (at once, if it already has).
export function countdown(iso, onEnd) {
  const el = h("time", { datetime: iso, title: when(iso), class: "countdown", dataset: { until: iso } });
  if (onEnd) el.addEventListener("lapsed", onEnd, { once: true });
  tickDown(el);
  return el;
}

function tickDown(el) {
  const left = secondsLeft(el.dataset.until);
  if (left > 0) { el.textContent = `${duration(left)} left`; return; }
  el.textContent = "lapsed";
  el.classList.add("lapsed");
  delete el.dataset.until;
  queueMicrotask(() => el.dispatchEvent(new Event("lapsed")));  // after the caller has its buttons
}

export function startTicker() {
  let n = 0;
  setInterval(() => {
    document.querySelectorAll("[data-until]").forEach(tickDown);
    document.querySelectorAll("[data-due]").forEach(tickDue);
    if (++n % 3) return;
    document.querySelectorAll("[data-since]").forEach((el) => {
      el.textContent = duration(since(el.dataset.since));
    });
  }, 1000);
}

export const STRATEGIES = [["round_robin", "Round robin"], ["load_balanced", "Load balanced"], ["manual", "Manual (agents pick)"]];
export const strategyLabel = (s) => (STRATEGIES.find(([v]) => v === s) || [s, s])[1];
export const shortId = (id) => (id ? String(id).slice(0, 8) : "—");

// An agent's state: available, busy (keeps work, gets none new), away or offline.
export const STATES = [["available", "Available"], ["busy", "Busy"], ["away", "Away"], ["offline", "Offline"]];
export function stateBadge(state) {
  return badge(state || "away", state === "available" ? "ok" : state === "busy" ? "warn" : "neutral");
}

export function badge(text, kind = "") {
  return h("span", { class: `badge ${kind}` }, text);
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}

// The notice shown where a page or section was refused (403) or failed.
export function notice(err) {
  if (err instanceof ApiError && err.status === 403) {
    return h("div", { class: "notice", role: "alert" },
      h("h2", {}, "You don't have access to this page"),
      h("p", {}, err.message),
      h("p", {}, h("a", { href: "#/" }, "Back to my work")));
  }
  if (err instanceof ApiError && err.status === 404) {
    return h("div", { class: "notice", role: "alert" }, h("h2", {}, "Not found"), h("p", {}, err.message));
  }
  return h("div", { class: "notice error", role: "alert" }, h("h2", {}, "Something went wrong"), h("p", {}, err.message || String(err)));
}

export function section(title, ...children) {
  const id = nextId("sec");
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}
