// The JSON API: every answer is an envelope {status, data} or {status: "error", message, code, errors}.
//
// The access token lives in localStorage rather than sessionStorage so that a transfer opened in
// a new tab stays signed in (support people do that all day). It is short-lived (60 minutes by
// default), sign-out removes it in every tab (the "storage" event), and the page's strict
// Content-Security-Policy (no inline or third-party scripts) is what protects it from scripts.
const KEY = "rota.token";

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The server answered ${status}.`);
    this.status = status;
    this.code = (body && body.code) || "http_" + status;
    this.errors = (body && body.errors) || [];
  }
}

let onExpired = () => {};

export const auth = {
  get token() { return localStorage.getItem(KEY); },
  set(token) { localStorage.setItem(KEY, token); },
  clear() { localStorage.removeItem(KEY); },
  onExpired(handler) { onExpired = handler; },
  expired() { this.clear(); onExpired(); },
};

export function headers(extra = {}) {
  const h = { Accept: "application/json", ...extra };
  if (auth.token) h.Authorization = `Bearer ${auth.token}`;
  return h;
}

// api("GET", "/api/me") -> data, or throws ApiError. A 401 ends the session (except at login).
export async function api(method, path, body, extraHeaders = {}) {
  const init = { method, headers: headers(extraHeaders) };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { message: "Rota cannot be reached. Check your connection and try again.", code: "network" });
  }
  let payload = null;
  try { payload = await resp.json(); } catch (e) { /* not JSON */ }
  if (resp.status === 401 && path !== "/api/auth/login") {
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
