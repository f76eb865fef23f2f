// "My work": my transfers, my teams' queues with live counts and "pick next", what is waiting.
import { get, post, put, query } from "../api.js";
import { act, badge, confirmDialog, empty, errorBox, h, replace, section, toast } from "../ui.js";
import { throttle, keepFocus, transferItem } from "./common.js";

const IDLE = {
  available: "No transfers for you right now. New ones appear here as they are assigned.",
  busy: "You are busy: nothing new is assigned to you. Switch to Available to receive transfers.",
  away: "You are away: nothing is assigned to you. Switch to Available to receive transfers.",
  offline: "You are offline: nothing is assigned to you. Switch to Available to receive transfers.",
};

export async function render(main, _params, ctx) {
  const errors = new Map();  // last action error per transfer, kept across live refreshes
  let state = { mine: [], waiting: [], teams: [], counts: { general: 0, teams: {} } };
  let alive = true;

  const mineList = h("ul", { class: "items", id: "my-transfers", "aria-live": "polite" });
  const mineCount = h("span", { class: "count", id: "my-count" });
  const queues = h("div", { class: "queues", id: "queues" });
  const waitingList = h("ul", { class: "items", id: "waiting" });
  const pickBox = errorBox({ id: "pick-error" });

  async function resolve(t, action) {
    const ok = action === "close"
      ? await confirmDialog("Close this transfer?", "The conversation is finished and leaves your list.", "Close transfer")
      : await confirmDialog("Hand back to the bot?", "The contact talks to the bot again; the transfer leaves your list.", "Hand back");
    if (!ok) return false;
    await put(`/api/chatbot/transfers/${t.id}/${action}`);
    toast(action === "close" ? "Transfer closed." : "Handed back to the bot.");
    return true;
  }

  // an offer: accepted, it is the agent's; declined, it goes to the next agent (never back to them)
  async function answer(t, action) {
    await put(`/api/chatbot/transfers/${t.id}/${action}`);
    toast(action === "accept" ? "Accepted: the transfer is yours." : "Declined: it goes to the next agent.");
    return true;
  }

  function run(handler) {
    return (button, box, key) => act(button, box, async () => {
      errors.delete(key);
      try {
        if (await handler()) await load();
      } catch (err) {
        errors.set(key, err.message);
        throw err;
      }
    });
  }

  async function pick(teamId, button) {
    await act(button, pickBox, async () => {
      const d = await post("/api/chatbot/transfers/pick" + query({ team_id: teamId }));
      if (d.transfer) toast("You picked a transfer.");
      else toast("Nothing is waiting in that queue.");
      await load();
    });
  }

  function draw() {
    const teamsById = new Map(state.teams.map((t) => [t.id, t]));
    mineCount.textContent = String(state.mine.length);
    // offers first: they wait for an answer, and lapse
    const mine = [...state.mine].sort((a, b) => !!b.offer_expires_at - !!a.offer_expires_at);
    replace(mineList, mine.length ? mine.map((t) => transferItem(t, ctx, {
      teams: teamsById, errors,
      actions: t.offer_expires_at ? [
        ["Accept", run(() => answer(t, "accept")), { kind: "primary", whileOffered: true }],
        ["Decline", run(() => answer(t, "decline")), { kind: "secondary" }],
      ] : [
        ["Resume", run(() => resolve(t, "resume")), { kind: "secondary" }],
        ["Close", run(() => resolve(t, "close")), { kind: "secondary" }],
      ],
    })) : empty(IDLE[ctx.me.state] || IDLE.away));

    const rows = state.teams.filter((t) => t.is_active).map((t) => {
      const n = state.counts.teams[t.id] || 0;
      const button = h("button", { type: "button", class: "primary", dataset: { key: `pick-${t.id}` },
        "aria-label": `Pick next from ${t.name}` }, "Pick next");
      button.addEventListener("click", () => pick(t.id, button));
      return h("li", { class: "queue", dataset: { teamId: t.id } },
        h("div", {},
          h("a", { href: `#/teams/${t.id}`, class: "queue-name" }, t.name),
          h("div", { class: "meta" }, badge(t.is_open ? "open" : "closed", t.is_open ? "ok" : "neutral"),
            h("span", {}, t.assignment_strategy.replace("_", " ")))),
        h("div", { class: "queue-count", "aria-label": `${n} waiting` }, h("strong", { class: "n" }, String(n)), h("span", { class: "muted" }, " waiting")),
        button);
    });
    const generalButton = h("button", { type: "button", class: "secondary", dataset: { key: "pick-any" } }, "Pick next from any queue");
    generalButton.addEventListener("click", () => pick(null, generalButton));
    replace(queues,
      h("ul", { class: "queue-list" },
        rows,
        h("li", { class: "queue", dataset: { teamId: "general" } },
          h("div", {}, h("span", { class: "queue-name" }, "General queue"), h("div", { class: "meta" }, h("span", {}, "no team yet"))),
          h("div", { class: "queue-count", "aria-label": `${state.counts.general} waiting` }, h("strong", { class: "n" }, String(state.counts.general)), h("span", { class: "muted" }, " waiting")),
          generalButton)),
      pickBox);

    replace(waitingList, state.waiting.length ? state.waiting.map((t) => transferItem(t, ctx, {
      teams: teamsById, errors,
      actions: [["Take", run(async () => {
        await put(`/api/chatbot/transfers/${t.id}/assign`, { agent_id: ctx.me.id });
        toast("The transfer is yours.");
        return true;
      }), { kind: "secondary" }]],
    })) : empty("Nothing is waiting in your queues."));
  }

  async function load() {
    const [mine, waiting, teams] = await Promise.all([
      get("/api/chatbot/transfers" + query({ status: "active", mine: true, limit: 100 })),
      get("/api/chatbot/transfers" + query({ status: "active", assigned: false, limit: 50 })),
      get("/api/teams" + query({ limit: 100 })),
    ]);
    if (!alive) return;
    state = {
      mine: mine.transfers, waiting: waiting.transfers, teams: teams.teams,
      counts: { general: waiting.general_queue_count, teams: waiting.team_queue_counts },
    };
    keepFocus(draw);
  }

  // queue.counts carries the counts themselves: update them in place
  function updateCounts(d) {
    state.counts = { general: d.general_queue_count, teams: d.team_queue_counts || {} };
    queues.querySelectorAll(".queue").forEach((li) => {
      const id = li.dataset.teamId;
      const n = id === "general" ? state.counts.general : state.counts.teams[id] || 0;
      li.querySelector(".n").textContent = String(n);
      li.querySelector(".queue-count").setAttribute("aria-label", `${n} waiting`);
    });
  }

  await load();
  replace(main,
    h("div", { class: "page-head" }, h("h1", {}, "My work")),
    h("div", { class: "grid two" },
      section("My transfers", h("p", { class: "muted" }, "Assigned or offered to you, and still active. ", mineCount, " open."), mineList),
      section("My queues", h("p", { class: "muted" }, "Live counts of what waits for an agent."), queues)),
    section("Waiting now", waitingList));

  const refresh = throttle(() => load().catch(() => {}), 500);
  return {
    onEvent(type, data) {
      if (type === "queue.counts") updateCounts(data);
      else if (type.startsWith("transfer.") || type === "team.updated" || type === "availability"
               || type === "stream.reconnected"
               || (type === "agent.availability_changed" && data && data.user_id === ctx.me.id)) refresh();
    },
    destroy() { alive = false; },
  };
}
