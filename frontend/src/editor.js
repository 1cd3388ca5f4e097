// The YAML pane: CodeMirror 6 with its YAML language, on the files under the learner's home.
// Save writes the file into the sandbox (editor.save); Apply saves it and runs
// `kubectl apply -f FILE` in the terminal (editor.apply), where its output appears.

import { EditorView, basicSetup } from "codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { keymap } from "@codemirror/view";

export class Editor {
  constructor(root, send, { starter, starterText, words }) {
    this.send = send;
    this.words = words;
    this.path = starter;
    this.starterPath = starter;
    this.starterText = starterText;
    this.files = [];
    this.select = root.querySelector("#file-list");
    this.status = root.querySelector("#editor-status");
    this.view = new EditorView({
      doc: "",
      extensions: [
        basicSetup, yaml(),
        keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { this.save(); return true; } }]),
        EditorView.updateListener.of((update) => { if (update.docChanged) this.setStatus(""); }),
        EditorView.contentAttributes.of({ "aria-label": root.querySelector("#editor").dataset.label }),
      ],
      parent: root.querySelector("#editor"),
    });
    this.select.addEventListener("change", () => this.open(this.select.value));
    root.querySelector("#save").addEventListener("click", () => this.save());
    root.querySelector("#apply").addEventListener("click", () => this.apply());
    root.querySelector("#new-file").addEventListener("click", () => {
      const name = prompt(this.words.newFile, "pod.yaml");
      if (name) this.show({ path: name.startsWith("/") ? name : `/root/${name}`, text: "", exists: false });
    });
    window.podlabEditor = this;                  // for tests: podlabEditor.setText(...)
  }

  get text() { return this.view.state.doc.toString(); }

  setText(text) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  open(path) { this.send({ type: "editor.open", path }); }
  save() { this.send({ type: "editor.save", path: this.path, text: this.text }); }
  apply() { this.send({ type: "editor.apply", path: this.path, text: this.text }); }

  onFiles(frame) {
    const first = this.files.length === 0 && !this.loaded;
    this.files = frame.files;
    this.renderList();
    if (first) {
      this.loaded = true;
      if (this.files.includes(this.path) || this.files.length === 0) this.open(this.path);
      else this.open(this.files[0]);
    }
  }

  renderList() {
    const paths = [...new Set([...this.files, this.path])].sort();
    this.select.replaceChildren(...paths.map((p) => {
      const option = document.createElement("option");
      option.value = p;
      option.textContent = p.replace(/^\/root\//, "~/");
      option.selected = p === this.path;
      return option;
    }));
  }

  onFile(frame) { this.show(frame); }

  // A file that does not exist yet opens empty, or with a starter pod for ~/pod.yaml.
  show(frame) {
    this.path = frame.path;
    this.setText(frame.exists ? frame.text : (frame.path === this.starterPath ? this.starterText : ""));
    this.renderList();
    this.setStatus("");
  }

  onSaved() { this.setStatus(this.words.saved); }
  setStatus(text) { this.status.textContent = text; }
}
