// The JSON API: every answer is an envelope {status, data} or {status: "error", message, code, errors}.
//
// A session is a short-lived access token (60 minutes by default) and a refresh token that gets
// the next one (each works once: a refresh answers a new refresh token too). Both live in
// localStorage rather than sessionStorage so that a transfer opened in a new tab stays signed in
// (support people do that all day): the tabs share one session. Shortly before the access token
// runs out (or when the API answers token_expired) one tab refreshes (a Web Lock) and the others
// take the new tokens from storage (the "storage" event), so two tabs do not rotate one token. Sign-out ends the session on the server and removes the tokens in every tab (the
// "storage" event); the page's strict Content-Security-Policy (no inline or third-party scripts)
// is what protects them from scripts.
const KEY = "rota.token";          // the access token
const REFRESH = "rota.refresh";    // the refresh token
const RENEW = "rota.renew_at";     // when to refresh (ms since the epoch), shortly before expiry
const USER = "rota.user";          // whose session this is

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The server answered ${status}.`);
    this.status = status;
    this.code = (body && body.code) || "http_" + status;
    this.errors = (body && body.errors) || [];
  }
}

let onExpired = () => {};
let timer = null;

export const auth = {
  get token() { return localStorage.getItem(KEY); },
  get refreshToken() { return localStorage.getItem(REFRESH); },
  get userId() { return localStorage.getItem(USER); },
  // a login's or a refresh's answer; the access token is written last: other tabs follow its key
  set(data) {
    const life = data.expires_in * 1000;
    localStorage.setItem(RENEW, String(Date.now() + life - Math.min(60000, life / 4)));
    if (data.refresh_token) localStorage.setItem(REFRESH, data.refresh_token);  // null: keep ours
    if (data.user) localStorage.setItem(USER, data.user.id);
    localStorage.setItem(KEY, data.access_token);
    this.schedule();
  },
  clear() {
    clearTimeout(timer);
    for (const k of [REFRESH, RENEW, USER, KEY]) localStorage.removeItem(k);
  },
  onExpired(handler) { onExpired = handler; },
  expired() { this.clear(); onExpired(); },
  // (re)arms this tab's refresh timer from the stored expiry (also when another tab refreshed)
  schedule() {
    clearTimeout(timer);
    const at = Number(localStorage.getItem(RENEW));
    if (at && this.refreshToken) timer = setTimeout(renewIfDue, Math.max(0, at - Date.now()));
  },
};

const due = () => Date.now() >= Number(localStorage.getItem(RENEW) || Infinity) - 1000;

async function renewIfDue() {
  if (!auth.token || !due()) return;
  const ok = await refresh(null);
  if (ok === false) auth.expired();
  else if (ok === null) { clearTimeout(timer); timer = setTimeout(renewIfDue, 5000); }  // try again soon
}
// a tab that slept (timers are slowed in the background) renews when it is looked at again
document.addEventListener("visibilitychange", () => { if (!document.hidden) renewIfDue(); });

// New tokens for the session. `stale`: the access token a request was refused with (null: the
// timer's refresh, done only if still due). Resolves true (new tokens in storage), false (the
// session is over) or null (the server could not be reached: keep going, try again later).
// One tab refreshes at a time: a tab that finds another one at it (its Web Lock held) waits for
// that tab's new token to arrive by the "storage" event rather than rotate the same token again.
let refreshing = null;
export function refresh(stale) {
  if (!refreshing) refreshing = shared(stale).finally(() => { refreshing = null; });
  return refreshing;
}

const BUSY = Symbol("busy");
const current = (stale) => !!auth.token && (stale ? auth.token !== stale : !due());

async function shared(stale) {
  for (let i = 0; i < 20; i++) {
    if (!auth.token) return false;
    if (current(stale)) return true;  // refreshed meanwhile (here or in another tab)
    const outcome = navigator.locks
      ? await navigator.locks.request("rota.refresh", { ifAvailable: true }, (lock) => (lock ? renew(stale) : BUSY))
      : await renew(stale);
    if (outcome !== BUSY) return outcome;
    await changed(KEY, 1000);
  }
  return null;
}

const changed = (key, ms) => new Promise((resolve) => {
  const done = (e) => { if (!e || e.key === key) { window.removeEventListener("storage", done); clearTimeout(t); resolve(); } };
  const t = setTimeout(done, ms);
  window.addEventListener("storage", done);
});

async function renew(stale) {
  if (current(stale)) return true;
  const token = auth.refreshToken;
  if (!token) return false;
  let resp;
  let payload = null;
  try {
    resp = await fetch("/api/auth/refresh", {
      method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    });
    payload = await resp.json();
  } catch (e) { return resp && resp.status === 401 ? false : null; }
  if (resp.ok && payload && payload.status === "success") {
    auth.set(payload.data);
    return true;
  }
  return resp.status === 401 ? false : null;  // 401: ended, reused or unknown
}

// Ends the session on the server (its refresh token stops working), then here and in every tab.
export async function signOut() {
  const token = auth.refreshToken;
  if (token) {
    try {
      await fetch("/api/auth/logout", {
        method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: token }), keepalive: true,
      });
    } catch (e) { /* offline: the session runs out by itself */ }
  }
  auth.clear();
}

export function headers(extra = {}) {
  const h = { Accept: "application/json", ...extra };
  if (auth.token) h.Authorization = `Bearer ${auth.token}`;
  return h;
}

const NO_SESSION = new Set(["/api/auth/login", "/api/auth/refresh", "/api/auth/logout"]);
const unreachable = () => new ApiError(0, { message: "Rota cannot be reached. Check your connection and try again.", code: "network" });

// api("GET", "/api/me") -> data, or throws ApiError. An expired access token is refreshed and the
// request sent once more; a 401 otherwise ends the session (except at login).
export async function api(method, path, body, extraHeaders = {}, retried = false) {
  const init = { method, headers: headers(extraHeaders) };
  const sent = auth.token;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(path, init);
  } catch (e) {
    throw unreachable();
  }
  let payload = null;
  try { payload = await resp.json(); } catch (e) { /* not JSON */ }
  if (resp.status === 401 && !NO_SESSION.has(path)) {
    if (!retried && sent && payload && payload.code === "token_expired") {
      const ok = await refresh(sent);
      if (ok) return api(method, path, body, extraHeaders, true);
      if (ok === null) throw unreachable();
    }
    auth.expired();
    const err = new ApiError(401, payload);
    err.sessionEnded = true;  // the sign-in page is shown instead of this error
    throw err;
  }
  if (!resp.ok || !payload || payload.status !== "success") throw new ApiError(resp.status, payload);
  const data = payload.data;
  if (data && typeof data === "object") Object.defineProperty(data, "_etag", { value: resp.headers.get("ETag") });
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body === undefined ? {} : body);
export const put = (path, body) => api("PUT", path, body === undefined ? {} : body);
export const patch = (path, body, extra) => api("PATCH", path, body, extra);
export const del = (path, extra) => api("DELETE", path, undefined, extra);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}
