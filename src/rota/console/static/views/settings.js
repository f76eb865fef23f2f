// Organization settings (admins): name, the agents' default capacity, what going away does,
// whether busy agents may pick, automatic offline, and private webhook targets.
import { ApiError, get, patch } from "../api.js";
import { act, confirmDialog, errorBox, field, h, replace, section, toast } from "../ui.js";
import { adminCss, num } from "./admin-kit.js";

export async function render(main, _params, ctx) {
  adminCss();
  if (ctx.me.role !== "admin") {  // the API would refuse the change: say so instead of the form
    throw new ApiError(403, { message: "Only admins may change the organization's settings.", code: "admin_required" });
  }
  const holder = h("div", { id: "org-settings" });

  function draw(org) {
    const name = h("input", { name: "name", value: org.name, required: true, maxlength: 200 });
    const capacity = h("input", { name: "default_max_active_transfers", type: "number", min: 0, max: 10000,
      value: org.default_max_active_transfers ?? "", placeholder: "unlimited" });
    const offline = h("input", { name: "offline_after_disconnect_seconds", type: "number", min: 1, max: 86400,
      value: org.offline_after_disconnect_seconds ?? "", placeholder: "off" });
    const check = (n, label, hint) => {
      const box = h("input", { type: "checkbox", name: n, checked: org[n] });
      return [box, h("div", { class: "field check-field" }, h("label", {}, box, label), hint ? h("small", { class: "muted" }, hint) : null)];
    };
    const [keeps, keepsField] = check("away_keeps_transfers", "Agents who go away or offline keep their transfers",
      "Unchecked: their transfers go back to the queues. Each change may still say otherwise.");
    const [busy, busyField] = check("busy_may_pick", "Busy agents may still pick work from the queues");
    const [priv, privField] = check("allow_private_webhook_targets", "Webhooks may target private addresses",
      "Loopback, private, link-local or reserved addresses. Leave unchecked unless your receiver is inside your network.");
    const box = errorBox({ id: "org-settings-error" });
    const save = h("button", { type: "submit", class: "primary" }, "Save settings");
    const form = h("form", { class: "form-grid", id: "org-settings-form" },
      field("Organization name", name),
      field("Default capacity (active transfers per agent)", capacity, "For agents without their own capacity (set on Users). Empty: unlimited"),
      field("Make agents offline after losing their connection for (seconds)", offline,
        "An available or busy agent whose console has been disconnected this long becomes offline. Empty: never"),
      keepsField, busyField, privField,
      h("div", { class: "form-actions" }, save), box);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (priv.checked && !org.allow_private_webhook_targets
          && !(await confirmDialog("Allow private webhook targets?", "Webhooks could then reach machines inside your network, such as this server itself.", "Allow"))) return;
      act(save, box, async () => {
        const body = {
          name: name.value.trim(), default_max_active_transfers: num(capacity), offline_after_disconnect_seconds: num(offline),
          away_keeps_transfers: keeps.checked, busy_may_pick: busy.checked, allow_private_webhook_targets: priv.checked,
        };
        const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== org[k]));
        if (!Object.keys(changed).length) { toast("Nothing changed."); return; }
        const d = await patch("/api/organization", changed);
        ctx.org = d.organization;
        const shown = document.getElementById("org-name");
        if (shown) shown.textContent = d.organization.name;
        toast("Organization settings saved.");
        draw(d.organization);
      }, form);
    });
    replace(holder, form);
  }

  draw((await get("/api/organization")).organization);
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Organization settings")),
    section("Work and capacity", holder));
  return {};
}
