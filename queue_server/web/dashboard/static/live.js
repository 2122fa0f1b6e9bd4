// The live hall: fetched once, then again after every event of a location's stream, and at
// the moment the server says an alert will appear or lapse (next_change_at). No polling.

import { get, query } from "./api.js";
import { duration, el, format, localTime, t, LANG } from "./format.js";

const DISMISSED = "eenloket.dashboard.dismissed";
const REFRESH_DELAY = 150;
const MAX_BACKOFF = 30000;

export class Live {
  constructor(onError) {
    this.onError = onError;
    this.locations = new Map();
    this.sockets = new Map();
    this.pending = new Map();
    this.timers = new Map();
    this.seen = new Set();
    this.dismissed = new Set(JSON.parse(sessionStorage.getItem(DISMISSED) || "[]"));
    this.norms = null;
    this.at = null;
  }

  async start() {
    const data = await get(`/api/v1/dashboard/overview${query({ lang: LANG })}`);
    this.apply(data, null);
    for (const code of this.locations.keys()) this.connect(code, 0);
  }

  /** Take a fresh overview of one location (`code`) or of all (null). */
  apply(data, code) {
    this.at = data.at;
    this.norms = { appointment: data.appointment_minutes, walkIn: data.walk_in_minutes };
    for (const location of data.locations) this.locations.set(location.code, location);
    const key = code ?? "*";
    clearTimeout(this.timers.get(key));
    if (data.next_change_at) {
      const wait = Math.max(0, Date.parse(data.next_change_at) - Date.parse(data.at)) + 250;
      this.timers.set(key, setTimeout(() => this.refresh(code), wait));
    }
    this.render();
  }

  /** Fetch one location (or all) again, a moment after the last of a burst of events. */
  refresh(code) {
    const key = code ?? "*";
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(async () => {
      this.pending.delete(key);
      try {
        const path = `/api/v1/dashboard/overview${query({ location: code, lang: LANG })}`;
        this.apply(await get(path), code);
      } catch (error) {
        this.onError(error);
      }
    }, REFRESH_DELAY));
  }

  connect(code, attempt) {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const seq = this.locations.get(code)?.seq ?? 0;
    const socket = new WebSocket(
      `${scheme}://${window.location.host}/api/v1/locations/${code}/events?since=${seq}`);
    this.sockets.set(code, socket);
    socket.addEventListener("open", () => this.status(true));
    socket.addEventListener("message", () => this.refresh(code));
    socket.addEventListener("close", () => {
      this.status(false);
      const backoff = Math.min(MAX_BACKOFF, 1000 * 2 ** attempt);
      setTimeout(() => this.connect(code, attempt + 1), backoff);
    });
  }

  status(connected) {
    const line = document.getElementById("live-status");
    line.textContent = connected ? t("live_connected") : t("live_reconnecting");
    line.classList.toggle("status-warning", !connected);
  }

  dismiss(key) {
    this.dismissed.add(key);
    sessionStorage.setItem(DISMISSED, JSON.stringify([...this.dismissed]));
    this.render();
  }

  render() {
    const norms = document.getElementById("norms");
    const line = t("norms_line", { appointment: format(this.norms.appointment, "number"),
      walk_in: format(this.norms.walkIn, "number") });
    const zone = this.locations.values().next().value?.timezone;
    norms.textContent = `${line} ${t("updated_at", { time: localTime(this.at, zone) })}`;
    this.renderAlerts();
    const container = document.getElementById("locations");
    container.replaceChildren(...[...this.locations.values()].map((l) => locationView(l)));
  }

  renderAlerts() {
    const all = [...this.locations.values()].flatMap((l) => l.alerts.map((a) => ({ ...a, tz: l.timezone })));
    const shown = all.filter((a) => !this.dismissed.has(a.key))
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "critical" ? -1 : 1));
    const list = document.getElementById("alerts");
    if (!shown.length) {
      list.replaceChildren(el("li", { class: "alert none" }, t("no_alerts")));
      return;
    }
    list.replaceChildren(...shown.map((alert) => {
      const fresh = !this.seen.has(alert.key);
      this.seen.add(alert.key);
      const button = el("button", { type: "button", class: "secondary small",
        "aria-label": t("dismiss_label", { message: alert.message }) }, t("dismiss"));
      button.addEventListener("click", () => this.dismiss(alert.key));
      return el("li", { class: `alert ${alert.severity}${fresh ? " fresh" : ""}`,
        "data-kind": alert.kind },
      el("span", { class: "badge" }, t(`severity.${alert.severity}`)),
      el("span", { class: "message" }, alert.message), button);
    }));
  }
}

