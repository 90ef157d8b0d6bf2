/* A learning path's page (PathPage): progress through the steps, Start path / Continue (a link to the
   step), "Mark as done" on a page step, and a CPD form on each reflection step. Builds on paths.js and
   learning.js (rbp.paths, rbp.learning). */
(() => {
  "use strict";

  const rbp = window.rbp;
  const P = rbp.paths;
  const L = rbp.learning;
  const show = P.show;

  const stateText = (st) => {
    const s = st.step;
    const r = st.result;
    if (s.kind === "page") return "";
    if (s.kind === "quiz") {
      if (st.done) return "Done: passed with " + r.score + " out of " + r.total + " on " + rbp.longDate(r.date);
      if (r) return "Not passed yet: " + r.score + " out of " + r.total + " last time";
      return "Not done yet: pass the quiz to complete this step";
    }
    if (s.kind === "scenario") {
      if (st.done) return "Done: an ending reached on " + rbp.longDate(r.date);
      return "Not done yet: reach an ending in the scenario to complete this step";
    }
    if (st.done) return "Done: saved to your CPD record on " + rbp.longDate(st.reflections.map((e) => e.date).sort().pop());
    return "Not done yet: save a reflection to complete this step";
  };

  /* A link to an anchor on this page (a reflection step), rather than to another page. */
  const here = (a) => {
    const url = new URL(a.href, location.href);
    return url.pathname === location.pathname && url.hash.length > 1 ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  };

  class PathPage {
    constructor(root) {
      this.root = root;
      this.def = P.definition(root);
      this.region = root.querySelector("[data-path-live]");
      this.items = new Map([...root.querySelectorAll("li[data-step]")].map((li) => [li.getAttribute("data-step"), li]));
      this.mine = root.querySelector("[data-my-learning-link]");
      this.go = root.querySelector("[data-path-go]");
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
      const p = L.progress(this.def);
      root.querySelector("[data-path-count]").textContent = L.countText(p);
      const bar = root.querySelector("[data-path-bar]");
      bar.max = p.total;
      bar.value = p.count;
      root.querySelector("[data-path-next]").textContent = p.first ? "" : "You have finished this path. Well done.";
      L.goTo(this.go, p);
      p.steps.forEach((st) => {
        const li = this.items.get(st.step.key);
        if (!li) return;
        li.classList.toggle("is-done", st.done);
        const state = li.querySelector("[data-step-state]");
        state.textContent = stateText(st);
        show(state, state.textContent !== "");
        if (st.step.kind === "reflect" && st.done && this.mine) {
          state.appendChild(document.createTextNode(". "));
          const a = rbp.make("a", null, "See it in My learning");
          a.href = this.mine.getAttribute("href") + "#your-cpd-record";
          state.appendChild(a);
        }
        const toggle = li.querySelector("[data-step-toggle]");
        if (toggle) P.toggleLabel(toggle, st.done);
      });
    }

    openForm(button, open) {
      const form = document.getElementById(button.getAttribute("aria-controls"));
      button.setAttribute("aria-expanded", open ? "true" : "false");
      show(form, open);
      if (open) L.field(form, "learnt").focus();
    }

    click(event) {
      const target = event.target.closest("button, a");
      if (!target || !this.root.contains(target)) return;
      const li = target.closest("li[data-step]");
      if (target.hasAttribute("data-step-toggle")) {
        P.toggleStep(this.def, li.getAttribute("data-step"), this.region, () => L.countText(L.progress(this.def)) + ".");
      } else if (target.hasAttribute("data-reflect-open")) {
        this.openForm(target, target.getAttribute("aria-expanded") !== "true");
      } else if (target.hasAttribute("data-reflect-cancel")) {
        const opener = li.querySelector("[data-reflect-open]");
        L.clearErrors(target.form);
        this.openForm(opener, false);
        opener.focus();
      } else if (target === this.go) {
        if (!P.begin(this.def)) return P.couldNotSave(this.region);
        const step = here(target);
        if (step) {
          // A reflection step is on this page: go to it (the page itself does not change).
          event.preventDefault();
          rbp.refresh();
          step.focus();
          step.scrollIntoView({ block: "start" });
        }
      }
    }

    saveReflection(form) {
      const li = form.closest("li[data-step]");
      const key = li.getAttribute("data-step");
      const step = P.stepOf(this.def, key);
      const values = L.readForm(form);
      if (!values || !step) return;
      const now = new Date().toISOString();
      const saved = L.entry(Object.assign(values, {
        id: L.randomId(), date: rbp.today(), type: "path", path: this.def.id, step: key, prompt: step.prompt || null,
        created: now, updated: now
      }));
      if (!P.begin(this.def) || !L.writeEntries(L.readEntries().concat(saved))) return P.couldNotSave(this.region);
      form.reset();
      const opener = li.querySelector("[data-reflect-open]");
      this.openForm(opener, false);
      opener.focus();
      rbp.refresh();
      rbp.announce(this.region, "Saved to your CPD record. " + L.countText(L.progress(this.def)) + ".");
    }
  }

  rbp.start("[data-path]", PathPage);
})();
