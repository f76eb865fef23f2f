// Pieces the admin and manager pages share: their stylesheet, paging that says how many, names
// of teams and people, managed teams, error placement in repeated rows, and the chart library.
import { get, query } from "../api.js";
import { h } from "../ui.js";

// admin.css, linked once by whichever of these pages is opened first
export function adminCss() {
  if (document.querySelector('link[data-admin-css]')) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/console/admin.css", "data-admin-css": "" }));
}

// "21–40 of 53" with Previous / Next; go(page) loads that page.
export function pager({ total, page, limit }, go, noun = "") {
  const first = total ? (page - 1) * limit + 1 : 0;
  const last = Math.min(total, page * limit);
  const prev = h("button", { type: "button", class: "secondary small", disabled: page <= 1 }, "Previous");
  const next = h("button", { type: "button", class: "secondary small", disabled: last >= total }, "Next");
  prev.addEventListener("click", () => go(page - 1));
  next.addEventListener("click", () => go(page + 1));
  return h("div", { class: "pager" },
    h("span", { class: "muted", role: "status" }, total ? `${first}–${last} of ${total}${noun ? " " + noun : ""}` : `No ${noun || "entries"}`),
    total > limit ? h("span", { class: "pager-buttons" }, prev, next) : null);
}

// Every page of a list endpoint (at most `max` items): [...items].
export async function all(path, key, params = {}, max = 1000) {
  const out = [];
  for (let page = 1; out.length < max; page++) {
    const d = await get(path + query({ ...params, page, limit: 100 }));
    out.push(...d[key]);
    if (d[key].length < 100 || out.length >= d.total) break;
  }
  return out;
}

export const teamsById = async () => new Map((await all("/api/teams", "teams")).map((t) => [t.id, t]));

// The organization's people (every member may read the directory), remembered for ctx.name().
export async function rememberPeople(ctx) {
  try { ctx.remember(await all("/api/directory", "people")); } catch (e) { /* names fall back */ }
}

// The teams the caller may manage: every team for admins, otherwise those they manage.
export async function managedTeams(ctx, teams) {
  const list = [...(teams || (await teamsById())).values()];
  if (ctx.me.role === "admin") return list;
  const details = await Promise.all(list.map((t) => get(`/api/teams/${t.id}`).then((d) => d.team).catch(() => null)));
  return details.filter((t) => t && t.members.some((m) => m.user_id === ctx.me.id && m.role === "manager"));
}

export const teamName = (teams, id, none = "No team") => (!id ? none : teams.get(id) ? teams.get(id).name : "Another team");

// A number input's value: null when empty.
export const num = (el) => (el.value.trim() === "" ? null : Number(el.value));

// Marks the inputs an API error names by their data-path ("weekly.3.start"), falling back to
// their name; returns whether any was marked.
export function markFields(form, err) {
  let placed = false;
  for (const fe of (err && err.errors) || []) {
    const path = String(fe.field || "");
    const input = form.querySelector(`[data-path="${CSS.escape(path)}"]`)
      || form.querySelector(`[data-path="${CSS.escape(path.split(".").slice(0, -1).join("."))}"]`)
      || form.querySelector(`[name="${CSS.escape(path.split(".").pop())}"]`);
    if (!input) continue;
    input.setAttribute("aria-invalid", "true");
    input.title = fe.message;
    placed = true;
  }
  return placed;
}

// A clock time as the schedules take it: "HH:MM", 24:00 the end of the day.
export const CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";

// Chart.js (vendor/chart.js, MIT), a UMD build: loaded once as a same-origin classic script.
let chartLoading = null;
export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartLoading) {
    chartLoading = new Promise((resolve, reject) => {
      const s = h("script", { src: "/console/vendor/chart.js/chart.umd.min.js" });
      s.addEventListener("load", () => resolve(window.Chart));
      s.addEventListener("error", () => { chartLoading = null; reject(new Error("The chart library could not be loaded.")); });
      document.head.append(s);
    });
  }
  return chartLoading;
}

// The page's colours (CSS variables, so dark mode is followed), for charts.
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--text", "#1d2433"), muted: v("--muted", "#5f6b7a"), line: v("--line", "#dde1e7"),
    series: [v("--brand", "#1f4e79"), v("--ok", "#1f7a4d"), v("--warn", "#8a5a00"), v("--danger", "#b42318"), v("--muted", "#5f6b7a")],
  };
}
