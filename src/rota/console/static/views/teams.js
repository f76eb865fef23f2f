// Teams: the list (all for admins, otherwise the caller's own) and, for admins, a create form.
import { get, post, query } from "../api.js";
import { STRATEGIES, act, badge, empty, errorBox, field, h, replace, section, select, strategyLabel, toast } from "../ui.js";
import { throttle } from "./common.js";

export async function render(main, _params, ctx) {
  const list = h("div", { id: "team-list" });
  let alive = true;

  async function load() {
    const [teams, counts] = await Promise.all([
      get("/api/teams" + query({ limit: 100 })),
      get("/api/chatbot/transfers" + query({ status: "active", assigned: false, limit: 1 })),
    ]);
    if (!alive) return;
    const rows = teams.teams.map((t) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `#/teams/${t.id}` }, t.name),
        t.description ? h("div", { class: "muted small" }, t.description) : null),
      h("td", { "data-label": "Strategy" }, strategyLabel(t.assignment_strategy)),
      h("td", { "data-label": "State" }, t.is_active ? badge("active", "ok") : badge("inactive", "neutral"), " ",
        badge(t.is_open ? "open" : "closed", t.is_open ? "ok" : "neutral")),
      h("td", { "data-label": "Members", class: "num" }, String(t.member_count)),
      h("td", { "data-label": "Waiting", class: "num" }, String(counts.team_queue_counts[t.id] || 0))));
    replace(list, teams.teams.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "table responsive" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Team"), h("th", { scope: "col" }, "Strategy"),
            h("th", { scope: "col" }, "State"), h("th", { scope: "col", class: "num" }, "Members"), h("th", { scope: "col", class: "num" }, "Waiting"))),
          h("tbody", {}, rows)))
      : empty(ctx.me.role === "admin" ? "No teams yet. Create the first one below." : "You are not a member of any team yet."));
  }

  function createForm() {
    const name = h("input", { name: "name", required: true, maxlength: 100 });
    const description = h("input", { name: "description", maxlength: 1000 });
    const strategy = select("assignment_strategy", STRATEGIES, "round_robin");
    const box = errorBox({ id: "create-team-error" });
    const button = h("button", { type: "submit", class: "primary" }, "Create team");
    const form = h("form", { class: "form-grid", id: "create-team" },
      field("Name", name), field("Description", description, "Optional"),
      field("Assignment strategy", strategy,
        "Round robin takes turns; load balanced gives to the least busy; manual waits for agents to pick."),
      h("div", { class: "form-actions" }, button), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(button, box, async () => {
        const d = await post("/api/teams", {
          name: name.value.trim(), description: description.value.trim() || null, assignment_strategy: strategy.value,
        });
        toast(`Team “${d.team.name}” created.`);
        ctx.navigate(`#/teams/${d.team.id}`);
      }, form);
    });
    return section("New team", form);
  }

  await load();
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Teams")),
    section("All teams", list),
    ctx.me.role === "admin" ? createForm() : null);
  const refresh = throttle(() => load().catch(() => {}), 500);
  return {
    onEvent(type) { if (type === "team.updated" || type === "queue.counts") refresh(); },
    destroy() { alive = false; },
  };
}
