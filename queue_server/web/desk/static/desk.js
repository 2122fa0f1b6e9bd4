// The desk page: sign in, open a desk, serve visitors, follow the hall live.
// State lives on the server; this page shows it and sends the clerk's actions.

import { Api, ApiError, Unreachable } from "./api.js";
import { Stream } from "./stream.js";
import {
  deskOptionText, deskStateText, el, fmt, queueRows, visitorNodes,
} from "./view.js";

const t = JSON.parse(document.getElementById("desk-texts").textContent);
const languageNames = JSON.parse(document.getElementById("language-names").textContent);
const lang = document.documentElement.lang;
const $ = (id) => document.getElementById(id);
const api = new Api();
const TICKET = /^[A-Z][0-9]{3}$/;
const TICK_MS = 20000;
const IDLE_CHECK_MS = 15000;
const SHORTCUTS_KEY = "eenloket.desk.shortcuts";
const CHOICE_KEY = "eenloket.desk.choice";

const page = {
  setup: null,        // DeskSetupOut
  location: null,     // LocationOption of the open desk
  number: null,       // desk number
  status: null,       // DeskStatusOut
  fetchedAt: 0,       // when `status` arrived (for the longest-wait clock)
  setupDesks: [],     // the desks of the location chosen in the setup form
  transferDesks: [],  // the desks offered in the transfer dialog
  stream: null,
  refreshing: false,
  refreshAgain: false,
  busy: false,        // an action is running or waiting
  pending: [],        // the actions in `chain`, as keys
  chain: Promise.resolve(),
  version: 0,         // bumped around every action, so older refreshes are dropped
  missed: false,      // a refresh was dropped while an action ran
  visitorKey: "",
  lastInput: Date.now(),
};

// --- small helpers ---------------------------------------------------------------------

function show(view) {
  for (const section of document.querySelectorAll(".view")) {
    section.hidden = section.id !== `view-${view}`;
  }
  $("logout").hidden = view === "login" || view === "loading";
  $("who").hidden = $("logout").hidden;
}

function alertText(text) {
  // Empty first so the same message twice is announced twice.
  $("alert").textContent = "";
  if (text) setTimeout(() => { $("alert").textContent = text; }, 50);
}

function notice(text) {
  $("notice").textContent = text;
}

function clearMessages() {
  alertText("");
  notice("");
}

function time(iso) {
  const zone = page.location?.timezone;
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nl-NL", {
    hour: "2-digit", minute: "2-digit", ...(zone ? { timeZone: zone } : {}),
  }).format(new Date(iso));
}

function skillLabel(code) {
  return page.setup?.skills.find((skill) => skill.code === code)?.label ?? code;
}

const viewContext = () => ({
  t, lang, languageNames, time, skillLabel, now: () => Date.now(),
});

/** A failed request as a sentence for the clerk; `ticket` names the number asked for. */
function errorText(error, ticket = "") {
  if (error instanceof Unreachable) return t.error_unreachable;
  if (!(error instanceof ApiError)) return fmt(t.error_other, { code: String(error) });
  if (error.code === "illegal_transition" && ticket) return fmt(t.error_ticket_taken, { ticket });
  const text = t[`error_${error.code}`];
  return text ? fmt(text, { ticket }) : fmt(t.error_other, { code: error.code });
}

// --- signing in and out ------------------------------------------------------------------

async function boot() {
  try {
    const me = await api.get("/api/v1/auth/me");
    api.csrf = me.csrf_token;
    await loadSetup();
  } catch (error) {
    const signedOut = error instanceof ApiError && error.status === 401;
    showLogin(signedOut ? "" : errorText(error));
  }
}

function showLogin(message = "") {
  page.stream?.stop();
  page.stream = null;
  page.number = null;
  page.status = null;
  // Nothing of the last visitor stays in the page for whoever signs in next.
  page.visitorKey = "";
  $("visitor").replaceChildren();
  $("connection").textContent = "";
  show("login");
  if (message) alertText(message);
  $("username").focus();
}

