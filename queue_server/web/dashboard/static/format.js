// Texts from the page's catalogue and number formatting in the page's language.

const TEXTS = JSON.parse(document.getElementById("texts").textContent);
export const LANG = document.documentElement.lang || "nl";

/** The catalogue text for `key` (without the "web_dashboard." prefix), params filled in. */
export function t(key, params = {}) {
  const text = TEXTS[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

const integer = new Intl.NumberFormat(LANG, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LANG, { maximumFractionDigits: 1 });
const decimal2 = new Intl.NumberFormat(LANG, { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(LANG, { style: "percent", maximumFractionDigits: 1 });

/** Seconds as "m:ss min" (or "-m:ss min" for early arrivals). */
export function duration(seconds) {
  const sign = seconds < 0 ? "-" : "";
  const whole = Math.round(Math.abs(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return `${sign}${minutes}:${rest} ${t("minutes_unit")}`;
}

/** A raw value of a table column or key figure, formatted for people. */
export function format(value, kind) {
  if (value === null || value === undefined || value === "") return t("none");
  switch (kind) {
    case "count": return integer.format(value);
    case "number": return Math.abs(value) < 10 ? decimal2.format(value) : decimal.format(value);
    case "share": return percent.format(value);
    case "seconds": return duration(value);
    default: return String(value);
  }
}

export function localTime(iso, timeZone) {
  if (!iso) return "";
  return new Intl.DateTimeFormat(LANG, { hour: "2-digit", minute: "2-digit", timeZone })
    .format(new Date(iso));
}

export function localDate(isoDay) {
  const [y, m, d] = isoDay.split("-").map(Number);
  return new Intl.DateTimeFormat(LANG, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** A chart label for the start of a day, week or month: "3 nov" or "nov 2025". */
export function shortDate(isoDay, unit) {
  const [y, m, d] = isoDay.split("-").map(Number);
  const options = unit === "month" ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" };
  return new Intl.DateTimeFormat(LANG, { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Create an element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}
