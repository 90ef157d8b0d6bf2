/* A learning path's page (PathPage): progress through the steps, "Mark as done" on a page step,
   and a reflection form on each reflection step. Builds on paths.js (rbp.paths). */
(() => {
  "use strict";

  const rbp = window.rbp;
  const {
    definition, progress, countText, toggleStep, field, formError, readForm, readReflections, writeReflections,
    entry, randomId, couldNotSave, stepOf, show
  } = rbp.paths;

  const stateText = (st) => {
    const s = st.step;
    const r = st.result;
    if (s.kind === "page") return st.done ? "Done" : "Not done yet";
    if (s.kind === "quiz") {
      if (st.done) return "Done: passed with " + r.score + " out of " + r.total + " on " + rbp.longDate(r.date);
      if (r) return "Not passed yet: " + r.score + " out of " + r.total + " last time";
      return "Not done yet: pass the quiz to complete this step";
    }
    if (st.done) return "Done: reflection saved on " + rbp.longDate(st.reflections.map((e) => e.date).sort().pop());
    return "Not done yet: save a reflection to complete this step";
  };

  /* ------------------------------------------------------------ a path page */

  class PathPage {
    constructor(root) {
      this.root = root;
      this.def = definition(root);
      this.region = root.querySelector("[data-path-live]");
      this.items = new Map([...root.querySelectorAll("li[data-step]")].map((li) => [li.getAttribute("data-step"), li]));
      this.mine = root.querySelector("[data-my-learning-link]");
      this.continueLink = root.querySelector("[data-path-continue]");
      this.refresh();
      root.addEventListener("click", (event) => this.click(event));
      root.querySelectorAll("[data-reflect-form]").forEach((form) => {
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          this.saveReflection(form);
        });
      });
      show(root.querySelector("[data-path-nojs]"), false);
      show(root.querySelector("[data-path-progress]"), true);
      root.querySelectorAll("[data-step-status]").forEach((el) => show(el, true));
    }

    refresh() {
      const root = this.root;
      const p = progress(this.def);
      root.querySelector("[data-path-count]").textContent = countText(p);
      const bar = root.querySelector("[data-path-bar]");
      bar.max = p.total;
      bar.value = p.count;
      root.querySelector("[data-path-next]").textContent = p.first
        ? "Next: step " + p.first.step.n + ", " + p.first.step.label + "."
        : "You have finished this path. Well done.";
      show(this.continueLink.parentNode, !!p.first);
      if (p.first) this.continueLink.setAttribute("href", "#" + p.first.step.anchor);
      p.steps.forEach((st) => {
        const li = this.items.get(st.step.key);
        if (!li) return;
        li.classList.toggle("is-done", st.done);
        const state = li.querySelector("[data-step-state]");
        state.textContent = stateText(st);
        if (st.step.kind === "reflect" && st.done && this.mine) {
          state.appendChild(document.createTextNode(". "));
          const a = rbp.make("a", null, "See it in My learning");
          a.href = this.mine.getAttribute("href") + "#your-reflective-log";
          state.appendChild(a);
        }
        const toggle = li.querySelector("[data-step-toggle]");
        if (toggle) toggle.setAttribute("aria-pressed", st.done ? "true" : "false");
      });
    }

    openForm(button, open) {
      const form = document.getElementById(button.getAttribute("aria-controls"));
      button.setAttribute("aria-expanded", open ? "true" : "false");
      show(form, open);
      if (open) field(form, "what").focus();
    }

    click(event) {
      const target = event.target.closest("button, a");
      if (!target || !this.root.contains(target)) return;
      const li = target.closest("li[data-step]");
      if (target.hasAttribute("data-step-toggle")) {
        toggleStep(this.def, li.getAttribute("data-step"), this.region);
      } else if (target.hasAttribute("data-reflect-open")) {
        this.openForm(target, target.getAttribute("aria-expanded") !== "true");
      } else if (target.hasAttribute("data-reflect-cancel")) {
        const opener = li.querySelector("[data-reflect-open]");
        formError(target.form, "");
        this.openForm(opener, false);
        opener.focus();
      } else if (target === this.continueLink) {
        const next = document.getElementById((target.getAttribute("href") || "").slice(1));
        if (next) {
          event.preventDefault();
          next.focus();
          next.scrollIntoView({ block: "start" });
        }
      }
    }

    saveReflection(form) {
      const li = form.closest("li[data-step]");
      const key = li.getAttribute("data-step");
      const step = stepOf(this.def, key);
      const values = readForm(form);
      if (!values || !step) return;
      const now = new Date().toISOString();
      const entries = readReflections().concat(entry({
        id: randomId(), date: rbp.today(), what: values.what, so_what: values.so_what, now_what: values.now_what,
        minutes: values.minutes, path: this.def.id, step: key, prompt: step.prompt || null, created: now, updated: now
      }));
      if (!writeReflections(entries)) return couldNotSave(this.region);
      form.reset();
      const opener = li.querySelector("[data-reflect-open]");
      this.openForm(opener, false);
      opener.focus();
      rbp.refresh();
      rbp.announce(this.region, "Reflection saved. " + countText(progress(this.def)) + ".");
    }
  }

  rbp.start("[data-path]", PathPage);
})();
