// The sandbox page: wires the socket's frames to the terminal, the editor, the cluster view,
// the timeline and the clock, and on a lesson page to the lesson pane. Configuration and
// translated words come from the page (json_script).

import { Socket } from "./socket.js";
import { Shell } from "./terminal.js";
import { Editor } from "./editor.js";
import { Clock, formatDuration } from "./clock.js";
import { ClusterModel, ClusterView } from "./cluster.js";
import { TimelineView } from "./timeline.js";
import { LessonPane } from "./lesson.js";

const config = JSON.parse(document.getElementById("podlab-config").textContent);
const words = JSON.parse(document.getElementById("podlab-words").textContent);
const root = document.getElementById("lab");
const status = document.getElementById("connection");

let socket;
const send = (frame) => socket.send(frame);
const shell = new Shell(document.getElementById("terminal"), send);
const editor = new Editor(root, send, { starter: config.starter, starterText: config.starterText, words });
const clock = new Clock(root, send, words);
const model = new ClusterModel();
new ClusterView(root, model, clock, words);
const timeline = new TimelineView(root, model, clock, words, formatDuration);
const lessonRoot = document.getElementById("lesson");
const lesson = lessonRoot ? new LessonPane(lessonRoot, send, words) : null;

// What the server refused (a file too big to save, too many requests): said in the page, not
// only in the console, for a few seconds.
const noticeBox = document.getElementById("lab-notice");
let noticeTimer;
function showNotice(message) {
  console.warn("podlab:", message);
  if (!noticeBox) return;
  noticeBox.textContent = message;
  noticeBox.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { noticeBox.hidden = true; }, 8000);
}

const handlers = {
  "terminal.state": (f) => { shell.onState(f); window.podlab.ready = true; },
  "terminal.output": (f) => shell.onOutput(f),
  "terminal.completions": (f) => shell.onCompletions(f),
  "cluster.snapshot": (f) => model.snapshot(f),
  "cluster.delta": (f) => model.delta(f),
  "clock.state": (f) => { clock.onState(f); timeline.render(); },
  "clock.notice": (f) => clock.onNotice(f),
  "editor.files": (f) => editor.onFiles(f),
  "editor.file": (f) => editor.onFile(f),
  "editor.saved": (f) => editor.onSaved(f),
  "lesson.progress": (f) => { if (lesson) lesson.onProgress(f); },
  "error": (f) => showNotice(f.message),
};

// connected: the socket is open; ready: the terminal has been given its state since then;
// connections: how many times the socket has opened (a test tells a reconnect from the first).
window.podlab = { frames: 0, connections: 0, connected: false, ready: false, model, clock };
socket = new Socket(config.ws, {
  onFrame(frame) {
    window.podlab.frames += 1;
    (handlers[frame.type] || (() => console.warn("podlab: unknown frame", frame.type)))(frame);
  },
  onStatus(state) {
    window.podlab.connected = state === "connected";
    if (window.podlab.connected) window.podlab.connections += 1;
    if (!window.podlab.connected) window.podlab.ready = false;
    status.dataset.state = state;
    status.textContent = words[state] || state;
  },
});
shell.focus();
