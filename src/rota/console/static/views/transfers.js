// Transfers: every transfer the caller may see, active or ended (resumed, closed, expired), with
// text search, filters, sort and paging that says how many. The filters live in the URL's hash
// query (#/transfers?status=closed&q=maria&page=2) with the API's own names, so a link shows the
// same list and Back returns to the previous one.
import { get, query } from "../api.js";
import { act, empty, errorBox, field, h, replace, section, select } from "../ui.js";
import { keepFocus, throttle, transferItem } from "./common.js";

const KEYS = ["q", "status", "team_id", "general", "agent_id", "assigned", "min_priority", "sla_breached", "offered", "sort", "page", "limit"];
const STATUSES = [["", "Any status"], ["active", "Active"], ["resumed", "Resumed (back to the bot)"], ["closed", "Closed"], ["expired", "Expired"]];
const SORTS = [["", "Default (queue order for active, newest otherwise)"], ["queue", "Queue order (priority, longest waiting)"],
  ["newest", "Newest first"], ["oldest", "Oldest first"], ["priority", "Highest priority"], ["updated", "Recently changed"]];
const LIMITS = [["20", "20 a page"], ["50", "50 a page"], ["100", "100 a page"]];

// the list's parameters as the URL has them (only the known ones)
export function readParams(hash = location.hash) {
  const at = hash.indexOf("?");
  const q = new URLSearchParams(at < 0 ? "" : hash.slice(at + 1));
  return Object.fromEntries(KEYS.filter((k) => q.get(k)).map((k) => [k, q.get(k)]));
}

export async function render(main, _params, ctx) {
  let alive = true;
  let params = readParams();
  const list = h("div", { id: "transfer-list", "aria-live": "polite" });
  const count = h("span", { class: "muted", id: "transfers-count", role: "status" });
  const pagerButtons = h("span", { class: "pager-buttons" });
  const box = errorBox({ id: "transfers-error" });
  const teams = (await get("/api/teams" + query({ limit: 100 })).catch(() => ({ teams: [] }))).teams;
  const teamsById = new Map(teams.map((t) => [t.id, t]));

  // the filter form, drawn from the parameters
  const search = h("input", { type: "search", name: "q", id: "transfers-search", value: params.q || "", maxlength: 200,
    placeholder: "Contact name, email, phone, external id or notes", autocomplete: "off" });
  const status = select("status", STATUSES, params.status || "");
  const team = select("team", [["", "Any team"], ["general", "General queue (no team)"], ...teams.map((t) => [t.id, t.name])],
    params.general === "true" ? "general" : params.team_id || "");
  const people = [...ctx.people.values()].sort((a, b) => a.full_name.localeCompare(b.full_name));
  const agent = select("agent", [["", "Anyone or nobody"], ["none", "Nobody (waiting)"], [ctx.me.id, `${ctx.me.full_name} (me)`],
    ...people.filter((p) => p.id !== ctx.me.id).map((p) => [p.id, p.full_name])],
    params.assigned === "false" ? "none" : params.agent_id || "");
  const minPriority = h("input", { type: "number", name: "min_priority", min: 0, max: 100, step: 1, value: params.min_priority || "", inputmode: "numeric" });
  const breached = h("input", { type: "checkbox", name: "sla_breached", checked: params.sla_breached === "true" });
  const offered = h("input", { type: "checkbox", name: "offered", checked: params.offered === "true" });
  const sort = select("sort", SORTS, params.sort || "");
  const limit = select("limit", LIMITS, params.limit || "20", { "aria-label": "Transfers per page" });
  const button = h("button", { type: "submit", class: "primary" }, "Search");
  const form = h("form", { class: "form-grid filters", id: "transfer-filters", role: "search" },
    Object.assign(field("Search", search), { className: "field wide-field" }),
    field("Status", status), field("Team", team), field("Agent", agent),
    field("Priority at least", minPriority, "0–100"), field("Sort", sort),
    h("div", { class: "checks plain-checks" },
      h("label", { class: "check" }, breached, " SLA breached"),
      h("label", { class: "check" }, offered, " Offered, not yet accepted")),
    h("div", { class: "form-actions" }, button, " ",
      h("a", { href: "#/transfers", class: "clear-filters", onclick: (e) => { e.preventDefault(); ctx.navigate("#/transfers"); } }, "Clear filters")),
    box);

  function fromForm() {
    const p = { q: search.value.trim(), status: status.value, sort: sort.value, min_priority: minPriority.value.trim() };
    if (team.value === "general") p.general = "true"; else p.team_id = team.value;
    if (agent.value === "none") p.assigned = "false"; else p.agent_id = agent.value;
    if (breached.checked) p.sla_breached = "true";
    if (offered.checked) p.offered = "true";
    if (limit.value !== "20") p.limit = limit.value;
    return Object.fromEntries(Object.entries(p).filter(([, v]) => v));
  }

  // a new list: a new history entry (Back returns to the one before); the page is not redrawn
  function go(next) {
    params = next;
    const hash = "#/transfers" + query(params);
    if (location.hash !== hash) history.pushState(null, "", hash);
    main.closest("main")?.setAttribute("data-page", hash);
    act(button, box, load);
  }

  function pageButton(label, page, disabled) {
    const b = h("button", { type: "button", class: "secondary small", disabled, dataset: { key: `page-${label}` } }, label);
    b.addEventListener("click", () => go({ ...params, page: String(page) }));
    return b;
  }

  let asked = 0;  // filters changed quickly: only the newest list is drawn
  async function load() {
    const mine = ++asked;
    const page = Math.max(1, Number(params.page) || 1);
    const size = Number(params.limit) || 20;
    const d = await get("/api/chatbot/transfers" + query({ ...params, page, limit: size }));
    if (!alive || mine !== asked) return;
    const first = d.total_count ? (page - 1) * size + 1 : 0;
    const last = first ? first + d.transfers.length - 1 : 0;
    count.textContent = d.total_count
      ? (d.transfers.length ? `${first}–${last} of ${d.total_count}` : `Nothing on page ${page} of ${d.total_count}`)
      : "No transfers match.";
    keepFocus(() => {
      replace(pagerButtons, pageButton("Previous", page - 1, page <= 1), pageButton("Next", page + 1, page * size >= d.total_count));
      replace(list, d.transfers.length
        ? h("ul", { class: "items" }, d.transfers.map((t) => transferItem(t, ctx, { teams: teamsById, showAgent: true })))
        : empty(Object.keys(params).some((k) => k !== "page" && k !== "limit")
          ? "No transfers match these filters." : "No transfers yet."));
    });
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); go(fromForm()); });
  for (const el of [status, team, agent, breached, offered, sort, limit]) el.addEventListener("change", () => go(fromForm()));

  await act(null, box, load);  // refused (a filter out of range): the form says why
  replace(main,
    h("div", { class: "page-head" }, h("h1", {}, "Transfers"),
      h("p", { class: "muted" }, "Everything you may see, waiting, with an agent or ended.")),
    section("Find transfers", form),
    h("section", { class: "card", "aria-label": "Results" },
      h("div", { class: "toolbar pager" }, count, h("span", { class: "pager-side" }, limit, pagerButtons)), list));
  if (ctx.focusSearch) {  // came here with the "/" shortcut
    ctx.focusSearch = false;
    setTimeout(() => search.focus(), 0);
  }
  const refresh = throttle(() => load().catch(() => {}), 1000);
  return {
    onEvent(type) { if (type.startsWith("transfer.") || type === "stream.reconnected") refresh(); },
    destroy() { alive = false; },
  };
}
