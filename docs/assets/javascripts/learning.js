/* What the learning pages share (a path's page, the list of paths, My learning), as rbp.learning: the
   CPD record, progress through a path, the Start path / Continue link, the CPD form, registration years,
   and the path cards (PathCard). Builds on paths.js (rbp.paths).

   The CPD record is kept in this browser (localStorage), in Social Work England's shape:
     rbp:reflections  {"v":2,"entries":[{id, date, type, title, description, learnt, impact, peer_with,
                      peer_what, minutes, path, step, page, prompt, created, updated}]}
   A version 1 record (the reflective log: {id, date, what, so_what, now_what, minutes, path, step, page,
   prompt, created, updated}) is read and carried over with nothing lost (fromV1); it is written as
   version 2 the next time the reader saves. A reflection step is done when an entry is saved for it. */
(() => {
  "use strict";

  const rbp = window.rbp;
  const P = rbp.paths;
  const VERSION = 2;
  const REFLECTIONS = "rbp:reflections";
  // Limits: the forms' maxlength and max (macros/paths.py LIMITS; tests/unit/test_paths.py keeps them in step).
  const MAX_TEXT = 5000;
  const MAX_MINUTES = 1440;
  const MAX_TITLE = 300;
  const MAX_WHO = 200;
  const MAX_STORED = 2 * MAX_TEXT + 2; // a version 1 entry's "so what" and "now what" together, as its impact
  const MAX_ENTRIES = 2000;
  const ENTRY_ID = /^r-[a-z0-9]{8,40}$/;
  const TYPES = ["reading", "e-learning", "path", "quiz", "supervision", "course", "shadowing", "other"];
  const V1_KEYS = ["id", "date", "what", "so_what", "now_what", "minutes", "path", "step", "page", "prompt", "created", "updated"];
  const KEYS = ["id", "date", "type", "title", "description", "learnt", "impact", "peer_with", "peer_what", "minutes",
    "path", "step", "page", "prompt", "created", "updated"];
  // The form's text fields, in the regulator's order after the title.
  const TEXTS = ["title", "description", "learnt", "impact", "peer_with", "peer_what"];

  const { show, isText, hasOnly } = P;

  /* ------------------------------------------------------------ the stored record */

  const nullOr = (value, test) => value === null || test(value);

  const sameKeys = (e, keys) => rbp.isObject(e) && Object.keys(e).length === keys.length && hasOnly(e, keys);

  /* What both versions share: id, date, time spent, what the entry is linked to, when it was saved. */
  const validCommon = (e) => typeof e.id === "string" && ENTRY_ID.test(e.id) && rbp.isDay(e.date) &&
    nullOr(e.minutes, (m) => rbp.isCount(m, MAX_MINUTES)) &&
    nullOr(e.path, (p) => typeof p === "string" && P.ID_RE.test(p)) &&
    nullOr(e.step, (s) => isText(s, 300) && s !== "") &&
    (e.path === null) === (e.step === null) &&
    nullOr(e.page, (p) => isText(p, 300) && p !== "") &&
    nullOr(e.prompt, (p) => isText(p, 2000)) &&
    isText(e.created, 40) && isText(e.updated, 40);

  const validV1 = (e) => sameKeys(e, V1_KEYS) && validCommon(e) && isText(e.what, MAX_TEXT) && e.what.trim() !== "" &&
    isText(e.so_what, MAX_TEXT) && isText(e.now_what, MAX_TEXT);

  const validV2 = (e) => sameKeys(e, KEYS) && validCommon(e) && TYPES.includes(e.type) && isText(e.title, MAX_TITLE) &&
    isText(e.description, MAX_STORED) && isText(e.learnt, MAX_STORED) && e.learnt.trim() !== "" &&
    isText(e.impact, MAX_STORED) && isText(e.peer_with, MAX_WHO) && isText(e.peer_what, MAX_STORED) &&
    (e.peer_with === "") === (e.peer_what === "");

  /* A list of entries of one version: each valid, no id twice. */
  const validEntries = (list, v = VERSION) => {
    if (!Array.isArray(list) || list.length > MAX_ENTRIES) return false;
    const valid = v === 1 ? validV1 : validV2;
    const ids = new Set();
    return list.every((e) => {
      if (!valid(e) || ids.has(e.id)) return false;
      ids.add(e.id);
      return true;
    });
  };

  const validStore = (d) => rbp.isObject(d) && hasOnly(d, ["v", "entries"]) && (d.v === 1 || d.v === VERSION) &&
    validEntries(d.entries, d.v);

  /* The one shape an entry is kept in, keys always in the same order. */
  const entry = (f) => Object.fromEntries(KEYS.map((k) => [k, f[k] === undefined ? (TEXTS.includes(k) ? "" : null) : f[k]]));

  /* A version 1 reflection in the regulator's shape: what happened and what was learnt is what I learnt;
     "so what" (what it means for my practice) and "now what" (what I will do) are the impact. */
  const fromV1 = (e) => entry({
    id: e.id, date: e.date, type: e.path ? "path" : e.page ? "reading" : "other", title: "", description: "",
    learnt: e.what, impact: [e.so_what, e.now_what].filter((t) => t.trim() !== "").join("\n\n"),
    minutes: e.minutes, path: e.path, step: e.step, page: e.page, prompt: e.prompt, created: e.created, updated: e.updated
  });

  const migrate = (list, v) => (v === 1 ? list.map(fromV1) : list);

  const readEntries = () => {
    const r = rbp.read("local", REFLECTIONS, VERSION, validStore);
    P.dropped(r.problem, "Your CPD record");
    return r.value ? migrate(r.value.entries, r.value.v) : [];
  };

  const writeEntries = (entries) => {
    if (entries.length) return rbp.write("local", REFLECTIONS, { v: VERSION, entries });
    rbp.remove("local", REFLECTIONS);
    return true;
  };

  const randomId = () => "r-" + [...window.crypto.getRandomValues(new Uint32Array(3))]
    .map((w) => ("000000" + w.toString(36)).slice(-7)).join("");

  /* ------------------------------------------------------------ registration years */

  /* Social Work England's registration year that a day falls in: 1 December to 30 November. */
  const yearOf = (day) => {
    const y = parseInt(day.slice(0, 4), 10);
    const from = day.slice(5, 7) === "12" ? y : y - 1;
    return { start: from + "-12-01", end: from + 1 + "-11-30" };
  };

  const yearText = (yr) => rbp.longDate(yr.start) + " – " + rbp.longDate(yr.end);

  const hasPeer = (e) => e.peer_what.trim() !== "";

  /* "3 pieces of CPD, 1 with peer reflection" */
  const cpdCount = (entries) => {
    if (!entries.length) return "no CPD recorded yet";
    const peers = entries.filter(hasPeer).length;
    return rbp.plural(entries.length, "piece") + " of CPD, " + (peers ? peers : "none") + " with peer reflection";
  };

  /* Entries by registration year, the latest year first; entries in date order within a year. */
  const byYear = (entries) => {
    const years = new Map();
    entries.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.created < b.created ? -1 : 1))
      .forEach((e) => {
        const yr = yearOf(e.date);
        if (!years.has(yr.start)) years.set(yr.start, { year: yr, entries: [] });
        years.get(yr.start).entries.push(e);
      });
    return [...years.values()].sort((a, b) => (a.year.start < b.year.start ? 1 : -1));
  };

  /* ------------------------------------------------------------ progress through a path */

  const progress = (def, entries) => {
    const done = P.readPath(def.id, def.title);
    const reflections = entries || readEntries();
    const steps = def.steps.map((s) => {
      const st = { step: s, done: false, result: null, reflections: [] };
      if (s.kind === "page") {
        st.done = !!done && done.includes(s.key);
      } else if (s.kind === "quiz") {
        st.result = P.quizStep(s);
        st.done = !!(st.result && st.result.passed);
      } else if (s.kind === "scenario") {
        st.result = P.scenarioStep(s);
        st.done = !!st.result;
      } else {
        st.reflections = reflections.filter((e) => e.path === def.id && e.step === s.key);
        st.done = st.reflections.length > 0;
      }
      return st;
    });
    const left = steps.filter((st) => !st.done);
    return { steps, count: steps.length - left.length, total: steps.length, first: left[0] || null, started: done !== null };
  };

  const countText = (p) => p.count + " of " + p.total + " complete";

  /* "Start path" at 0 of N before the reader starts; then "Continue: step 3, …", a link to that step. */
  const goTo = (link, p, title) => {
    show(link, !!p.first);
    if (!p.first) return;
    const s = p.first.step;
    link.textContent = !p.started && !p.count ? "Start path" : "Continue: step " + s.n + ", " + s.label;
    if (title) link.appendChild(rbp.make("span", "rbp-vh", " (" + title + ")"));
    link.setAttribute("href", s.href);
  };

  /* ------------------------------------------------------------ the CPD form */

  const field = (form, name) => form.querySelector('[data-field="' + name + '"]');

  /* Errors the GOV.UK way: a summary at the top of the form ("There is a problem", a link to each
     field at fault), each message above its field (and in its description), the summary focused
     so a screen reader reads it. clearErrors undoes all of it. */
  const clearErrors = (form) => {
    const summary = form.querySelector("[data-error-summary]");
    if (summary) {
      show(summary, false);
      summary.querySelector("[data-error-list]").textContent = "";
    }
    form.querySelectorAll("[data-field-error]").forEach((p) => {
      const el = form.querySelector("#" + p.getAttribute("data-field-error"));
      if (el) {
        el.removeAttribute("aria-invalid");
        const rest = (el.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== p.id);
        if (rest.length) el.setAttribute("aria-describedby", rest.join(" "));
        else el.removeAttribute("aria-describedby");
      }
      p.remove();
    });
  };

  const showErrors = (form, errors) => {
    clearErrors(form);
    const summary = form.querySelector("[data-error-summary]");
    const list = summary.querySelector("[data-error-list]");
    errors.forEach(({ el, message }) => {
      const p = rbp.make("p", "rbp-field__error", "");
      p.id = el.id + "-error";
      p.setAttribute("data-field-error", el.id);
      p.appendChild(rbp.make("span", "rbp-vh", "Error: "));
      p.appendChild(document.createTextNode(message));
      el.parentNode.insertBefore(p, el);
      el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", ((el.getAttribute("aria-describedby") || "") + " " + p.id).trim());
      const link = rbp.make("a", null, message);
      link.href = "#" + el.id;
      list.appendChild(rbp.make("li")).appendChild(link);
    });
    if (!summaries.has(summary)) {
      summaries.add(summary);
      summary.addEventListener("click", toField);
    }
    show(summary, true);
    summary.focus();
  };

  /* A link in the summary moves focus to its field, with the field's label in view. */
  const summaries = new WeakSet();
  const toField = (event) => {
    const link = event.target.closest("a[href^='#']");
    const el = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!el) return;
    event.preventDefault();
    event.stopPropagation(); // not a navigation: Material's instant navigation must not reload the page
    const label = document.querySelector("label[for='" + el.id + "']");
    (label || el).scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  };

  /* What the reader typed into a CPD form (the fields it has), or null after showing every
     problem in it at once. */
  const readForm = (form) => {
    const values = {};
    const errors = [];
    const fail = (name, message) => errors.push({ el: field(form, name), message });
    const date = field(form, "date");
    if (date) {
      if (!rbp.isDay(date.value)) fail("date", "Enter the date of the activity.");
      else if (date.value > rbp.today()) fail("date", "Enter a date that is not after today.");
      else values.date = date.value;
    }
    const type = field(form, "type");
    if (type) {
      if (!TYPES.includes(type.value)) fail("type", "Choose the type of activity.");
      else values.type = type.value;
    }
    TEXTS.forEach((name) => {
      const el = field(form, name);
      values[name] = el ? el.value.trim().slice(0, name === "title" ? MAX_TITLE : name === "peer_with" ? MAX_WHO : MAX_STORED) : "";
    });
    if (field(form, "title") && !values.title) fail("title", "Give the activity a title.");
    if (!values.learnt) fail("learnt", "Write what you learnt before you save.");
    if (values.peer_what && !values.peer_with) fail("peer_with", "Say who you reflected with: their role, not their name.");
    if (values.peer_with && !values.peer_what) fail("peer_what", "Say what came of the peer reflection.");
    const minutes = field(form, "minutes").value.trim();
    if (minutes === "") {
      values.minutes = null;
    } else if (!/^\d+$/.test(minutes) || parseInt(minutes, 10) > MAX_MINUTES) {
      fail("minutes", "Enter the time spent as a whole number of minutes, from 0 to " + MAX_MINUTES + ".");
    } else {
      values.minutes = parseInt(minutes, 10);
    }
    if (errors.length) {
      showErrors(form, errors);
      return null;
    }
    clearErrors(form);
    return values;
  };

  /* ------------------------------------------------------------ path cards: the list and My learning */

  class PathCard {
    constructor(card) {
      this.card = card;
      this.def = P.pathDef(card.getAttribute("data-path-card"));
      if (!this.def) throw new Error("paths: no path “" + card.getAttribute("data-path-card") + "” on this page");
      this.go = card.querySelector("[data-path-go]");
      this.refresh();
      if (this.go) this.go.addEventListener("click", () => P.begin(this.def));
      show(card.querySelector("[data-path-progress]"), true);
    }

    refresh() {
      const { card, def } = this;
      const p = progress(def);
      card.querySelector("[data-path-count]").textContent = !p.started && !p.count ? "Not started: 0 of " + p.total + " complete" : countText(p);
      const bar = card.querySelector("[data-path-bar]");
      bar.max = p.total;
      bar.value = p.count;
      card.classList.toggle("is-done", !p.first);
      if (this.go) goTo(this.go, p, def.title);
      const finished = card.querySelector("[data-path-finished]");
      if (finished) show(finished, !p.first);
    }
  }

  rbp.learning = {
    VERSION, REFLECTIONS, TYPES, validEntries, entry, migrate, readEntries, writeEntries, randomId, yearOf, yearText,
    hasPeer, cpdCount, byYear, progress, countText, goTo, field, clearErrors, readForm
  };

  rbp.start("[data-path-card]", PathCard);
})();
