// Pieces several pages share: a transfer as a list item, live refresh, focus keeping.
import { at, badge, countdown, dueIn, duration, elapsed, errorBox, h, shortId, when } from "../ui.js";

// The transfer's contact (in brief in every transfer answer): name and how to reach them.
export function contactLabel(t, withLink) {
  const c = t.contact || { name: "Contact " + shortId(t.contact_id) };
  const name = h("span", { class: "contact-name" }, c.name);
  const reach = h("span", { class: "muted contact-reach" }, [c.phone_number, c.email].filter(Boolean).join(" · "));
  return [withLink ? h("a", { href: withLink, class: "contact-link" }, name) : name, reach];
}

export function statusBadge(t) {
  if (t.status !== "active") return badge(t.status, "neutral");
  if (!t.agent_id) return badge(t.out_of_hours ? "waiting · closed" : "waiting", "warn");
  if (t.offer_expires_at) return badge("offered", "warn");
  return badge("assigned", "ok");
}

// Skills with levels, sorted by name: an agent's ("language:es 3"), or with atLeast a transfer's
// required ones ("language:es ≥3").
export function skillList(skills, { atLeast = false } = {}) {
  const entries = Object.entries(skills || {}).sort(([a], [b]) => a.localeCompare(b));
  return h("span", { class: "skills" }, entries.map(([name, level]) =>
    h("span", { class: "skill" }, name, h("span", { class: "lvl", title: `level ${level}` }, `${atLeast ? "≥" : ""}${level}`))));
}

// What a transfer requires of its agent; once its team stopped waiting for that, struck through
// and marked relaxed (any agent may have it). Null when it requires nothing.
export function requiredSkills(t) {
  if (!t.required_skills || !Object.keys(t.required_skills).length) return null;
  const list = skillList(t.required_skills, { atLeast: true });
  return t.skills_relaxed_at
    ? h("span", { class: "needs" }, "needed ", h("s", { class: "skills-relaxed" }, list), " ", badge("relaxed", "neutral"))
    : h("span", { class: "needs" }, "needs ", list);
}

export const priorityBadge = (t) => (t.priority > 0
  ? badge(`priority ${t.priority}`, t.priority >= 50 ? "danger" : "warn") : null);

// The SLA target the transfer works towards now: its first assignment until it had one, then
// its resolution; counting down, red once overdue. Null when its team sets none, or it ended.
export function slaDue(t) {
  if (t.status !== "active") return null;
  const first = !t.first_assigned_at;
  const due = first ? t.first_assignment_due_at : t.resolution_due_at;
  if (!due) return null;
  const breached = !!(first ? t.first_assignment_breached_at : t.resolution_breached_at);
  return h("span", { class: breached ? "sla breached" : "sla", title: `${first ? "First assignment" : "Resolution"} due ${when(due)}` },
    first ? "SLA assign: " : "SLA resolve: ", dueIn(due));
}

const span = (from, to) => duration((Date.parse(to) - Date.parse(from)) / 1000);

// How long it waited for an agent: from the hand-over to its first assignment, or until now
// while it waits (counting; also while offered, not yet accepted). A <time> only when it counts.
export function waited(t) {
  if (t.status === "active" && (!t.agent_id || !t.first_assigned_at)) return elapsed(t.transferred_at);
  const end = t.first_assigned_at || t.ended_at;
  return end ? h("span", { class: "spent", title: `until ${when(end)}` }, span(t.transferred_at, end)) : "—";
}

// How long its agent has had it (since they got it; an offer not yet accepted does not count).
// Null when nobody has it.
export function withAgent(t) {
  if (!t.agent_id || !t.assigned_at || t.offer_expires_at) return null;
  if (t.status === "active") return elapsed(t.assigned_at);
  return t.ended_at ? h("span", { class: "spent" }, span(t.assigned_at, t.ended_at)) : null;
}

