// The console's entry point: the shell (header, navigation, availability), the hash router and
// the session. Each page is a module in views/ exporting render(main, params, ctx).
import { api, auth, get, put, query } from "./api.js";
import * as live from "./live.js";
import { act, confirmDialog, h, replace, showError, startTicker, toast, notice } from "./ui.js";
import * as signin from "./views/signin.js";
import * as home from "./views/home.js";
import * as teams from "./views/teams.js";
import * as team from "./views/team.js";
import * as transfer from "./views/transfer.js";
import * as schedules from "./views/schedules.js";
import * as users from "./views/users.js";
import * as webhooks from "./views/webhooks.js";

const ROUTES = [
  [/^#?\/?$/, home, "home"],
  [/^#\/teams$/, teams, "teams"],
  [/^#\/teams\/([\w-]+)$/, team, "teams"],
  [/^#\/transfers\/([\w-]+)$/, transfer, "home"],
  [/^#\/schedules$/, schedules, "schedules"],
  [/^#\/users$/, users, "users"],
  [/^#\/webhooks$/, webhooks, "webhooks"],
];

const main = document.getElementById("main");
const ctx = {
  me: null,
  names: new Map(),      // user id -> full name, from whatever the caller may read
  navigate(hash) { if (location.hash === hash) route(); else location.hash = hash; },
  name(id) {
    if (!id) return "—";
    if (this.me && id === this.me.id) return `${this.me.full_name} (you)`;
    return this.names.get(id) || `User ${String(id).slice(0, 8)}`;
  },
  remember(people) {
    for (const p of people || []) if (p && (p.user_id || p.id) && p.full_name) this.names.set(p.user_id || p.id, p.full_name);
  },
  setAvailability: null,
};

let current = null;      // the page on screen: {onEvent?, destroy?}
let pendingHash = null;  // where to go after signing in
let sessionNote = null;  // "expired" | "signed-out"

function showShell(on) {
  document.getElementById("topbar").hidden = !on;
  document.getElementById("nav").hidden = !on;
}

function teardown() {
  if (current && current.destroy) current.destroy();
  current = null;
}

async function route() {
  teardown();
  const hash = location.hash || "#/";
  main.dataset.page = hash;  // which page is (being) shown
  if (!auth.token || !ctx.me || hash === "#/signin") {
    if (auth.token && hash === "#/signin" && ctx.me) { ctx.navigate("#/"); return; }
    if (hash !== "#/signin") pendingHash = hash;
    showShell(false);
    current = signin.render(main, { note: sessionNote, onSignedIn: signedIn });
    return;
  }
  showShell(true);
  const found = ROUTES.map(([re, view, nav]) => [hash.match(re), view, nav]).find(([m]) => m);
  document.querySelectorAll("#nav a").forEach((a) => a.removeAttribute("aria-current"));
  if (!found) { replace(main, h("div", { class: "notice" }, h("h2", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to my work")))); return; }
  const [match, view, nav] = found;
  const link = document.querySelector(`#nav a[data-route="${nav}"]`);
  if (link) link.setAttribute("aria-current", "page");
  replace(main, h("p", { class: "muted" }, "Loading…"));
  const page = {};
  current = page;
  // the view draws into its own element, shown only if it is still the current page when ready
  const root = h("div", { class: "view" });
  try {
    const result = await view.render(root, match.slice(1), ctx);
    if (current === page) {
      Object.assign(page, result || {});
      replace(main, root);
      // keyboard users who followed a link continue at the page's heading
      const active = document.activeElement;
      const heading = main.querySelector("h1");
      if (heading && (!active || active === document.body || document.getElementById("nav").contains(active))) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    } else if (result && result.destroy) result.destroy();  // navigated away meanwhile
  } catch (err) {
    if (current === page) replace(main, notice(err));
  }
}

async function signedIn(data) {
  auth.set(data.access_token);
  sessionNote = null;
  await startSession(data.user);
  const to = pendingHash && pendingHash !== "#/signin" ? pendingHash : "#/";
  pendingHash = null;
  ctx.navigate(to);
}

async function startSession(user) {
  ctx.me = user;
  ctx.remember([user]);
  document.querySelectorAll("[data-admin]").forEach((el) => { el.hidden = user.role !== "admin"; });
  document.getElementById("who").textContent = `${user.full_name} · ${user.role}`;
  renderSwitch(user.is_available, user.state);
  get("/api/organization").then((d) => { document.getElementById("org-name").textContent = d.organization.name; }).catch(() => {});
  live.start();
}

function endSession(note) {
  live.stop();
  auth.clear();
  ctx.me = null;
  ctx.names.clear();
  sessionNote = note;
  document.getElementById("org-name").textContent = "";
  if (note === "expired" && location.hash !== "#/signin") pendingHash = location.hash || "#/";
  if (location.hash === "#/signin") route(); else location.hash = "#/signin";
}

// The availability switch in the header
const switchEl = document.getElementById("availability");
const STATES = { available: "Available", busy: "Busy", away: "Away", offline: "Offline" };
function renderSwitch(available, state) {
  switchEl.setAttribute("aria-checked", String(!!available));
  switchEl.querySelector(".switch-label").textContent = STATES[state] || (available ? "Available" : "Away");
  switchEl.title = available ? "You receive transfers. Click to go away." : "You receive no transfers. Click to become available.";
}

async function toggleAvailability() {
  const goingAway = switchEl.getAttribute("aria-checked") === "true";
  await act(switchEl, null, async () => {
    if (goingAway) {
      const mine = await get("/api/chatbot/transfers" + query({ status: "active", mine: true, limit: 1 }));
      if (mine.total_count > 0) {
        const n = mine.total_count;
        const ok = await confirmDialog("Go away?",
          `You hold ${n} active transfer${n === 1 ? "" : "s"}. Going away returns ${n === 1 ? "it" : "them"} to the queue for someone else.`,
          "Go away");
        if (!ok) return;
      }
    }
    const d = await put("/api/me/availability", { is_available: goingAway ? false : true });
    ctx.me.is_available = d.is_available;
    ctx.me.state = d.is_available ? "available" : "away";
    renderSwitch(d.is_available, ctx.me.state);
    if (d.transfers_returned) toast(`${d.transfers_returned} transfer${d.transfers_returned === 1 ? "" : "s"} went back to the queue.`);
    else toast(d.is_available ? "You are available." : "You are away.");
    if (current && current.onEvent) current.onEvent("availability", d);
  });
}
switchEl.addEventListener("click", toggleAvailability);
ctx.setAvailability = renderSwitch;

document.getElementById("sign-out").addEventListener("click", () => endSession("signed-out"));

live.onStatus((s) => {
  const el = document.getElementById("live-status");
  el.dataset.state = s;
  el.textContent = s === "live" ? "Live" : s === "reconnecting" ? "Reconnecting…" : "";
});
live.onEvent((type, data) => {
  if (type === "agent.availability_changed" && ctx.me && data && data.user_id === ctx.me.id) {
    ctx.me.is_available = data.is_available;
    ctx.me.state = data.state;
    renderSwitch(data.is_available, data.state);
  }
  if (current && current.onEvent) current.onEvent(type, data);
});

auth.onExpired(() => endSession("expired"));
window.addEventListener("storage", (e) => {  // signed in or out in another tab: follow it
  if (e.key !== "rota.token") return;
  if (!e.newValue && ctx.me) endSession("signed-out");
  else if (e.newValue && e.newValue !== e.oldValue) location.reload();
});
window.addEventListener("hashchange", route);
document.querySelector("a.skip").addEventListener("click", (e) => { e.preventDefault(); main.focus(); });

async function boot() {
  startTicker();
  if (auth.token) {
    try {
      const d = await get("/api/me");
      await startSession(d.user);
    } catch (err) {
      if (err.status !== 401) {
        showShell(false);
        replace(main, notice(err));
        return;
      }
      return;  // the expired page is already shown
    }
  }
  route();
}

boot();
