// The simulated clock and its controls. The server sends clock.state when the clock changes
// (speed, pause, a jump); between those the display runs on by itself at the clock's speed, so
// every tab shows the same time without a tick from the server.

export function formatDuration(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export class Clock {
  constructor(root, send, words) {
    this.words = words;
    this.state = { now: 0, speed: 1, paused: false };
    this.received = performance.now();
    this.output = root.querySelector("#clock-now");
    this.label = root.querySelector("#clock-state");
    this.pauseButton = root.querySelector("#pause-button");
    this.speedButtons = [...root.querySelectorAll("[data-speed]")];
    this.pauseButton.addEventListener("click", () => send({ type: "clock.set", paused: !this.state.paused }));
    for (const b of this.speedButtons) b.addEventListener("click", () => send({ type: "clock.set", speed: Number(b.dataset.speed) }));
    for (const b of root.querySelectorAll("[data-advance]")) {
      b.addEventListener("click", () => send({ type: "clock.set", advance: Number(b.dataset.advance) }));
    }
    root.querySelector("[data-next]").addEventListener("click", () => send({ type: "clock.set", next: true }));
    const tick = () => { this.render(); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  }

  // Simulated seconds now, as this tab extrapolates them.
  now() {
    const { now, speed, paused } = this.state;
    return paused ? now : now + ((performance.now() - this.received) / 1000) * speed;
  }

  onState(frame) {
    this.state = frame;
    this.received = performance.now();
    this.pauseButton.textContent = frame.paused ? this.words.resume : this.words.pause;
    this.pauseButton.setAttribute("aria-pressed", String(frame.paused));
    for (const b of this.speedButtons) {
      b.setAttribute("aria-pressed", String(!frame.paused && Number(b.dataset.speed) === frame.speed));
    }
    this.label.textContent = frame.paused ? this.words.paused : `${frame.speed}×`;
  }

  // "Next event" found nothing scheduled: say so beside the clock for a few seconds.
  onNotice(frame) {
    if (frame.notice !== "nothing") return;
    this.label.textContent = this.words.nothingNext;
    this.label.classList.add("notice");
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.label.classList.remove("notice"); this.onState(this.state); }, 4000);
  }

  render() {
    const text = formatDuration(this.now());
    if (this.output.textContent !== text) this.output.textContent = text;
  }
}
