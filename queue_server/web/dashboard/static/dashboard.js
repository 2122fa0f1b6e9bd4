// The dashboard page: sign-in, tabs, the filter form, and loading each view.

import { get, post, query, setCsrf } from "./api.js";
import { el, LANG, localDate, t } from "./format.js";
import { Live } from "./live.js";
import { renderFigures, renderView } from "./stats.js";

const VIEWS = ["live", "demand", "waiting", "transfers", "staffing", "clerks"];
const MANAGER_ROLES = ["manager", "admin"];
const $ = (id) => document.getElementById(id);

const state = {
  view: "live",
  setup: null,
  live: null,
  staffingDay: null,
  loading: 0,
  rerender: () => {},
};

function status(text, isError = false) {
  const line = $("status");
  line.textContent = text;
  line.hidden = !text;
  line.classList.toggle("error", isError);
}

function showError(error) {
  status(t("error_loading", { detail: error.message }), true);
}

// --- signing in ---------------------------------------------------------------------------------

async function boot() {
  $("login-form").addEventListener("submit", signIn);
  $("logout").addEventListener("click", signOut);
  try {
    await signedIn(await get("/api/v1/auth/me"));
  } catch (error) {
    if (error.status === 401) showLogin();
    else showError(error);
  }
}

function showLogin() {
  status("");
  $("app").hidden = true;
  $("login").hidden = false;
  $("username").focus();
}

async function signIn(event) {
  event.preventDefault();
  $("login-error").textContent = "";
  try {
    await post("/api/v1/auth/login", { username: $("username").value, password: $("password").value });
    $("password").value = "";
    await signedIn(await get("/api/v1/auth/me"));
  } catch (error) {
    $("login-error").textContent = error.status === 401 ? t("login_failed") : error.message;
  }
}

async function signOut() {
  try {
    await post("/api/v1/auth/logout");
  } finally {
    window.location.reload();
  }
}

async function signedIn(me) {
  setCsrf(me.csrf_token);
  $("login").hidden = true;
  $("who").textContent = t("signed_in_as", { name: me.display_name });
  $("logout").hidden = false;
  if (!MANAGER_ROLES.includes(me.role)) {
    status(t("not_manager"), true);
    return;
  }
  state.setup = await get(`/api/v1/dashboard/setup${query({ lang: LANG })}`);
  $("tab-clerks").hidden = !state.setup.per_clerk;
  fillFilters();
  bindTabs();
  status("");
  $("app").hidden = false;
  const wanted = window.location.hash.slice(1);
  await select(VIEWS.includes(wanted) && !$(`tab-${wanted}`).hidden ? wanted : "live");
}

// --- tabs ---------------------------------------------------------------------------------------

function visibleTabs() {
  return [...document.querySelectorAll("[role=tab]")].filter((tab) => !tab.hidden);
}

function bindTabs() {
  for (const tab of visibleTabs()) {
    tab.addEventListener("click", () => select(tab.dataset.view));
    tab.addEventListener("keydown", (event) => {
      const tabs = visibleTabs();
      const index = tabs.indexOf(tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      target.focus();
      select(target.dataset.view);
    });
  }
}

async function select(view) {
  state.view = view;
  for (const tab of visibleTabs()) {
    const chosen = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(chosen));
    tab.tabIndex = chosen ? 0 : -1;
  }
  const live = view === "live";
  $("panel-live").hidden = !live;
  $("panel-stats").hidden = live;
  $("panel-stats").setAttribute("aria-labelledby", `tab-${view}`);
  remember();
  if (live) {
    if (!state.live) {
      state.live = new Live(showError);
      await state.live.start().catch(showError);
    }
  } else {
    $("stats-title").textContent = t(`tab.${view}`);
    await loadStats();
  }
}

// --- filters ------------------------------------------------------------------------------------

function options(select, items, chosen) {
  select.replaceChildren(el("option", { value: "" }, t("filter.all")),
    ...items.map((item) => el("option", { value: item.code, selected: item.code === chosen }, item.name)));
}

