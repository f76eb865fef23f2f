// Reports (admins: the organization or a team; managers: the teams they manage): transfers per
// hour or day (created, assigned, closed; queue length; time to first assignment; SLA), what each
// agent did, and both as CSV. Charts are Chart.js (vendor/chart.js), coloured from the page's CSS.
import { ApiError, auth, get, headers, query, refresh } from "../api.js";
import { act, duration, empty, errorBox, field, h, replace, section, select, toast } from "../ui.js";
import { adminCss, loadChart, managedTeams, palette } from "./admin-kit.js";

const PERIODS = [["today", "Today"], ["7d", "Last 7 days"], ["30d", "Last 30 days"], ["custom", "Custom"]];
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const dayStart = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const isoDate = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const pct = (v) => (v === null || v === undefined ? "—" : `${Math.round(v * 1000) / 10}%`);
const fixed = (v, n = 2) => (v === null || v === undefined ? "—" : String(Math.round(v * 10 ** n) / 10 ** n));

export async function render(main, [teamId], ctx) {
  adminCss();
  const isAdmin = ctx.me.role === "admin";
  const teams = await managedTeams(ctx);
  if (!isAdmin && !teams.length) {
    throw new ApiError(403, { message: "Reports are for admins and the managers of a team; you manage no team.", code: "team_manager_required" });
  }
  const charts = [];
  const today = dayStart(new Date());
  const period = select("period", PERIODS, "7d");
  const bucket = select("bucket", [["day", "Day"], ["hour", "Hour"]], "day");
  const team = select("team_id", [...(isAdmin ? [["", "Whole organization"]] : []), ...teams.map((t) => [t.id, t.name])], teams.some((t) => t.id === teamId) ? teamId : isAdmin ? "" : teams[0].id);
  const from = h("input", { type: "date", name: "from", value: isoDate(addDays(today, -6)) });
  const to = h("input", { type: "date", name: "to", value: isoDate(today) });
  const custom = h("span", { class: "custom-dates" }, field("From", from), field("To (included)", to));
  const box = errorBox({ id: "report-error" });
  const out = h("div", { id: "report" });
  const show = h("button", { type: "submit", class: "primary" }, "Show report");

  function range() {
    const p = period.value;
    if (p === "today") return [today, addDays(today, 1)];
    if (p === "7d") return [addDays(today, -6), addDays(today, 1)];
    if (p === "30d") return [addDays(today, -29), addDays(today, 1)];
    const [a, b] = [from.value, to.value].map((v) => (v ? new Date(`${v}T00:00:00`) : null));
    if (!a || !b) throw new Error("Choose both dates.");
    if (b < a) throw new Error("The end date is before the start date.");
    return [a, addDays(b, 1)];
  }

  function params(format) {
    const [a, b] = range();
    return { from: a.toISOString(), to: b.toISOString(), team_id: team.value, tz: zone, bucket: bucket.value, format };
  }

  function syncControls() {
    custom.hidden = period.value !== "custom";
    if (period.value === "today") bucket.value = "hour";
    else if (period.value !== "custom") bucket.value = "day";
  }
  period.addEventListener("change", syncControls);
  syncControls();

  // The CSV needs the Authorization header, so it is fetched and handed to the browser as a file.
  async function download(kind, button) {
    const p = params("csv");
    if (kind === "agents") { delete p.bucket; delete p.tz; }
    const send = () => fetch(`/api/reports/${kind}` + query(p), { headers: headers({ Accept: "text/csv" }) });
    const sent = auth.token;
    let resp = await send();
    let body = null;
    if (!resp.ok) try { body = await resp.json(); } catch (e) { /* not JSON */ }
    if (resp.status === 401 && body && body.code === "token_expired" && (await refresh(sent))) {
      resp = await send();  // the access token ran out: once more with the new one
      body = null;
      if (!resp.ok) try { body = await resp.json(); } catch (e) { /* not JSON */ }
    }
    if (resp.status === 401) { auth.expired(); return; }
    if (!resp.ok) throw new ApiError(resp.status, body);
    const name = (/filename="([^"]+)"/.exec(resp.headers.get("Content-Disposition") || "") || [])[1] || `${kind}.csv`;
    const url = URL.createObjectURL(await resp.blob());
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    toast(`${name} downloaded.`);
    if (button) button.focus();
  }

  function label(iso, unit) {
    const d = new Date(iso);
    return unit === "hour"
      ? d.toLocaleString(undefined, { timeZone: zone, weekday: period.value === "today" ? undefined : "short", hour: "2-digit", minute: "2-digit" })
      : d.toLocaleDateString(undefined, { timeZone: zone, weekday: "short", day: "numeric", month: "short" });
  }

  function chartBox(id, title, summary) {
    const canvas = h("canvas", { id, role: "img", "aria-label": `${title}: ${summary}` });
    return [h("figure", { class: "chart" }, h("figcaption", {}, title), h("div", { class: "chart-area" }, canvas)), canvas];
  }

  function draw(Chart, report, agents) {
    charts.splice(0).forEach((c) => c.destroy());
    const c = palette();
    const labels = report.buckets.map((b) => label(b.start, report.bucket));
    const col = (k) => report.buckets.map((b) => b[k]);
    const t = report.totals;
    const base = (extra = {}) => ({
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { labels: { color: c.text } }, tooltip: { mode: "index", intersect: false } },
      scales: {
        x: { ticks: { color: c.muted, maxRotation: 0, autoSkip: true }, grid: { color: c.line } },
        y: { beginAtZero: true, ticks: { color: c.muted, precision: 0 }, grid: { color: c.line }, ...extra },
      },
    });
    const line = (lbl, data, color, extra = {}) => ({ label: lbl, data, borderColor: color, backgroundColor: color, spanGaps: true, pointRadius: 2, ...extra });
    const [volEl, volCanvas] = chartBox("chart-volume", "Transfers created, first assigned and closed",
      `${t.created} created, ${t.assigned} first assigned, ${t.closed} closed`);
    const [queueEl, queueCanvas] = chartBox("chart-queue", "Queue length at the end of each period", `${t.queue_length ?? "—"} waiting at the end`);
    const [waitEl, waitCanvas] = chartBox("chart-wait", "Time to first assignment (minutes)",
      `median ${duration(t.first_assignment_p50_seconds)}, 90th percentile ${duration(t.first_assignment_p90_seconds)}`);
    const [slaEl, slaCanvas] = chartBox("chart-sla", "SLA compliance, first assignment (%)", `${pct(t.sla_compliance)} (${t.sla_met} met, ${t.sla_breached} breached)`);
    const minutes = (k) => col(k).map((v) => (v === null ? null : Math.round(v / 0.6) / 100));
    const stat = (lbl, value, id) => h("div", { class: "stat", id }, h("div", { class: "stat-value" }, value), h("div", { class: "stat-label" }, lbl));
    replace(out,
      h("div", { class: "stats", id: "report-totals" },
        stat("Created", String(t.created), "total-created"), stat("First assigned", String(t.assigned), "total-assigned"),
        stat("Closed", String(t.closed), "total-closed"), stat("Handed back to the bot", String(t.resumed), "total-resumed"),
        stat("Waiting at the end", t.queue_length === null ? "—" : String(t.queue_length), "total-queue"),
        stat("Median time to first assignment", duration(t.first_assignment_p50_seconds), "total-p50"),
        stat("90% first assigned within", duration(t.first_assignment_p90_seconds), "total-p90"),
        stat("SLA compliance", pct(t.sla_compliance), "total-sla")),
      h("div", { class: "charts" }, volEl, queueEl, waitEl, slaEl),
      h("details", { class: "report-table" }, h("summary", {}, "The figures as a table"),
        h("div", { class: "table-wrap" }, h("table", { class: "table compact", id: "report-buckets" },
          h("thead", {}, h("tr", {}, ["Period", "Created", "First assigned", "Closed", "Back to bot", "Queue", "p50", "p90", "SLA met", "SLA breached", "SLA %"]
            .map((x, i) => h("th", { scope: "col", class: i ? "num" : null }, x)))),
          h("tbody", {}, report.buckets.map((b, i) => h("tr", {}, h("th", { scope: "row" }, labels[i]),
            [b.created, b.assigned, b.closed, b.resumed, b.queue_length ?? "—", duration(b.first_assignment_p50_seconds), duration(b.first_assignment_p90_seconds),
              b.sla_met, b.sla_breached, pct(b.sla_compliance)].map((v) => h("td", { class: "num" }, String(v))))))))),
      section("Agents", agentTable(agents)));
    charts.push(
      new Chart(volCanvas, { type: "bar", data: { labels, datasets: [
        { label: "Created", data: col("created"), backgroundColor: c.series[0] },
        { label: "First assigned", data: col("assigned"), backgroundColor: c.series[1] },
        { label: "Closed", data: col("closed"), backgroundColor: c.series[4] },
      ] }, options: base() }),
      new Chart(queueCanvas, { type: "line", data: { labels, datasets: [line("Waiting", col("queue_length"), c.series[2], { stepped: true })] }, options: base() }),
      new Chart(waitCanvas, { type: "line", data: { labels, datasets: [
        line("Median (p50)", minutes("first_assignment_p50_seconds"), c.series[0]),
        line("90th percentile (p90)", minutes("first_assignment_p90_seconds"), c.series[3], { borderDash: [6, 4] }),
      ] }, options: base({ ticks: { color: c.muted } }) }),
      new Chart(slaCanvas, { type: "bar", data: { labels, datasets: [
        { label: "Compliance %", data: col("sla_compliance").map((v) => (v === null ? null : Math.round(v * 1000) / 10)), backgroundColor: c.series[1] },
      ] }, options: base({ max: 100, ticks: { color: c.muted } }) }),
    );
  }

  function agentTable(report) {
    if (!report.agents.length) return empty("No agents with figures in this period.");
    return h("div", { class: "table-wrap" }, h("table", { class: "table responsive", id: "report-agents" },
      h("thead", {}, h("tr", {}, ["Agent", "Assigned", "Closed", "Back to bot", "Median handle time", "Time holding transfers", "Held at once (avg)", "Capacity", "Occupancy"]
        .map((x, i) => h("th", { scope: "col", class: i ? "num" : null }, x)))),
      h("tbody", {}, report.agents.map((a) => h("tr", { dataset: { agentId: a.agent_id } },
        h("th", { scope: "row" }, a.full_name, h("div", { class: "muted small" }, a.email)),
        h("td", { class: "num", "data-label": "Assigned" }, String(a.assigned)),
        h("td", { class: "num", "data-label": "Closed" }, String(a.closed)),
        h("td", { class: "num", "data-label": "Back to bot" }, String(a.resumed)),
        h("td", { class: "num", "data-label": "Median handle time" }, duration(a.median_handle_seconds)),
        h("td", { class: "num", "data-label": "Time holding transfers" }, duration(a.held_seconds)),
        h("td", { class: "num", "data-label": "Held at once (avg)" }, fixed(a.average_concurrent)),
        h("td", { class: "num", "data-label": "Capacity" }, a.capacity === null ? "unlimited" : String(a.capacity)),
        h("td", { class: "num", "data-label": "Occupancy" }, pct(a.occupancy)))))));
  }

  let last = null;  // the report shown: redrawn when the colour scheme changes
  async function load() {
    const p = params();
    const agentParams = { from: p.from, to: p.to, team_id: p.team_id };
    const [Chart, transfers, agents] = await Promise.all([
      loadChart(), get("/api/reports/transfers" + query(p)), get("/api/reports/agents" + query(agentParams))]);
    last = [Chart, transfers.report, agents.report];
    draw(...last);
  }

  const form = h("form", { class: "inline-form filters", id: "report-filters" },
    field("Period", period), custom, field("By", bucket), field("Team", team), show);
  form.addEventListener("submit", (e) => { e.preventDefault(); act(show, box, load); });
  const csvTransfers = h("button", { type: "button", class: "secondary", id: "csv-transfers" }, "Transfers as CSV");
  const csvAgents = h("button", { type: "button", class: "secondary", id: "csv-agents" }, "Agents as CSV");
  csvTransfers.addEventListener("click", () => act(csvTransfers, box, () => download("transfers", csvTransfers)));
  csvAgents.addEventListener("click", () => act(csvAgents, box, () => download("agents", csvAgents)));

  await load().catch((err) => { if (err.sessionEnded) throw err; replace(out, h("p", { class: "error-box" }, err.message)); });
  replace(main, h("div", { class: "page-head" }, h("h1", {}, "Reports"),
    h("div", { class: "toolbar" }, csvTransfers, csvAgents)),
  h("p", { class: "muted" }, `Times are in ${zone}. A transfer counts in the team it is in now.`),
  section("Period", form, box), out);

  const scheme = window.matchMedia("(prefers-color-scheme: dark)");
  const recolour = () => { if (last) draw(...last); };
  scheme.addEventListener("change", recolour);
  return { destroy() { scheme.removeEventListener("change", recolour); charts.forEach((c) => c.destroy()); } };
}
