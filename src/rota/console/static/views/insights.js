// Insights: feedback, bugs, feature requests and quotes reported from conversations, filtered
// and paged; resolve, reopen, assign to a team, edit, delete (admins); report one. Admins also
// keep the rules that assign new insights to teams, in the order they run.
import { del, get, patch, post, query } from "../api.js";
import { act, badge, confirmDialog, empty, errorBox, field, h, replace, section, select, toast, when } from "../ui.js";
import { adminCss, managedTeams, pager, rememberPeople, teamName, teamsById } from "./admin-kit.js";

const LIMIT = 20;
const TYPES = [["feedback", "Feedback"], ["bug", "Bug"], ["feature_request", "Feature request"], ["quote", "Quote"]];
const typeLabel = (t) => (TYPES.find(([v]) => v === t) || [t, t])[1];

// "plan = pro" lines <-> {plan: "pro"}; true/false and numbers become JSON values, "12" in quotes stays text
function parseAttributes(text) {
  const out = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf("=");
    if (at < 1) throw new Error(`“${line.trim()}” is not key = value.`);
    const v = line.slice(at + 1).trim();
    out[line.slice(0, at).trim()] = v === "true" || v === "false" ? v === "true"
      : v !== "" && !Number.isNaN(Number(v)) ? Number(v)
        : v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  }
  return out;
}
const attributesText = (a) => Object.entries(a || {}).map(([k, v]) => `${k} = ${typeof v === "string" && !Number.isNaN(Number(v)) && v.trim() ? `"${v}"` : v}`).join("\n");