async function login(event) {
  event.preventDefault();
  clearMessages();
  try {
    const session = await api.post("/api/v1/auth/login", {
      username: $("username").value.trim(), password: $("password").value,
    });
    api.csrf = session.csrf_token;
    $("password").value = "";
    await loadSetup();
  } catch (error) {
    alertText(errorText(error));
    $("password").focus();
  }
}

async function logout() {
  clearMessages();
  if (page.status?.visit) {
    alertText(t.error_logout_visitor);
    return;
  }
  const { location, number } = page;
  try {
    if (number) {
      // Leave the desk first, so the closing's own event does not bring back the setup.
      page.stream?.stop();
      page.number = null;
      await api.desk(location.code, number, "close");
    }
    await api.post("/api/v1/auth/logout");
    api.csrf = null;
    showLogin();
    notice(t.logged_out);
  } catch (error) {
    handleFailure(error);
    const signedOut = error instanceof ApiError && error.status === 401;
    if (number && !signedOut) enterDesk(location.code, number).catch(handleFailure);
  }
}

/** Any failure: an expired session goes back to sign-in, the rest becomes a message. */
function handleFailure(error, ticket = "") {
  if (error instanceof ApiError && error.status === 401) {
    showLogin(t.error_session_ended);
    return;
  }
  alertText(errorText(error, ticket));
}

// --- choosing a desk ----------------------------------------------------------------------

async function loadSetup() {
  page.setup = await api.get(`/api/v1/desk-page/setup?lang=${lang}`);
  $("who").textContent = fmt(t.signed_in_as, { name: page.setup.display_name });
  const letters = page.setup.letters;
  $("ticket-hint").textContent = fmt(t.ticket_hint, { example: `${letters[0] ?? "A"}023` });
  const open = page.setup.open_desk;
  if (open) {
    await enterDesk(open.location, open.number);
  } else {
    await showSetup();
  }
}

async function showSetup() {
  const select = $("location");
  select.replaceChildren(...page.setup.locations.map((loc) =>
    el("option", { value: loc.code, text: loc.name })));
  const choice = JSON.parse(localStorage.getItem(CHOICE_KEY) ?? "{}");
  if (page.setup.locations.some((loc) => loc.code === choice.location)) {
    select.value = choice.location;
  }
  show("setup");
  await loadDesks(choice.number);
  select.focus();
}

async function loadDesks(preferred) {
  const location = $("location").value;
  const desks = await api.get(`/api/v1/locations/${encodeURIComponent(location)}/desks`);
  if (location !== $("location").value) return;  // another location was chosen meanwhile
  page.setupDesks = desks;
  const select = $("desk-number");
  select.replaceChildren(...desks.map((desk) => el("option", {
    value: String(desk.number), text: deskOptionText(desk, t), disabled: desk.state !== "closed",
  })));
  const free = desks.filter((desk) => desk.state === "closed");
  const wanted = free.find((desk) => desk.number === preferred) ?? free[0];
  if (wanted) select.value = String(wanted.number);
  showSkillBoxes();
}

function showSkillBoxes() {
  const desk = page.setupDesks?.find((d) => String(d.number) === $("desk-number").value);
  const boxes = (desk?.skills ?? []).map((code, index) => {
    const skill = page.setup.skills.find((s) => s.code === code);
    const id = `skill-${index}`;
    return el("div", { class: "check" },
      el("input", { type: "checkbox", id, name: "skill", value: code, checked: true,
                    "aria-describedby": `${id}-hint` }),
      el("label", { for: id, text: skill?.label ?? code }),
      el("p", { id: `${id}-hint`, class: "hint", text: skill?.hint ?? "" }));
  });
  $("skill-boxes").replaceChildren(...boxes);
}

async function openDesk(event) {
  event.preventDefault();
  clearMessages();
  const location = $("location").value;
  const number = Number($("desk-number").value);
  const skills = [...document.querySelectorAll("#skill-boxes input:checked")].map((i) => i.value);
  if (!number) {
    alertText(t.error_no_free_desk);
    return;
  }
  if (!skills.length) {
    alertText(t.error_no_skills);
    return;
  }
  try {
    await api.desk(location, number, "open", { skills });
    localStorage.setItem(CHOICE_KEY, JSON.stringify({ location, number }));
    await enterDesk(location, number);
  } catch (error) {
    handleFailure(error);
    if (error instanceof ApiError && error.status !== 401) {
      await loadDesks(number).catch(handleFailure);
    }
  }
}

