// Pure rendering: data from the server in, DOM nodes out. No requests, no page state.

/** Fill {name} placeholders of a catalogue text. */
export function fmt(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A new element with attributes (class, text, other attributes) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function minutesText(t, seconds) {
  const minutes = Math.floor(seconds / 60);
  return minutes < 1 ? t.less_than_minute : fmt(t.minutes_short, { n: minutes });
}

/** What the page shows about a visit; `ctx` holds texts, skills, language names, clock. */
export function visitorNodes(visit, ctx) {
  const { t } = ctx;
  if (!visit) return [];
  const current = visit.tasks.find((task) => task.position === visit.current_task);
  const open = visit.tasks.filter((task) => task.state !== "done");
  const facts = el("dl", { class: "facts" },
    el("dt", { text: t.visit_for }),
    el("dd", {}, el("ul", { class: "plain" }, open.map((task) => el("li", {
      class: task === current ? "current" : null,
      text: taskName(task, ctx) + (task.state === "pending" ? ` (${t.task_later})` : ""),
    })))),
    el("dt", { text: t.visit_language }),
    el("dd", {}, el("span", { lang: visit.language, dir: "auto",
                              text: ctx.languageNames[visit.language] ?? visit.language })),
    el("dt", { text: t.visit_appointment }),
    el("dd", { text: visit.is_appointment && visit.appointment_at
      ? fmt(t.appointment_at, { time: ctx.time(visit.appointment_at) })
      : t.walk_in }),
    visit.visitor_name ? el("dt", { text: t.visit_name }) : null,
    visit.visitor_name ? el("dd", { text: visit.visitor_name }) : null,
    el("dt", { text: t.visit_checked_in }),
    el("dd", { text: fmt(t.checked_in_at, {
      time: ctx.time(visit.checked_in_at),
      wait: minutesText(t, (ctx.now() - Date.parse(visit.checked_in_at)) / 1000),
    }) }),
  );
  return [
    el("p", { class: "ticket", text: visit.ticket }),
    el("p", { class: `visit-state state-${visit.state}`, text: t[`visit_state_${visit.state}`] }),
    facts,
    ...notesNodes(visit, ctx),
    ...historyNodes(visit, ctx),
  ];
}

function taskName(task, ctx) {
  const service = ctx.lang === "en" ? task.service_name_en : task.service_name_nl;
  return service ?? ctx.skillLabel(task.skill);
}

/** The notes earlier desks left: each note sits on the question a transfer created. */
function notesNodes(visit, ctx) {
  const { t } = ctx;
  const items = [];
  visit.tasks.forEach((task, index) => {
    if (!task.note) return;
    const from = index > 0 ? visit.tasks[index - 1].desk : null;
    items.push(el("li", {},
      el("p", { class: "note-from",
                text: from ? fmt(t.note_from_desk, { n: from }) : t.note_from_unknown }),
      el("blockquote", { class: "note", text: task.note })));
  });
  if (!items.length) return [];
  return [el("h3", { text: t.notes_title }), el("ul", { class: "notes plain" }, items)];
}

function historyNodes(visit, ctx) {
  const { t } = ctx;
  const done = visit.tasks.filter((task) => task.state === "done");
  if (!done.length) return [];
  return [
    el("h3", { text: t.history_title }),
    el("ol", { class: "history" }, done.map((task) => el("li", { text: [
      taskName(task, ctx),
      task.desk ? fmt(t.desk_n, { n: task.desk }) : null,
      task.outcome ? t[`outcome_${task.outcome}`] ?? task.outcome : null,
    ].filter(Boolean).join(" · ") }))),
  ];
}

/** Rows of the waiting table: counts and the longest wait per skill, never tickets. */
export function queueRows(waiting, ctx, elapsedSeconds) {
  const { t } = ctx;
  const none = () => [el("span", { "aria-hidden": "true", text: "–" }),
                      el("span", { class: "visually-hidden", text: t.none })];
  const rows = waiting.map((row) => el("tr", {},
    el("th", { scope: "row", text: ctx.skillLabel(row.skill) }),
    el("td", { class: "num", text: String(row.waiting) }),
    el("td", { class: "num" }, row.waiting
      ? minutesText(t, row.longest_wait_seconds + elapsedSeconds) : none())));
  const total = waiting.reduce((sum, row) => sum + row.waiting, 0);
  rows.push(el("tr", { class: "total" },
    el("th", { scope: "row", text: t.queue_total }),
    el("td", { class: "num", text: String(total) }),
    el("td", {})));
  return rows;
}

export function deskOptionText(desk, t) {
  const kind = t[`desk_kind_${desk.kind}`] ?? desk.kind;
  const base = `${fmt(t.desk_n, { n: desk.number })} (${kind})`;
  if (desk.state === "closed") return `${base} · ${t.desk_free}`;
  return `${base} · ${fmt(t.desk_taken, { name: desk.clerk ?? "?" })}`;
}

export function deskStateText(desk, t, time) {
  if (desk.state === "paused") return fmt(t.desk_paused, { reason: desk.pause_reason });
  if (desk.state === "open") {
    const since = desk.state_since ? time(desk.state_since) : "";
    return fmt(t.desk_open_since, { time: since });
  }
  return t.desk_closed;
}
