// Contacts: the people handed over by the chatbot. #/contacts lists and searches them and creates
// one; #/contacts/<id> edits one (its custom attributes too), deletes it and lists its transfers.
import { del, get, patch, post, query } from "../api.js";
import { act, badge, confirmDialog, empty, errorBox, field, h, replace, section, shortId, toast, when } from "../ui.js";
import { adminCss, pager, rememberPeople, teamName, teamsById } from "./admin-kit.js";

const LIMIT = 25;

// attribute values as typed: true/false and numbers become JSON values, "quoted" stays text
function parseValue(text) {
  const t = text.trim();
  if (t === "true" || t === "false") return t === "true";
  if (t !== "" && !Number.isNaN(Number(t))) return Number(t);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  return t;
}
const showValue = (v) => (typeof v === "string" && (v === "true" || v === "false" || (v.trim() !== "" && !Number.isNaN(Number(v)))) ? `"${v}"` : String(v));

// Rows of key = value inputs; read() gives the object (keys removed since `before` as null).
function attributesEditor(before = {}) {
  const rows = h("div", { class: "attr-rows" });
  const add = (k = "", v = "") => {
    const key = h("input", { name: "attr-key", value: k, placeholder: "key, e.g. plan", "aria-label": "Attribute name", maxlength: 100 });
    const value = h("input", { name: "attr-value", value: v, placeholder: "value, e.g. pro", "aria-label": "Attribute value" });
    const remove = h("button", { type: "button", class: "icon", "aria-label": `Remove attribute ${k}`.trim(), title: "Remove" }, "×");
    const row = h("div", { class: "attr-row" }, key, " = ", value, remove);
    remove.addEventListener("click", () => row.remove());
    rows.append(row);
  };
  for (const [k, v] of Object.entries(before)) add(k, showValue(v));
  const more = h("button", { type: "button", class: "secondary small" }, "+ attribute");
  more.addEventListener("click", () => { add(); rows.lastChild.querySelector("input").focus(); });
  const read = () => {
    const out = {};
    for (const row of rows.children) {
      const [k, v] = row.querySelectorAll("input");
      if (k.value.trim()) out[k.value.trim()] = parseValue(v.value);
    }
    for (const k of Object.keys(before)) if (!(k in out)) out[k] = null;  // removed
    return out;
  };
  return { el: h("fieldset", { class: "checks attrs" }, h("legend", {}, "Custom attributes"),
    h("small", { class: "muted" }, "true, false and numbers are stored as such; put text like \"12\" in quotes."), rows, h("div", {}, more)), read };
}

function contactFields(c = {}) {
  const name = h("input", { name: "name", value: c.name || "", required: true, maxlength: 200 });
  const phone = h("input", { name: "phone_number", type: "tel", value: c.phone_number || "", maxlength: 32 });
  const email = h("input", { name: "email", type: "email", value: c.email || "" });
  const external = h("input", { name: "external_id", value: c.external_id || "", maxlength: 200 });
  const attrs = attributesEditor(c.custom_attributes || {});
  const read = () => ({
    name: name.value.trim(), phone_number: phone.value.trim() || null, email: email.value.trim() || null,
    external_id: external.value.trim() || null, custom_attributes: attrs.read(),
  });
  return { els: [field("Name", name), field("Phone", phone), field("Email", email), field("External id", external, "Your CRM's id"), attrs.el], read };
}

export async function render(main, [contactId], ctx) {
  adminCss();
  return contactId ? one(main, contactId, ctx) : list(main, ctx);
}