// --- at the desk -------------------------------------------------------------------------

async function enterDesk(locationCode, number) {
  page.location = page.setup.locations.find((loc) => loc.code === locationCode);
  page.number = number;
  render(await api.desk(locationCode, number));
  if (!page.number) return;  // the desk was closed meanwhile: render went back to the setup
  show("desk");
  page.stream?.stop();
  page.stream = new Stream(locationCode, () => refresh(), streamState);
  page.stream.start();
  $("desk-title").focus();
}

function streamState(state) {
  if (state === "unauthorized") {
    showLogin(t.error_session_ended);
    return;
  }
  const live = state === "live";
  const line = $("connection");
  line.className = `connection ${live ? "live" : "lost"}`;
  line.textContent = live ? t.connection_live : t.connection_lost;
  if (live) refresh();
}

/** Fetch the desk's status after an event; events that arrive meanwhile fold into one more. */
async function refresh() {
  if (!page.number) return;
  if (page.refreshing) {
    page.refreshAgain = true;
    return;
  }
  page.refreshing = true;
  try {
    do {
      page.refreshAgain = false;
      const version = page.version;
      const status = await api.desk(page.location.code, page.number);
      if (!page.number) break;
      // While an action runs its answer rules; an answer older than the last action is stale.
      if (page.busy) page.missed = true;
      else if (version !== page.version) page.refreshAgain = true;
      else render(status);
    } while (page.refreshAgain);
  } catch (error) {
    // While the server restarts the stream shows the outage; one failed fetch adds nothing.
    if (!(error instanceof Unreachable)) handleFailure(error);
  } finally {
    page.refreshing = false;
  }
}

function render(status) {
  page.status = status;
  page.fetchedAt = Date.now();
  const { desk, visit } = status;
  if (desk.state === "closed") {
    // Closed elsewhere (a manager, or this clerk in another tab).
    leaveDesk(t.desk_closed_elsewhere);
    return;
  }
  $("desk-title").textContent = fmt(t.desk_title, { n: desk.number, location: page.location.name });
  $("desk-state").textContent = deskStateText(desk, t, time);
  $("desk-state").className = `desk-state ${desk.state}`;
  // The router's reason comes only with a call's answer; it is not a change of the visitor.
  const key = JSON.stringify([visit && { ...visit, reason: "" }, desk.state]);
  if (key !== page.visitorKey) {
    // Only a real change touches the live region, so refreshes are not read out again.
    page.visitorKey = key;
    const nodes = visit ? visitorNodes(visit, viewContext())
      : [el("p", { class: "empty", text: desk.state === "paused" ? t.no_visitor_paused : t.no_visitor })];
    $("visitor").replaceChildren(...nodes);
  }
  renderQueue();
  const allowed = new Set(visit ? page.setup.actions[visit.state] ?? [] : []);
  for (const button of document.querySelectorAll("#visit-actions button")) {
    const action = button.dataset.action;
    button.hidden = action === "call-next"
      ? Boolean(visit) || desk.state !== "open"
      : !allowed.has(action);
  }
  const free = !visit;
  for (const button of document.querySelectorAll("#desk-actions button")) {
    const action = button.dataset.action;
    button.hidden = (action === "pause" && !(free && desk.state === "open")) ||
      (action === "resume" && desk.state !== "paused") || (action === "close" && !free);
  }
  $("desk-panel").hidden = !free;
  $("ticket-panel").hidden = Boolean(visit) || desk.state !== "open";
  markShortcuts();
}

function renderQueue() {
  if (!page.status) return;
  const elapsed = (Date.now() - page.fetchedAt) / 1000;
  $("queue-rows").replaceChildren(...queueRows(page.status.waiting, viewContext(), elapsed));
}

function leaveDesk(message) {
  page.stream?.stop();
  page.stream = null;
  page.status = null;
  page.number = null;
  page.visitorKey = "";
  $("connection").textContent = "";
  showSetup().then(() => notice(message), handleFailure);
}

