// The console's entry point: the shell (header, navigation, availability), the hash router and
// the session. Each page is a module in views/ exporting render(main, params, ctx).
import { api, auth, get, put, query, signOut } from "./api.js";
import * as live from "./live.js";
import * as attention from "./attention.js";
import * as keys from "./keys.js";
import { STATES, act, confirmDialog, h, replace, startTicker, toast, notice } from "./ui.js";
import * as signin from "./views/signin.js";
import * as home from "./views/home.js";
import * as teams from "./views/teams.js";
import * as team from "./views/team.js";
import * as transfer from "./views/transfer.js";
import * as transferList from "./views/transfers.js";
import { throttle } from "./views/common.js";
import * as schedules from "./views/schedules.js";
import * as users from "./views/users.js";
import * as webhooks from "./views/webhooks.js";
import * as insights from "./views/insights.js";
import * as contacts from "./views/contacts.js";
import * as reports from "./views/reports.js";
import * as audit from "./views/audit.js";
import * as settings from "./views/settings.js";

const ROUTES = [
  [/^#?\/?$/, home, "home"],
  [/^#\/teams$/, teams, "teams"],
  [/^#\/teams\/([\w-]+)$/, team, "teams"],
  [/^#\/transfers\/([\w-]+)$/, transfer, "home"],
  [/^#\/transfers(?:\?.*)?$/, transferList, "transfers"],
  [/^#\/schedules$/, schedules, "schedules"],
  [/^#\/users$/, users, "users"],
  [/^#\/webhooks$/, webhooks, "webhooks"],
  [/^#\/insights$/, insights, "insights"],
  [/^#\/contacts(?:\/([\w-]+))?$/, contacts, "contacts"],
  [/^#\/reports(?:\/([\w-]+))?$/, reports, "reports"],
  [/^#\/audit-log$/, audit, "audit"],
  [/^#\/organization$/, settings, "organization"],
];

// the navigation entries of these pages ([href, route, label, admins only]), after index.html's
document.querySelector("#nav ul").append(...[
  ["#/insights", "insights", "Insights", false], ["#/contacts", "contacts", "Contacts", false],
  ["#/reports", "reports", "Reports", true], ["#/audit-log", "audit", "Audit log", true], ["#/organization", "organization", "Organization", true],
].map(([href, route, label, admin]) => h("li", admin ? { "data-admin": "", hidden: true } : {}, h("a", { href, dataset: { route } }, label))));

const main = document.getElementById("main");
const ctx = {
  me: null,
  names: new Map(),      // user id -> full name, from whatever the caller may read
  people: new Map(),     // user id -> {id, full_name, role, state, is_available}: the directory
  focusSearch: false,    // the "/" shortcut: the Transfers page focuses its search
  refresh() { if (current && current.onEvent) current.onEvent("stream.reconnected", null); },
  navigate(hash) { if (location.hash === hash) route(); else location.hash = hash; },
  name(id) {
    if (!id) return "—";
    if (this.me && id === this.me.id) return `${this.me.full_name} (you)`;
    return this.names.get(id) || `User ${String(id).slice(0, 8)}`;
  },
  remember(people) {
    for (const p of people || []) if (p && (p.user_id || p.id) && p.full_name) this.names.set(p.user_id || p.id, p.full_name);
  },
  org: null,             // the caller's organization (its away_keeps_transfers)
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
      attention.look();  // on My work: what is new there is seen
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
  auth.set(data);
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
  renderState(user.state);
  get("/api/organization").then((d) => {
    ctx.org = d.organization;
    document.getElementById("org-name").textContent = d.organization.name;
  }).catch(() => {});
  await loadDirectory();
  attention.start(user, () => !!ctx.me && /^#?\/?$/.test(location.hash));
  live.start();
}

// The directory: everyone's name and state (every member may read it), for names everywhere
async function loadDirectory() {
  const people = [];
  try {
    for (let page = 1; page <= 50; page++) {
      const d = await get("/api/directory" + query({ page, limit: 100 }));
      people.push(...d.people);
      if (!d.people.length || people.length >= d.total) break;
    }
  } catch (e) { return; }  // names fall back to what the pages read
  ctx.people = new Map(people.map((p) => [p.id, p]));
  ctx.remember(people);
}
const reloadDirectory = throttle(loadDirectory, 2000);

async function endSession(note) {
  live.stop();
  attention.stop();
  if (note === "signed-out") await signOut();  // the session ends on the server too
  else auth.clear();
  ctx.me = null;
  ctx.org = null;
  ctx.names.clear();
  ctx.people.clear();
  sessionNote = note;
  document.getElementById("org-name").textContent = "";
  if (note === "expired" && location.hash !== "#/signin") pendingHash = location.hash || "#/";
  if (location.hash === "#/signin") route(); else location.hash = "#/signin";
}

// The agent's state in the header: available, busy (keeps their work, gets nothing new), away or
// offline (away and offline may keep their work or give it back to the queues)
const stateEl = document.getElementById("agent-state");
const SAID = {
  available: "You are available.",
  busy: "You are busy: you keep your transfers and get no new ones.",
  away: "You are away.",
  offline: "You are offline.",
};
let asked = null;  // the state being set from here: its own event is no news
function renderState(state) {
  stateEl.value = state;
  stateEl.parentElement.dataset.state = state;
  stateEl.title = state === "available" ? "You receive transfers." : "You receive no new transfers.";
}

async function changeState() {
  const state = stateEl.value;
  await act(stateEl, null, async () => {
    const body = { state };
    if (state === "away" || state === "offline") {
      const mine = await get("/api/chatbot/transfers" + query({ status: "active", mine: true, limit: 1 }));
      const n = mine.total_count;
      if (n > 0) {
        const [s, it] = n === 1 ? ["", "it goes"] : ["s", "they go"];
        const check = { label: `Keep my current transfer${s}`, checked: !!(ctx.org && ctx.org.away_keeps_transfers) };
        const ok = await confirmDialog(state === "away" ? "Go away?" : "Go offline?",
          `You hold ${n} active transfer${s}. Keep ${n === 1 ? "it" : "them"} while ${state}, or ${it} back to the queue for someone else.`,
          state === "away" ? "Go away" : "Go offline", check);
        if (!ok) return;
        body.keep_transfers = check.checked;
      }
    }
    asked = state;
    const d = await put("/api/me/availability", body);
    ctx.me.is_available = d.is_available;
    ctx.me.state = state;
    const n = d.transfers_returned;
    toast(SAID[state] + (n ? ` ${n} transfer${n === 1 ? "" : "s"} went back to the queue.` : body.keep_transfers ? " You keep your transfers." : ""));
    if (current && current.onEvent) current.onEvent("availability", d);
  });
  asked = null;
  renderState(ctx.me.state);  // cancelled or refused: back to the state the agent is in
}
stateEl.addEventListener("change", changeState);

document.getElementById("sign-out").addEventListener("click", () => endSession("signed-out"));

live.onStatus((s) => {
  const el = document.getElementById("live-status");
  el.dataset.state = s;
  el.textContent = s === "live" ? "Live" : s === "reconnecting" ? "Reconnecting…" : "";
});
live.onEvent((type, data) => {
  if (type === "agent.availability_changed" && ctx.me && data && data.user_id) {  // the directory follows
    const p = ctx.people.get(data.user_id);
    if (p) Object.assign(p, { state: data.state, is_available: data.is_available, full_name: data.full_name || p.full_name });
    else reloadDirectory();
    ctx.remember([{ id: data.user_id, full_name: data.full_name }]);
  }
  attention.onEvent(type, data);
  if (type === "agent.availability_changed" && ctx.me && data && data.user_id === ctx.me.id) {
    // changed elsewhere (another tab, an admin, a missed offer): the header follows, and says so
    if (data.state !== ctx.me.state && data.state !== asked) {
      const [, label] = STATES.find(([v]) => v === data.state) || [data.state, data.state];
      toast(`Your state is now ${label.toLowerCase()}.`);
    }
    ctx.me.is_available = data.is_available;
    ctx.me.state = data.state;
    if (!asked) renderState(data.state);
  }
  if (type === "transfer.offered" && ctx.me && data && data.transfer && data.transfer.agent_id === ctx.me.id) {
    toast("A transfer is offered to you: accept or decline it in My work.");
  }
  if (current && current.onEvent) current.onEvent(type, data);
});

auth.onExpired(() => endSession("expired"));
window.addEventListener("storage", (e) => {  // signed in, refreshed or out in another tab: follow it
  if (e.key !== "rota.token") return;
  if (!e.newValue) { if (ctx.me) endSession("signed-out"); }
  else if (ctx.me && auth.userId === ctx.me.id) auth.schedule();  // the session's next token
  else if (e.newValue !== e.oldValue) location.reload();  // someone signed in
});
document.getElementById("open-prefs").addEventListener("click", attention.openPrefs);
document.getElementById("open-help").addEventListener("click", () => document.getElementById("help").showModal());
attention.installPrefs();
keys.install(ctx);
window.addEventListener("hashchange", route);
document.querySelector("a.skip").addEventListener("click", (e) => { e.preventDefault(); main.focus(); });

async function boot() {
  startTicker();
  auth.schedule();
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
