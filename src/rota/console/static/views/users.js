// Users (admins): list, create, change role, activate/deactivate, delete; and API keys.
import { del, get, patch, post, query } from "../api.js";
import { act, badge, confirmDialog, empty, errorBox, field, h, replace, section, select, stateBadge, toast, when } from "../ui.js";

const ROLES = [["agent", "Agent"], ["manager", "Manager"], ["admin", "Admin"]];

export async function render(main, _params, ctx) {
  const list = h("div", { id: "user-list" });
  const keys = h("div", { id: "key-list" });
  const search = h("input", { type: "search", name: "search", placeholder: "Name or email" });

  async function loadUsers() {
    const d = await get("/api/users" + query({ search: search.value.trim(), limit: 100 }));
    ctx.remember(d.users);
    replace(list, d.users.length ? h("div", { class: "table-wrap" }, h("table", { class: "table responsive" },
      h("thead", {}, h("tr", {}, ["User", "Role", "Status", "Skills", "Last sign-in", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, d.users.map(userRow)))) : empty("No users match."));
  }

  function userRow(u) {
    const box = errorBox();
    const self = u.id === ctx.me.id;
    const role = select("role", ROLES, u.role, { "aria-label": `Role of ${u.full_name}` });
    role.addEventListener("change", () => act(role, box, async () => {
      try {
        await patch(`/api/users/${u.id}`, { role: role.value });
        toast(`${u.full_name} is now ${role.value}.`);
      } catch (err) { role.value = u.role; throw err; }
      u.role = role.value;
    }));
    const active = h("button", { type: "button", class: "secondary" }, u.is_active ? "Deactivate" : "Activate");
    active.addEventListener("click", async () => {
      if (u.is_active && !(await confirmDialog(`Deactivate ${u.full_name}?`, "They can no longer sign in, and the transfers they hold go back to the queues.", "Deactivate"))) return;
      act(active, box, async () => { await patch(`/api/users/${u.id}`, { is_active: !u.is_active }); await loadUsers(); });
    });
    const remove = h("button", { type: "button", class: "danger-outline", "aria-label": `Delete ${u.full_name}` }, "Delete");
    remove.addEventListener("click", async () => {
      if (!(await confirmDialog(`Delete ${u.full_name}?`, "The account is deleted and their transfers go back to the queues. This cannot be undone.", "Delete user"))) return;
      act(remove, box, async () => { await del(`/api/users/${u.id}`); toast(`${u.full_name} deleted.`); await loadUsers(); });
    });
    return h("tr", { dataset: { userId: u.id } },
      h("th", { scope: "row" }, u.full_name, self ? " (you)" : "", h("div", { class: "muted small" }, u.email)),
      h("td", { "data-label": "Role" }, role),
      h("td", { "data-label": "Status" }, u.is_active ? stateBadge(u.state) : badge("deactivated", "warn")),
      skillsCell(u, box),
      h("td", { "data-label": "Last sign-in" }, when(u.last_login_at)),
      h("td", { class: "actions" }, active, remove, box));
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

  await Promise.all([loadUsers(), loadKeys()]);
  const searchForm = h("form", { class: "inline-form", role: "search" }, field("Search users", search), h("button", { type: "submit", class: "secondary" }, "Search"));
  searchForm.addEventListener("submit", (e) => { e.preventDefault(); loadUsers().catch(() => {}); });
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Users & API keys")),
    section("Users", searchForm, list),
    h("div", { class: "grid two" },
      section("New user", createUser()),
      section("My API keys", h("p", { class: "muted" }, "Keys act as you; send them as Authorization: Bearer <key>."), createKey(), keys)));
  return {};
}