/** After the buttons changed, keep the keyboard focus on something that still shows. */
function keepFocus(called) {
  const active = document.activeElement;
  if (called) {
    $("visitor-title").focus();
  } else if (!active || active === document.body || active.hidden || active.closest("[hidden]")) {
    const next = [...document.querySelectorAll("#visit-actions button, #desk-actions button")]
      .find((button) => !button.hidden);
    (next ?? $("visitor-title")).focus();
  }
}

/**
 * Actions run one after another in the order the clerk gave them, so a quick "recall, start"
 * is never lost; a repeat of an action that is still waiting (a double click) is dropped.
 */
function act(action, body, ticket = "") {
  const key = JSON.stringify([action, body ?? null]);
  if (page.pending.includes(key)) return;
  page.pending.push(key);
  page.busy = true;
  $("view-desk").setAttribute("aria-busy", "true");
  page.chain = page.chain.then(() => perform(action, body, ticket)).finally(() => {
    page.pending.shift();
    if (page.pending.length) return;
    page.busy = false;
    $("view-desk").removeAttribute("aria-busy");
    if (page.missed) {
      page.missed = false;
      refresh();
    }
  });
}

async function perform(action, body, ticket) {
  if (!page.number) return;  // the desk was left while this waited
  clearMessages();
  page.version += 1;
  try {
    const status = await api.desk(page.location.code, page.number, action, body);
    page.version += 1;
    if (action === "close") {
      leaveDesk(t.desk_closed_done);
      return;
    }
    render(status);
    const called = (action === "call-next" || action === "call-ticket") && status.visit;
    if (action === "call-next" && !status.visit) notice(t.nobody_waiting);
    if (action === "transfer") notice(t.transfer_done);
    keepFocus(Boolean(called));
  } catch (error) {
    handleFailure(error, ticket);
    if (error instanceof ApiError && error.status !== 401) page.missed = true;
  }
}

function onAction(button) {
  const action = button.dataset.action;
  if (action === "transfer") openTransfer();
  else if (action === "pause") $("pause-dialog").showModal();
  else if (action === "finish") act("finish", { outcome: button.dataset.outcome });
  else act(action);
}

function callTicket(event) {
  event.preventDefault();
  const input = $("ticket-number");
  const ticket = input.value.trim().toUpperCase();
  const valid = TICKET.test(ticket) && page.setup.letters.includes(ticket[0]);
  input.setAttribute("aria-invalid", String(!valid));
  if (!valid) {
    alertText(fmt(t.error_ticket_format, { example: `${page.setup.letters[0] ?? "A"}023` }));
    input.focus();
    return;
  }
  input.value = "";
  act("call-ticket", { ticket }, ticket);
}

// --- dialogs -----------------------------------------------------------------------------

async function openTransfer() {
  const visit = page.status?.visit;
  if (!visit) return;
  $("transfer-title").textContent = fmt(t.transfer_title, { ticket: visit.ticket });
  const skill = $("transfer-skill");
  skill.replaceChildren(el("option", { value: "", text: t.choose }),
    ...page.setup.skills.map((s) => el("option", { value: s.code, text: s.label })));
  $("transfer-note").value = "";
  try {
    page.transferDesks = await api.get(
      `/api/v1/locations/${encodeURIComponent(page.location.code)}/desks`);
  } catch (error) {
    handleFailure(error);
    return;
  }
  transferSkillChanged();
  $("transfer-dialog").showModal();
}

function transferSkillChanged() {
  const code = $("transfer-skill").value;
  $("transfer-skill-hint").textContent =
    page.setup.skills.find((s) => s.code === code)?.hint ?? t.transfer_skill_hint;
  const desks = (page.transferDesks ?? []).filter((d) =>
    d.number !== page.number && (!code || d.skills.includes(code)));
  $("transfer-desk").replaceChildren(el("option", { value: "", text: t.transfer_any_desk }),
    ...desks.map((d) => el("option", { value: String(d.number),
      text: `${fmt(t.desk_n, { n: d.number })} · ${t[`desk_state_${d.state}`] ?? d.state}` })));
}