async function list(main, ctx) {
  const out = h("div", { id: "contact-list" });
  const search = h("input", { type: "search", name: "search", placeholder: "Name, email, phone or external id" });
  const box = errorBox({ id: "contact-search-error" });

  async function load(page = 1) {
    const d = await get("/api/contacts" + query({ search: search.value.trim(), page, limit: LIMIT }));
    replace(out, d.contacts.length ? h("div", { class: "table-wrap" }, h("table", { class: "table responsive", id: "contacts-table" },
      h("thead", {}, h("tr", {}, ["Contact", "Phone", "Email", "External id", "Added"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, d.contacts.map((c) => h("tr", { dataset: { contactId: c.id } },
        h("th", { scope: "row" }, h("a", { href: `#/contacts/${c.id}` }, c.name)),
        h("td", { "data-label": "Phone" }, c.phone_number || "—"),
        h("td", { "data-label": "Email", class: "break" }, c.email || "—"),
        h("td", { "data-label": "External id", class: "break" }, c.external_id || "—"),
        h("td", { "data-label": "Added" }, when(c.created_at))))))) : empty(search.value.trim() ? "No contacts match." : "No contacts yet."),
    pager(d, (p) => act(null, box, () => load(p)), "contacts"));
  }

  const find = h("button", { type: "submit", class: "secondary" }, "Search");
  const searchForm = h("form", { class: "inline-form", role: "search", id: "contact-search" }, field("Search contacts", search), find);
  searchForm.addEventListener("submit", (e) => { e.preventDefault(); act(find, box, () => load(1)); });

  const fields = contactFields();
  const createBox = errorBox({ id: "create-contact-error" });
  const create = h("button", { type: "submit", class: "primary" }, "Create contact");
  const form = h("form", { class: "form-grid", id: "create-contact" }, fields.els, h("div", { class: "form-actions" }, create), createBox);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    act(create, createBox, async () => {
      const body = fields.read();
      body.custom_attributes = Object.fromEntries(Object.entries(body.custom_attributes).filter(([, v]) => v !== null));
      const d = await post("/api/contacts", body);
      toast(`${d.contact.name} added.`);
      ctx.navigate(`#/contacts/${d.contact.id}`);
    }, form);
  });

  await load();
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Contacts")),
    section("All contacts", searchForm, box, out),
    section("New contact", form));
  return {};
}

async function one(main, id, ctx) {
  let contact = (await get(`/api/contacts/${id}`)).contact;
  const [teams] = await Promise.all([teamsById().catch(() => new Map()), rememberPeople(ctx)]);
  const head = h("div", { class: "page-head" });
  const holder = h("div", { id: "contact-edit" });
  const transfers = h("div", { id: "contact-transfers" });

  function drawHead() {
    replace(head, h("div", {}, h("p", { class: "crumbs" }, h("a", { href: "#/contacts" }, "Contacts"), " / "),
      h("h1", {}, contact.name), h("p", { class: "muted" }, [contact.phone_number, contact.email, contact.external_id].filter(Boolean).join(" · "))));
  }

  function drawForm() {
    const fields = contactFields(contact);
    const box = errorBox({ id: "contact-error" });
    const save = h("button", { type: "submit", class: "primary" }, "Save contact");
    const remove = h("button", { type: "button", class: "danger-outline", id: "delete-contact" }, "Delete contact");
    const form = h("form", { class: "form-grid", id: "contact-form" }, fields.els, h("div", { class: "form-actions" }, save, remove), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        contact = (await patch(`/api/contacts/${id}`, fields.read())).contact;
        toast(`${contact.name} saved.`);
        drawHead();
        drawForm();
      }, form);
    });
    remove.addEventListener("click", async () => {
      if (!(await confirmDialog(`Delete ${contact.name}?`, "The contact is deleted. This cannot be undone.", "Delete contact"))) return;
      act(remove, box, async () => { await del(`/api/contacts/${id}`); toast(`${contact.name} deleted.`); ctx.navigate("#/contacts"); });
    });
    replace(holder, form);
  }

  // The transfer list has no contact filter: search by what identifies the contact best, and
  // keep the transfers that are theirs.
  async function loadTransfers() {
    const q = contact.external_id || contact.email || contact.phone_number || contact.name;
    const d = await get("/api/chatbot/transfers" + query({ q, sort: "newest", limit: 100 }));
    const theirs = d.transfers.filter((t) => t.contact_id === id);
    replace(transfers, theirs.length ? h("ul", { class: "items" }, theirs.map((t) => h("li", { class: "item" },
      h("div", { class: "item-main" },
        h("a", { href: `#/transfers/${t.id}`, class: "contact-link" }, `Transfer ${shortId(t.id)} · ${when(t.transferred_at)}`),
        t.notes ? h("p", { class: "notes" }, t.notes) : null,
        h("div", { class: "meta" },
          badge(t.status, t.status === "active" ? "ok" : "neutral"),
          h("span", {}, teamName(teams, t.team_id, "General queue")),
          t.agent_id ? h("span", {}, "→ ", ctx.name(t.agent_id)) : null,
          t.sla_breached ? badge("SLA breached", "danger") : null))))) : empty("No transfers of this contact that you may see."));
  }

  drawHead();
  drawForm();
  await loadTransfers().catch((err) => replace(transfers, h("p", { class: "error-box" }, err.message)));
  replace(main, head, section("Details", holder), section("Transfers", transfers));
  return {};
}
