// One transfer: who, where, how long, the actions the caller may try, and its history with every
// routing decision explained (strategy, each candidate and why they were left out, the choice).
// Those who manage it (admins, its team's managers) assign it to the agents who may have it now
// (the others are listed, disabled, with why not) and move it to another team.
import { get, put } from "../api.js";
import {
  act, at, badge, confirmDialog, countdown, duration, empty, errorBox, h, replace, section, shortId,
  strategyLabel, toast, when,
} from "../ui.js";
import { contactLabel, priorityBadge, requiredSkills, skillList, slaDue, throttle, keepFocus, statusBadge, waited, withAgent } from "./common.js";

const EXCLUDED = {
  unavailable: "away",
  busy: "busy",
  absent: "absent (time off)",
  at_capacity: "at capacity",
  inactive: "deactivated",
  not_agent_role: "manager in this team (managers are not auto-assigned)",
  just_unassigned: "just gave it back",
  declined: "declined it",
  offer_lapsed: "let an offer of it lapse",
  missing_skills: "missing skills",
  not_a_member: "not in this team",
  manual_strategy: "manual team",
};
const excluded = (why) => EXCLUDED[why] || String(why).replace(/_/g, " ");
const PASSED = { declined: "declined", offer_lapsed: "let the offer lapse" };
const TITLES = {
  created: "Handed over", queued: "Waiting in the queue", assigned: "Assigned", picked: "Picked",
  unassigned: "Unassigned", moved: "Moved", resumed: "Handed back to the bot", closed: "Closed",
  expired: "Expired", overflowed: "Overflowed", sla_breached: "SLA breached",
  offered: "Offered", accepted: "Accepted", offer_declined: "Offer declined", offer_lapsed: "Offer lapsed",
  skills_relaxed: "Required skills relaxed",
};

