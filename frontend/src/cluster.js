// The cluster view: nodes with their pods as cards, and the latest events. It keeps the cards
// the server sent (cluster.snapshot), applies each cluster.delta (cards set or deleted by key),
// and redraws on the next animation frame. Ages are computed here from the simulated clock.

import { formatDuration } from "./clock.js";

export const SECTIONS = ["nodes", "pods", "events", "bands"];

export class ClusterModel {
  constructor() {
    for (const s of SECTIONS) this[s] = new Map();
    this.listeners = [];
  }

  snapshot(frame) {
    for (const s of SECTIONS) this[s] = new Map(frame[s].map((card) => [card.key ?? card.uid, card]));
    this.changed();
  }

  delta(frame) {
    for (const s of SECTIONS) {
      if (!frame[s]) continue;
      for (const card of frame[s].set) this[s].set(card.key ?? card.uid, card);
      for (const key of frame[s].del) this[s].delete(key);
    }
    this.changed();
  }

  changed() { for (const fn of this.listeners) fn(); }
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

export class ClusterView {
  constructor(root, model, clock, words) {
    this.nodesEl = root.querySelector("#nodes");
    this.eventsEl = root.querySelector("#events");
    this.model = model;
    this.clock = clock;
    this.words = words;
    this.scheduled = false;
    model.listeners.push(() => this.schedule());
    setInterval(() => this.schedule(), 1000);     // ages move with the clock
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.render(); });
  }

  age(t) { return t === null || t === undefined ? "" : formatDuration(this.clock.now() - t); }

  render() {
    const pods = [...this.model.pods.values()];
    const nodes = [...this.model.nodes.values()];
    const unscheduled = pods.filter((p) => !p.node);
    const groups = nodes.map((n) => this.nodeBox(n, pods.filter((p) => p.node === n.name)));
    if (unscheduled.length) groups.unshift(this.nodeBox(null, unscheduled));
    this.nodesEl.replaceChildren(...groups);
    const events = [...this.model.events.values()].sort((a, b) => (b.last ?? 0) - (a.last ?? 0));
    this.eventsEl.replaceChildren(...(events.length ? events.map((e) => this.event(e))
      : [el("li", { class: "empty", text: this.words.noEvents })]));
  }

  nodeBox(node, pods) {
    const title = node ? node.name : this.words.Pending;
    const status = node ? (node.down ? `${node.status} · ${this.words.down}` : node.status) : "";
    return el("section", { class: `node ${node && node.status !== "Ready" ? "node-bad" : ""}`, "data-node": title },
      el("header", { class: "node-head" },
        el("h3", { text: title }),
        node ? el("span", { class: "node-meta", text: [status, node.roles.join(","), node.ip].filter(Boolean).join(" · ") }) : null),
      pods.length ? el("div", { class: "pods" }, ...pods.map((p) => this.pod(p)))
        : el("p", { class: "empty", text: this.words.noPods }));
  }

  pod(p) {
    const facts = [["READY", p.ready], ["STATUS", p.status], ["RESTARTS", String(p.restarts)], ["AGE", this.age(p.created)]];
    if (p.ip) facts.push(["IP", p.ip]);
    return el("article", { class: `pod state-${p.state}`, "data-pod": p.key, "data-status": p.status, "aria-label": `pod ${p.name}: ${p.status}` },
      el("header", {}, el("span", { class: "pod-name", text: p.namespace === "default" ? p.name : `${p.namespace}/${p.name}` }),
        el("span", { class: "pod-status", text: p.status })),
      el("dl", { class: "facts" }, ...facts.map(([k, v]) => el("div", {}, el("dt", { text: k }), el("dd", { text: v })))),
      el("ul", { class: "containers" }, ...p.containers.map((c) => this.container(c))));
  }

  container(c) {
    const words = this.words;
    let state = c.state + (c.reason ? `: ${c.reason}` : "");
    if (c.exitCode !== null && c.exitCode !== undefined) state += ` (${words.exitCode} ${c.exitCode})`;
    const probes = c.probes.map((pr) => el("span", { class: `probe probe-${pr.result}` ,
      text: `${words[pr.kind] || pr.kind} ${words[pr.result] || pr.result}` }));
    return el("li", { class: `container c-${c.state}` },
      el("span", { class: "c-name", text: c.name }), el("span", { class: "c-state", text: state }),
      el("span", { class: c.ready ? "c-ready" : "c-unready", text: c.ready ? words.ready : words.notReady }),
      c.restarts ? el("span", { class: "c-restarts", text: words.restarts.replace("%(count)s", c.restarts) }) : null,
      probes.length ? el("span", { class: "probes" }, ...probes) : null);
  }

  event(e) {
    return el("li", { class: `event event-${e.type.toLowerCase()}` },
      el("span", { class: "ev-when", text: this.age(e.last) }),
      el("span", { class: "ev-reason", text: e.reason }),
      el("span", { class: "ev-object", text: e.object }),
      el("span", { class: "ev-message", text: e.message + (e.count > 1 ? ` (×${e.count})` : "") }));
  }
}
