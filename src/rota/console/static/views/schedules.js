// Support hours: each schedule, open or closed now, its weekly hours and dated exceptions, and the
// teams that follow it. Admins create, edit and delete schedules here.
import { del, patch, post } from "../api.js";
import { act, badge, confirmDialog, empty, errorBox, field, h, replace, section, select, toast, when } from "../ui.js";
import { throttle } from "./common.js";
import { CLOCK, adminCss, all, markFields } from "./admin-kit.js";

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
// a range whose end is at or before its start runs past midnight into the next day
const overnight = (r) => r.end !== "24:00" && r.end <= r.start;
const rangeText = (r) => `${r.start}–${r.end}${overnight(r) ? " (next day)" : ""}`;

export async function render(main, _params, ctx) {
  adminCss();
  let alive = true;
  let editing = null;  // the id of the schedule being edited, or "new"
  const isAdmin = ctx.me.role === "admin";
  const body = h("div", { id: "schedule-list" });
  const create = h("div", { id: "schedule-create" });
  let zones = [];
  try { zones = Intl.supportedValuesOf("timeZone"); } catch (e) { /* older browsers: type it */ }
  const zoneList = h("datalist", { id: "time-zones" }, zones.map((z) => h("option", { value: z })));

  function view(sc, teams) {
    const box = errorBox();
    const edit = isAdmin ? h("button", { type: "button", class: "secondary", "aria-label": `Edit ${sc.name}` }, "Edit") : null;
    const remove = isAdmin ? h("button", { type: "button", class: "danger-outline", "aria-label": `Delete ${sc.name}` }, "Delete") : null;
    if (edit) edit.addEventListener("click", () => { editing = sc.id; load(); });
    if (remove) remove.addEventListener("click", async () => {
      if (teams.length) { box.textContent = `Teams follow this schedule: ${teams.map((t) => t.name).join(", ")}. Give them other hours first.`; return; }
      if (!(await confirmDialog(`Delete ${sc.name}?`, "The schedule is deleted. This cannot be undone.", "Delete schedule"))) return;
      act(remove, box, async () => { await del(`/api/schedules/${sc.id}`); toast(`Schedule “${sc.name}” deleted.`); await load(); });
    });
    return h("article", { class: "card schedule", dataset: { scheduleId: sc.id } },
      h("div", { class: "page-head" },
        h("h2", {}, sc.name, " ", h("span", { class: "muted small" }, sc.timezone)),
        h("div", { class: "meta" }, badge(sc.is_open ? "open now" : "closed now", sc.is_open ? "ok" : "warn"),
          sc.next_change_at ? h("span", { class: "muted" }, `${sc.is_open ? "closes" : "opens"} ${when(sc.next_change_at)}`) : null)),
      h("dl", { class: "facts" },
        DAYS.map((d) => {
          const ranges = sc.weekly.filter((r) => r.day === d);
          return [h("dt", {}, cap(d)), h("dd", {}, ranges.length ? ranges.map(rangeText).join(", ") : h("span", { class: "muted" }, "closed"))];
        })),
      sc.exceptions.length ? h("div", {}, h("h3", {}, "Exceptions"), h("ul", { class: "plain exceptions" }, [...sc.exceptions]
        .sort((a, b) => a.date.localeCompare(b.date)).map((x) =>
          h("li", {}, h("strong", {}, x.date), ": ", x.closed ? "closed" : x.ranges.map(rangeText).join(", "))))) : null,
      h("p", {}, "Teams: ", teams.length ? teams.map((x, i) => [i ? ", " : "", h("a", { href: `#/teams/${x.id}` }, x.name)]) : h("span", { class: "muted" }, "none")),
      isAdmin ? h("div", { class: "row-actions" }, edit, remove) : null, box);
  }

  // The editor: name, time zone, ranges per weekday, dated exceptions. It keeps a draft that the
  // inputs change; adding or removing a row redraws it.
  function editor(sc) {
    const draft = {
      name: sc ? sc.name : "",
      timezone: sc ? sc.timezone : Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      weekly: Object.fromEntries(DAYS.map((d) => [d, sc ? sc.weekly.filter((r) => r.day === d).map((r) => ({ ...r })) : []])),
      exceptions: sc ? sc.exceptions.map((x) => ({ date: x.date, closed: x.closed, ranges: x.ranges.map((r) => ({ ...r })) })) : [],
    };
    const label = sc ? sc.name : "the new schedule";
    const weekly = h("div", { class: "week" });
    const exceptions = h("div", { class: "exception-list" });
    const box = errorBox({ id: "schedule-error" });

    // the path of each range in the body sent, for placing the API's errors
    const weeklyIndex = () => { let i = 0; const at = {}; for (const d of DAYS) at[d] = draft.weekly[d].map(() => i++); return at; };

    function rangeRow(r, list, redraw, where, path) {
      const start = h("input", { class: "clock", value: r.start, required: true, pattern: CLOCK, placeholder: "09:00", inputmode: "numeric",
        "aria-label": `${where}: opens`, "data-path": `${path}.start` });
      const end = h("input", { class: "clock", value: r.end, required: true, pattern: CLOCK, placeholder: "17:00", inputmode: "numeric",
        "aria-label": `${where}: closes`, "data-path": `${path}.end` });
      const note = h("span", { class: "muted small overnight" });
      const sync = () => { r.start = start.value.trim(); r.end = end.value.trim(); note.textContent = r.start && r.end && overnight(r) ? "next day" : ""; };
      start.addEventListener("input", sync);
      end.addEventListener("input", sync);
      sync();
      const remove = h("button", { type: "button", class: "icon", "aria-label": `Remove ${where} ${r.start}–${r.end}`, title: "Remove" }, "×");
      remove.addEventListener("click", () => { list.splice(list.indexOf(r), 1); redraw(); });
      return h("span", { class: "range", "data-path": path }, start, "–", end, note, remove);
    }

    function drawWeekly() {
      const at = weeklyIndex();
      replace(weekly, DAYS.map((d) => {
        const list = draft.weekly[d];
        const add = h("button", { type: "button", class: "secondary small", "aria-label": `Add hours on ${cap(d)}` }, "+ hours");
        add.addEventListener("click", () => {
          const last = list[list.length - 1];
          list.push(last ? { start: last.end === "24:00" ? "00:00" : last.end, end: "24:00" } : { start: "09:00", end: "17:00" });
          drawWeekly();
          weekly.querySelector(`[data-day="${d}"] .range:last-of-type input`).focus();
        });
        return h("div", { class: "day-row", dataset: { day: d } },
          h("span", { class: "day-name" }, cap(d)),
          h("span", { class: "ranges" }, list.length ? list.map((r, i) => rangeRow(r, list, drawWeekly, cap(d), `weekly.${at[d][i]}`))
            : h("span", { class: "muted small" }, "closed")),
          add);
      }));
    }

    function drawExceptions() {
      replace(exceptions, draft.exceptions.length ? draft.exceptions.map((x, i) => {
        const where = x.date || `exception ${i + 1}`;
        const date = h("input", { type: "date", value: x.date, required: true, "aria-label": `Exception ${i + 1}: date`, "data-path": `exceptions.${i}.date` });
        date.addEventListener("input", () => { x.date = date.value; });
        const kind = select("kind", [["closed", "Closed all day"], ["hours", "Special hours"]], x.closed ? "closed" : "hours",
          { "aria-label": `Exception ${i + 1}: kind`, "data-path": `exceptions.${i}` });
        kind.addEventListener("change", () => {
          x.closed = kind.value === "closed";
          x.ranges = x.closed ? [] : [{ start: "09:00", end: "13:00" }];
          drawExceptions();
        });
        const add = x.closed ? null : h("button", { type: "button", class: "secondary small", "aria-label": `Add hours on exception ${i + 1}` }, "+ hours");
        if (add) add.addEventListener("click", () => { x.ranges.push({ start: "15:00", end: "18:00" }); drawExceptions(); });
        const remove = h("button", { type: "button", class: "danger-outline small", "aria-label": `Remove exception ${i + 1}` }, "Remove");
        remove.addEventListener("click", () => { draft.exceptions.splice(i, 1); drawExceptions(); });
        return h("div", { class: "exception-row" }, date, kind,
          h("span", { class: "ranges" }, x.ranges.map((r, j) => rangeRow(r, x.ranges, drawExceptions, `Exception ${i + 1}`, `exceptions.${i}.ranges.${j}`))),
          add, remove);
      }) : h("p", { class: "muted small" }, "No exceptions: the weekly hours apply every day."));
    }

    const name = h("input", { name: "name", value: draft.name, required: true, maxlength: 100 });
    const zone = h("input", { name: "timezone", value: draft.timezone, required: true, list: "time-zones", autocomplete: "off" });
    const addException = h("button", { type: "button", class: "secondary" }, "Add an exception");
    addException.addEventListener("click", () => {
      draft.exceptions.push({ date: "", closed: true, ranges: [] });
      drawExceptions();
      exceptions.querySelector(".exception-row:last-child input").focus();
    });
    const save = h("button", { type: "submit", class: "primary" }, sc ? "Save schedule" : "Create schedule");
    const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
    cancel.addEventListener("click", () => { editing = null; load(); });
    const form = h("form", { class: "schedule-editor", id: sc ? "schedule-form" : "schedule-new", "aria-label": sc ? `Edit ${label}` : "New schedule" },
      h("div", { class: "form-grid" }, field("Name", name), field("Time zone", zone, "An IANA name, such as Europe/Berlin")),
      h("fieldset", { class: "checks week-set" }, h("legend", {}, "Weekly hours"),
        h("p", { class: "muted small" }, "Times are HH:MM in the schedule's time zone; 24:00 is the end of the day. An end at or before the start runs past midnight (22:00–06:00)."),
        weekly),
      h("fieldset", { class: "checks week-set" }, h("legend", {}, "Exceptions (holidays, special hours)"), exceptions, h("div", {}, addException)),
      h("div", { class: "form-actions" }, save, cancel), box);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
      const payload = {
        name: name.value.trim(), timezone: zone.value.trim(),
        weekly: DAYS.flatMap((d) => draft.weekly[d].map((r) => ({ day: d, start: r.start, end: r.end }))),
        exceptions: draft.exceptions.map((x) => (x.closed ? { date: x.date, closed: true } : { date: x.date, ranges: x.ranges })),
      };
      act(save, box, async () => {
        try {
          const d = sc ? await patch(`/api/schedules/${sc.id}`, payload) : await post("/api/schedules", payload);
          toast(sc ? `Schedule “${d.schedule.name}” saved.` : `Schedule “${d.schedule.name}” created.`);
        } catch (err) {
          if (markFields(form, err)) err.message += " (marked below)";
          throw err;
        }
        editing = null;
        await load();
      });
    });
    drawWeekly();
    drawExceptions();
    return form;
  }

  async function load() {
    const [scheds, teams] = await Promise.all([all("/api/schedules", "schedules"), all("/api/teams", "teams")]);
    if (!alive) return;
    const teamsOf = (id) => teams.filter((x) => x.schedule_id === id);
    const always = teams.filter((x) => !x.schedule_id);
    replace(body,
      scheds.length ? scheds.map((sc) => (editing === sc.id ? h("article", { class: "card schedule editing" }, h("h2", {}, `Edit ${sc.name}`), editor(sc)) : view(sc, teamsOf(sc.id))))
        : empty("No schedules: every team is always open."),
      always.length ? section("Always open (no schedule)", h("p", {}, always.map((x, i) => [i ? ", " : "", h("a", { href: `#/teams/${x.id}` }, x.name)]))) : null);
    if (isAdmin) {
      const open = h("button", { type: "button", class: "primary", id: "new-schedule" }, "New schedule");
      open.addEventListener("click", () => { editing = "new"; load(); });
      replace(create, editing === "new" ? section("New schedule", editor(null)) : h("div", { class: "toolbar" }, open));
    }
  }

  await load();
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Schedules")),
    h("p", { class: "muted" }, "A team follows one schedule (set it on the team's page); a closed team's transfers wait or overflow to its fallback team."),
    zoneList, create, body);
  // open/closed changes with the clock; an editor open is left alone
  const refresh = throttle(() => (editing ? Promise.resolve() : load().catch(() => {})), 500);
  const timer = setInterval(refresh, 60000);
  return {
    onEvent(type) { if (type === "team.updated") refresh(); },
    destroy() { alive = false; clearInterval(timer); },
  };
}
