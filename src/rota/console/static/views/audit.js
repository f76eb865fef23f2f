// The audit log (admins): who changed what and when, newest first, filtered by the kind of thing,
// the action or who did it, a page at a time ("1–50 of 312").
import { get, query } from "../api.js";
import { act, empty, errorBox, field, h, replace, section, select, when } from "../ui.js";
import { adminCss, all, pager, rememberPeople } from "./admin-kit.js";

const LIMIT = 50;
const TYPES = [["", "Anything"], ["team", "Teams"], ["user", "Users"], ["schedule", "Schedules"], ["organization", "Organization"],
  ["contact", "Contacts"], ["insight", "Insights"], ["insight_rule", "Insight rules"], ["webhook", "Webhooks"], ["api_key", "API keys"]];
const ACTIONS = ["team.created", "team.updated", "team.deleted", "team.member_added", "team.member_role_changed", "team.member_removed",
  "user.created", "user.updated", "user.availability_changed", "user.deleted", "absence.created", "absence.deleted", "auth.session_ended",
  "organization.updated", "schedule.created", "schedule.updated", "schedule.deleted", "contact.deleted",
  "insight.assigned", "insight.resolved", "insight.reopened", "insight.deleted",
  "insight_rule.created", "insight_rule.updated", "insight_rule.deleted",
  "webhook.created", "webhook.updated", "webhook.deleted", "webhook.disabled", "webhook.redelivered",
  "api_key.created", "api_key.revoked"];

export async function render(main, _params, ctx) {
  adminCss();
  const out = h("div", { id: "audit-list" });
  const entityType = select("entity_type", TYPES, "");
  const action = select("action", [["", "Any action"], ...ACTIONS.map((a) => [a, a])], "");
  const actor = select("actor_id", [["", "Anyone"]], "");
  const box = errorBox({ id: "audit-error" });
  let names = new Map();  // entity id -> a name (teams, users, schedules)

  // a value as shown: ids of teams, people and schedules by their names
  const show = (v) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v)
    : typeof v === "string" && names.has(v) ? names.get(v) : String(v));

  // what a change was: "field: from → to" for a diff, "field: value" otherwise
  function changes(c) {
    const rows = Object.entries(c || {});
    if (!rows.length) return h("span", { class: "muted" }, "—");
    return h("ul", { class: "changes" }, rows.map(([k, v]) => h("li", {}, h("span", { class: "key" }, k), ": ",
      v && typeof v === "object" && "from" in v && "to" in v ? [show(v.from), " → ", show(v.to)] : show(v))));
  }

  function entity(e) {
    const name = names.get(e.entity_id) || (e.changes && typeof e.changes.name === "string" ? e.changes.name : null);
    const link = { team: `#/teams/${e.entity_id}`, contact: `#/contacts/${e.entity_id}` }[e.entity_type];
    const label = name || `${e.entity_type} ${e.entity_id.slice(0, 8)}`;
    return [h("span", { class: "muted small" }, e.entity_type.replace("_", " ")), " ",
      link && names.has(e.entity_id) ? h("a", { href: link }, label) : h("span", {}, label)];
  }

  async function load(page = 1) {
    const d = await get("/api/audit-log" + query({ entity_type: entityType.value, action: action.value, actor_id: actor.value, page, limit: LIMIT }));
    replace(out, d.entries.length ? h("div", { class: "table-wrap" }, h("table", { class: "table responsive", id: "audit-table" },
      h("thead", {}, h("tr", {}, ["When", "Who", "Action", "What", "Changes"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, d.entries.map((e) => h("tr", { dataset: { action: e.action } },
        h("td", { "data-label": "When" }, h("time", { datetime: e.created_at }, when(e.created_at))),
        h("td", { "data-label": "Who" }, e.actor_id ? (ctx.names.has(e.actor_id) || e.actor_id === ctx.me.id ? ctx.name(e.actor_id) : e.actor_email || ctx.name(e.actor_id)) : e.actor_email || h("span", { class: "muted" }, "Rota")),
        h("td", { "data-label": "Action" }, h("code", {}, e.action)),
        h("td", { "data-label": "What" }, entity(e)),
        h("td", { "data-label": "Changes" }, changes(e.changes))))))) : empty("No entries match."),
    pager(d, (p) => act(null, box, () => load(p)), "entries"));
  }

  const [teams, schedules] = await Promise.all([
    all("/api/teams", "teams").catch(() => []), all("/api/schedules", "schedules").catch(() => []), rememberPeople(ctx)]);
  names = new Map([...teams, ...schedules].map((x) => [x.id, x.name]));
  for (const [id, name] of ctx.names) names.set(id, name);
  if (ctx.org) names.set(ctx.org.id, ctx.org.name);
  replace(actor, [["", "Anyone"], ...[...ctx.names].sort((a, b) => a[1].localeCompare(b[1]))].map(([v, l]) => h("option", { value: v }, l)));
  await load();

  const apply = h("button", { type: "submit", class: "secondary" }, "Show");
  const filters = h("form", { class: "inline-form filters", id: "audit-filters", role: "search" },
    field("Kind", entityType), field("Action", action), field("Who", actor), apply);
  filters.addEventListener("submit", (e) => { e.preventDefault(); act(apply, box, () => load(1)); });
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Audit log")),
    h("p", { class: "muted" }, "Every change made through the API or this console, newest first."),
    section("Entries", filters, box, out));
  return {};
}
