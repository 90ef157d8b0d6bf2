/* Learning paths on every page that shows one: the reader's progress on a path, the state of a page
   or quiz step, and the banner on a step's page (StepBanner). learning.js (progress with reflections,
   path cards, the CPD record), path-page.js and my-learning.js build on what this file shares as rbp.paths.

   Enhances the HTML that macros/paths_render.py renders; everything stays in this browser (localStorage):
     rbp:path:<id>   {"v":1,"done":["page:theory/index.md", …]}   steps marked as done
   The key exists once the reader has started the path (Start path, Continue, Mark as done, a reflection
   on one of its steps), even with nothing done: only then does a step's page show the full banner.
   Quiz results (rbp:quiz:<id>) belong to quiz.js, scenario results (rbp:scenario:<id>) to scenario.js: read
   here without changing them. A quiz step is done when its result is passed for the quiz's current content
   hash; a scenario step when an ending has been reached for the scenario's current content hash. Nothing is written until the reader acts. */
(() => {
  "use strict";

  const rbp = window.rbp;
  const VERSION = 1;
  const PATH = "rbp:path:";
  const MAX_DONE = 500;
  const ID_RE = /^[a-z0-9][a-z0-9_-]{0,99}$/;
  const REASONS = {
    corrupt: "could not be read",
    newer: "came from a newer version of this site",
    invalid: "was not in the expected form"
  };

  /* ------------------------------------------------------------ small helpers */

  const show = (el, on) => {
    if (el) el.hidden = !on;
  };

  const isText = (s, max) => typeof s === "string" && s.length <= max;

  const hasOnly = (o, keys) => Object.keys(o).every((k) => keys.includes(k));

  /* Build-time data sits in a hidden element's data- attribute (never a script block: instant
     navigation would run it as JavaScript). Read once per element. */
  const parsed = new WeakMap();
  const data = (holder, attr) => {
    if (!parsed.has(holder)) parsed.set(holder, JSON.parse(holder.getAttribute(attr)));
    return parsed.get(holder);
  };

  const definition = (root) => data(root.querySelector("[data-path-def]"), "data-path-def");

  const catalogue = () => {
    const holder = document.querySelector("[data-paths-catalogue]");
    return holder ? data(holder, "data-paths-catalogue") : { paths: [], quizzes: {} };
  };

  const pathDef = (id) => catalogue().paths.find((p) => p.id === id) || null;

  const stepOf = (def, key) => (def ? def.steps.find((s) => s.key === key) : null) || null;

  /* ------------------------------------------------------------ stored progress */

  const validPath = (d) => rbp.isObject(d) && d.v === VERSION && hasOnly(d, ["v", "done"]) && Array.isArray(d.done) &&
    d.done.length <= MAX_DONE && d.done.every((k, i) => isText(k, 300) && k.length > 0 && d.done.indexOf(k) === i);

  /* A problem with stored data, shown once in the page's first problem box. */
  const notice = (message) => {
    const box = document.querySelector("[data-path-problem]");
    if (box && ![...box.children].some((p) => p.textContent === message)) box.appendChild(rbp.make("p", null, message));
  };

  const dropped = (problem, what) => {
    if (REASONS[problem]) notice(what + " " + REASONS[problem] + ", so it has been cleared. Nothing else was changed.");
    else if (problem === "unavailable") notice(rbp.messages.unavailable);
  };

  /* The steps marked as done on a path, or null when the reader has not started it. */
  const readPath = (id, title) => {
    const r = rbp.read("local", PATH + id, VERSION, validPath);
    dropped(r.problem, "Your saved progress on “" + (title || id) + "”");
    return r.value ? r.value.done.slice() : null;
  };

  const writePath = (id, done) => rbp.write("local", PATH + id, { v: VERSION, done });

  /* The reader starts a path (Start path, Continue): from now on its steps show the full banner. */
  const begin = (def) => readPath(def.id, def.title) !== null || writePath(def.id, []);

  const couldNotSave = (region) => {
    const message = "Could not save. Your browser is not letting this site store anything, or its storage is full.";
    notice(message);
    rbp.announce(region, message);
  };

  /* The stored result of a quiz step, when it is for the quiz's current content. */
  const quizStep = (s) => {
    const r = rbp.quizResult(s.quiz);
    return r && (!s.hash || r.hash === s.hash) ? r : null;
  };

  /* The stored result of a scenario step (an ending reached), when it is for the scenario's current content. */
  const scenarioStep = (s) => {
    const r = rbp.scenarioResult(s.scenario);
    return r && (!s.hash || r.hash === s.hash) ? r : null;
  };

  /* "Mark as done" on a step not done; "Done ✓ — mark as not done" once it is (the tick is not read out). */
  const toggleLabel = (button, done) => {
    button.textContent = done ? "Done " : "Mark as done";
    if (!done) return;
    const tick = rbp.make("span", "rbp-toggle__tick", "✓");
    tick.setAttribute("aria-hidden", "true");
    button.append(tick, " — mark as not done");
  };

  /* Mark a page step as done, or as not done; then say so, with after() (the path's count) where known. */
  const toggleStep = (def, key, region, after) => {
    const done = readPath(def.id, def.title) || [];
    const marking = !done.includes(key);
    if (!writePath(def.id, marking ? done.concat(key) : done.filter((k) => k !== key))) return couldNotSave(region);
    rbp.refresh();
    rbp.announce(region, (marking ? "Step marked as done." : "Step marked as not done.") + (after ? " " + after() : ""));
  };

  /* ------------------------------------------------------------ the banner on a step's page */

  /* As served: one quiet line ("Part of the learning path …"), so nothing moves for a reader who has not
     started the path. A reader who has started it gets the full banner: position, state, Mark as done. */
  class StepBanner {
    constructor(root) {
      this.root = root;
      this.def = definition(root);
      this.key = root.getAttribute("data-step");
      this.step = stepOf(this.def, this.key);
      this.toggle = root.querySelector("[data-step-toggle]");
      this.refresh();
      if (this.toggle) {
        const region = root.querySelector("[data-path-live]");
        this.toggle.addEventListener("click", () => toggleStep(this.def, this.key, region));
      }
    }

    refresh() {
      const done = readPath(this.def.id, this.def.title);
      const following = done !== null && !!this.step;
      show(this.root.querySelector("[data-banner-quiet]"), !following);
      show(this.root.querySelector("[data-banner-full]"), following);
      this.root.classList.toggle("is-following", following);
      if (!following) return;
      const kind = this.step.kind;
      const result = kind === "quiz" ? quizStep(this.step) : null;
      const isDone = kind === "page" ? done.includes(this.key) : kind === "scenario" ? !!scenarioStep(this.step) : !!(result && result.passed);
      this.root.classList.toggle("is-done", isDone);
      if (this.toggle) toggleLabel(this.toggle, isDone);
      else if (kind === "scenario") this.root.querySelector("[data-step-state]").textContent = isDone ? "Done: an ending reached" : "Not done yet: reach an ending in the scenario below";
      else this.root.querySelector("[data-step-state]").textContent = isDone ? "Done: quiz passed" : "Not done yet: pass the quiz below";
    }
  }

  /* ------------------------------------------------------------ start */

  rbp.paths = {
    VERSION, PATH, ID_RE, show, isText, hasOnly, data, definition, catalogue, pathDef, stepOf, validPath, notice,
    dropped, readPath, writePath, begin, couldNotSave, quizStep, scenarioStep, toggleLabel, toggleStep
  };

  // A quiz on this page was marked, a scenario reached an ending, or another tab changed what is stored: show it.
  document.addEventListener("rbp:quiz-result", rbp.refresh);
  document.addEventListener("rbp:scenario-result", rbp.refresh);
  window.addEventListener("storage", (event) => {
    if (!event.key || (event.key.startsWith("rbp:") && event.key !== rbp.probe)) rbp.refresh();
  });

  rbp.start("[data-path-banner]", StepBanner);
})();
