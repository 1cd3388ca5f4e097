// The terminal: xterm.js with its fit addon and xterm-readline for line editing and history.
// The shell itself runs on the server; this side reads a line, sends it as terminal.input and
// prints the terminal.output frames that come back (streamed while a command waits). Tab asks
// the server for completions (terminal.complete). Ctrl-C while a command runs interrupts it.
// Every tab of a sandbox shows the same shell: a line started elsewhere arrives with its echo.

import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { Readline } from "xterm-readline";

const THEME = {
  background: "#0f1623", foreground: "#d7e0ee", cursor: "#7fd18b", selectionBackground: "#34507a",
  green: "#7fd18b", brightGreen: "#9be3a6", blue: "#78a6f5", brightBlue: "#9bbcf7",
};

export class Shell {
  constructor(element, send) {
    this.send = send;
    this.prompt = "controlplane:~$ ";
    this.pending = "";          // lines of a command bash still reads (PS2 "> ")
    this.mode = "idle";         // idle | reading | running
    this.generation = 0;        // a read superseded by a line from another tab is ignored
    this.historyLoaded = false;
    this.term = new Terminal({
      screenReaderMode: true, cursorBlink: true, fontSize: 14, scrollback: 5000, theme: THEME,
      fontFamily: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "D2Coding", monospace',
    });
    this.fit = new FitAddon();
    this.rl = new Readline();
    // Before the addon: Ctrl-C at a continuation prompt ("> ") drops the command, as in bash.
    this.term.onData((data) => this.beforeReadline(data));
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.rl);
    this.rl.setCheckHandler(() => true);          // the server says when a command is complete
    this.rl.setCtrlCHandler(() => this.interrupt());
    this.wrapKeys();
    this.term.open(element);
    this.fit.fit();
    new ResizeObserver(() => this.fit.fit()).observe(element);
    window.podlabTerminal = this.term;            // for tests and the curious
  }

  // Ctrl-Shift-C / Ctrl-C with a selection copies; Ctrl-Shift-V pastes (xterm handles Ctrl-V).
  wrapKeys() {
    const readlineKeys = this.rl.handleKeyEvent.bind(this.rl);
    this.term.attachCustomKeyEventHandler((event) => {
      if (event.type === "keydown" && event.ctrlKey && (event.key === "c" || event.key === "C")
          && this.term.hasSelection()) {
        navigator.clipboard?.writeText(this.term.getSelection());
        this.term.clearSelection();
        return false;
      }
      if (event.type === "keydown" && event.ctrlKey && event.shiftKey && (event.key === "V" || event.key === "v")) {
        navigator.clipboard?.readText().then((text) => this.term.paste(text));
        return false;
      }
      return readlineKeys(event);
    });
  }

  beforeReadline(data) {
    if (data === "\t" && this.mode === "reading") {
      this.send({ type: "terminal.complete", line: this.rl.getLine() });
    } else if (data === "\x03" && this.mode === "reading" && this.pending && this.rl.activeRead) {
      this.pending = "";
      this.rl.activeRead.prompt = this.prompt;     // readline redraws with the activeRead's prompt
    }
  }

  focus() { this.term.focus(); }

  async read() {
    this.mode = "reading";
    const generation = ++this.generation;
    const text = await this.rl.read(this.pending ? "> " : this.prompt);
    if (generation !== this.generation) return;
    const command = this.pending ? `${this.pending}\n${text}` : text;
    this.mode = "running";
    this.pending = command;
    this.send({ type: "terminal.input", data: command });
  }

  // The read in progress is dropped (a line from another tab or the Apply button runs first).
  abandonRead() {
    if (this.mode !== "reading") return;
    this.generation += 1;
    this.rl.activeRead = undefined;               // xterm-readline has no cancel; this is its state
    this.rl.write("\r\x1b[K");
    this.mode = "running";
  }

  interrupt() {
    if (this.mode === "running") this.send({ type: "terminal.interrupt" });
  }

  onState(frame) {
    this.generation += 1;
    this.rl.activeRead = undefined;
    this.term.reset();
    if (frame.screen) this.rl.write(frame.screen);
    if (!this.historyLoaded) {
      for (const line of frame.history) this.rl.appendHistory(line);
      this.historyLoaded = true;
    }
    this.prompt = frame.prompt;
    this.pending = "";
    if (frame.waiting) this.mode = "running";
    else this.read();
  }

  onOutput(frame) {
    if (frame.more) {                             // bash wants more lines: PS2
      this.read();
      return;
    }
    this.pending = "";
    if (frame.echo) {
      this.abandonRead();
      this.rl.write(frame.echo);
    }
    if (frame.data) this.rl.write(frame.data);
    this.prompt = frame.prompt || this.prompt;
    if (frame.done) {
      if (this.mode !== "reading") this.read();
    } else {
      this.abandonRead();
      this.mode = "running";
    }
  }

  onCompletions(frame) {
    if (this.mode !== "reading" || this.rl.getLine() !== frame.line) return;
    const { line, start, matches } = frame;
    const word = line.slice(start);
    if (matches.length === 0) return;
    if (matches.length === 1) {
      const m = matches[0];
      this.rl.updateLine(line.slice(0, start) + m + (/[/=]$/.test(m) ? "" : " "));
      return;
    }
    const common = commonPrefix(matches);
    if (common.length > word.length) {
      this.rl.updateLine(line.slice(0, start) + common);
      return;
    }
    this.list(matches, line);
  }

  // bash's second-Tab listing, in columns, then the prompt again with the line as it was.
  list(matches, line) {
    const width = Math.max(...matches.map((m) => m.length)) + 2;
    const perRow = Math.max(1, Math.floor(this.term.cols / width));
    let text = "";
    matches.forEach((m, i) => {
      text += m.padEnd(width);
      if ((i + 1) % perRow === 0 || i === matches.length - 1) text = text.trimEnd() + "\r\n";
    });
    const rl = this.rl;
    rl.state.moveCursorToEnd();
    rl.write("\r\n" + text);
    rl.term.write("", () => {
      rl.state = new rl.state.constructor(rl.activeRead.prompt, rl.tty(), rl.highlighter, rl.history);
      rl.state.update(line);
    });
  }
}

function commonPrefix(words) {
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
