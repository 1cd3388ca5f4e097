// The timeline picture: one band per pod over simulated time (SVG), coloured by state, with
// restarts (▲ on top) and probe failures (red ticks below) marked. Bands come from the server
// (recorded from the store's watch events, sandbox/timeline.py); the open end follows the clock.

const NS = "http://www.w3.org/2000/svg";
const WIDTH = 640, LABEL = 120, ROW = 22, GAP = 6, TOP = 18;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceStep(span) {
  for (const s of [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]) if (span / s <= 6) return s;
  return 14400;
}

export class TimelineView {
  constructor(root, model, clock, words, formatDuration) {
    this.box = root.querySelector("#timeline");
    this.model = model;
    this.clock = clock;
    this.words = words;
    this.format = formatDuration;
    model.listeners.push(() => this.render());
    setInterval(() => this.render(), 1000);
  }

  render() {
    const bands = [...this.model.bands.values()].sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
    if (!bands.length) {
      const p = document.createElement("p");
      p.className = "empty";
      p.textContent = this.words.noBands;
      this.box.replaceChildren(p);
      return;
    }
    const now = Math.max(this.clock.now(), ...bands.map((b) => b.end ?? b.start));
    const t0 = Math.min(...bands.map((b) => b.start));
    const span = Math.max(10, now - t0);
    const x = (t) => LABEL + ((t - t0) / span) * (WIDTH - LABEL - 8);
    const height = TOP + bands.length * (ROW + GAP);
    const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", class: "timeline-svg",
      "aria-label": this.words.timeline });
    const step = niceStep(span);
    for (let t = Math.ceil(t0 / step) * step; t <= t0 + span; t += step) {
      root.append(svg("line", { x1: x(t), x2: x(t), y1: TOP - 4, y2: height, class: "tick" }),
        svg("text", { x: x(t), y: 11, class: "tick-label", "text-anchor": "middle" }, this.format(t)));
    }
    bands.forEach((band, i) => {
      const y = TOP + i * (ROW + GAP);
      const g = svg("g", { class: "band", "data-pod": `${band.namespace}/${band.name}` });
      g.append(svg("text", { x: 0, y: y + ROW / 2 + 4, class: "band-label" }, band.name));
      const end = band.end ?? now;
      band.segments.forEach(([start, state], j) => {
        const stop = j + 1 < band.segments.length ? band.segments[j + 1][0] : end;
        const rect = svg("rect", { x: x(start), y, width: Math.max(1, x(stop) - x(start)), height: ROW,
          class: `seg seg-${state}`, "data-state": state });
        rect.append(svg("title", {}, `${band.name}: ${this.words[state] || state} ${this.format(start)}–${this.format(stop)}`));
        g.append(rect);
      });
      for (const [t, kind, text] of band.marks) {
        const mx = x(t);
        const mark = kind === "restart"
          ? svg("path", { d: `M${mx - 4} ${y - 1} L${mx + 4} ${y - 1} L${mx} ${y + 6} Z`, class: "mark-restart", "data-mark": kind })
          : svg("rect", { x: mx - 1, y: y + ROW - 7, width: 2, height: 9, class: "mark-probe", "data-mark": kind });
        mark.append(svg("title", {}, `${this.format(t)} ${kind === "restart" ? this.words.restart : this.words.probeFailed}: ${text}`));
        g.append(mark);
      }
      root.append(g);
    });
    this.box.replaceChildren(root);
  }
}