// One transfer: contact, notes, team/agent, waiting time, and the given action buttons.
// `actions` is a list of [label, handler(button, box), {kind, whileOffered}]; a failing action
// shows the API's message in the item's own error box, next to the button. An offered transfer
// stands out, with the time left to accept it; at 0 the whileOffered buttons are disabled.
export function transferItem(t, ctx, { teams = new Map(), showAgent = false, actions = [], errors, extra } = {}) {
  const box = errorBox({ class: "error-box item-error" });
  const key = `transfer-${t.id}`;
  if (errors && errors.has(key)) box.textContent = errors.get(key);
  const buttons = actions.map(([label, handler, opts = {}]) => {
    const b = h("button", { type: "button", class: opts.kind || "secondary", dataset: { key: `${key}-${label}` },
      "data-while-offered": opts.whileOffered }, label);
    b.addEventListener("click", () => handler(b, box, key));
    return b;
  });
  const team = t.team_id ? teams.get(t.team_id) : null;
  const lapsed = () => buttons.filter((b) => b.hasAttribute("data-while-offered")).forEach((b) => { b.disabled = true; });
  return h("li", { class: t.offer_expires_at ? "item transfer offered" : "item transfer", dataset: { transferId: t.id } },
    h("div", { class: "item-main" },
      h("div", { class: "item-title" }, contactLabel(t, `#/transfers/${t.id}`)),
      t.notes ? h("p", { class: "notes" }, t.notes) : null,
      h("div", { class: "meta" },
        statusBadge(t),
        priorityBadge(t),
        t.sla_breached ? badge("SLA breached", "danger") : null,
        h("span", {}, team ? team.name : t.team_id ? "Team " + shortId(t.team_id) : "General queue"),
        showAgent && t.agent_id ? h("span", { class: "agent" }, "→ ", ctx.name(t.agent_id)) : null,
        t.offer_expires_at ? h("span", { class: "offer-left" }, "to accept: ", countdown(t.offer_expires_at, lapsed)) : null,
        requiredSkills(t),
        t.queue_position ? h("span", {}, `#${t.queue_position} in queue`) : null,
        slaDue(t)),
      h("div", { class: "meta times" },
        h("span", { class: "handed" }, "handed over ", at(t.transferred_at)),
        h("span", { class: "wait" }, "waited ", waited(t)),
        withAgent(t) ? h("span", { class: "with-agent" }, "with agent ", withAgent(t)) : null,
        t.ended_at ? h("span", { class: "ended" }, `${t.status} `, at(t.ended_at)) : null)),
    buttons.length || extra ? h("div", { class: "item-actions" }, extra ? extra(box, key) : null, buttons) : null,
    box);
}

// Live refreshes: the first call after a quiet spell runs fn (async) at once; calls meanwhile
// are gathered into one run, at most every `ms`, never two at a time (an older answer cannot be
// drawn over a newer one). A burst costs two refreshes; a steady stream still refreshes.
export function throttle(fn, ms = 500) {
  let last = 0;
  let state = "idle";  // idle | waiting | running
  let again = false;   // called while running: run once more after
  const run = async () => {
    state = "running";
    try { await fn(); } catch (e) { /* the next event tries again */ }
    last = Date.now();
    state = "idle";
    if (again) { again = false; schedule(); }
  };
  const schedule = () => {
    if (state === "waiting") return;
    if (state === "running") { again = true; return; }
    state = "waiting";
    setTimeout(run, Math.max(0, last + ms - Date.now()));
  };
  return schedule;
}

// Re-renders without losing keyboard focus: the focused element's data-key is focused again.
export function keepFocus(render) {
  const active = document.activeElement;
  const key = active && active.dataset ? active.dataset.key : null;
  const chosen = [...document.querySelectorAll("select[data-key]")].filter((s) => s.value).map((s) => [s.dataset.key, s.value]);
  render();
  for (const [k, value] of chosen) {  // a choice being made survives the redraw
    const again = document.querySelector(`select[data-key="${CSS.escape(k)}"]`);
    if (again && [...again.options].some((o) => o.value === value && !o.disabled)) again.value = value;
  }
  if (key) {
    const again = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }
}
