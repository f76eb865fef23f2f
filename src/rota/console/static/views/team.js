// One team: state and stats, its queue and active transfers (reassign), members, settings.
import { ApiError, del, get, patch, post, put, query } from "../api.js";
import {
  STRATEGIES, act, badge, confirmDialog, duration, elapsed, empty, errorBox, field, h, notice, replace,
  section, select, stateBadge, strategyLabel, toast, when,
} from "../ui.js";
import { throttle, keepFocus, transferItem } from "./common.js";
import { adminCss, all, teamName } from "./admin-kit.js";

const POLICIES = [["wait", "Wait in this team's queue"], ["fallback", "Move to the fallback team"]];

export async function render(main, [teamId], ctx) {
  let alive = true;
  let team = null;
  let etag = null;
  let others = new Map();     // the teams the caller may see: fallback choices and names
  let schedules = [];
  const errors = new Map();
  const head = h("div", { class: "page-head" });
  const stats = h("div", { class: "stats", id: "team-stats" });
  const transfers = h("div", { id: "team-transfers" });
  const members = h("div", { id: "team-members" });
  const settings = h("div", { id: "team-settings" });
  const isAdmin = ctx.me.role === "admin";
  const canManage = () => isAdmin || team.members.some((m) => m.user_id === ctx.me.id && m.role === "manager");

  function drawHead() {
    replace(head,
      h("div", {},
        h("p", { class: "crumbs" }, h("a", { href: "#/teams" }, "Teams"), " / "),
        h("h1", {}, team.name),
        team.description ? h("p", { class: "muted" }, team.description) : null,
        routingNote()),
      h("div", { class: "meta big" },
        team.is_active ? badge("active", "ok") : badge("inactive", "neutral"),
        badge(team.is_open ? "open now" : "closed now", team.is_open ? "ok" : "warn"),
        team.next_change_at ? h("span", { class: "muted" }, `${team.is_open ? "closes" : "opens"} ${when(team.next_change_at)}`) : null,
        h("a", { href: "#/schedules", id: "team-schedule" }, scheduleLabel()),
        canManage() ? h("a", { href: `#/reports/${team.id}`, id: "team-reports" }, "Reports") : null,
        h("span", { class: "muted" }, strategyLabel(team.assignment_strategy))));
  }

  // the team's offer, skills and sticky settings, in words, for everyone who sees the team
  function routingNote() {
    const parts = [];
    if (team.accept_timeout_seconds) {
      parts.push(`Assignments are offers, to be accepted within ${duration(team.accept_timeout_seconds)}${team.missed_offer_sets_away ? "; an agent who lets one lapse is made away" : ""}.`);
    }
    if (team.skills_relax_after_seconds) parts.push(`Required skills are dropped after ${duration(team.skills_relax_after_seconds)} of waiting.`);
    if (team.sticky_agent_hours) parts.push(`The contact's agent of the last ${team.sticky_agent_hours} h is preferred.`);
    if (team.overflow_policy === "fallback") {
      const to = teamName(others, team.fallback_team_id, "its fallback team");
      parts.push(`Out of hours${team.overflow_after_seconds ? ` or after ${duration(team.overflow_after_seconds)} of waiting` : ""}, transfers move to ${to}.`);
    }
    const sla = [team.sla_first_assignment_seconds ? `first assignment within ${duration(team.sla_first_assignment_seconds)}` : null,
      team.sla_resolution_seconds ? `resolution within ${duration(team.sla_resolution_seconds)}` : null].filter(Boolean);
    if (sla.length) parts.push(`SLA targets (open hours): ${sla.join(", ")}.`);
    return parts.length ? h("p", { class: "muted small", id: "team-routing" }, parts.join(" ")) : null;
  }

  function scheduleLabel() {
    if (!team.schedule_id) return "Always open";
    const s = schedules.find((x) => x.id === team.schedule_id);
    return s ? `Hours: ${s.name}` : "Support hours";
  }

  function stat(label, value, attrs = {}) {
    return h("div", { class: "stat", ...attrs }, h("div", { class: "stat-value" }, value), h("div", { class: "stat-label" }, label));
  }

  async function loadStats() {
    const [s, breached] = await Promise.all([
      get(`/api/teams/${teamId}/stats`),
      get("/api/chatbot/transfers" + query({ team_id: teamId, status: "active", sla_breached: true, limit: 1 })),
    ]);
    const st = s.stats;
    const oldest = st.oldest_wait_seconds === null ? "—"
      : elapsed(new Date(Date.now() - st.oldest_wait_seconds * 1000).toISOString());
    replace(stats,
      stat("Waiting in queue", String(st.queue_length), { id: "stat-queue" }),
      stat("Oldest wait", oldest, { id: "stat-oldest" }),
      stat("Agents with free capacity", String(st.available_agents), { id: "stat-agents" }),
      stat("SLA breaches (active)", String(breached.total_count), { id: "stat-sla", class: breached.total_count ? "stat alert" : "stat" }),
      stat("Assignments, last hour", String(st.assignments_last_hour)),
      stat("Median time to assign, today", duration(st.median_time_to_assignment_seconds)));
  }

  function assignControl(t) {
    return (box, key) => {
      const agents = team.members.filter((m) => m.role === "agent" || m.user_id === ctx.me.id);
      const options = [["", "Choose an agent…"], ...(t.agent_id ? [["__queue", "Back to the queue"]] : []),
        ...agents.filter((m) => m.user_id !== t.agent_id)
          .map((m) => [m.user_id, `${m.full_name}${m.is_available ? "" : ` (${m.state || "away"})`}`])];
      const chooser = select("agent_id", options, "", { "aria-label": "Assign to", dataset: { key: `${key}-to` } });
      // who may have it now (capacity, state, absence), asked when the list is first opened:
      // the others stay listed, disabled, with why not
      let asked = false;
      const ask = async () => {
        if (asked) return;
        asked = true;
        const { candidates } = await get(`/api/chatbot/transfers/${t.id}/candidates`).catch(() => ({ candidates: null }));
        if (!candidates) return;
        const byId = new Map(candidates.map((c) => [c.user_id, c]));
        for (const option of chooser.options) {
          const c = byId.get(option.value);
          if (c && !c.eligible && option.value !== ctx.me.id) {
            option.disabled = true;
            option.textContent = `${c.full_name} — ${(c.excluded_because || "").replaceAll("_", " ")}`;
          }
        }
      };
      chooser.addEventListener("focus", ask);
      chooser.addEventListener("pointerdown", ask);
      const button = h("button", { type: "button", class: "secondary", dataset: { key: `${key}-assign` } }, t.agent_id ? "Reassign" : "Assign");
      button.addEventListener("click", () => act(button, box, async () => {
        errors.delete(key);
        if (!chooser.value) throw new Error("Choose an agent first.");
        const to = chooser.value === "__queue" ? null : chooser.value;
        try {
          await put(`/api/chatbot/transfers/${t.id}/assign`, { agent_id: to });
        } catch (err) { errors.set(key, err.message); throw err; }
        toast(to ? `Assigned to ${ctx.name(to)}.` : "Back in the queue.");
        await loadTransfers();
      }));
      return h("span", { class: "assign" }, chooser, button);
    };
  }

  async function loadTransfers() {
    const d = await get("/api/chatbot/transfers" + query({ team_id: teamId, status: "active", limit: 100 }));
    if (!alive) return;
    const teams = new Map([[team.id, team]]);
    const manage = canManage();
    const pickBox = errorBox({ id: "team-pick-error" });
    const pick = h("button", { type: "button", class: "primary", dataset: { key: "team-pick" } }, "Pick next");
    pick.addEventListener("click", () => act(pick, pickBox, async () => {
      const r = await post("/api/chatbot/transfers/pick" + query({ team_id: teamId }));
      toast(r.transfer ? "You picked a transfer." : "Nothing is waiting in this queue.");
      await loadTransfers();
    }));
    keepFocus(() => replace(transfers,
      h("div", { class: "toolbar" }, h("span", { class: "muted" }, `${d.team_queue_counts[teamId] || 0} waiting · ${d.total_count} active`), pick),
      pickBox,
      d.transfers.length
        ? h("ul", { class: "items" }, d.transfers.map((t) => transferItem(t, ctx, {
            teams, showAgent: true, errors, extra: manage ? assignControl(t) : null,
          })))
        : empty("No active transfers in this team.")));
  }

  function drawMembers() {
    const manage = canManage();
    const rows = team.members.map((m) => {
      const key = `member-${m.user_id}`;
      const box = errorBox();
      if (errors.has(key)) box.textContent = errors.get(key);
      let roleCell = m.role;
      if (isAdmin) {  // roles make or unmake managers: admins only, as in the API
        const role = select("role", [["agent", "Agent"], ["manager", "Manager"]], m.role, { "aria-label": `Role of ${m.full_name}` });
        role.addEventListener("change", () => act(role, box, async () => {
          errors.delete(key);
          try {
            await patch(`/api/teams/${teamId}/members/${m.user_id}`, { role: role.value });
          } catch (err) {
            errors.set(key, err.message);  // shown again after the redraw below
            throw err;
          } finally { await reload(); }
          toast(`${m.full_name} is now ${role.value === "manager" ? "a manager" : "an agent"}.`);
        }));
        roleCell = role;
      }
      const remove = manage ? h("button", { type: "button", class: "danger-outline", "aria-label": `Remove ${m.full_name}` }, "Remove") : null;
      if (remove) remove.addEventListener("click", async () => {
        if (!(await confirmDialog(`Remove ${m.full_name}?`, "They stop receiving this team's transfers; the ones they hold here go back to the queue.", "Remove"))) return;
        await act(remove, box, async () => {
          await del(`/api/teams/${teamId}/members/${m.user_id}`);
          toast(`${m.full_name} removed.`);
          await reload();
        });
      });
      return h("tr", { dataset: { userId: m.user_id } },
        h("th", { scope: "row" }, m.full_name, h("div", { class: "muted small" }, m.email)),
        h("td", { "data-label": "Role" }, roleCell),
        h("td", { "data-label": "Status" },  // available but not: a deactivated user
          m.is_available || m.state !== "available" ? stateBadge(m.state) : badge("deactivated", "warn")),
        h("td", { "data-label": "Last assigned" }, m.last_assigned_at ? elapsed(m.last_assigned_at) : "—", m.last_assigned_at ? " ago" : ""),
        h("td", { class: "actions" }, remove, box));
    });
    replace(members,
      team.members.length ? h("div", { class: "table-wrap" }, h("table", { class: "table responsive", id: "members-table" },
        h("thead", {}, h("tr", {}, ["Member", "Role", "Status", "Last assigned", ""].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rows))) : empty("No members yet."));
  }

  function addMember() {
    const search = h("input", { type: "search", name: "search", placeholder: "Name or email", autocomplete: "off" });
    const results = h("ul", { class: "results", id: "member-results", "aria-live": "polite" });
    const box = errorBox({ id: "add-member-error" });
    const button = h("button", { type: "submit", class: "secondary" }, "Search");
    const form = h("form", { class: "inline-form", id: "member-search", role: "search" }, field("Add a member: search users", search), button);
    const wrap = h("div", { class: "add-member" }, form, box, results);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(button, box, async () => {
        const d = await get(`/api/teams/${teamId}/addable-users` + query({ search: search.value.trim(), limit: 20 }));
        ctx.remember(d.users);
        const found = d.users;
        replace(results, found.length ? found.map((u) => {
          const role = isAdmin ? select("role", [["agent", "as agent"], ["manager", "as manager"]], u.role === "manager" ? "manager" : "agent",
            { "aria-label": `Role for ${u.full_name}` }) : null;
          const add = h("button", { type: "button", class: "primary", "aria-label": `Add ${u.full_name}` }, "Add");
          const rowBox = errorBox();
          add.addEventListener("click", () => act(add, rowBox, async () => {
            await post(`/api/teams/${teamId}/members`, { user_id: u.id, role: role ? role.value : "agent" });
            toast(`${u.full_name} added.`);
            await reload();
          }));
          return h("li", { class: "result" }, h("span", {}, h("strong", {}, u.full_name), " ", h("span", { class: "muted" }, u.email)), role, add, rowBox);
        }) : empty("No users match (members are not listed)."));
      });
    });
    return wrap;
  }

  function drawSettings(notice412 = null) {
    if (!canManage()) { replace(settings); return; }
    const formEtag = etag;  // saving sends every field: only over the version this form shows
    const name = h("input", { name: "name", value: team.name, required: true, maxlength: 100 });
    const description = h("input", { name: "description", value: team.description || "" });
    const strategy = select("assignment_strategy", STRATEGIES, team.assignment_strategy);
    const schedule = select("schedule_id", [["", "Always open"], ...schedules.map((s) => [s.id, `${s.name} (${s.timezone})`])], team.schedule_id || "");
    const slaFirst = h("input", { name: "sla_first_assignment_seconds", type: "number", min: 1, value: team.sla_first_assignment_seconds ?? "" });
    const slaEnd = h("input", { name: "sla_resolution_seconds", type: "number", min: 1, value: team.sla_resolution_seconds ?? "" });
    const acceptIn = h("input", { name: "accept_timeout_seconds", type: "number", min: 1, max: 3600, value: team.accept_timeout_seconds ?? "" });
    const missedAway = h("input", { name: "missed_offer_sets_away", type: "checkbox", checked: team.missed_offer_sets_away });
    const relax = h("input", { name: "skills_relax_after_seconds", type: "number", min: 1, max: 2592000, value: team.skills_relax_after_seconds ?? "" });
    const sticky = h("input", { name: "sticky_agent_hours", type: "number", min: 1, max: 8760, value: team.sticky_agent_hours ?? "" });
    const policy = select("overflow_policy", POLICIES, team.overflow_policy);
    const fallbackChoices = [...others.values()].filter((t) => t.id !== team.id).sort((a, b) => a.name.localeCompare(b.name));
    const fallback = select("fallback_team_id", [["", "None"], ...fallbackChoices.map((t) => [t.id, t.name]),
      ...(team.fallback_team_id && !others.has(team.fallback_team_id) ? [[team.fallback_team_id, "Another team (not one of yours)"]] : [])],
    team.fallback_team_id || "");
    const overflowAfter = h("input", { name: "overflow_after_seconds", type: "number", min: 1, max: 2592000, value: team.overflow_after_seconds ?? "" });
    const box = errorBox({ id: "settings-error" });
    const save = h("button", { type: "submit", class: "primary" }, "Save changes");
    const form = h("form", { class: "form-grid", id: "team-settings-form" },
      field("Name", name), field("Description", description), field("Assignment strategy", strategy),
      field("Support hours", schedule),
      field("SLA: first assignment (seconds)", slaFirst, "Empty: no target"),
      field("SLA: resolution (seconds)", slaEnd, "Empty: no target"),
      field("Offers: accept within (seconds)", acceptIn, "Automatic assignments wait this long for the agent to accept. Empty: no accepting"),
      h("div", { class: "field check-field" }, h("label", {}, missedAway, "An agent who lets an offer lapse is made away")),
      field("Drop required skills after (seconds)", relax, "Then any agent may have the transfer. Empty: never"),
      field("Prefer the contact's last agent for (hours)", sticky, "Empty: the strategy alone decides"),
      h("fieldset", { class: "checks overflow-set" }, h("legend", {}, "Overflow"),
        field("When closed or waiting too long", policy),
        field("Fallback team", fallback, "Where transfers move with the fallback policy"),
        field("Overflow after waiting (seconds)", overflowAfter, "Also move transfers that waited this long in open hours. Empty: only out of hours")),
      h("div", { class: "form-actions" }, save), box);
    if (notice412) box.textContent = notice412;
    const num = (el) => (el.value === "" ? null : Number(el.value));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        await change({
          name: name.value.trim(), description: description.value.trim() || null,
          assignment_strategy: strategy.value, schedule_id: schedule.value || null,
          sla_first_assignment_seconds: num(slaFirst), sla_resolution_seconds: num(slaEnd),
          accept_timeout_seconds: num(acceptIn), missed_offer_sets_away: missedAway.checked,
          skills_relax_after_seconds: num(relax), sticky_agent_hours: num(sticky),
          overflow_policy: policy.value, fallback_team_id: fallback.value || null, overflow_after_seconds: num(overflowAfter),
        }, "Team saved.", formEtag);
      }, form);
    });
    const stateBox = errorBox({ id: "team-state-error" });
    const toggle = h("button", { type: "button", class: "secondary", id: "toggle-active" }, team.is_active ? "Deactivate team" : "Activate team");
    toggle.addEventListener("click", async () => {
      if (team.is_active && !(await confirmDialog(`Deactivate ${team.name}?`, "An inactive team receives no new transfers.", "Deactivate"))) return;
      act(toggle, stateBox, () => change({ is_active: !team.is_active }, team.is_active ? "Team deactivated." : "Team activated.", formEtag));
    });
    const remove = isAdmin ? h("button", { type: "button", class: "danger", id: "delete-team" }, "Delete team") : null;
    if (remove) remove.addEventListener("click", async () => {
      if (!(await confirmDialog(`Delete ${team.name}?`, "The team and its memberships are deleted; its waiting transfers move to the general queue. This cannot be undone.", "Delete team"))) return;
      act(remove, stateBox, async () => {
        await del(`/api/teams/${teamId}`, etag ? { "If-Match": etag } : {});
        toast(`Team “${team.name}” deleted.`);
        ctx.navigate("#/teams");
      });
    });
    replace(settings, form, h("div", { class: "danger-zone" }, toggle, remove, stateBox));
  }

  // Errors stay next to the form that caused them, with what the user typed; only a success or
  // a 412 (the team changed meanwhile) redraws the settings, the latter with their version.
  async function change(body, message, formEtag) {
    try {
      await patch(`/api/teams/${teamId}`, body, formEtag ? { "If-Match": formEtag } : {});
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 412)) throw err;
      await reload("Someone changed this team meanwhile; this form now shows their version. Make your change again.");
      return;
    }
    await reload(true);
    toast(message);
  }

  async function loadTeam() {
    const d = await get(`/api/teams/${teamId}`);
    team = d.team;
    etag = d._etag;
    ctx.remember(team.members);
  }

  async function reload(withSettings = false) {  // true, or a message to show in the new form
    await Promise.all([loadTeam(), withSettings ? loadChoices() : null]);
    if (!alive) return;
    drawHead();
    drawMembers();
    // the settings first: the saved version is in the form before anything else is shown
    if (withSettings) drawSettings(withSettings === true ? null : withSettings);
    await Promise.all([loadStats(), loadTransfers()]);
  }

  async function loadChoices() {  // schedules and teams by name (what the caller may see)
    [schedules, others] = await Promise.all([
      all("/api/schedules", "schedules").catch(() => []),
      all("/api/teams", "teams").then((l) => new Map(l.map((t) => [t.id, t]))).catch(() => new Map()),
    ]);
  }

  adminCss();
  await Promise.all([loadTeam(), loadChoices()]);
  drawHead();
  drawMembers();
  await Promise.all([
    loadStats().catch((err) => replace(stats, notice(err))),
    loadTransfers().catch((err) => replace(transfers, notice(err))),
  ]);
  drawSettings();
  replace(main, head, stats,
    section("Queue and active transfers", transfers),
    section("Members", members, canManage() ? addMember() : null),
    canManage() ? section("Settings", settings) : null);

  const refresh = throttle(() => alive && Promise.all([loadStats(), loadTransfers()]), 500);
  const refreshTeam = throttle(async () => {
    if (!alive) return;
    await loadTeam();
    if (alive) { drawHead(); keepFocus(drawMembers); }
  }, 500);
  // only what concerns this team (admins receive every event of the organization)
  let waiting = null;
  const ours = (t) => t && (t.transfer.team_id === teamId || Object.values(t.details || {}).includes(teamId));
  const member = (userId) => team.members.some((m) => m.user_id === userId);
  return {
    onEvent(type, data) {
      const counts = type === "queue.counts" ? (data.team_queue_counts || {})[teamId] || 0 : waiting;
      if ((type.startsWith("transfer.") && ours(data)) || counts !== waiting || type === "stream.reconnected") refresh();
      waiting = counts;
      if ((type === "team.updated" && data.team && data.team.id === teamId) || type === "stream.reconnected"
          || ((type === "agent.availability_changed" || type === "availability") && data && member(data.user_id || ctx.me.id))) refreshTeam();
    },
    destroy() { alive = false; },
  };
}
