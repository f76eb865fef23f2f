// New work, noticed. The tab's title counts what is new since the agent last looked at My work
// (transfers offered or assigned to them, and new ones waiting in their queues): "(2) Rota";
// looking at My work clears it. If they chose so in Preferences, new work also beeps (a short
// tone made with the Web Audio API) and shows a desktop notification while they are not looking
// at My work. What was seen and the preferences are kept in this browser per user (localStorage),
// so all their tabs agree, and another person signing in here starts with their own.
import { get, query } from "./api.js";
import { throttle } from "./views/common.js";

const TITLE = "Rota";
let me = null;
let looking = () => false;
let present = new Map();  // "<id>:mine" | "<id>:waiting" -> the transfer, as last read

const key = (name) => `rota.${name}.${me.id}`;
function read(name, fallback) {
  try { return JSON.parse(localStorage.getItem(key(name))) ?? fallback; } catch (e) { return fallback; }
}
const write = (name, value) => localStorage.setItem(key(name), JSON.stringify(value));

export const prefs = {
  get: () => ({ sound: false, notify: false, ...(me ? read("prefs", {}) : {}) }),
  set: (p) => write("prefs", { ...prefs.get(), ...p }),
};

const unseen = () => {
  const seen = new Set(read("seen", []));
  return [...present.keys()].filter((k) => !seen.has(k));
};

function showCount() {
  const n = me ? unseen().length : 0;
  document.title = n ? `(${n}) ${TITLE}` : TITLE;
}

function markSeen(keys = [...present.keys()]) {
  write("seen", keys);
  showCount();
}

async function scan() {
  const [mine, waiting] = await Promise.all([
    get("/api/chatbot/transfers" + query({ status: "active", mine: true, limit: 100 })),
    get("/api/chatbot/transfers" + query({ status: "active", assigned: false, limit: 100 })),
  ]);
  if (!me) return;
  present = new Map([
    ...mine.transfers.map((t) => [`${t.id}:mine`, t]),
    ...waiting.transfers.map((t) => [`${t.id}:waiting`, t]),
  ]);
  if (localStorage.getItem(key("seen")) === null) write("seen", [...present.keys()]);  // first time here
  // each new piece of work alerts once, in one of the agent's tabs
  const alerted = read("alerted", []);
  const news = unseen().filter((k) => !alerted.includes(k));
  if (news.length) {
    write("alerted", [...alerted, ...news].slice(-200));
    alert(news.map((k) => present.get(k)));
  }
  if (looking()) markSeen(); else showCount();
}
const rescan = throttle(() => (me ? scan() : null), 300);

function describe(t) {
  const who = t.contact ? t.contact.name : "A contact";
  if (t.agent_id !== me.id) return `${who} is waiting${t.priority ? ` (priority ${t.priority})` : ""}.`;
  return t.offer_expires_at ? `${who} is offered to you: accept it in My work.` : `${who} is assigned to you.`;
}

function alert(transfers) {
  const p = prefs.get();
  if (p.sound) beep();
  if (p.notify && "Notification" in window && Notification.permission === "granted" && !looking()) {
    const body = transfers.length === 1 ? describe(transfers[0]) : `${transfers.length} new transfers for you.`;
    try {
      const note = new Notification("Rota: new work", { body, tag: "rota-new-work" });
      note.onclick = () => { window.focus(); location.hash = "#/"; note.close(); };
    } catch (e) { /* some browsers only notify from a service worker */ }
  }
}

// A short two-tone beep, made here (no sound file).
let audio = null;
export function beep() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return false;
  audio = audio || new Context();
  if (audio.state === "suspended") audio.resume().catch(() => {});
  const t = audio.currentTime;
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.type = "sine";
  tone.frequency.setValueAtTime(880, t);
  tone.frequency.setValueAtTime(660, t + 0.12);
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
  tone.connect(gain).connect(audio.destination);
  tone.start(t);
  tone.stop(t + 0.32);
  return true;
}

// Starts following new work for the signed-in user; `isLooking()`: My work is on screen.
export function start(user, isLooking) {
  me = user;
  looking = () => !document.hidden && isLooking();
  present = new Map();
  rescan();
}

export function stop() {
  me = null;
  present = new Map();
  document.title = TITLE;
}

// The agent looks at My work (the page is shown, or the tab comes back to the front)
export function look() { if (me && looking()) markSeen(); }

export function onEvent(type, data) {
  if (!me) return;
  const t = data && data.transfer;
  if (t && data.actor_id === me.id) {  // their own doing (picked, took, accepted, gave back) is no news
    markSeen([...new Set([...read("seen", []), `${t.id}:mine`, `${t.id}:waiting`])].slice(-500));
  }
  if (type.startsWith("transfer.") || type === "stream.reconnected") rescan();
}

document.addEventListener("visibilitychange", look);
window.addEventListener("storage", (e) => { if (me && e.key === key("seen")) showCount(); });  // looked in another tab

// The Preferences dialog (index.html): sound and desktop notifications, for this user here.
export function openPrefs() {
  if (!me) return;
  const dialog = document.getElementById("prefs");
  const sound = document.getElementById("pref-sound");
  const notify = document.getElementById("pref-notify");
  const note = document.getElementById("pref-notify-note");
  const p = prefs.get();
  document.getElementById("prefs-who").textContent = me.full_name;
  sound.checked = p.sound;
  notify.checked = p.notify && "Notification" in window && Notification.permission === "granted";
  note.textContent = !("Notification" in window) ? "This browser cannot show desktop notifications."
    : Notification.permission === "denied" ? "Notifications are blocked for this site in your browser's settings." : "";
  dialog.showModal();
}

export function installPrefs() {
  const sound = document.getElementById("pref-sound");
  const notify = document.getElementById("pref-notify");
  const note = document.getElementById("pref-notify-note");
  sound.addEventListener("change", () => {
    prefs.set({ sound: sound.checked });
    if (sound.checked) beep();  // now, while the click lets the page play sound
  });
  document.getElementById("pref-sound-test").addEventListener("click", beep);
  notify.addEventListener("change", async () => {
    note.textContent = "";
    if (!notify.checked) { prefs.set({ notify: false }); return; }
    if (!("Notification" in window)) {
      notify.checked = false;
      note.textContent = "This browser cannot show desktop notifications.";
      return;
    }
    // the browser asks for permission only now, when the agent turns them on
    const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    notify.checked = permission === "granted";
    prefs.set({ notify: notify.checked });
    note.textContent = permission === "granted" ? "You will be notified of new work while you are not looking at My work."
      : "Your browser did not allow notifications for this site; change that in its settings.";
  });
}
