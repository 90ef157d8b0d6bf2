/* Learning paths: what every page with a path component needs (stored progress and reflections,
   a path's progress, the reflection form), the banner on a step's page (StepBanner) and the path
   cards (PathCard). The path page (path-page.js) and My learning (my-learning.js) build on what
   this file shares as rbp.paths.

   Enhances the HTML that macros/paths.py renders; everything stays in this browser (localStorage):
     rbp:path:<id>     {"v":1,"done":["page:theory/index.md", …]}   steps marked as done
     rbp:reflections   {"v":1,"entries":[{id, date, what, so_what, now_what, minutes, path, step, page, prompt, created, updated}]}
   Quiz results (rbp:quiz:<id>) belong to quiz.js: read here without changing them. A quiz step is
   done when its result is passed for the quiz's current content hash; a reflection step is done
   when a reflection is saved for it. Nothing is written until the reader acts. */
(() => {
  "use strict";

  const rbp = window.rbp;
  const VERSION = 1;
  const PATH = "rbp:path:";
  const REFLECTIONS = "rbp:reflections";
  const MAX_TEXT = 5000;
  const MAX_ENTRIES = 2000;
  const MAX_DONE = 500;
  const MAX_MINUTES = 1440;
  const ID_RE = /^[a-z0-9][a-z0-9_-]{0,99}$/;
  const ENTRY_ID = /^r-[a-z0-9]{8,40}$/;
  const ENTRY_KEYS = ["id", "date", "what", "so_what", "now_what", "minutes", "path", "step", "page", "prompt", "created", "updated"];
  const FIELDS = [
    ["what", "What happened / what I learned"],
    ["so_what", "So what (what it means for my practice)"],
    ["now_what", "Now what (what I will do)"]
  ];
  const REASONS = {
    corrupt: "could not be read",
    newer: "came from a newer version of this site",
    invalid: "was not in the expected form"
  };

  /* ------------------------------------------------------------ small helpers */

  const show = (el, on) => {
    if (el) el.hidden = !on;
  };

  const isText = (s, max = MAX_TEXT) => typeof s === "string" && s.length <= max;

  const randomId = () => "r-" + [...window.crypto.getRandomValues(new Uint32Array(3))]
    .map((w) => ("000000" + w.toString(36)).slice(-7)).join("");

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

  /* ------------------------------------------------------------ validation */

  const hasOnly = (o, keys) => Object.keys(o).every((k) => keys.includes(k));

  const validPath = (d) => rbp.isObject(d) && d.v === VERSION && hasOnly(d, ["v", "done"]) && Array.isArray(d.done) &&
    d.done.length <= MAX_DONE && d.done.every((k, i) => isText(k, 300) && k.length > 0 && d.done.indexOf(k) === i);

  const nullOr = (value, test) => value === null || test(value);

  const validEntry = (e) => rbp.isObject(e) && Object.keys(e).length === ENTRY_KEYS.length && hasOnly(e, ENTRY_KEYS) &&
    typeof e.id === "string" && ENTRY_ID.test(e.id) && rbp.isDay(e.date) &&
    isText(e.what) && e.what.trim() !== "" && isText(e.so_what) && isText(e.now_what) &&
    nullOr(e.minutes, (m) => rbp.isCount(m, MAX_MINUTES)) &&
    nullOr(e.path, (p) => typeof p === "string" && ID_RE.test(p)) &&
    nullOr(e.step, (s) => isText(s, 300) && s !== "") &&
    (e.path === null) === (e.step === null) &&
    nullOr(e.page, (p) => isText(p, 300) && p !== "") &&
    nullOr(e.prompt, (p) => isText(p, 2000)) &&
    isText(e.created, 40) && isText(e.updated, 40);

  const validEntries = (list) => {
    if (!Array.isArray(list) || list.length > MAX_ENTRIES) return false;
    const ids = new Set();
    return list.every((e) => {
      if (!validEntry(e) || ids.has(e.id)) return false;
      ids.add(e.id);
      return true;
    });
  };

  const validReflections = (d) => rbp.isObject(d) && d.v === VERSION && hasOnly(d, ["v", "entries"]) && validEntries(d.entries);

  /* The one shape an entry is stored in, keys always in the same order. */
  const entry = (f) => Object.fromEntries(ENTRY_KEYS.map((k) => [k, f[k] === undefined ? null : f[k]]));

  /* ------------------------------------------------------------ storage */

  /* A problem with stored data, shown once in the page's first problem box. */
  const notice = (message) => {
    const box = document.querySelector("[data-path-problem]");
    if (box && ![...box.children].some((p) => p.textContent === message)) box.appendChild(rbp.make("p", null, message));
  };

  const dropped = (problem, what) => {
    if (REASONS[problem]) notice(what + " " + REASONS[problem] + ", so it has been cleared. Nothing else was changed.");
    else if (problem === "unavailable") notice(rbp.messages.unavailable);
  };

  const readPath = (id, title) => {
    const r = rbp.read("local", PATH + id, VERSION, validPath);
    dropped(r.problem, "Your saved progress on “" + (title || id) + "”");
    return r.value ? r.value.done.slice() : [];
  };

  const writePath = (id, done) => {
    if (done.length) return rbp.write("local", PATH + id, { v: VERSION, done });
    rbp.remove("local", PATH + id);
    return true;
  };

  const readReflections = () => {
    const r = rbp.read("local", REFLECTIONS, VERSION, validReflections);
    dropped(r.problem, "Your reflective log");
    return r.value ? r.value.entries : [];
  };

  const writeReflections = (entries) => {
    if (entries.length) return rbp.write("local", REFLECTIONS, { v: VERSION, entries });
    rbp.remove("local", REFLECTIONS);
    return true;
  };

  const couldNotSave = (region) => {
    const message = "Could not save. Your browser is not letting this site store anything, or its storage is full.";
    notice(message);
    rbp.announce(region, message);
  };

  /* ------------------------------------------------------------ progress */

  const progress = (def, entries) => {
    const done = readPath(def.id, def.title);
    const reflections = entries || readReflections();
    const steps = def.steps.map((s) => {
      const st = { step: s, done: false, result: null, reflections: [] };
      if (s.kind === "page") {
        st.done = done.includes(s.key);
      } else if (s.kind === "quiz") {
        const r = rbp.quizResult(s.quiz);
        st.result = r && (!s.hash || r.hash === s.hash) ? r : null;
        st.done = !!(st.result && st.result.passed);
      } else {
        st.reflections = reflections.filter((e) => e.path === def.id && e.step === s.key);
        st.done = st.reflections.length > 0;
      }
      return st;
    });
    const left = steps.filter((st) => !st.done);
    return { steps, count: steps.length - left.length, total: steps.length, first: left[0] || null };
  };

  const countText = (p) => p.count + " of " + p.total + " complete";

  const toggleStep = (def, key, region) => {
    const done = readPath(def.id, def.title);
    const marking = !done.includes(key);
    if (!writePath(def.id, marking ? done.concat(key) : done.filter((k) => k !== key))) return couldNotSave(region);
    rbp.refresh();
    rbp.announce(region, (marking ? "Step marked as done. " : "Step marked as not done. ") + countText(progress(def)) + ".");
  };

  /* ------------------------------------------------------------ reflection forms */

  const field = (form, name) => form.querySelector('[data-field="' + name + '"]');

  const formError = (form, message, focus) => {
    form.querySelector("[data-form-error]").textContent = message || "";
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    if (focus) {
      focus.setAttribute("aria-invalid", "true");
      focus.focus();
    }
  };

  /* The reflection typed into a form, or null after saying what to fix. */
  const readForm = (form) => {
    const values = {};
    FIELDS.forEach(([name]) => {
      values[name] = field(form, name).value.trim().slice(0, MAX_TEXT);
    });
    if (!values.what) {
      formError(form, "Write what happened or what you learned before you save.", field(form, "what"));
      return null;
    }
    const minutes = field(form, "minutes").value.trim();
    if (minutes === "") {
      values.minutes = null;
    } else if (!/^\d+$/.test(minutes) || parseInt(minutes, 10) > MAX_MINUTES) {
      formError(form, "Enter the time spent as a whole number of minutes, from 0 to " + MAX_MINUTES + ".", field(form, "minutes"));
      return null;
    } else {
      values.minutes = parseInt(minutes, 10);
    }
    const date = field(form, "date");
    if (date) {
      if (!rbp.isDay(date.value)) {
        formError(form, "Enter the date of your reflection.", date);
        return null;
      }
      values.date = date.value;
    }
    formError(form, "");
    return values;
  };

  /* ------------------------------------------------------------ the banner on a step's page */

  class StepBanner {
    constructor(root) {
      this.root = root;
      this.def = definition(root);
      this.key = root.getAttribute("data-step");
      this.toggle = root.querySelector("[data-step-toggle]");
      this.refresh();
      if (this.toggle) {
        const region = root.querySelector("[data-path-live]");
        this.toggle.addEventListener("click", () => toggleStep(this.def, this.key, region));
      }
      show(root.querySelector("[data-step-status]"), true);
    }

    refresh() {
      const st = progress(this.def).steps.find((s) => s.step.key === this.key);
      if (!st) return;
      this.root.classList.toggle("is-done", st.done);
      this.root.querySelector("[data-step-state]").textContent = st.step.kind === "page"
        ? (st.done ? "Done" : "Not done yet")
        : (st.done ? "Done: quiz passed" : "Not done yet: pass the quiz below");
      if (this.toggle) this.toggle.setAttribute("aria-pressed", st.done ? "true" : "false");
    }
  }

  /* ------------------------------------------------------------ path cards: the list and My learning */

  class PathCard {
    constructor(card) {
      this.card = card;
      this.def = pathDef(card.getAttribute("data-path-card"));
      if (!this.def) throw new Error("paths: no path “" + card.getAttribute("data-path-card") + "” on this page");
      this.refresh();
      show(card.querySelector("[data-path-progress]"), true);
    }

    refresh() {
      const { card, def } = this;
      const p = progress(def);
      card.querySelector("[data-path-count]").textContent = p.count === 0 ? "Not started: 0 of " + p.total + " complete" : countText(p);
      const bar = card.querySelector("[data-path-bar]");
      bar.max = p.total;
      bar.value = p.count;
      card.classList.toggle("is-done", !p.first);
      const next = card.querySelector("[data-path-next]");
      if (!next) return;
      next.textContent = "";
      if (!p.first) {
        next.textContent = "You have finished this path.";
        return;
      }
      next.appendChild(document.createTextNode((p.count ? "Next" : "First") + " step: "));
      const a = rbp.make("a", null, "Step " + p.first.step.n + ", " + p.first.step.label);
      a.href = p.first.step.kind === "page" || p.first.step.kind === "quiz"
        ? p.first.step.href : def.href + "#" + p.first.step.anchor;
      next.appendChild(a);
    }
  }

  /* ------------------------------------------------------------ start */

  rbp.paths = {
    VERSION, PATH, REFLECTIONS, ID_RE, FIELDS, show, definition, catalogue, pathDef, stepOf, validPath, validEntries,
    entry, randomId, readPath, readReflections, writeReflections, couldNotSave, progress, countText, toggleStep,
    field, formError, readForm
  };

  // A quiz on this page was marked, or another tab changed what is stored: show it.
  document.addEventListener("rbp:quiz-result", rbp.refresh);
  window.addEventListener("storage", (event) => {
    if (!event.key || event.key.startsWith("rbp:")) rbp.refresh();
  });

  rbp.start("[data-path-banner]", StepBanner);
  rbp.start("[data-path-card]", PathCard);
})();
