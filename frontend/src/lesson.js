// The lesson pane (templates/lessons/lesson.html): the step list with its ticks, the progress bar,
// the step being read with its checks, hints, solution and explanation, and the quiz. The server
// draws it once from the saved progress; every lesson.progress frame (lessons/live.py, on connect
// and after every change of the sandbox) redraws what changed. Prose in the frame is HTML the
// server rendered from Markdown with raw HTML escaped (lessons/markup.py), so it is set as is.
// The pane asks with lesson.hint {step}, lesson.solution {step} and lesson.answer {question, choices}.

const fill = (template, values) => template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

export class LessonPane {
  constructor(root, send, words) {
    this.root = root;
    this.send = send;
    this.words = words;
    this.frame = null;
    this.shown = root.dataset.current || null;   // the step being read
    this.followCurrent = true;                   // move on with the current step until the learner picks one
    this.list = root.querySelector("#step-list");
    this.sections = new Map([...root.querySelectorAll("section.step")].map((s) => [s.dataset.step, s]));
    this.order = [...this.sections.keys()];
    if (!this.shown || !this.sections.has(this.shown)) this.shown = this.order[this.order.length - 1];

    root.addEventListener("click", (event) => {
      const target = event.target.closest("button");
      if (!target || !root.contains(target)) return;
      if (target.dataset.showStep) this.show(target.dataset.showStep, true);
      else if (target.dataset.hint) this.send({ type: "lesson.hint", step: target.dataset.hint });
      else if (target.dataset.solution) this.send({ type: "lesson.solution", step: target.dataset.solution });
      else if ("next" in target.dataset) this.move(1);
      else if ("prev" in target.dataset) this.move(-1);
    });
    for (const form of root.querySelectorAll("form.question")) {
      form.addEventListener("submit", (event) => { event.preventDefault(); this.answer(form); });
    }
    for (const form of root.querySelectorAll("form[data-confirm]")) {
      form.addEventListener("submit", (event) => { if (!window.confirm(form.dataset.confirm)) event.preventDefault(); });
    }
    const initial = document.getElementById("lesson-progress-initial");
    if (initial) this.onProgress(JSON.parse(initial.textContent));
    window.podlabLesson = this;                  // for tests: podlabLesson.frame
  }

  move(by) {
    const index = this.order.indexOf(this.shown) + by;
    if (index >= 0 && index < this.order.length) this.show(this.order[index], true);
  }

  show(stepId, chosen = false) {
    if (!this.sections.has(stepId)) return;
    if (chosen) this.followCurrent = stepId === (this.frame && this.frame.current);
    this.shown = stepId;
    for (const [id, section] of this.sections) section.hidden = id !== stepId;
    for (const item of this.list.querySelectorAll("li")) {
      item.classList.toggle("is-shown", item.dataset.step === stepId);
      const button = item.querySelector("button");
      if (item.dataset.step === stepId) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    }
  }

  answer(form) {
    const choices = [...form.querySelectorAll("input:checked")].map((input) => Number(input.value));
    const feedback = form.querySelector("[data-feedback]");
    if (choices.length === 0) {
      feedback.textContent = this.words.pick;
      return;
    }
    this.send({ type: "lesson.answer", question: form.dataset.question, choices });
  }

  onProgress(frame) {
    const before = this.frame;
    this.frame = frame;
    const percent = frame.total ? Math.round((100 * frame.score) / frame.total) : 0;
    const bar = this.root.querySelector("#lesson-progress");
    bar.dataset.percent = String(percent);
    bar.querySelector("[role=progressbar]").setAttribute("aria-valuenow", String(percent));
    bar.querySelector(".bar span").style.width = `${percent}%`;
    const done = frame.steps.filter((s) => s.state === "done").length;
    this.root.querySelector("#lesson-score").textContent =
      `${fill(this.words.stepsDone, { done, count: frame.steps.length })} · ${fill(this.words.points, frame)}`;

    for (const step of frame.steps) this.renderStep(step);
    for (const question of frame.quiz) this.renderQuestion(question);

    const complete = this.root.querySelector("#lesson-complete");
    complete.hidden = !frame.complete;
    complete.querySelector("[data-complete-score]").textContent = fill(this.words.points, frame);

    // Follow the current step, unless the learner is reading another one, or the step just done
    // still has its explanation to read (the "Next step" button moves on).
    const justDone = before && before.current === this.shown && frame.current !== this.shown;
    if (this.followCurrent && frame.current && !justDone) this.show(frame.current);
    else this.show(this.shown);
  }

  renderStep(step) {
    const item = this.list.querySelector(`li[data-step="${CSS.escape(step.id)}"]`);
    const section = this.sections.get(step.id);
    if (!item || !section) return;
    item.dataset.state = step.state;
    section.dataset.state = step.state;
    item.querySelector(".step-state-text").textContent = step.state === "done" ? ` (${this.words.stepDone})` : "";
    section.querySelector("[data-done-note]").hidden = step.state !== "done";

    const checks = section.querySelector("[data-checks]");
    checks.replaceChildren(...step.checks.map((check) => {
      const li = document.createElement("li");
      li.className = "check";
      li.dataset.check = check.id;
      li.dataset.passed = String(check.passed);
      li.innerHTML = check.message || "";
      if (check.why) li.title = check.why;
      return li;
    }));
    checks.hidden = step.state === "done";

    const hints = section.querySelector("[data-hints]");
    if (hints.children.length !== step.hints.length) {
      hints.replaceChildren(...step.hints.map((html) => {
        const div = document.createElement("div");
        div.className = "hint prose";
        div.innerHTML = html;
        return div;
      }));
    }
    const hintButton = section.querySelector("[data-hint]");
    if (hintButton) {
      hintButton.disabled = step.hints_left === 0;
      hintButton.textContent = step.hints_left === 0 ? this.words.noMoreHints : this.words.hint;
    }

    const solution = section.querySelector("[data-solution-box]");
    solution.hidden = !step.solution_shown;
    if (step.solution) section.querySelector("[data-solution-text]").textContent = step.solution.join("\n");
    section.querySelector("button[data-solution]").hidden = step.solution_shown;

    const explanation = section.querySelector("[data-explanation]");
    explanation.hidden = !step.explanation;
    if (step.explanation) section.querySelector("[data-explanation-text]").innerHTML = step.explanation;
  }

  renderQuestion(question) {
    const form = this.root.querySelector(`form[data-question="${CSS.escape(question.id)}"]`);
    if (!form) return;
    form.dataset.correct = String(question.correct);
    form.dataset.answered = String(question.answered);
    const inputs = [...form.querySelectorAll("input")];
    question.choices.forEach((choice, index) => {
      const input = inputs[index];
      if (!input) return;
      if (question.correct) {
        input.checked = choice.picked;
        input.disabled = true;
      }
      const label = input.closest("label");
      label.classList.toggle("is-correct", choice.correct === true);
    });
    form.querySelector("[data-answer]").hidden = question.correct;
    const feedback = form.querySelector("[data-feedback]");
    if (!question.answered) {
      feedback.replaceChildren();
      return;
    }
    const parts = [`<p class="verdict">${question.correct ? this.words.correct : this.words.tryAgain}</p>`];
    for (const choice of question.choices) if (choice.explanation) parts.push(`<div class="prose">${choice.explanation}</div>`);
    if (question.explanation) parts.push(`<div class="prose">${question.explanation}</div>`);
    feedback.dataset.correct = String(question.correct);
    feedback.innerHTML = parts.join("");
  }
}
