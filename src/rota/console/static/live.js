// The live event stream. EventSource cannot send an Authorization header, so GET /api/events is
// read with fetch and a small Server-Sent Events parser; it reconnects with backoff and asks for
// what it missed with Last-Event-ID. Every connection sends the session's current access token:
// refused as expired, it refreshes the session and connects again at once. (An open stream is
// not cut when its token expires; the server ends it when the account's access ends.)
import { auth, headers, refresh } from "./api.js";

const listeners = new Set();
let statusListener = () => {};
let controller = null;
let lastId = null;
let running = false;

export function onEvent(fn) { listeners.add(fn); return () => listeners.delete(fn); }
export function onStatus(fn) { statusListener = fn; }

function dispatch(type, data) {
  for (const fn of [...listeners]) {
    try { fn(type, data); } catch (e) { console.error(e); }
  }
}

// Parses one SSE block ("id: 4\nevent: x\ndata: {...}") into {id, event, data}.
export function parseBlock(block) {
  const out = { id: null, event: "message", data: [] };
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;  // comments are keep-alive pings
    const at = line.indexOf(":");
    const field = at < 0 ? line : line.slice(0, at);
    let value = at < 0 ? "" : line.slice(at + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "id") out.id = value;
    else if (field === "event") out.event = value;
    else if (field === "data") out.data.push(value);
  }
  return out.data.length || out.id ? { ...out, data: out.data.join("\n") } : null;
}

async function readOnce(signal) {
  const extra = { Accept: "text/event-stream" };
  if (lastId) extra["Last-Event-ID"] = lastId;
  const sent = auth.token;
  const resp = await fetch("/api/events", { headers: headers(extra), signal, cache: "no-store" });
  if (resp.status === 401) {
    let code = null;
    try { code = (await resp.json()).code; } catch (e) { /* not JSON */ }
    const ok = code === "token_expired" ? await refresh(sent) : false;
    if (ok) return "again";  // with the new token, at once
    if (ok === null) throw new Error("the session could not be refreshed now");
    auth.expired();
    return "stop";
  }
  if (!resp.ok || !resp.body) throw new Error(`stream answered ${resp.status}`);
  statusListener("live");
  // whatever happened before this connection (since the page loaded, or while it was down) is
  // not replayed on a first connection: the views refresh what they show
  dispatch("stream.reconnected", null);
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return "ended";
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const msg = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (!msg) continue;
      if (msg.id) lastId = msg.id;
      let body = null;
      try { body = JSON.parse(msg.data); } catch (e) { body = msg.data; }
      // transfer events wrap their payload: {id, type, created_at, data}
      dispatch(msg.event, body && body.data !== undefined && body.type ? body.data : body);
    }
  }
}

export function start() {
  if (running) return;
  running = true;
  controller = new AbortController();
  const signal = controller.signal;
  (async () => {
    let wait = 1000;
    let again = false;  // reconnecting at once after a refresh: once, then with backoff
    while (running && !signal.aborted) {
      try {
        const result = await readOnce(signal);
        if (result === "stop") break;
        again = result === "again" && !again;
        if (again) continue;
        wait = 1000;
      } catch (e) {
        if (signal.aborted) break;
      }
      if (!running || signal.aborted) break;
      statusListener("reconnecting");
      await new Promise((r) => setTimeout(r, wait + Math.random() * 500));
      wait = Math.min(wait * 2, 30000);
    }
  })();
}

export function stop() {
  running = false;
  lastId = null;
  if (controller) controller.abort();
  controller = null;
  statusListener("off");
}
