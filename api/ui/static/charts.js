// Charts as plain SVG: a line chart with axes and a sparkline. Every chart
// has a text alternative (role="img" + aria-label); pages also show the
// numbers in a table.

const NS = "http://www.w3.org/2000/svg";
export const COLOURS = { late_delivery: "#0a4fb8", damage: "#a3130f", wrong_item: "#6b3fa0", other: "#50505a",
  total: "#1b1b1f", defect: "#1e6b35" };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// The top of the y axis and how many grid steps make round numbers.
function niceAxis(value) {
  if (!(value > 0)) return { top: 1, steps: 4 };
  const unit = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * unit >= value - 1e-12) return { top: m * unit, steps: m === 2 ? 4 : 5 };
  return { top: 10 * unit, steps: 5 };
}

// series: [{name, colour, values: [number|null]}]; x: labels (weeks).
export function lineChart({ title, x, series, format = (v) => String(v), width = 720, height = 260 }) {
  const pad = { l: 52, r: 28, t: 12, b: 36 };
  const w = width - pad.l - pad.r, h = height - pad.t - pad.b;
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined);
  const { top, steps } = niceAxis(Math.max(0, ...all));
  const px = (i) => pad.l + (x.length <= 1 ? w / 2 : (i * w) / (x.length - 1));
  const py = (v) => pad.t + h - (v / top) * h;
  const summary = series.map((s) => {
    const last = [...s.values].reverse().find((v) => v !== null && v !== undefined);
    return `${s.name}: latest ${last === undefined ? "none" : format(last)}`;
  }).join("; ");
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `${title}. ${x.length} weeks from ${x[0] || "–"} to ${x[x.length - 1] || "–"}. ${summary}.` });
  root.append(svg("title", {}, title));
  for (let k = 0; k <= steps; k++) {
    const v = (top * k) / steps, y = py(v);
    root.append(svg("line", { x1: pad.l, x2: pad.l + w, y1: y, y2: y, stroke: "#d5d8de", "stroke-width": 1 }));
    root.append(svg("text", { x: pad.l - 6, y: y + 4, "text-anchor": "end" }, format(v)));
  }
  const every = Math.max(1, Math.ceil(x.length / 8));
  x.forEach((label, i) => {
    if (i % every && i !== x.length - 1) return;
    root.append(svg("text", { x: px(i), y: height - 12, "text-anchor": "middle" }, label.slice(5)));
  });
  for (const s of series) {
    let d = "";
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      d += `${d && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? "L" : "M"}${px(i).toFixed(1)},${py(v).toFixed(1)}`;
    });
    root.append(svg("path", { d, fill: "none", stroke: s.colour, "stroke-width": 2.2 }));
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const dot = svg("circle", { cx: px(i), cy: py(v), r: 3, fill: s.colour });
      dot.append(svg("title", {}, `${s.name}, week of ${x[i]}: ${format(v)}`));
      root.append(dot);
    });
  }
  return root;
}

export function sparkline(values, label, colour = "#0a4fb8") {
  const width = 96, height = 26, top = Math.max(1, ...values);
  const px = (i) => (values.length <= 1 ? width / 2 : 2 + (i * (width - 4)) / (values.length - 1));
  const py = (v) => height - 2 - (v / top) * (height - 4);
  const root = svg("svg", { class: "spark", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  const d = values.map((v, i) => `${i ? "L" : "M"}${px(i).toFixed(1)},${py(v).toFixed(1)}`).join("");
  root.append(svg("path", { d, fill: "none", stroke: colour, "stroke-width": 1.8 }));
  return root;
}

export function legend(series) {
  const ul = document.createElement("ul");
  ul.className = "chart-legend";
  for (const s of series) {
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = s.colour;
    li.append(sw, s.name);
    ul.append(li);
  }
  return ul;
}
