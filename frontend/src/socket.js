// One WebSocket per tab to /ws/sandboxes/<id>/, JSON frames with dotted types. It reconnects
// with jittered exponential back-off (after a deploy every learner reconnects at once), and the
// server answers every (re)connect with a full snapshot, so nothing depends on a frame lost
// while the socket was down.

export class Socket {
  constructor(path, { onFrame, onStatus }) {
    this.url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
    this.onFrame = onFrame;
    this.onStatus = onStatus;
    this.attempt = 0;
    this.queue = [];
    this.open();
  }

  open() {
    this.onStatus("connecting");
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onStatus("connected");
      for (const frame of this.queue.splice(0)) ws.send(JSON.stringify(frame));
    };
    ws.onmessage = (event) => this.onFrame(JSON.parse(event.data));
    ws.onclose = (event) => {
      if (event.code === 4403) {
        this.onStatus("refused");
        return;
      }
      this.onStatus("offline");
      const delay = Math.min(15000, 500 * 2 ** this.attempt) * (0.5 + Math.random());
      this.attempt += 1;
      setTimeout(() => this.open(), delay);
    };
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
    else this.queue.push(frame);
  }
}