export async function render(main, _params, ctx) {
  adminCss();
  const isAdmin = ctx.me.role === "admin";
  const [teams] = await Promise.all([teamsById(), rememberPeople(ctx)]);
  const managed = new Set((await managedTeams(ctx, teams)).map((t) => t.id));
  const teamOptions = [...teams.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => [t.id, t.name]);
  const contacts = new Map();  // id -> name
  let rules = [];

  const out = h("div", { id: "insight-list" });
  const listBox = errorBox({ id: "insights-error" });
  const status = select("status", [["open", "Open"], ["resolved", "Resolved"], ["", "All"]], "open");
  const type = select("type", [["", "Any type"], ...TYPES], "");
  const team = select("team", [["", "Any team"], ["__none", "Unassigned"], ...teamOptions], "");
  const search = h("input", { type: "search", name: "search", placeholder: "Title or text" });
  let page = 1;

  async function load(to = page) {
    const d = await get("/api/insights" + query({
      status: status.value, type: type.value, search: search.value.trim(), page: to, limit: LIMIT,
      team_id: team.value && team.value !== "__none" ? team.value : "", unassigned: team.value === "__none" ? "true" : "",
    }));
    page = to;
    const unknown = [...new Set(d.insights.map((i) => i.contact_id).filter((c) => c && !contacts.has(c)))];
    await Promise.all(unknown.map((c) => get(`/api/contacts/${c}`).then((x) => contacts.set(c, x.contact.name)).catch(() => contacts.set(c, null))));
    replace(out, d.insights.length ? h("ul", { class: "items" }, d.insights.map(item)) : empty("No insights match."),
      pager(d, (p) => act(null, listBox, () => load(p)), "insights"));
  }

  function item(i) {
    const box = errorBox();
    const canManage = isAdmin || (i.team_id && managed.has(i.team_id));
    const rule = i.assigned_rule_id && rules.find((r) => r.id === i.assigned_rule_id);
    const actions = [];
    const edit = h("div", { class: "insight-edit" });
    if (canManage) {
      const toggle = h("button", { type: "button", class: i.status === "open" ? "primary" : "secondary", "aria-label": `${i.status === "open" ? "Resolve" : "Reopen"} ${i.title}` },
        i.status === "open" ? "Resolve" : "Reopen");
      toggle.addEventListener("click", () => act(toggle, box, async () => {
        await post(`/api/insights/${i.id}/${i.status === "open" ? "resolve" : "reopen"}`);
        toast(i.status === "open" ? `“${i.title}” resolved.` : `“${i.title}” reopened.`);
        await load();
      }));
      const to = select("team_id", [["", "Assign to…"], ...teamOptions.filter(([id]) => id !== i.team_id)], "", { "aria-label": `Team for ${i.title}` });
      const assign = h("button", { type: "button", class: "secondary" }, "Assign");
      assign.addEventListener("click", () => act(assign, box, async () => {
        if (!to.value) throw new Error("Choose a team first.");
        await post(`/api/insights/${i.id}/assign`, { team_id: to.value });
        toast(`“${i.title}” assigned to ${teamName(teams, to.value)}.`);
        await load();
      }));
      const editButton = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, "Edit");
      editButton.addEventListener("click", () => {
        const open = editButton.getAttribute("aria-expanded") === "true";
        editButton.setAttribute("aria-expanded", String(!open));
        replace(edit, open ? null : editForm(i, box));
      });
      actions.push(toggle, h("span", { class: "assign" }, to, assign), editButton);
    }
    if (isAdmin) {
      const remove = h("button", { type: "button", class: "danger-outline", "aria-label": `Delete ${i.title}` }, "Delete");
      remove.addEventListener("click", async () => {
        if (!(await confirmDialog(`Delete “${i.title}”?`, `The insight and its ${i.occurrence_count} report${i.occurrence_count === 1 ? "" : "s"} are deleted. This cannot be undone.`, "Delete insight"))) return;
        act(remove, box, async () => { await del(`/api/insights/${i.id}`); toast("Insight deleted."); await load(); });
      });
      actions.push(remove);
    }
    return h("li", { class: "item insight", dataset: { insightId: i.id } },
      h("div", { class: "item-main" },
        h("div", { class: "item-title" }, h("strong", {}, i.title)),
        i.body ? h("p", { class: "notes" }, i.body) : null,
        h("div", { class: "meta" },
          badge(typeLabel(i.type), i.type === "bug" ? "danger" : "neutral"),
          badge(i.status, i.status === "open" ? "warn" : "ok"),
          h("span", {}, i.occurrence_count === 1 ? "reported once" : `reported ${i.occurrence_count} times`),
          h("span", { class: "insight-team" }, teamName(teams, i.team_id, "Unassigned"),
            i.assigned_by === "rule" ? ` (by rule${rule ? ` “${rule.name}”` : ""})` : ""),
          i.contact_id ? (contacts.get(i.contact_id) ? h("a", { href: `#/contacts/${i.contact_id}` }, contacts.get(i.contact_id)) : h("span", {}, "a contact")) : null,
          h("span", {}, when(i.created_at)),
          i.resolved_at ? h("span", {}, `resolved ${when(i.resolved_at)}${i.resolved_by_id ? ` by ${ctx.name(i.resolved_by_id)}` : ""}`) : null)),
      actions.length ? h("div", { class: "item-actions" }, actions) : null, box, edit);
  }

  function editForm(i, box) {
    const kind = select("type", TYPES, i.type);
    const title = h("input", { name: "title", value: i.title, required: true, maxlength: 200 });
    const text = h("textarea", { name: "body", rows: 3, maxlength: 10000 }, i.body || "");
    const save = h("button", { type: "submit", class: "primary" }, "Save");
    const form = h("form", { class: "form-grid" }, field("Type", kind), field("Title", title), field("Text", text), h("div", { class: "form-actions" }, save));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        await patch(`/api/insights/${i.id}`, { type: kind.value, title: title.value.trim(), body: text.value.trim() || null });
        toast("Insight saved.");
        await load();
      }, form);
    });
    return form;
  }

  function reportForm() {
    const kind = select("type", TYPES, "feedback");
    const title = h("input", { name: "title", required: true, maxlength: 200 });
    const text = h("textarea", { name: "body", rows: 3, maxlength: 10000 });
    const to = select("team_id", [["", "Let the rules decide"], ...teamOptions], "");
    const box = errorBox({ id: "report-insight-error" });
    const save = h("button", { type: "submit", class: "primary" }, "Report insight");
    const form = h("form", { class: "form-grid", id: "report-insight" },
      field("Type", kind), field("Title", title, "The same open type and title counts as another report"), field("Team", to),
      field("Text", text), h("div", { class: "form-actions" }, save), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        const d = await post("/api/insights", { type: kind.value, title: title.value.trim(), body: text.value.trim() || null, team_id: to.value || null });
        toast(d.merged ? `Counted as another report of “${d.insight.title}”.` : `“${d.insight.title}” reported.`);
        form.reset();
        await load(1);
      }, form);
    });
    return form;
  }

  // ---- rules (admins) ------------------------------------------------------------------------
  const rulesOut = h("div", { id: "rule-list" });
  const rulesBox = errorBox({ id: "rules-error" });

  async function loadRules() {
    const d = await get("/api/insight-rules" + query({ limit: 100 }));
    rules = d.rules;
    replace(rulesOut, rules.length ? h("ol", { class: "items rules" }, rules.map(ruleItem)) : empty("No rules: new insights stay unassigned unless a team is given."));
  }

  function conditions(m) {
    return h("div", { class: "meta" },
      m.types.length ? h("span", {}, "type: ", m.types.map(typeLabel).join(" or ")) : null,
      m.keywords.length ? h("span", {}, "words: ", m.keywords.map((k) => `“${k}”`).join(" or ")) : null,
      Object.keys(m.contact_attributes).length ? h("span", {}, "contact: ", Object.entries(m.contact_attributes).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(", ")) : null);
  }

  // the order they run: positions 10, 20, 30... after a move, only the changed ones are sent
  async function reorder(list) {
    const changed = list.map((r, n) => [r, (n + 1) * 10]).filter(([r, p]) => r.position !== p);
    for (const [r, p] of changed) await patch(`/api/insight-rules/${r.id}`, { position: p });
  }

  function ruleItem(r, n) {
    const box = errorBox();
    const edit = h("div", { class: "rule-edit" });
    const move = (delta, label) => {
      const b = h("button", { type: "button", class: "secondary small", "aria-label": `Move ${r.name} ${label}`, disabled: n + delta < 0 || n + delta >= rules.length }, label === "up" ? "↑" : "↓");
      b.addEventListener("click", () => act(b, box, async () => {
        const list = [...rules];
        [list[n], list[n + delta]] = [list[n + delta], list[n]];
        await reorder(list);
        toast(`“${r.name}” now runs ${n + delta + 1}${["st", "nd", "rd"][n + delta] || "th"}.`);
        await loadRules();
      }));
      return b;
    };
    const toggle = h("button", { type: "button", class: "secondary", "aria-label": `${r.is_active ? "Deactivate" : "Activate"} ${r.name}` }, r.is_active ? "Deactivate" : "Activate");
    toggle.addEventListener("click", () => act(toggle, box, async () => { await patch(`/api/insight-rules/${r.id}`, { is_active: !r.is_active }); await loadRules(); }));
    const editButton = h("button", { type: "button", class: "secondary", "aria-expanded": "false", "aria-label": `Edit ${r.name}` }, "Edit");
    editButton.addEventListener("click", () => {
      const open = editButton.getAttribute("aria-expanded") === "true";
      editButton.setAttribute("aria-expanded", String(!open));
      replace(edit, open ? null : ruleForm(r));
    });
    const remove = h("button", { type: "button", class: "danger-outline", "aria-label": `Delete ${r.name}` }, "Delete");
    remove.addEventListener("click", async () => {
      if (!(await confirmDialog(`Delete the rule “${r.name}”?`, "New insights are no longer assigned by it; those it assigned keep their team.", "Delete rule"))) return;
      act(remove, box, async () => { await del(`/api/insight-rules/${r.id}`); toast("Rule deleted."); await loadRules(); });
    });
    return h("li", { class: "item rule", dataset: { ruleId: r.id } },
      h("div", { class: "item-main" },
        h("div", { class: "item-title" }, h("span", { class: "muted" }, `${n + 1}.`), h("strong", {}, r.name), " → ", teamName(teams, r.team_id),
          r.is_active ? null : badge("inactive", "neutral")),
        conditions(r.match)),
      h("div", { class: "item-actions" }, move(-1, "up"), move(1, "down"), editButton, toggle, remove), box, edit);
  }

  function ruleForm(r = null) {
    const m = r ? r.match : { types: [], keywords: [], contact_attributes: {} };
    const name = h("input", { name: "name", value: r ? r.name : "", required: true, maxlength: 100 });
    const to = select("team_id", [["", "Choose a team…"], ...teamOptions], r ? r.team_id : "", { required: true });
    const active = h("input", { type: "checkbox", name: "is_active", checked: r ? r.is_active : true });
    const types = TYPES.map(([v, l]) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "types", value: v, checked: m.types.includes(v) }), " ", l));
    const words = h("input", { name: "keywords", value: m.keywords.join(", "), placeholder: "refund, invoice" });
    const attrs = h("textarea", { name: "contact_attributes", rows: 2, placeholder: "plan = pro" }, attributesText(m.contact_attributes));
    const box = errorBox({ id: r ? `rule-error-${r.id}` : "create-rule-error" });
    const save = h("button", { type: "submit", class: "primary" }, r ? "Save rule" : "Create rule");
    const form = h("form", { class: "form-grid", id: r ? `rule-form-${r.id}` : "create-rule" },
      field("Name", name), field("Assign to team", to),
      h("div", { class: "field check-field" }, h("label", {}, active, "Active")),
      h("fieldset", { class: "checks" }, h("legend", {}, "Type is one of (none checked: any)"), types),
      field("Words (any of them, in the title or text)", words, "Separated by commas; case does not matter"),
      field("Contact attributes (each must equal)", attrs, "One key = value a line; numbers and true/false as such, \"12\" in quotes for text"),
      h("p", { class: "muted small" }, "All the conditions given must hold; give at least one. The first matching rule assigns the insight."),
      h("div", { class: "form-actions" }, save), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        const body = {
          name: name.value.trim(), team_id: to.value || null, is_active: active.checked,
          match: {
            types: [...form.querySelectorAll("input[name=types]:checked")].map((c) => c.value),
            keywords: words.value.split(",").map((w) => w.trim()).filter(Boolean),
            contact_attributes: parseAttributes(attrs.value),
          },
        };
        if (r) await patch(`/api/insight-rules/${r.id}`, body);
        else await post("/api/insight-rules", body);
        toast(r ? `Rule “${body.name}” saved.` : `Rule “${body.name}” created; it runs last.`);
        if (!r) form.reset();
        await loadRules();
      }, form);
    });
    return form;
  }

  if (isAdmin) await loadRules().catch((err) => replace(rulesOut, h("p", { class: "error-box" }, err.message)));
  await load(1);
  const apply = h("button", { type: "submit", class: "secondary" }, "Show");
  const filters = h("form", { class: "inline-form filters", id: "insight-filters", role: "search" },
    field("Status", status), field("Type", type), field("Team", team), field("Search insights", search), apply);
  filters.addEventListener("submit", (e) => { e.preventDefault(); act(apply, listBox, () => load(1)); });
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Insights")),
    h("p", { class: "muted" }, isAdmin ? "Everything reported in the organization." : "What was reported to your teams."),
    section("Reported", filters, listBox, out),
    isAdmin ? section("Assignment rules", h("p", { class: "muted" }, "New insights without a team go to the team of the first active rule that matches, top to bottom."),
      rulesBox, rulesOut, h("h3", {}, "New rule"), ruleForm()) : null,
    section("Report an insight", reportForm()));
  return {};
}