function card(label, value, detail) {
  return el("div", { class: "card" }, el("dt", {}, label), el("dd", {}, value,
    detail ? el("span", { class: "detail" }, detail) : null));
}

function locationView(location) {
  const headingId = `loc-${location.code}`;
  const today = location.today;
  const tz = location.timezone;
  return el("section", { class: "location", "aria-labelledby": headingId, "data-location": location.code },
    el("h2", { id: headingId }, location.name),
    el("dl", { class: "figure-list" },
      card(t("waiting_now"), format(location.waiting, "count")),
      card(t("longest_wait"), duration(location.longest_wait_seconds)),
      card(t("desks_open"), format(location.desks_open, "count")),
      card(t("today_within"), format(today.within_share, "share"),
        t("today_within_detail", { within: today.within, decided: today.decided }))),
    el("div", { class: "live-grid" }, queuesView(location, headingId), desksView(location.desks, tz)),
    devicesView(location.devices, tz, location.code));
}

function queuesView(location, headingId) {
  const id = `${headingId}-queues`;
  const rows = location.categories.map((c) => el("tr", {},
    el("th", { scope: "row" }, c.letter), el("td", {}, c.name),
    el("td", { class: "num" }, format(c.waiting, "count")),
    el("td", { class: "num" }, c.waiting ? duration(c.longest_wait_seconds) : t("none"))));
  return el("section", { class: "block", "aria-labelledby": id }, el("h3", { id }, t("queues_title")),
    el("table", { "aria-labelledby": id }, el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, t("col_letter")), el("th", { scope: "col" }, t("col_queue")),
      el("th", { scope: "col", class: "num" }, t("col_waiting")),
      el("th", { scope: "col", class: "num" }, t("col_longest")))), el("tbody", {}, rows)));
}

function deskText(desk, tz) {
  const since = desk.since ? t("desk.since", { time: localTime(desk.since, tz) }) : "";
  if (desk.state === "closed") return [t("desk.closed"), ""];
  if (desk.state === "paused") {
    return [desk.pause_reason ? `${t("desk.paused")}: ${desk.pause_reason}` : t("desk.paused"), since];
  }
  if (desk.activity === "serving") return [t("desk.serving", { ticket: desk.ticket }), since];
  if (desk.activity === "called") return [t("desk.called", { ticket: desk.ticket }), since];
  return [t("desk.idle"), since];
}

function desksView(desks, tz) {
  const items = desks.map((desk) => {
    const [what, since] = deskText(desk, tz);
    const state = desk.state === "open" ? desk.activity : desk.state;
    return el("li", { class: `desk ${state}`, "data-desk": desk.number },
      el("span", { class: "desk-name" }, t("desk_number", { n: desk.number })),
      el("span", { class: "desk-state" }, what),
      since ? el("span", { class: "desk-since" }, since) : null);
  });
  return el("section", { class: "block" }, el("h3", {}, t("desks_title")),
    el("ul", { class: "desks" }, items));
}

function devicesView(devices, tz, code) {
  const items = devices.map((device) => {
    const seen = device.last_seen
      ? t("device.last_seen", { time: localTime(device.last_seen, tz) }) : t("device.never_seen");
    const printer = device.printer ? t(`printer.${device.printer}`) : null;
    return el("li", { class: `device${device.offline ? " offline" : ""}` },
      el("span", { class: "device-name" }, `${t(`device.${device.kind}`)} ${device.name}`),
      el("span", {}, device.offline ? t("device.offline") : t("device.online")),
      el("span", { class: "muted" }, seen), printer ? el("span", { class: "printer" }, printer) : null);
  });
  const id = `dev-${code}`;
  return el("section", { class: "block", "aria-labelledby": id }, el("h3", { id }, t("devices_title")),
    el("ul", { class: "devices" }, items));
}
