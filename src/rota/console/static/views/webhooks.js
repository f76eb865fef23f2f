// Webhooks (admins): endpoints (edit their URL, description and events), their secrets (shown
// once; rotate, then drop the old one), enable/disable, deliveries (paged), redeliver.
import { del, get, patch, post, query } from "../api.js";
import { act, badge, confirmDialog, empty, errorBox, field, h, replace, section, toast, when } from "../ui.js";
import { adminCss, pager } from "./admin-kit.js";

const TYPES = ["transfer.created", "transfer.assigned", "transfer.offered", "transfer.accepted", "transfer.offer_declined",
  "transfer.offer_lapsed", "transfer.unassigned", "transfer.moved", "transfer.resumed", "transfer.closed",
  "transfer.sla_breached", "transfer.overflowed", "agent.availability_changed", "team.updated"];

export async function render(main, _params, ctx) {
  const list = h("div", { id: "webhook-list" });
  const secret = h("div", { id: "webhook-secret", "aria-live": "polite" });

  function showSecret(text) {
    replace(secret, h("div", { class: "banner ok" }, h("p", {}, "The signing secret, shown only this once:"), h("code", { class: "secret" }, text)));
  }

  async function load() {
    const d = await get("/api/webhooks" + query({ limit: 100 }));
    replace(list, d.webhooks.length ? h("ul", { class: "items" }, d.webhooks.map(item)) : empty("No webhooks yet."));
  }

  function item(w) {
    const box = errorBox();
    const deliveries = h("div", { class: "deliveries" });
    const toggle = h("button", { type: "button", class: "secondary" }, w.enabled ? "Disable" : "Enable");
    toggle.addEventListener("click", () => act(toggle, box, async () => { await patch(`/api/webhooks/${w.id}`, { enabled: !w.enabled }); await load(); }));
    const rotate = h("button", { type: "button", class: "secondary" }, "Rotate secret");
    rotate.addEventListener("click", async () => {
      if (!(await confirmDialog("Rotate the secret?", "A new secret is made; messages are signed with both until you drop the old one.", "Rotate"))) return;
      act(rotate, box, async () => { const d = await post(`/api/webhooks/${w.id}/rotate-secret`); showSecret(d.secret); await load(); });
    });
    const show = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, "Deliveries");
    show.addEventListener("click", () => act(show, box, async () => {
      if (show.getAttribute("aria-expanded") === "true") { show.setAttribute("aria-expanded", "false"); replace(deliveries); return; }
      show.setAttribute("aria-expanded", "true");
      await loadDeliveries(w, deliveries);
    }));
    const dropOld = w.previous_secret_prefix ? h("button", { type: "button", class: "secondary" }, "Drop old secret") : null;
    if (dropOld) dropOld.addEventListener("click", async () => {
      if (!(await confirmDialog("Drop the old secret?", `Messages are no longer signed with ${w.previous_secret_prefix}…; receivers still checking it fail.`, "Drop old secret"))) return;
      act(dropOld, box, async () => { await del(`/api/webhooks/${w.id}/previous-secret`); toast("Old secret dropped."); await load(); });
    });
    const edit = h("div", { class: "webhook-edit" });
    const editButton = h("button", { type: "button", class: "secondary", "aria-expanded": "false", "aria-label": `Edit ${w.url}` }, "Edit");
    editButton.addEventListener("click", () => {
      const open = editButton.getAttribute("aria-expanded") === "true";
      editButton.setAttribute("aria-expanded", String(!open));
      replace(edit, open ? null : webhookForm(w));
    });
    const remove = h("button", { type: "button", class: "danger-outline" }, "Delete");
    remove.addEventListener("click", async () => {
      if (!(await confirmDialog("Delete this webhook?", `${w.url} stops receiving events; its deliveries are deleted.`, "Delete webhook"))) return;
      act(remove, box, async () => { await del(`/api/webhooks/${w.id}`); toast("Webhook deleted."); await load(); });
    });
    return h("li", { class: "item" },
      h("div", { class: "item-main" },
        h("strong", { class: "break" }, w.url),
        w.description ? h("div", { class: "muted" }, w.description) : null,
        h("div", { class: "meta" }, w.enabled ? badge("enabled", "ok") : badge("disabled", "warn"),
          w.disabled_reason ? h("span", {}, w.disabled_reason) : null,
          h("span", {}, w.event_types.length ? w.event_types.join(", ") : "all events"),
          h("code", { title: "The current secret" }, w.secret_prefix + "…"),
          w.previous_secret_prefix ? h("span", {}, "also signed with ", h("code", {}, w.previous_secret_prefix + "…")) : null)),
      h("div", { class: "item-actions" }, show, editButton, toggle, rotate, dropOld, remove), box, edit, deliveries);
  }

  async function loadDeliveries(w, into, page = 1) {
    const d = await get(`/api/webhooks/${w.id}/deliveries` + query({ page, limit: 25 }));
    replace(into, d.deliveries.length ? h("div", { class: "table-wrap" }, h("table", { class: "table compact" },
      h("thead", {}, h("tr", {}, ["Event", "Status", "Attempts", "Last answer", "Last attempt", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, d.deliveries.map((x) => {
        const box = errorBox();
        const again = h("button", { type: "button", class: "secondary small" }, "Redeliver");
        again.addEventListener("click", () => act(again, box, async () => {
          await post(`/api/webhooks/${w.id}/deliveries/${x.id}/redeliver`);
          toast("Sent again.");
          await loadDeliveries(w, into, page);
        }));
        return h("tr", {},
          h("td", {}, x.event_type),
          h("td", {}, badge(x.status, x.status === "succeeded" ? "ok" : x.status === "failed" ? "danger" : "neutral")),
          h("td", {}, String(x.attempts)),
          h("td", {}, x.last_status_code ? String(x.last_status_code) : "", x.last_error ? h("div", { class: "muted small" }, x.last_error) : null,
            x.last_duration_ms !== null ? h("div", { class: "muted small" }, `${x.last_duration_ms} ms`) : null),
          h("td", {}, when(x.last_attempt_at)),
          h("td", {}, again, box));
      })))) : empty("No deliveries yet."),
    d.total > 0 ? pager(d, (p) => loadDeliveries(w, into, p).catch(() => {}), "deliveries") : null);
  }

  // an endpoint's URL, description and events (PATCH sends them all)
  function webhookForm(w) {
    const url = h("input", { type: "url", name: "url", required: true, value: w.url });
    const description = h("input", { name: "description", value: w.description || "" });
    const checks = TYPES.map((t) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "event_types", value: t, checked: w.event_types.includes(t) }), " ", t));
    const box = errorBox();
    const save = h("button", { type: "submit", class: "primary" }, "Save webhook");
    const form = h("form", { class: "form-grid" }, field("URL", url), field("Description", description, "Optional"),
      h("fieldset", { class: "checks" }, h("legend", {}, "Events (none checked: all)"), checks),
      h("div", { class: "form-actions" }, save), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(save, box, async () => {
        const types = [...form.querySelectorAll("input[name=event_types]:checked")].map((c) => c.value);
        await patch(`/api/webhooks/${w.id}`, { url: url.value.trim(), description: description.value.trim() || null, event_types: types });
        toast("Webhook saved.");
        await load();
      }, form);
    });
    return form;
  }

  function createForm() {
    const url = h("input", { type: "url", name: "url", required: true, placeholder: "https://example.com/rota" });
    const description = h("input", { name: "description" });
    const checks = TYPES.map((t) => h("label", { class: "check" }, h("input", { type: "checkbox", name: "event_types", value: t }), " ", t));
    const box = errorBox({ id: "create-webhook-error" });
    const button = h("button", { type: "submit", class: "primary" }, "Add webhook");
    const form = h("form", { class: "form-grid", id: "create-webhook" },
      field("URL", url), field("Description", description, "Optional"),
      h("fieldset", { class: "checks" }, h("legend", {}, "Events (none checked: all)"), checks),
      h("div", { class: "field-error", id: "event_types-error", role: "alert" }),
      h("div", { class: "form-actions" }, button), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      act(button, box, async () => {
        const types = [...form.querySelectorAll("input[name=event_types]:checked")].map((c) => c.value);
        const d = await post("/api/webhooks", { url: url.value.trim(), description: description.value.trim() || null, event_types: types });
        showSecret(d.secret);
        form.reset();
        await load();
      }, form);
    });
    return form;
  }

  adminCss();
  await load();
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Webhooks")),
    h("p", { class: "muted" }, "Every event of the organization is POSTed as a signed Standard Webhooks message."),
    secret, section("Endpoints", list), section("New webhook", createForm()));
  return {};
}
