// Small SVG charts drawn by hand: vertical bars (stacked or side by side), horizontal bars and
// a heatmap. Every chart has the table it was drawn from next to it, so the SVG is one image
// with a title for screen readers rather than a second way to read the numbers.

import { format, t } from "./format.js";

const NS = "http://www.w3.org/2000/svg";
export const COLORS = ["#1b4b8a", "#b35c00", "#2e6b30"];
const WIDTH = 640;
const FONT = 12;
let counter = 0;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(title, height) {
  const id = `chart-${++counter}`;
  const root = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-labelledby": id, class: "chart",
  });
  root.append(svg("title", { id }, t("chart_label", { title })));
  return root;
}

function niceStep(max, ticks = 4) {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function legend(root, series, x, y) {
  let offset = x;
  for (const [index, item] of series.entries()) {
    root.append(svg("rect", { x: offset, y: y - 10, width: 12, height: 12, fill: COLORS[index] }));
    const label = svg("text", { x: offset + 16, y, "font-size": FONT, class: "chart-text" }, item.name);
    root.append(label);
    offset += 24 + item.name.length * 7;
  }
}

/** Vertical bars per label; several series are stacked or drawn side by side. */
export function bars({ title, labels, series, stacked = false, kind = "count", height = 260 }) {
  const root = frame(title, height);
  const left = 56, right = 12, top = 28, bottom = 36;
  const plotW = WIDTH - left - right, plotH = height - top - bottom;
  const totals = labels.map((_, i) => (stacked
    ? series.reduce((sum, s) => sum + (s.values[i] || 0), 0)
    : Math.max(...series.map((s) => s.values[i] || 0))));
  const step = niceStep(Math.max(1e-9, ...totals));
  const max = Math.max(step, Math.ceil(Math.max(...totals, 0) / step) * step);
  const y = (v) => top + plotH - (v / max) * plotH;
  for (let v = 0; v <= max + 1e-9; v += step) {
    root.append(svg("line", { x1: left, x2: WIDTH - right, y1: y(v), y2: y(v), class: "grid" }));
    root.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", "font-size": FONT,
      class: "chart-text" }, format(v, kind)));
  }
  const slot = plotW / Math.max(labels.length, 1);
  const barW = Math.max(1, slot * 0.72 / (stacked ? 1 : series.length));
  const widest = Math.max(...labels.map((l) => String(l).length), 1);
  const every = Math.ceil(labels.length / Math.max(1, Math.floor(plotW / (widest * 7 + 8))));
  labels.forEach((label, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const value = s.values[i] || 0;
      const x = left + slot * i + slot * 0.14 + (stacked ? 0 : barW * k);
      const y0 = stacked ? y(base + value) : y(value);
      const h = stacked ? y(base) - y(base + value) : y(0) - y(value);
      if (value > 0) {
        root.append(svg("rect", { x, y: y0, width: barW, height: Math.max(h, 0.5), fill: COLORS[k] }));
      }
      if (stacked) base += value;
    });
    if (i % every === 0) {
      root.append(svg("text", { x: left + slot * (i + 0.5), y: height - bottom + 16,
        "text-anchor": "middle", "font-size": FONT, class: "chart-text" }, label));
    }
  });
  if (series.length > 1) legend(root, series, left, 16);
  return root;
}

/** Horizontal bars, one row per label (long names fit). */
export function hbars({ title, labels, series, kind = "count", labelW = 230 }) {
  const row = 24, top = series.length > 1 ? 30 : 10;
  const room = Math.floor((labelW - 8) / 6.5);
  const height = top + labels.length * row + 10;
  const root = frame(title, height);
  const plotW = WIDTH - labelW - 90;
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values.map((v) => v || 0)));
  const barH = (row - 6) / series.length;
  labels.forEach((label, i) => {
    const y = top + i * row;
    const short = label.length > room ? `${label.slice(0, room - 1)}…` : label;
    root.append(svg("text", { x: labelW - 8, y: y + row / 2 + 2, "text-anchor": "end",
      "font-size": FONT, class: "chart-text" }, short));
    series.forEach((s, k) => {
      const value = s.values[i] || 0;
      const w = (value / max) * plotW;
      root.append(svg("rect", { x: labelW, y: y + 2 + k * barH, width: Math.max(w, 0.5),
        height: barH - 1, fill: COLORS[k] }));
      root.append(svg("text", { x: labelW + w + 4, y: y + 2 + k * barH + barH / 2 + 4,
        "font-size": FONT - 1, class: "chart-text" }, format(s.values[i], kind)));
    });
  });
  if (series.length > 1) legend(root, series, labelW, 18);
  return root;
}

/** Rows by columns of numbers as shaded cells, light to dark blue, each with its value. */
export function heatmap({ title, rows, columns, values, kind = "number" }) {
  const left = 96, top = 24, cellH = 30;
  const cellW = Math.min(56, (WIDTH - left - 8) / Math.max(columns.length, 1));
  const height = top + rows.length * cellH + 8;
  const root = frame(title, height);
  const max = Math.max(1e-9, ...values.flat().map((v) => v || 0));
  columns.forEach((label, j) => {
    root.append(svg("text", { x: left + cellW * (j + 0.5), y: top - 8, "text-anchor": "middle",
      "font-size": FONT, class: "chart-text" }, label));
  });
  rows.forEach((label, i) => {
    const y = top + i * cellH;
    root.append(svg("text", { x: left - 8, y: y + cellH / 2 + 4, "text-anchor": "end",
      "font-size": FONT, class: "chart-text" }, label));
    values[i].forEach((value, j) => {
      const share = (value || 0) / max;
      root.append(svg("rect", { x: left + j * cellW, y, width: cellW - 2, height: cellH - 2,
        fill: shade(share) }));
      root.append(svg("text", { x: left + j * cellW + (cellW - 2) / 2, y: y + cellH / 2 + 3,
        "text-anchor": "middle", "font-size": FONT - 1,
        fill: readableOn(share) }, format(value, kind)));
    });
  });
  return root;
}

const LIGHT = [0xee, 0xf3, 0xfa];
const DARK = [0x1b, 0x4b, 0x8a];

function mixed(share) {
  return LIGHT.map((c, i) => Math.round(c + (DARK[i] - c) * share));
}

function shade(share) {
  return `rgb(${mixed(share).join(",")})`;
}

function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white text, whichever contrasts more with the cell's shade. */
function readableOn(share) {
  const l = luminance(mixed(share));
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / (luminance([0x1a, 0x1a, 0x1a]) + 0.05);
  return onWhite > onBlack ? "#ffffff" : "#1a1a1a";
}