export async function render(main, [transferId], ctx) {
  let alive = true;
  let teamName = new Map();
  let teamList = [];
  const summary = h("div", { id: "transfer-summary" });
  const log = h("ol", { class: "timeline", id: "event-log" });

  function explainDecision(d, chosen, offered) {
    const cands = d.candidates || [];
    const eligible = cands.filter((c) => c.eligible);
    const gave = offered ? "offered it to" : "gave it to";
    let sentence;
    if (d.strategy === "manual") sentence = "Manual team: nobody is assigned automatically; the transfer waits for an agent to pick it.";
    else if (chosen) {
      const who = cands.find((c) => c.user_id === chosen);
      const name = who ? who.full_name : ctx.name(chosen);
      sentence = d.sticky && d.sticky.applied
        ? `The team prefers the contact's recent agent: it was ${offered ? "offered" : "given"} to ${name}.`
        : d.strategy === "round_robin"
        ? `Round robin ${gave} ${name}, whose turn was the oldest of ${eligible.length} eligible agent${eligible.length === 1 ? "" : "s"}.`
        : `Load balanced ${gave} ${name}, who had the fewest active transfers (${who ? who.active_transfers : "?"}) of ${eligible.length} eligible agent${eligible.length === 1 ? "" : "s"}.`;
    } else sentence = `${strategyLabel(d.strategy)}: no agent could take it, so it waits in the queue.`;
    if (d.sticky && !d.sticky.applied) sentence += ` The contact's recent agent, ${ctx.name(d.sticky.agent_id)}, could not take it (${excluded(d.sticky.excluded_because)}).`;
    if (d.trigger) sentence += ` (Triggered by: ${String(d.trigger).replace(/_/g, " ")}.)`;
    return h("div", { class: "decision" },
      h("p", {}, sentence),
      d.required_skills ? h("p", {}, "Required skills: ", skillList(d.required_skills, { atLeast: true })) : null,
      cands.length ? h("div", { class: "table-wrap" }, h("table", { class: "table compact responsive" },
        h("caption", { class: "sr-only" }, "Candidates considered"),
        h("thead", {}, h("tr", {}, ["Agent", "Outcome", "Active / capacity", "Last turn"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, cands.map((c) => h("tr", { class: c.user_id === chosen ? "chosen" : "" },
          h("th", { scope: "row" }, c.full_name),
          h("td", { "data-label": "Outcome" }, c.user_id === chosen ? badge("chosen", "ok")
            : c.eligible ? badge("eligible", "neutral")
            : badge("left out: " + (c.missing_skills ? `missing ${c.missing_skills.join(", ")}` : excluded(c.excluded_because)), "warn")),
          h("td", { "data-label": "Active / capacity" }, `${c.active_transfers} / ${c.capacity ?? "∞"}`),
          h("td", { "data-label": "Last turn" }, c.last_turn ?? "never")))))) : null);
  }

  function describe(e) {
    const d = e.details || {};
    const parts = [];
    if (e.type === "created") parts.push(`Priority ${d.priority ?? 0}${d.source ? `, from ${d.source}` : ""}.`);
    if (["assigned", "picked", "offered"].includes(e.type) && e.agent_id) parts.push(`To ${ctx.name(e.agent_id)}.`);
    if (e.type === "offered" && d.accept_within_seconds) parts.push(`To be accepted within ${duration(d.accept_within_seconds)}.`);
    if (e.type === "accepted" && d.seconds !== undefined) parts.push(`After ${duration(d.seconds)}.`);
    if (d.explicit) parts.push("Chosen by hand.");
    if (e.type === "offer_declined") parts.push(`${ctx.name(d.previous_agent_id)} declined it; it is not offered to them again.`);
    else if (e.type === "offer_lapsed") parts.push(`${ctx.name(d.previous_agent_id)} did not accept it in time; it is not offered to them again.`);
    else if (d.previous_agent_id) parts.push(`Taken from ${ctx.name(d.previous_agent_id)}.`);
    if (e.type === "skills_relaxed") {
      parts.push(`After waiting ${duration(d.waited_seconds)}, it no longer needs ${Object.entries(d.required_skills || {}).map(([k, v]) => `${k} ≥${v}`).join(", ")}: any agent may have it.`);
    }
    if (e.type === "moved") parts.push(`From ${d.from_team_id ? teamName.get(d.from_team_id) || "team " + shortId(d.from_team_id) : "the general queue"} to ${d.to_team_id ? teamName.get(d.to_team_id) || "team " + shortId(d.to_team_id) : "the general queue"}.`);
    if (d.reason && e.type !== "queued") parts.push(`Reason: ${d.reason}.`);
    if (e.type === "queued") parts.push(`In the ${d.queue === "general" ? "general queue" : "team queue"}${d.reason ? ` — ${d.reason}` : ""}.`);
    if (d.opens_at) parts.push(`Opens ${when(d.opens_at)}.`);
    if (e.type === "sla_breached") parts.push(`Target ${String(d.target || "").replace(/_/g, " ")} was due ${when(d.due_at)}.`);
    if (e.type === "overflowed") parts.push(`Waited ${Math.round(d.waited_seconds)}s; policy: ${d.policy}.`);
    return parts.join(" ");
  }

  async function load() {
    const [t, ev, teams] = await Promise.all([
      get(`/api/chatbot/transfers/${transferId}`),
      get(`/api/chatbot/transfers/${transferId}/events`),
      get("/api/teams?limit=100").catch(() => ({ teams: [] })),
    ]);
    if (!alive) return;
    const tr = t.transfer;
    teamList = teams.teams;
    teamName = new Map(teams.teams.map((x) => [x.id, x.name]));
    // who could have it now: answered to those who manage it (null: the caller does not)
    let cands = null;
    if (tr.status === "active") {
      try {
        cands = (await get(`/api/chatbot/transfers/${transferId}/candidates`)).candidates;
        ctx.remember(cands);
      } catch (e) { if (e.status !== 403) throw e; }
    }
    let members = [];
    if (tr.team_id && !cands) {
      try {
        const team = (await get(`/api/teams/${tr.team_id}`)).team;
        members = team.members;
        ctx.remember(members);
      } catch (e) { /* not readable to the caller: names stay short ids */ }
    }
    for (const e of ev.events) ctx.remember((e.details && e.details.candidates) || []);
    if (ctx.me.role === "admin") {  // admins may read every user: name the actors
      ctx.remember((await get("/api/users?limit=100").catch(() => ({ users: [] }))).users);
    }
    if (!alive) return;
    keepFocus(() => drawSummary(tr, members, cands));  // a live redraw keeps the choice being made
    replace(log, ev.events.length ? ev.events.map((e) => h("li", { class: `event ${e.type}` },
      h("div", { class: "event-head" },
        h("strong", {}, TITLES[e.type] || e.type),
        h("span", { class: "muted" }, ` · ${when(e.created_at)}`, e.actor_id ? ` · by ${ctx.name(e.actor_id)}` : " · by Rota")),
      h("p", {}, describe(e)),
      e.details && e.details.strategy ? explainDecision(e.details, e.details.chosen, e.type === "offered") : null)) : empty("No history."));
  }

  // The agents to choose from. For those who manage it, from its candidates: who may have it now,
  // the others disabled with why not (and "me" while it waits: taking it is always allowed).
  // Otherwise (an agent) only "me", while it waits: nobody is offered who would then be refused.
  function agentChooser(t, members, cands) {
    const opt = (value, label, disabled = false) => h("option", { value, disabled }, label);
    const head = [opt("", "Choose an agent…"), t.agent_id ? opt("__queue", "Back to the queue") : null];
    let body;
    if (cands) {
      const others = cands.filter((c) => !c.current && c.user_id !== t.agent_id);
      const meToo = !t.agent_id && !others.some((c) => c.user_id === ctx.me.id);
      const mayHave = (c) => c.eligible || (c.user_id === ctx.me.id && !t.agent_id);
      const label = (c) => `${c.full_name}${c.user_id === ctx.me.id ? " (me)" : ""} · ${c.active_transfers}/${c.capacity ?? "∞"}`;
      const yes = others.filter(mayHave).sort((a, b) => (b.user_id === ctx.me.id) - (a.user_id === ctx.me.id));
      const no = others.filter((c) => !mayHave(c));
      body = [
        h("optgroup", { label: "Can take it now" },
          meToo ? opt(ctx.me.id, `${ctx.me.full_name} (me)`) : null,
          yes.map((c) => opt(c.user_id, label(c))),
          yes.length || meToo ? null : opt("", "Nobody right now", true)),
        no.length ? h("optgroup", { label: "Cannot take it now" },
          no.map((c) => opt(c.user_id, `${c.full_name} — ${c.excluded_because === "unavailable" ? c.state : excluded(c.excluded_because)}`, true))) : null,
      ];
    } else {  // an agent may only take a waiting transfer: nobody else is offered
      body = t.agent_id ? [] : [opt(ctx.me.id, `${ctx.me.full_name} (me)`)];
    }
    return h("select", { name: "agent_id", id: "assign-to", dataset: { key: "assign-to" } }, head, body);
  }

  // Moving it to another team (or the general queue): the team's strategy assigns it anew
  function teamMover(t, box) {
    const targets = teamList.filter((x) => x.is_active && x.id !== t.team_id);
    const chooser = h("select", { name: "team_id", id: "move-to", dataset: { key: "move-to" } },
      h("option", { value: "" }, "Choose a team…"),
      t.team_id ? h("option", { value: "__general" }, "General queue (no team)") : null,
      targets.map((x) => h("option", { value: x.id }, x.name)));
    const move = h("button", { type: "button", class: "secondary", id: "move" }, "Move");
    move.addEventListener("click", async () => {
      if (!chooser.value) { box.textContent = "Choose a team first."; return; }
      const to = chooser.value === "__general" ? null : chooser.value;
      const where = to ? teamName.get(to) : "the general queue";
      const from = t.team_id ? teamName.get(t.team_id) || "its team" : "the general queue";
      const holder = t.agent_id ? ` ${ctx.name(t.agent_id)} no longer has it.` : "";
      const then = to ? ` It waits in ${where}, whose assignment strategy routes it; its SLA targets count from now.`
        : " It waits in the general queue, with no SLA targets.";
      if (!(await confirmDialog(`Move to ${where}?`, `It leaves ${from}.${holder}${then}`, "Move transfer"))) return;
      act(move, box, async () => {
        await put(`/api/chatbot/transfers/${t.id}/assign`, { team_id: to });
        toast(`Moved to ${where}.`);
        await load();
      });
    });
    return h("span", { class: "assign", id: "move-team" }, h("label", { for: "move-to" }, "Move to team"), chooser, move);
  }

  function drawSummary(t, members, cands) {
    const box = errorBox({ id: "transfer-action-error" });
    const actions = [];
    if (t.status === "active") {
      const chooser = agentChooser(t, members, cands);
      const assign = h("button", { type: "button", class: "secondary", id: "assign" }, t.agent_id ? "Reassign" : "Assign");
      assign.addEventListener("click", () => act(assign, box, async () => {
        if (!chooser.value) throw new Error("Choose an agent first.");
        await put(`/api/chatbot/transfers/${t.id}/assign`, { agent_id: chooser.value === "__queue" ? null : chooser.value });
        toast("Assignment changed.");
        await load();
      }));
      const resume = h("button", { type: "button", class: "secondary" }, "Resume (back to bot)");
      resume.addEventListener("click", async () => {
        if (!(await confirmDialog("Hand back to the bot?", "The contact talks to the bot again; the transfer ends here.", "Hand back"))) return;
        act(resume, box, async () => {
          await put(`/api/chatbot/transfers/${t.id}/resume`);
          toast("Handed back to the bot.");
          await load();
        });
      });
      const close = h("button", { type: "button", class: "secondary" }, "Close");
      close.addEventListener("click", async () => {
        if (!(await confirmDialog("Close this transfer?", "The conversation is finished.", "Close transfer"))) return;
        act(close, box, async () => { await put(`/api/chatbot/transfers/${t.id}/close`); toast("Transfer closed."); await load(); });
      });
      actions.push(
        cands || !t.agent_id ? h("div", { class: "toolbar wrap" }, h("span", { class: "assign" }, h("label", { for: "assign-to" }, "Assign to"), chooser, assign)) : null,
        cands ? h("div", { class: "toolbar wrap" }, teamMover(t, box)) : null,
        h("div", { class: "toolbar wrap" }, resume, close));
    }
    let offer = null;
    if (t.status === "active" && t.offer_expires_at && t.agent_id === ctx.me.id) {
      const accept = h("button", { type: "button", class: "primary", id: "accept-offer" }, "Accept");
      const decline = h("button", { type: "button", class: "secondary", id: "decline-offer" }, "Decline");
      const left = countdown(t.offer_expires_at, () => { accept.disabled = true; });
      accept.addEventListener("click", () => act(accept, box, async () => {
        await put(`/api/chatbot/transfers/${t.id}/accept`);
        toast("Accepted: the transfer is yours.");
        await load();
      }));
      decline.addEventListener("click", () => act(decline, box, async () => {
        await put(`/api/chatbot/transfers/${t.id}/decline`);
        toast("Declined: it goes to the next agent.");
        ctx.navigate("#/");  // no longer theirs to see
      }));
      offer = h("div", { class: "banner warn offer-banner", id: "offer" },
        h("p", {}, "This transfer is offered to you. Time left to accept: ", left), accept, decline);
    }
    const passed = Object.entries(t.passed_by || {});
    const row = (label, ...value) => [h("dt", {}, label), h("dd", {}, ...value)];
    replace(summary,
      h("div", { class: "page-head" },
        h("div", {}, h("p", { class: "crumbs" }, h("a", { href: "#/" }, "My work"), " / transfer ", shortId(t.id)),
          h("h1", {}, contactLabel(t))),
        h("div", { class: "meta big" }, statusBadge(t), priorityBadge(t), t.sla_breached ? badge("SLA breached", "danger") : null, slaDue(t))),
      t.notes ? h("p", { class: "notes big" }, t.notes) : null,
      h("dl", { class: "facts" },
        row("Team", t.team_id ? h("a", { href: `#/teams/${t.team_id}` }, teamName.get(t.team_id) || "Team " + shortId(t.team_id)) : "General queue"),
        row("Agent", t.agent_id ? ctx.name(t.agent_id) : "nobody yet",
          t.offer_expires_at ? [" · offered, not accepted yet: ", countdown(t.offer_expires_at)] : ""),
        requiredSkills(t) ? row("Skills", requiredSkills(t), t.skills_relaxed_at ? ` since ${when(t.skills_relaxed_at)}` : "") : [],
        passed.length ? row("Passed over by", passed.map(([id, why]) => `${ctx.name(id)} (${PASSED[why] || why})`).join(", ")) : [],
        row("Handed over", at(t.transferred_at)),
        row("Waited", waited(t), t.first_assigned_at ? [" · first assigned ", at(t.first_assigned_at)] : " (for an agent)"),
        withAgent(t) ? row("With agent", withAgent(t), " · since ", at(t.assigned_at)) : [],
        t.ended_at ? row(t.status === "closed" ? "Closed" : "Ended", at(t.ended_at)) : [],
        t.queue_position ? row("Queue position", `#${t.queue_position}`, t.estimated_wait_seconds ? ` · about ${Math.round(t.estimated_wait_seconds)}s` : "") : [],
        t.out_of_hours ? row("Team closed", "opens ", at(t.opens_at)) : [],
        row("First assignment due", at(t.first_assignment_due_at), t.first_assignment_breached_at ? [" · ", badge("breached", "danger")] : ""),
        row("Resolution due", at(t.resolution_due_at), t.resolution_breached_at ? [" · ", badge("breached", "danger")] : ""),
        row("Priority", String(t.priority))),
      offer, actions, box);
  }

  await load();
  replace(main, summary, section("History and routing decisions", log));
  const refresh = throttle(() => (alive ? load() : null), 500);
  return {
    onEvent(type, data) {
      if (type === "stream.reconnected") refresh();
      if (type.startsWith("transfer.") && data && data.transfer && data.transfer.id === transferId) refresh();
    },
    destroy() { alive = false; },
  };
}