function fillFilters() {
  const params = new URLSearchParams(window.location.search);
  const setup = state.setup;
  $("f-first").value = params.get("first") || setup.first_day;
  $("f-last").value = params.get("last") || setup.last_day;
  options($("f-location"), setup.locations, params.get("location"));
  options($("f-department"), setup.departments, params.get("department"));
  fillServices(params.get("service"));
  fillDesks(params.get("desk"));
  $("f-location").addEventListener("change", () => fillDesks(""));
  $("f-department").addEventListener("change", () => fillServices(""));
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    remember();
    loadStats();
  });
  for (const button of document.querySelectorAll("[data-quick]")) {
    button.addEventListener("click", () => {
      quick(button.dataset.quick);
      remember();
      loadStats();
    });
  }
}

function fillServices(chosen) {
  const department = $("f-department").value;
  const services = state.setup.services.filter((s) => !department || s.group === department);
  options($("f-service"), services, chosen);
}

function fillDesks(chosen) {
  const location = state.setup.locations.find((l) => l.code === $("f-location").value);
  const desks = (location?.desks ?? []).map((n) => ({ code: String(n), name: t("desk_number", { n }) }));
  options($("f-desk"), desks, chosen);
  $("f-desk").disabled = !location;
  $("f-desk-hint").hidden = Boolean(location);
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function quick(kind) {
  const [y, m, d] = state.setup.last_day.split("-").map(Number);
  const today = new Date(Date.UTC(y, m - 1, d));
  const shift = (days) => new Date(today.getTime() + days * 86400000);
  const ranges = {
    today: [today, today],
    week: [shift(-6), today],
    four_weeks: [shift(-27), today],
    month: [new Date(Date.UTC(y, m - 1, 1)), today],
    last_month: [new Date(Date.UTC(y, m - 2, 1)), new Date(Date.UTC(y, m - 1, 0))],
    year: [new Date(Date.UTC(y, 0, 1)), today],
  };
  const [first, last] = ranges[kind];
  $("f-first").value = isoDay(first);
  $("f-last").value = isoDay(last);
}

function filters() {
  return {
    first: $("f-first").value, last: $("f-last").value, location: $("f-location").value,
    department: $("f-department").value, service: $("f-service").value,
    desk: $("f-desk").disabled ? "" : $("f-desk").value,
  };
}

/** Keep the view and filters in the address, so a link or reload shows the same figures. */
function remember() {
  if (!state.setup) return;
  const params = { ...filters(), lang: LANG === "nl" ? "" : LANG };
  window.history.replaceState(null, "", `${query(params)}#${state.view}`);
}

// --- statistics -----------------------------------------------------------------------------------

async function loadStats() {
  const view = state.view;
  if (view === "staffing" && !$("f-location").value) {
    // Staffing advice is per location: choose the first one, visibly, in the filter.
    $("f-location").value = state.setup.locations[0].code;
    fillDesks("");
    remember();
  }
  const params = { ...filters(), lang: LANG };
  const request = ++state.loading;
  const container = $("view");
  container.setAttribute("aria-busy", "true");
  $("download-visits").href = `/api/v1/stats/visits.csv${query(filters())}`;
  try {
    const [summary, data] = await Promise.all([
      get(`/api/v1/stats/summary${query(params)}`),
      get(`/api/v1/stats/${view}${query(params)}`),
    ]);
    if (request !== state.loading) return; // a newer choice is on its way
    $("period").textContent = t("period_line",
      { first: localDate(data.first_day), last: localDate(data.last_day) });
    renderFigures($("figures"), [...summary.figures, ...data.figures]);
    state.rerender = () => renderView(container, data, (table) =>
      `/api/v1/stats/${view}/${table.name}.csv${query(params)}`, state);
    state.rerender();
    status("");
  } catch (error) {
    if (request !== state.loading) return;
    container.replaceChildren(el("p", { class: "error" }, t("error_loading", { detail: error.message })));
  } finally {
    if (request === state.loading) container.removeAttribute("aria-busy");
  }
}

boot();
