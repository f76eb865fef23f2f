// Users (admins): list, create, change role (confirmed), state, capacity, skills,
// activate/deactivate, delete; and API keys.
import { del, get, patch, post, query } from "../api.js";
import { STATES, act, badge, confirmDialog, empty, errorBox, field, h, notice, replace, section, select, stateBadge, toast, when } from "../ui.js";
import { adminCss, pager } from "./admin-kit.js";

const ROLES = [["agent", "Agent"], ["manager", "Manager"], ["admin", "Admin"]];
const ROLE_NOTES = {
  agent: "An agent works on the transfers of the teams they are in (a team may still make them its manager).",
  manager: "A manager may also delete contacts; the teams they manage are set on each team's page.",
  admin: "An admin may change everything in the organization: users, teams, settings, webhooks.",
  service: "A service account signs in only with API keys, limited by their scopes, and is never given transfers.",
};
// a role this page does not offer (a service account) is still shown as it is
const rolesFor = (u) => (ROLES.some(([v]) => v === u.role) ? ROLES : [...ROLES, [u.role, u.role === "service" ? "Service account" : u.role]]);
const LIMIT = 50;

export async function render(main, _params, ctx) {
  const list = h("div", { id: "user-list" });
  const keys = h("div", { id: "key-list" });
  const search = h("input", { type: "search", name: "search", placeholder: "Name or email" });
  let page = 1;
  let org = ctx.org;

  async function loadUsers(to = page) {
    const d = await get("/api/users" + query({ search: search.value.trim(), page: to, limit: LIMIT }));
    page = to;
    ctx.remember(d.users);
    replace(list, d.users.length ? h("div", { class: "table-wrap" }, h("table", { class: "table responsive", id: "users-table" },
      h("thead", {}, h("tr", {}, ["User", "Role", "State", "Capacity", "Skills", "Last sign-in", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, d.users.map(userRow)))) : empty("No users match."),
    pager(d, (p) => loadUsers(p).catch(() => {}), "users"));
  }

  function userRow(u) {
    const box = errorBox();
    const self = u.id === ctx.me.id;
    const role = select("role", rolesFor(u), u.role, { "aria-label": `Role of ${u.full_name}` });
    role.addEventListener("change", async () => {
      const to = role.value;
      const label = rolesFor(u).find(([v]) => v === to)[1].toLowerCase();
      const ok = await confirmDialog(`Make ${u.full_name} ${to === "admin" ? "an" : "a"} ${label}?`,
        `${self ? "You would lose your admin rights. " : ""}${ROLE_NOTES[to] || ""}`, `Make ${label}`);
      if (!ok) { role.value = u.role; return; }
      await act(role, box, async () => {
        try {
          await patch(`/api/users/${u.id}`, { role: to });
          toast(`${u.full_name} is now ${to === "admin" ? "an" : "a"} ${label}.`);
        } catch (err) { role.value = u.role; throw err; }
        u.role = to;
      });
    });
    const active = h("button", { type: "button", class: "secondary" }, u.is_active ? "Deactivate" : "Activate");
    active.addEventListener("click", async () => {
      if (u.is_active && !(await confirmDialog(`Deactivate ${u.full_name}?`, "They can no longer sign in, and the transfers they hold go back to the queues.", "Deactivate"))) return;
      act(active, box, async () => { await patch(`/api/users/${u.id}`, { is_active: !u.is_active }); toast(`${u.full_name} ${u.is_active ? "deactivated" : "activated"}.`); await loadUsers(); });
    });
    const remove = h("button", { type: "button", class: "danger-outline", "aria-label": `Delete ${u.full_name}` }, "Delete");
    remove.addEventListener("click", async () => {
      if (!(await confirmDialog(`Delete ${u.full_name}?`, "The account is deleted and their transfers go back to the queues. This cannot be undone.", "Delete user"))) return;
      act(remove, box, async () => { await del(`/api/users/${u.id}`); toast(`${u.full_name} deleted.`); await loadUsers(); });
    });
    return h("tr", { dataset: { userId: u.id } },
      h("th", { scope: "row" }, u.full_name, self ? " (you)" : "", h("div", { class: "muted small" }, u.email)),
      h("td", { "data-label": "Role" }, role),
      h("td", { "data-label": "State" }, u.is_active ? (self ? stateBadge(u.state) : stateControl(u, box)) : badge("deactivated", "warn")),
      capacityCell(u, box),
      skillsCell(u, box),
      h("td", { "data-label": "Last sign-in" }, when(u.last_login_at)),
      h("td", { class: "actions" }, active, remove, box));
  }

  // Someone else's state, set by the admin: going away or offline asks first, since their
  // transfers may go back to the queues (the organization's away_keeps_transfers decides).
  function stateControl(u, box) {
    const state = select("state", STATES, u.state, { "aria-label": `State of ${u.full_name}` });
    state.addEventListener("change", async () => {
      const to = state.value;
      const label = STATES.find(([v]) => v === to)[1].toLowerCase();
      if (to === "away" || to === "offline") {
        const keeps = org && org.away_keeps_transfers;
        const ok = await confirmDialog(`Make ${u.full_name} ${label}?`,
          `They receive no new transfers${keeps ? " and keep the ones they hold (organization setting)" : "; the transfers they hold go back to the queues"}.`,
          `Make ${label}`);
        if (!ok) { state.value = u.state; return; }
      }
      await act(state, box, async () => {
        try {
          const d = await patch(`/api/users/${u.id}`, { state: to });
          u.state = d.user.state;
          toast(`${u.full_name} is now ${label}.`);
        } catch (err) { state.value = u.state; throw err; }
      });
    });
    return state;
  }

  // How many active transfers the agent may hold at once; empty: the organization's default.
  function capacityCell(u, box) {
    const dflt = !org ? "default" : org.default_max_active_transfers === null ? "no limit" : `${org.default_max_active_transfers} (default)`;
    const input = h("input", { type: "number", name: "max_active_transfers", min: 0, max: 10000, value: u.max_active_transfers ?? "",
      placeholder: dflt, title: "Empty: the organization's default", "aria-label": `Capacity of ${u.full_name}` });
    const save = h("button", { type: "submit", class: "secondary small", "aria-label": `Save capacity of ${u.full_name}` }, "Set");
    const form = h("form", { class: "capacity" }, input, save);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        const value = input.value.trim() === "" ? null : Number(input.value);
        const d = await patch(`/api/users/${u.id}`, { max_active_transfers: value });
        u.max_active_transfers = d.user.max_active_transfers;
        toast(value === null ? `${u.full_name}: the organization's default capacity.` : `${u.full_name}: at most ${value} active transfer${value === 1 ? "" : "s"}.`);
      });
    });
    return h("td", { "data-label": "Capacity" }, form);
  }

  // The user's skills (name -> level 1..10): each removable, and a small form adding one (or
  // changing the level of one they have). Every change sends the whole set.
  function skillsCell(u, box) {
    const cell = h("td", { "data-label": "Skills", class: "skills-cell" });
    const save = (skills, button, message) => act(button, box, async () => {
      const d = await patch(`/api/users/${u.id}`, { skills });
      u.skills = d.user.skills;
      toast(message);
      draw();
      return true;
    });
    function draw() {
      const name = h("input", { name: "skill", placeholder: "e.g. language:es", autocomplete: "off", required: true,
        maxlength: 64, "aria-label": `Skill name for ${u.full_name}` });
      const level = h("input", { name: "level", type: "number", min: 1, max: 10, value: "1", required: true,
        "aria-label": `Skill level for ${u.full_name}` });
      const add = h("button", { type: "submit", class: "secondary", "aria-label": `Add skill to ${u.full_name}` }, "Add");
      const form = h("form", { class: "skill-add" }, name, level, add);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const skill = name.value.trim().toLowerCase();
        if (await save({ ...u.skills, [skill]: Number(level.value) }, add, `${u.full_name}: ${skill} at level ${level.value}.`)) {
          cell.querySelector('input[name="skill"]').focus();  // ready for the next one
        }
      });
      const entries = Object.entries(u.skills || {}).sort(([a], [b]) => a.localeCompare(b));
      replace(cell,
        entries.length ? h("ul", { class: "skills", "aria-label": `Skills of ${u.full_name}` }, entries.map(([skill, lvl]) => {
          const remove = h("button", { type: "button", "aria-label": `Remove ${skill} from ${u.full_name}`, title: "Remove" }, "×");
          remove.addEventListener("click", () => {
            const rest = { ...u.skills };
            delete rest[skill];
            save(rest, remove, `${u.full_name}: ${skill} removed.`);
          });
          return h("li", { class: "skill" }, skill, h("span", { class: "lvl", title: `level ${lvl}` }, String(lvl)), remove);
        })) : h("span", { class: "muted small" }, "none"),
        form);
    }
    draw();
    return cell;
  }

  function createUser() {
    const email = h("input", { type: "email", name: "email", required: true, autocomplete: "off" });
    const name = h("input", { name: "full_name", required: true });
    const password = h("input", { type: "password", name: "password", required: true, autocomplete: "new-password" });
    const role = select("role", ROLES, "agent");
    const box = errorBox({ id: "create-user-error" });
    const button = h("button", { type: "submit", class: "primary" }, "Create user");
    const form = h("form", { class: "form-grid", id: "create-user" },
      field("Full name", name), field("Email", email), field("Initial password", password), field("Role", role),
      h("div", { class: "form-actions" }, button), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(button, box, async () => {
        const d = await post("/api/users", { email: email.value.trim(), full_name: name.value.trim(), password: password.value, role: role.value });
        toast(`${d.user.full_name} created.`);
        form.reset();
        await loadUsers();
      }, form);
    });
    return form;
  }

  async function loadKeys() {
    const d = await get("/api/api-keys");
    replace(keys, d.api_keys.length ? h("ul", { class: "items" }, d.api_keys.map((k) => {
      const box = errorBox();
      const revoke = h("button", { type: "button", class: "danger-outline", "aria-label": `Revoke ${k.name}` }, "Revoke");
      revoke.addEventListener("click", async () => {
        if (!(await confirmDialog(`Revoke “${k.name}”?`, "Programs using this key stop working at once.", "Revoke key"))) return;
        act(revoke, box, async () => { await del(`/api/api-keys/${k.id}`); toast("Key revoked."); await loadKeys(); });
      });
      return h("li", { class: "item" },
        h("div", { class: "item-main" }, h("strong", {}, k.name), h("div", { class: "meta" },
          h("code", {}, k.prefix + "…"), h("span", {}, "created " + when(k.created_at)),
          h("span", {}, k.last_used_at ? "last used " + when(k.last_used_at) : "never used"))),
        h("div", { class: "item-actions" }, revoke), box);
    })) : empty("No API keys. The chatbot's server needs one to hand conversations over."));
  }

  function createKey() {
    const name = h("input", { name: "name", required: true, placeholder: "e.g. chatbot" });
    const box = errorBox({ id: "create-key-error" });
    const shown = h("div", { id: "new-key", "aria-live": "polite" });
    const button = h("button", { type: "submit", class: "primary" }, "Create key");
    const form = h("form", { class: "inline-form", id: "create-key" }, field("Key name", name), button);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(button, box, async () => {
        const d = await post("/api/api-keys", { name: name.value.trim() });
        replace(shown, h("div", { class: "banner ok" }, h("p", {}, "Copy the key now: it is shown only this once."),
          h("code", { class: "secret" }, d.key)));
        form.reset();
        await loadKeys();
      }, form);
    });
    return [form, box, shown];
  }

  adminCss();
  org = (await get("/api/organization").catch(() => null))?.organization || org;  // its default capacity
  await Promise.all([loadUsers(), loadKeys().catch((err) => replace(keys, notice(err)))]);
  const searchForm = h("form", { class: "inline-form", role: "search" }, field("Search users", search), h("button", { type: "submit", class: "secondary" }, "Search"));
  searchForm.addEventListener("submit", (e) => {
    e.preventDefault();
    replace(list, h("p", { class: "muted", role: "status" }, "Searching…"));  // no row of the old list is edited meanwhile
    loadUsers(1).catch((err) => replace(list, notice(err)));
  });
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Users & API keys")),
    section("Users", searchForm, list),
    h("div", { class: "grid two" },
      section("New user", createUser()),
      section("My API keys", h("p", { class: "muted" }, "Keys act as you; send them as Authorization: Bearer <key>."), createKey(), keys)));
  return {};
}
