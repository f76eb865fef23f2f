// Support hours: each schedule, open or closed now, its weekly hours and exceptions, and the
// teams that follow it. (Schedules are created and changed through the API: POST /api/schedules.)
import { get, query } from "../api.js";
import { badge, empty, h, replace, section, when } from "../ui.js";
import { throttle } from "./common.js";

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export async function render(main, _params, ctx) {
  let alive = true;
  const body = h("div", { id: "schedule-list" });

  async function load() {
    const [s, t] = await Promise.all([
      get("/api/schedules" + query({ limit: 100 })),
      get("/api/teams" + query({ limit: 100 })),
    ]);
    if (!alive) return;
    const teamsOf = (id) => t.teams.filter((x) => x.schedule_id === id);
    const always = t.teams.filter((x) => !x.schedule_id);
    replace(body,
      s.schedules.length ? s.schedules.map((sc) => h("article", { class: "card schedule" },
        h("div", { class: "page-head" },
          h("h2", {}, sc.name, " ", h("span", { class: "muted small" }, sc.timezone)),
          h("div", { class: "meta" }, badge(sc.is_open ? "open now" : "closed now", sc.is_open ? "ok" : "warn"),
            sc.next_change_at ? h("span", { class: "muted" }, `${sc.is_open ? "closes" : "opens"} ${when(sc.next_change_at)}`) : null)),
        h("dl", { class: "facts" },
          DAYS.map((d) => {
            const ranges = sc.weekly.filter((r) => r.day === d);
            return [h("dt", {}, cap(d)), h("dd", {}, ranges.length ? ranges.map((r) => `${r.start}–${r.end}`).join(", ") : h("span", { class: "muted" }, "closed"))];
          })),
        sc.exceptions.length ? h("div", {}, h("h3", {}, "Exceptions"), h("ul", { class: "plain" }, sc.exceptions.map((x) =>
          h("li", {}, h("strong", {}, x.date), ": ", x.closed ? "closed" : (x.ranges || []).map((r) => `${r.start}–${r.end}`).join(", "))))) : null,
        h("p", {}, "Teams: ", teamsOf(sc.id).length ? teamsOf(sc.id).map((x, i) => [i ? ", " : "", h("a", { href: `#/teams/${x.id}` }, x.name)]) : h("span", { class: "muted" }, "none"))))
        : empty("No schedules: every team is always open."),
      always.length ? section("Always open (no schedule)", h("p", {}, always.map((x, i) => [i ? ", " : "", h("a", { href: `#/teams/${x.id}` }, x.name)]))) : null);
  }

  await load();
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Schedules")),
    h("p", { class: "muted" }, "A team follows one schedule (set it on the team's page); a closed team's transfers wait or overflow to its fallback team."),
    body);
  const refresh = throttle(() => load().catch(() => {}), 500);
  const timer = setInterval(refresh, 60000);  // open/closed changes with the clock
  return {
    onEvent(type) { if (type === "team.updated") refresh(); },
    destroy() { alive = false; clearInterval(timer); },
  };
}