function sendTransfer(event) {
  event.preventDefault();
  const skill = $("transfer-skill").value;
  const desk = $("transfer-desk").value;
  $("transfer-dialog").close();
  act("transfer", { skill, desk: desk ? Number(desk) : null, note: $("transfer-note").value.trim() });
}

function sendPause(event) {
  event.preventDefault();
  const chosen = document.querySelector("#pause-form input[name=reason]:checked");
  const reason = chosen?.value || $("pause-other-text").value.trim();
  if (!reason) {
    $("pause-other-text").setAttribute("aria-invalid", "true");
    $("pause-error").textContent = t.pause_other_required;
    $("pause-other-text").focus();
    return;
  }
  $("pause-other-text").removeAttribute("aria-invalid");
  $("pause-error").textContent = "";
  $("pause-dialog").close();
  act("pause", { reason });
}

// --- keyboard ----------------------------------------------------------------------------

function shortcutsOn() {
  return $("shortcuts-on").checked;
}

function markShortcuts() {
  for (const button of document.querySelectorAll("[data-key]")) {
    if (shortcutsOn()) button.setAttribute("aria-keyshortcuts", button.dataset.key.toUpperCase());
    else button.removeAttribute("aria-keyshortcuts");
  }
  document.body.classList.toggle("no-shortcuts", !shortcutsOn());
}

function onKey(event) {
  if (!shortcutsOn() || event.ctrlKey || event.altKey || event.metaKey) return;
  if ($("view-desk").hidden || document.querySelector("dialog[open]")) return;
  // Letters typed into a field are text, not commands; a focused checkbox or button is fine.
  if (event.target.closest?.(`textarea, select, [contenteditable],
      input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit])`)) {
    return;
  }
  const key = event.key.toLowerCase();
  if (key === $("ticket-number").dataset.keyFocus && !$("ticket-panel").hidden) {
    event.preventDefault();
    $("ticket-number").focus();
    return;
  }
  const button = [...document.querySelectorAll("button[data-key]")]
    .find((b) => b.dataset.key === key && !b.hidden && !b.closest("[hidden]"));
  if (button) {
    event.preventDefault();
    onAction(button);
  }
}

/** Signs the clerk out after the server's idle time without a key or a click. */
async function idleCheck() {
  const limit = page.setup?.idle_timeout_seconds;
  if (!limit || !api.csrf || Date.now() - page.lastInput < limit * 1000) return;
  try {
    await api.post("/api/v1/auth/logout");
  } catch {
    // Signed out already, or the server is away: the page forgets the session either way.
  }
  api.csrf = null;
  showLogin(t.error_session_ended);
}

// --- wiring ------------------------------------------------------------------------------

$("login-form").addEventListener("submit", login);
$("logout").addEventListener("click", logout);
$("setup-form").addEventListener("submit", openDesk);
$("location").addEventListener("change",
  () => loadDesks(Number($("desk-number").value)).catch(handleFailure));
$("desk-number").addEventListener("change", showSkillBoxes);
$("call-ticket-form").addEventListener("submit", callTicket);
$("transfer-form").addEventListener("submit", sendTransfer);
$("transfer-skill").addEventListener("change", transferSkillChanged);
$("pause-form").addEventListener("submit", sendPause);
$("pause-other-text").addEventListener("input", () => { $("reason-other").checked = true; });
for (const button of document.querySelectorAll("#visit-actions button, #desk-actions button")) {
  button.addEventListener("click", () => onAction(button));
}
for (const button of document.querySelectorAll("[data-close-dialog]")) {
  button.addEventListener("click", () => button.closest("dialog").close());
}
$("shortcuts-on").checked = localStorage.getItem(SHORTCUTS_KEY) !== "off";
$("shortcuts-on").addEventListener("change", () => {
  localStorage.setItem(SHORTCUTS_KEY, shortcutsOn() ? "on" : "off");
  markShortcuts();
});
document.addEventListener("keydown", onKey);
for (const kind of ["keydown", "pointerdown"]) {
  document.addEventListener(kind, () => { page.lastInput = Date.now(); }, { capture: true });
}
setInterval(renderQueue, TICK_MS);
setInterval(idleCheck, IDLE_CHECK_MS);
markShortcuts();
boot();
