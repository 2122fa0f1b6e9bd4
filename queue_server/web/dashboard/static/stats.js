// A statistics view: key figures, then each table with its chart beside it and a CSV link.
// The server sends tables with typed columns; this file only decides which chart suits which
// table and formats values for people.

import { bars, hbars, heatmap } from "./charts.js";
import { el, format, localDate, shortDate, t } from "./format.js";

const SERIES_TABLES = ["per_day", "per_week", "per_month"];
const LONG_TABLE = 14;
// Tables with more columns than this go under their chart instead of beside it.
const WIDE_TABLE = 5;

function column(table, key) {
  const index = table.columns.findIndex((c) => c.key === key);
  return table.rows.map((row) => row[index]);
}

function label(table, key) {
  return table.columns.find((c) => c.key === key)?.label ?? key;
}

function series(table, keys) {
  return keys.map((key) => ({ name: label(table, key), values: column(table, key) }));
}

/** The chart for a table, or null when the table reads better alone. */
function chartFor(table, state) {
  const title = table.title;
  switch (table.name) {
    case "per_hour":
      return bars({ title, labels: column(table, "hour").map((h) => h.slice(0, 2)),
        series: series(table, ["appointments", "walk_ins"]), stacked: true });
    case "per_weekday":
      return bars({ title, labels: column(table, "weekday").map((d) => d.slice(0, 2)),
        series: series(table, ["mean_per_day"]), kind: "number" });
    case "heatmap": {
      const hours = table.columns.slice(1);
      return heatmap({ title, rows: column(table, "weekday"), columns: hours.map((c) => c.label),
        values: table.rows.map((row) => row.slice(1)) });
    }
    case "services": {
      const top = { ...table, rows: table.rows.slice(0, 12) };
      return hbars({ title, labels: column(top, "service"),
        series: series(top, ["wait_median", "wait_p90"]), kind: "seconds" });
    }
    case "classes":
      return hbars({ title, labels: column(table, "kind"),
        series: series(table, ["within_norm"]), kind: "share" });
    case "punctuality":
      return hbars({ title, labels: column(table, "arrival"), series: series(table, ["visits"]) });
    case "outcomes":
      return hbars({ title, labels: column(table, "outcome"), series: series(table, ["visits"]) });
    case "departments":
      return hbars({ title, labels: column(table, "department"),
        series: series(table, ["first_desk_share"]), kind: "share" });
    case "routes": {
      const from = column(table, "from_skill"), to = column(table, "to_skill");
      return hbars({ title, labels: from.map((f, i) => `${f} → ${to[i]}`),
        series: series(table, ["transfers"]), labelW: 380 });
    }
    case "staffing":
      return staffingChart(table, state);
    default:
      if (SERIES_TABLES.includes(table.name)) {
        const unit = table.name.slice(4);
        return bars({ title, labels: column(table, "start").map((d) => shortDate(d, unit)),
          series: series(table, ["appointments", "walk_ins"]), stacked: true });
      }
      return null;
  }
}

function staffingChart(table, state) {
  const days = [...new Set(column(table, "weekday"))];
  if (!days.length) return null;
  const chosen = days.includes(state.staffingDay) ? state.staffingDay : days[0];
  const rows = { ...table, rows: table.rows.filter((row) => row[0] === chosen) };
  const select = el("select", { id: "staffing-day" },
    days.map((day) => el("option", { value: day, selected: day === chosen }, day)));
  select.addEventListener("change", () => {
    state.staffingDay = select.value;
    state.rerender();
  });
  const chart = bars({
    title: `${table.title}: ${chosen}`,
    labels: column(rows, "hour").map((h) => h.slice(0, 2)),
    series: [
      { name: t("staffing_legend_open"), values: column(rows, "desks_open") },
      { name: t("staffing_legend_needed"), values: column(rows, "desks_needed") },
    ],
    kind: "number",
  });
  return el("div", {}, el("p", { class: "chart-control" },
    el("label", { for: "staffing-day" }, t("staffing_weekday")), " ", select), chart);
}

function renderTable(table, headingId) {
  const head = el("tr", {}, table.columns.map((c) =>
    el("th", { scope: "col", class: c.kind === "text" ? "" : "num" }, c.label)));
  const body = table.rows.map((row) => el("tr", {}, row.map((value, i) => {
    const kind = table.columns[i].kind;
    const text = table.name.startsWith("per_") && table.columns[i].key === "start"
      ? localDate(value) : format(value, kind);
    return i === 0
      ? el("th", { scope: "row" }, text)
      : el("td", { class: kind === "text" ? "" : "num" }, text);
  })));
  return el("table", { "aria-labelledby": headingId },
    el("thead", {}, head), el("tbody", {}, body));
}

/** The box a table scrolls in (long tables down, wide ones sideways); keyboard users reach
 * it with Tab, so it is a named region. */
function tableBox(table, headingId) {
  const long = table.rows.length > LONG_TABLE;
  return el("div", { class: `table-box${long ? " scroll" : ""}`, tabindex: "0", role: "region",
    "aria-label": t("table_region", { title: table.title }) }, renderTable(table, headingId));
}

/** Key figures as cards; a figure the list already holds (by key) is shown once. */
export function renderFigures(container, figures) {
  const unique = figures.filter((f, i) => figures.findIndex((g) => g.key === f.key) === i);
  container.replaceChildren(el("dl", { class: "figure-list" }, unique.map((f) =>
    el("div", { class: "card" }, el("dt", {}, f.label),
      el("dd", {}, format(f.value, f.kind))))));
}

/** Draw a view into `container`; `csvUrl(table)` gives each table's download link. */
export function renderView(container, view, csvUrl, state) {
  const sections = view.tables.map((table) => {
    const headingId = `h-${view.view}-${table.name}`;
    const chart = table.rows.length ? chartFor(table, state) : null;
    const body = table.rows.length
      ? el("div", { class: !chart ? "single" : table.columns.length > WIDE_TABLE ? "stack" : "pair" },
        chart ? el("div", { class: "chart-box" }, chart) : null,
        tableBox(table, headingId))
      : el("p", { class: "muted" }, t("no_data"));
    return el("section", { class: "block", "aria-labelledby": headingId },
      el("div", { class: "block-head" },
        el("h2", { id: headingId }, table.title),
        el("a", { href: csvUrl(table), download: "", class: "csv",
          "aria-label": t("download_table_label", { title: table.title }) },
        t("download_table"))),
      body,
      table.note ? el("p", { class: "note" }, table.note) : null);
  });
  const notes = view.notes.map((note) => el("p", { class: "note" }, note));
  container.replaceChildren(...notes, ...sections);
}
