// Keyboard shortcuts for an agent's main actions (not while typing in a field or in a dialog):
// a accept / d decline the first offer (declining asks first), p pick the next waiting
// transfer, g h My work, g t Transfers, / search, ? the list of them (index.html's #help).
import { get, post, put, query } from "./api.js";
import { confirmDialog, toast } from "./ui.js";

const TYPING = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";

async function firstOffer(ctx, action) {
  const d = await get("/api/chatbot/transfers" + query({ status: "active", mine: true, offered: true, sort: "queue", limit: 1 }));
  const t = d.transfers[0];
  if (!t) { toast("No offer is waiting for you."); return; }
  const who = t.contact ? t.contact.name : "the contact";
  if (action === "decline" && !(await confirmDialog(`Decline ${who}?`,
    "It goes to the next agent and is not offered to you again.", "Decline"))) return;
  await put(`/api/chatbot/transfers/${t.id}/${action}`);
  toast(action === "accept" ? `Accepted: ${who} is yours.` : `Declined: ${who} goes to the next agent.`);
  ctx.refresh();
}

async function pickNext(ctx) {
  const d = await post("/api/chatbot/transfers/pick");
  if (!d.transfer) { toast("Nothing is waiting in your queues."); return; }
  toast(`You picked ${d.transfer.contact ? d.transfer.contact.name : "a transfer"}.`);
  ctx.refresh();
}

function search(ctx) {
  const input = document.querySelector("main input[type=search]");
  if (input) { input.focus(); input.select(); return; }
  ctx.focusSearch = true;  // the Transfers page focuses its search when it is drawn
  ctx.navigate("#/transfers");
}

export function install(ctx) {
  let g = 0;  // when "g" was pressed: the next key says where to go
  const run = (fn) => fn().catch((err) => { if (!err.sessionEnded) toast(err.message, "error"); });
  document.addEventListener("keydown", (e) => {
    if (!ctx.me || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if ((e.target instanceof Element && e.target.closest(TYPING)) || document.querySelector("dialog[open]")) return;
    const after = g && Date.now() - g < 1500;
    g = 0;
    const go = after ? { h: "#/", t: "#/transfers" }[e.key] : null;
    const action = after ? (go ? () => ctx.navigate(go) : null) : {
      a: () => run(() => firstOffer(ctx, "accept")),
      d: () => run(() => firstOffer(ctx, "decline")),
      p: () => run(() => pickNext(ctx)),
      "/": () => search(ctx),
      "?": () => document.getElementById("help").showModal(),
      g: () => { g = Date.now(); },
    }[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });
}
