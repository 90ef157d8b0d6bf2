/* Learning paths, My learning, the reflective log and the CPD record.

   Enhances the HTML that macros/paths.py renders; everything stays in this browser (localStorage):
     rbp:path:<id>     {"v":1,"done":["page:theory/index.md", …]}   steps marked as done
     rbp:reflections   {"v":1,"entries":[{id, date, what, so_what, now_what, minutes, path, step, page, prompt, created, updated}]}
   Quiz results (rbp:quiz:<id>) belong to quiz.js: read here without changing them, except by import and clear.
   A quiz step is done when its result is passed for the quiz's current content hash; a reflection step
   is done when a reflection is saved for it. Nothing is written until the reader acts. */
(function () {
  "use strict";

  var VERSION = 1;
  var PATH = "rbp:path:";
  var QUIZ = "rbp:quiz:";
  var REFLECTIONS = "rbp:reflections";
  var FORMAT = "rbp-learning";
  var MAX_TEXT = 5000;
  var MAX_ENTRIES = 2000;
  var MAX_DONE = 500;
  var MAX_MINUTES = 1440;
  var MAX_FILE = 5 * 1024 * 1024;
  var ID_RE = /^[a-z0-9][a-z0-9_-]{0,99}$/;
  var ENTRY_ID = /^r-[a-z0-9]{8,40}$/;
  var ENTRY_KEYS = ["id", "date", "what", "so_what", "now_what", "minutes", "path", "step", "page", "prompt", "created", "updated"];
  var FIELDS = [
    ["what", "What happened / what I learned"],
    ["so_what", "So what (what it means for my practice)"],
    ["now_what", "Now what (what I will do)"]
  ];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var REASONS = {
    corrupt: "could not be read",
    newer: "came from a newer version of this site",
    invalid: "was not in the expected form"
  };

  var store = window.rbpStore;
  var components = []; // {root, refresh} for what is on the current page
  var notices = []; // problems met while reading storage, shown on the current page
  var catalogueCache = null;

  /* ------------------------------------------------------------ small helpers */

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function one(root, selector) {
    return root.querySelector(selector);
  }

  function show(el, on) {
    if (el) el.hidden = !on;
  }

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function isDay(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    var p = s.split("-").map(Number);
    var d = new Date(p[0], p[1] - 1, p[2]);
    return d.getFullYear() === p[0] && d.getMonth() === p[1] - 1 && d.getDate() === p[2];
  }

  function longDate(s) {
    var p = s.split("-");
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + p[0];
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function duration(minutes) {
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    var parts = [];
    if (h) parts.push(plural(h, "hour", "hours"));
    if (m || !h) parts.push(plural(m, "minute", "minutes"));
    return parts.join(" ");
  }

  function isText(s, max) {
    return typeof s === "string" && s.length <= (max || MAX_TEXT);
  }

  function isCount(n, max) {
    return typeof n === "number" && Math.floor(n) === n && n >= 0 && n <= max;
  }

  function isObject(o) {
    return o !== null && typeof o === "object" && !Array.isArray(o);
  }

  function hasOnly(o, keys) {
    return Object.keys(o).every(function (k) {
      return keys.indexOf(k) >= 0;
    });
  }

  /* Build-time data sits in a hidden element's data- attribute (never a script block: instant
     navigation would run it as JavaScript). */
  function readJSON(holder) {
    if (!holder) return null;
    var attr = holder.hasAttribute("data-path-def") ? "data-path-def" : "data-paths-catalogue";
    try {
      return JSON.parse(holder.getAttribute(attr));
    } catch (e) {
      return null;
    }
  }

  function randomId() {
    var words = new Uint32Array(3);
    window.crypto.getRandomValues(words);
    var out = "r-";
    each(words, function (w) {
      out += ("000000" + w.toString(36)).slice(-7);
    });
    return out;
  }

  function catalogue() {
    if (!catalogueCache) catalogueCache = readJSON(one(document, "[data-paths-catalogue]")) || { paths: [], quizzes: {} };
    return catalogueCache;
  }

  function pathDef(id) {
    return catalogue().paths.filter(function (p) {
      return p.id === id;
    })[0] || null;
  }

  /* ------------------------------------------------------------ validation */

  function validPath(d) {
    if (!isObject(d) || d.v !== VERSION || !hasOnly(d, ["v", "done"]) || !Array.isArray(d.done) || d.done.length > MAX_DONE) return false;
    return d.done.every(function (k, i) {
      return isText(k, 300) && k.length > 0 && d.done.indexOf(k) === i;
    });
  }

  function validQuiz(d) {
    return isObject(d) && d.v === VERSION && isText(d.hash, 100) && isCount(d.total, 10000) && d.total > 0 &&
      isCount(d.score, d.total) && typeof d.passed === "boolean" && isDay(d.date);
  }

  function nullOr(value, test) {
    return value === null || test(value);
  }

  function validEntry(e) {
    if (!isObject(e) || Object.keys(e).length !== ENTRY_KEYS.length || !hasOnly(e, ENTRY_KEYS)) return false;
    return typeof e.id === "string" && ENTRY_ID.test(e.id) && isDay(e.date) &&
      isText(e.what) && e.what.trim() !== "" && isText(e.so_what) && isText(e.now_what) &&
      nullOr(e.minutes, function (m) { return isCount(m, MAX_MINUTES); }) &&
      nullOr(e.path, function (p) { return typeof p === "string" && ID_RE.test(p); }) &&
      nullOr(e.step, function (s) { return isText(s, 300) && s !== ""; }) &&
      (e.path === null) === (e.step === null) &&
      nullOr(e.page, function (p) { return isText(p, 300) && p !== ""; }) &&
      nullOr(e.prompt, function (p) { return isText(p, 2000); }) &&
      isText(e.created, 40) && isText(e.updated, 40);
  }

  function validEntries(list) {
    if (!Array.isArray(list) || list.length > MAX_ENTRIES) return false;
    var ids = {};
    return list.every(function (e) {
      if (!validEntry(e) || ids[e.id]) return false;
      ids[e.id] = true;
      return true;
    });
  }

  function validReflections(d) {
    return isObject(d) && d.v === VERSION && hasOnly(d, ["v", "entries"]) && validEntries(d.entries);
  }

  /* The one shape an entry is stored in, keys always in the same order. */
  function entry(f) {
    var out = {};
    ENTRY_KEYS.forEach(function (k) {
      out[k] = f[k] === undefined ? null : f[k];
    });
    return out;
  }

  /* ------------------------------------------------------------ storage */

  function notice(message) {
    if (notices.indexOf(message) < 0) notices.push(message);
    showNotices();
  }

  function showNotices() {
    var box = one(document, "[data-path-problem]");
    if (!box) return;
    notices.forEach(function (message) {
      var seen = Array.prototype.some.call(box.children, function (p) {
        return p.textContent === message;
      });
      if (!seen) box.appendChild(make("p", null, message));
    });
  }

  function dropped(problem, what) {
    if (REASONS[problem]) notice(what + " " + REASONS[problem] + ", so it has been cleared. Nothing else was changed.");
    else if (problem === "unavailable" && store) notice(store.messages.unavailable);
  }

  function readPath(id, title) {
    if (!store) return [];
    var r = store.read("local", PATH + id, VERSION, validPath);
    dropped(r.problem, "Your saved progress on “" + (title || id) + "”");
    return r.value ? r.value.done.slice() : [];
  }

  function writePath(id, done) {
    if (!store) return false;
    if (!done.length) {
      store.remove("local", PATH + id);
      return true;
    }
    return store.write("local", PATH + id, { v: VERSION, done: done });
  }

  /* A quiz result, read without changing it: quiz.js decides what to keep. */
  function readQuiz(id) {
    try {
      var raw = window.localStorage.getItem(QUIZ + id);
      if (raw === null || raw.length > 10000) return null;
      var d = JSON.parse(raw);
      return validQuiz(d) ? d : null;
    } catch (e) {
      return null;
    }
  }

  function readReflections() {
    if (!store) return [];
    var r = store.read("local", REFLECTIONS, VERSION, validReflections);
    dropped(r.problem, "Your reflective log");
    return r.value ? r.value.entries : [];
  }

  function writeReflections(entries) {
    if (!store) return false;
    if (!entries.length) {
      store.remove("local", REFLECTIONS);
      return true;
    }
    return store.write("local", REFLECTIONS, { v: VERSION, entries: entries });
  }

  function couldNotSave(region) {
    var message = "Could not save. Your browser is not letting this site store anything, or its storage is full.";
    notice(message);
    announce(region, message);
  }

  /* ------------------------------------------------------------ progress */

  function progress(def, entries) {
    var done = readPath(def.id, def.title);
    entries = entries || readReflections();
    var steps = def.steps.map(function (s) {
      var st = { step: s, done: false, result: null, reflections: [] };
      if (s.kind === "page") {
        st.done = done.indexOf(s.key) >= 0;
      } else if (s.kind === "quiz") {
        var r = readQuiz(s.quiz);
        st.result = r && (!s.hash || r.hash === s.hash) ? r : null;
        st.done = !!(st.result && st.result.passed);
      } else {
        st.reflections = entries.filter(function (e) {
          return e.path === def.id && e.step === s.key;
        });
        st.done = st.reflections.length > 0;
      }
      return st;
    });
    var left = steps.filter(function (st) {
      return !st.done;
    });
    return { steps: steps, count: steps.length - left.length, total: steps.length, first: left[0] || null };
  }

  function countText(p) {
    return p.count + " of " + p.total + " complete";
  }

  function stateText(st) {
    var s = st.step;
    if (s.kind === "page") return st.done ? "Done" : "Not done yet";
    if (s.kind === "quiz") {
      var r = st.result;
      if (st.done) return "Done: passed with " + r.score + " out of " + r.total + " on " + longDate(r.date);
      if (r) return "Not passed yet: " + r.score + " out of " + r.total + " last time";
      return "Not done yet: pass the quiz to complete this step";
    }
    if (st.done) {
      var last = st.reflections.map(function (e) { return e.date; }).sort().pop();
      return "Done: reflection saved on " + longDate(last);
    }
    return "Not done yet: save a reflection to complete this step";
  }

  function announce(region, message) {
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 60);
  }

  function refreshAll() {
    components = components.filter(function (c) {
      return document.documentElement.contains(c.root);
    });
    components.forEach(function (c) {
      c.refresh();
    });
  }

  function keep(root, refresh) {
    components.push({ root: root, refresh: refresh });
    refresh();
  }

  function ready(root, name) {
    if (root.getAttribute(name) === "1") return false;
    root.setAttribute(name, "1");
    return true;
  }

  function toggleStep(def, key, region) {
    var done = readPath(def.id, def.title);
    var at = done.indexOf(key);
    var marking = at < 0;
    if (marking) done.push(key);
    else done.splice(at, 1);
    if (!writePath(def.id, done)) return couldNotSave(region);
    refreshAll();
    announce(region, (marking ? "Step marked as done. " : "Step marked as not done. ") + countText(progress(def)) + ".");
  }

  /* ------------------------------------------------------------ reflection forms */

  function field(form, name) {
    return one(form, '[data-field="' + name + '"]');
  }

  function formError(form, message, focus) {
    var box = one(form, "[data-form-error]");
    box.textContent = message || "";
    each(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
    if (focus) {
      focus.setAttribute("aria-invalid", "true");
      focus.focus();
    }
  }

  /* The reflection typed into a form, or null after saying what to fix. */
  function readForm(form) {
    var values = {};
    FIELDS.forEach(function (f) {
      values[f[0]] = field(form, f[0]).value.trim().slice(0, MAX_TEXT);
    });
    if (!values.what) {
      formError(form, "Write what happened or what you learned before you save.", field(form, "what"));
      return null;
    }
    var minutes = field(form, "minutes").value.trim();
    if (minutes === "") {
      values.minutes = null;
    } else if (!/^\d+$/.test(minutes) || parseInt(minutes, 10) > MAX_MINUTES) {
      formError(form, "Enter the time spent as a whole number of minutes, from 0 to " + MAX_MINUTES + ".", field(form, "minutes"));
      return null;
    } else {
      values.minutes = parseInt(minutes, 10);
    }
    var date = field(form, "date");
    if (date) {
      if (!isDay(date.value)) {
        formError(form, "Enter the date of your reflection.", date);
        return null;
      }
      values.date = date.value;
    }
    formError(form, "");
    return values;
  }

  /* ------------------------------------------------------------ a path page */

  function setupPath(root) {
    if (!ready(root, "data-path-ready")) return;
    var def = readJSON(one(root, "[data-path-def]"));
    if (!def || !store) return;
    var region = one(root, "[data-path-live]");
    var items = {};
    each(root.querySelectorAll("li[data-step]"), function (li) {
      items[li.getAttribute("data-step")] = li;
    });
    var mine = one(root, "[data-my-learning-link]");
    var continueLink = one(root, "[data-path-continue]");
    show(one(root, "[data-path-nojs]"), false);
    show(one(root, "[data-path-progress]"), true);
    each(root.querySelectorAll("[data-step-status]"), function (el) {
      show(el, true);
    });

    function refresh() {
      var p = progress(def);
      one(root, "[data-path-count]").textContent = countText(p);
      var bar = one(root, "[data-path-bar]");
      bar.max = p.total;
      bar.value = p.count;
      one(root, "[data-path-next]").textContent = p.first
        ? "Next: step " + p.first.step.n + ", " + p.first.step.label + "."
        : "You have finished this path. Well done.";
      show(continueLink.parentNode, !!p.first);
      if (p.first) continueLink.setAttribute("href", "#" + p.first.step.anchor);
      p.steps.forEach(function (st) {
        var li = items[st.step.key];
        if (!li) return;
        li.classList.toggle("is-done", st.done);
        var state = one(li, "[data-step-state]");
        state.textContent = stateText(st);
        if (st.step.kind === "reflect" && st.done && mine) {
          state.appendChild(document.createTextNode(". "));
          var a = make("a", null, "See it in My learning");
          a.href = mine.getAttribute("href") + "#your-reflective-log";
          state.appendChild(a);
        }
        var toggle = one(li, "[data-step-toggle]");
        if (toggle) toggle.setAttribute("aria-pressed", st.done ? "true" : "false");
      });
    }

    function openForm(button, open) {
      var form = document.getElementById(button.getAttribute("aria-controls"));
      button.setAttribute("aria-expanded", open ? "true" : "false");
      show(form, open);
      if (open) field(form, "what").focus();
    }

    root.addEventListener("click", function (event) {
      var target = event.target.closest("button, a");
      if (!target || !root.contains(target)) return;
      var li = target.closest("li[data-step]");
      if (target.hasAttribute("data-step-toggle")) {
        toggleStep(def, li.getAttribute("data-step"), region);
      } else if (target.hasAttribute("data-reflect-open")) {
        openForm(target, target.getAttribute("aria-expanded") !== "true");
      } else if (target.hasAttribute("data-reflect-cancel")) {
        var opener = one(li, "[data-reflect-open]");
        formError(target.form, "");
        openForm(opener, false);
        opener.focus();
      } else if (target === continueLink) {
        var next = document.getElementById((target.getAttribute("href") || "").slice(1));
        if (next) {
          event.preventDefault();
          next.focus();
          next.scrollIntoView({ block: "start" });
        }
      }
    });

    each(root.querySelectorAll("[data-reflect-form]"), function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var li = form.closest("li[data-step]");
        var key = li.getAttribute("data-step");
        var step = def.steps.filter(function (s) { return s.key === key; })[0];
        var values = readForm(form);
        if (!values || !step) return;
        var now = new Date().toISOString();
        var entries = readReflections();
        entries.push(entry({
          id: randomId(), date: today(), what: values.what, so_what: values.so_what, now_what: values.now_what,
          minutes: values.minutes, path: def.id, step: key, prompt: step.prompt || null, created: now, updated: now
        }));
        if (!writeReflections(entries)) return couldNotSave(region);
        form.reset();
        var opener = one(li, "[data-reflect-open]");
        openForm(opener, false);
        opener.focus();
        refreshAll();
        announce(region, "Reflection saved. " + countText(progress(def)) + ".");
      });
    });

    keep(root, refresh);
  }

  /* ------------------------------------------------------------ the banner on a step's page */

  function setupBanner(root) {
    if (!ready(root, "data-path-ready")) return;
    var def = readJSON(one(root, "[data-path-def]"));
    if (!def || !store) return;
    var key = root.getAttribute("data-step");
    var region = one(root, "[data-path-live]");
    var toggle = one(root, "[data-step-toggle]");
    show(one(root, "[data-step-status]"), true);

    function refresh() {
      var p = progress(def);
      var st = p.steps.filter(function (s) { return s.step.key === key; })[0];
      if (!st) return;
      root.classList.toggle("is-done", st.done);
      one(root, "[data-step-state]").textContent = st.step.kind === "page"
        ? (st.done ? "Done" : "Not done yet")
        : (st.done ? "Done: quiz passed" : "Not done yet: pass the quiz below");
      if (toggle) toggle.setAttribute("aria-pressed", st.done ? "true" : "false");
    }

    if (toggle) {
      toggle.addEventListener("click", function () {
        toggleStep(def, key, region);
      });
    }
    keep(root, refresh);
  }

  /* ------------------------------------------------------------ path cards: the list and My learning */

  function setupCard(card) {
    if (!ready(card, "data-path-ready")) return;
    var def = pathDef(card.getAttribute("data-path-card"));
    if (!def || !store) return;
    show(one(card, "[data-path-progress]"), true);

    function refresh() {
      var p = progress(def);
      one(card, "[data-path-count]").textContent = p.count === 0 ? "Not started: 0 of " + p.total + " complete" : countText(p);
      var bar = one(card, "[data-path-bar]");
      bar.max = p.total;
      bar.value = p.count;
      card.classList.toggle("is-done", !p.first);
      var next = one(card, "[data-path-next]");
      if (!next) return;
      next.textContent = "";
      if (!p.first) {
        next.textContent = "You have finished this path.";
        return;
      }
      next.appendChild(document.createTextNode((p.count ? "Next" : "First") + " step: "));
      var a = make("a", null, "Step " + p.first.step.n + ", " + p.first.step.label);
      a.href = p.first.step.kind === "page" || p.first.step.kind === "quiz"
        ? p.first.step.href : def.href + "#" + p.first.step.anchor;
      next.appendChild(a);
    }
    keep(card, refresh);
  }

  /* ------------------------------------------------------------ My learning */

  function learningRegion() {
    return one(document, "[data-learning-live]");
  }

  function linkInfo(e, select) {
    if (e.path) {
      var def = pathDef(e.path);
      var step = def && def.steps.filter(function (s) { return s.key === e.step; })[0];
      if (step) {
        // A reflection step's prompt is shown in full with the entry, so the link need not repeat it.
        var where = "Step " + step.n + " of “" + def.title + "”";
        return { label: step.kind === "reflect" && e.prompt ? where : where + ": " + step.label, short: step.label,
          href: step.kind === "reflect" ? def.href + "#" + step.anchor : step.href, value: "step|" + e.path + "|" + e.step };
      }
      return { label: "A step of a path that has changed", short: e.prompt || "A path step", href: null, value: "" };
    }
    if (e.page) {
      var option = null;
      each(select ? select.options : [], function (o) {
        if (o.value === "page|" + e.page) option = o;
      });
      var title = option ? option.textContent : e.page;
      return { label: title, short: title, href: option ? option.getAttribute("data-href") : null, value: option ? option.value : "" };
    }
    return null;
  }

  function quizRows() {
    var quizzes = catalogue().quizzes || {};
    var rows = [];
    if (!store) return rows;
    store.keys("local", QUIZ).forEach(function (key) {
      var id = key.slice(QUIZ.length);
      var r = readQuiz(id);
      if (r) rows.push({ id: id, result: r, info: quizzes[id] || null });
    });
    rows.sort(function (a, b) {
      return a.result.date < b.result.date ? 1 : a.result.date > b.result.date ? -1 : a.id < b.id ? -1 : 1;
    });
    return rows;
  }

  function setupQuizResults(root) {
    var tbody = one(root, "[data-quiz-rows]");
    function refresh() {
      var rows = quizRows();
      tbody.textContent = "";
      rows.forEach(function (row) {
        var tr = make("tr");
        var name = make("td");
        var title = row.info ? row.info.title : row.id;
        if (row.info && row.info.href) {
          var a = make("a", null, title);
          a.href = row.info.href;
          name.appendChild(a);
        } else {
          name.textContent = title;
        }
        if (row.info && row.info.hash && row.info.hash !== row.result.hash) {
          name.appendChild(make("span", "rbp-note", " (an earlier version of this quiz)"));
        }
        tr.appendChild(name);
        tr.appendChild(make("td", null, row.result.score + " out of " + row.result.total));
        tr.appendChild(make("td", row.result.passed ? "rbp-passed" : null, row.result.passed ? "Passed" : "Not passed"));
        tr.appendChild(make("td", null, longDate(row.result.date)));
        tbody.appendChild(tr);
      });
      show(one(root, "[data-quiz-table]"), rows.length > 0);
      show(one(root, "[data-quiz-empty]"), rows.length === 0);
    }
    keep(root, refresh);
  }

  function setupLog(root) {
    var tools = one(root, "[data-log-tools]");
    var add = one(root, "[data-log-add]");
    var form = one(root, "[data-log-form]");
    var legend = one(root, "[data-log-legend]");
    var list = one(root, "[data-log-entries]");
    var total = one(root, "[data-log-total]");
    var select = field(form, "link");
    var editing = null;
    show(tools, true);

    function openForm(e) {
      editing = e ? e.id : null;
      form.reset();
      formError(form, "");
      legend.textContent = e ? "Edit reflection from " + longDate(e.date) : "New reflection";
      field(form, "date").value = e ? e.date : today();
      FIELDS.forEach(function (f) {
        field(form, f[0]).value = e ? e[f[0]] : "";
      });
      field(form, "minutes").value = e && e.minutes !== null ? String(e.minutes) : "";
      var link = e ? linkInfo(e, select) : null;
      select.value = link ? link.value : "";
      show(form, true);
      add.setAttribute("aria-expanded", "true");
      field(form, "date").focus();
    }

    function closeForm() {
      editing = null;
      show(form, false);
      add.setAttribute("aria-expanded", "false");
    }

    function item(e) {
      var li = make("li", "rbp-entry");
      li.setAttribute("data-entry", e.id);
      var article = make("article");
      var headingId = "entry-" + e.id;
      article.setAttribute("aria-labelledby", headingId);
      var link = linkInfo(e, select);
      var heading = make("h3", "rbp-entry__title", longDate(e.date) + ": " + (link ? link.short : e.what.split("\n")[0].slice(0, 60)));
      heading.id = headingId;
      heading.tabIndex = -1;
      article.appendChild(heading);
      var meta = make("p", "rbp-entry__meta");
      if (link) {
        meta.appendChild(document.createTextNode("Linked to: "));
        if (link.href) {
          var a = make("a", null, link.label);
          a.href = link.href;
          meta.appendChild(a);
        } else {
          meta.appendChild(document.createTextNode(link.label));
        }
        meta.appendChild(document.createTextNode(/[.?!]$/.test(link.label) ? " " : ". "));
      }
      if (e.minutes !== null) meta.appendChild(document.createTextNode("Time spent: " + duration(e.minutes) + "."));
      if (meta.childNodes.length) article.appendChild(meta);
      if (e.prompt) article.appendChild(make("p", "rbp-entry__prompt", "Prompt: " + e.prompt));
      var dl = make("dl", "rbp-entry__answers");
      FIELDS.forEach(function (f) {
        if (!e[f[0]]) return;
        dl.appendChild(make("dt", null, f[1]));
        dl.appendChild(make("dd", null, e[f[0]]));
      });
      article.appendChild(dl);
      var actions = make("div", "rbp-actions");
      var edit = make("button", "md-button rbp-small", "Edit");
      var del = make("button", "md-button rbp-small", "Delete");
      [edit, del].forEach(function (b) {
        b.type = "button";
        b.setAttribute("aria-describedby", headingId);
        actions.appendChild(b);
      });
      article.appendChild(actions);
      var confirm = make("div", "rbp-confirm");
      confirm.setAttribute("role", "group");
      confirm.setAttribute("aria-labelledby", headingId + "-q");
      confirm.hidden = true;
      var question = make("p", null, "Delete this reflection? You cannot undo this.");
      question.id = headingId + "-q";
      question.tabIndex = -1;
      var yes = make("button", "md-button md-button--primary rbp-small", "Yes, delete it");
      var no = make("button", "md-button rbp-small", "Cancel");
      yes.type = no.type = "button";
      var row = make("div", "rbp-actions");
      row.appendChild(yes);
      row.appendChild(no);
      confirm.appendChild(question);
      confirm.appendChild(row);
      article.appendChild(confirm);
      li.appendChild(article);

      edit.addEventListener("click", function () {
        openForm(e);
      });
      del.addEventListener("click", function () {
        show(confirm, true);
        show(actions, false);
        question.focus();
      });
      no.addEventListener("click", function () {
        show(confirm, false);
        show(actions, true);
        del.focus();
      });
      yes.addEventListener("click", function () {
        var entries = readReflections().filter(function (x) {
          return x.id !== e.id;
        });
        if (!writeReflections(entries)) return couldNotSave(learningRegion());
        if (editing === e.id) closeForm();
        refreshAll();
        add.focus();
        announce(learningRegion(), "Reflection deleted.");
      });
      return li;
    }

    function refresh() {
      var entries = readReflections().slice().sort(function (a, b) {
        if (a.date !== b.date) return a.date < b.date ? 1 : -1;
        return a.created < b.created ? 1 : a.created > b.created ? -1 : 0;
      });
      list.textContent = "";
      entries.forEach(function (e) {
        list.appendChild(item(e));
      });
      var minutes = entries.reduce(function (sum, e) {
        return sum + (e.minutes || 0);
      }, 0);
      total.textContent = entries.length
        ? plural(entries.length, "reflection", "reflections") + ", " + duration(minutes) + " recorded in total."
        : "You have not written any reflections in this browser yet.";
    }

    add.addEventListener("click", function () {
      if (add.getAttribute("aria-expanded") === "true" && !editing) {
        closeForm();
      } else {
        openForm(null);
      }
    });
    one(form, "[data-log-cancel]").addEventListener("click", function () {
      var was = editing;
      closeForm();
      var back = was ? one(list, '[data-entry="' + was + '"] button') : null;
      (back || add).focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = readForm(form);
      if (!values) return;
      var link = select.value.split("|");
      var entries = readReflections();
      var now = new Date().toISOString();
      var old = editing ? entries.filter(function (x) { return x.id === editing; })[0] : null;
      var prompt = null;
      if (link[0] === "step") {
        var def = pathDef(link[1]);
        var step = def && def.steps.filter(function (s) { return s.key === link[2]; })[0];
        prompt = step && step.prompt ? step.prompt : null;
      }
      var saved = entry({
        id: old ? old.id : randomId(), date: values.date, what: values.what, so_what: values.so_what,
        now_what: values.now_what, minutes: values.minutes,
        path: link[0] === "step" ? link[1] : null, step: link[0] === "step" ? link[2] : null,
        page: link[0] === "page" ? link[1] : null, prompt: prompt,
        created: old ? old.created : now, updated: now
      });
      if (old) {
        entries = entries.map(function (x) {
          return x.id === old.id ? saved : x;
        });
      } else {
        entries.push(saved);
      }
      if (!writeReflections(entries)) return couldNotSave(learningRegion());
      closeForm();
      refreshAll();
      var heading = document.getElementById("entry-" + saved.id);
      if (heading) heading.focus();
      announce(learningRegion(), old ? "Reflection updated." : "Reflection saved.");
    });
    keep(root, refresh);
  }

  /* ------------------------------------------------------------ export, import and clear */

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = make("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    // Keep Material's instant navigation from treating the download as a page to load.
    a.addEventListener("click", function (event) {
      event.stopPropagation();
    });
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
      a.remove();
    }, 1000);
  }

  function collect() {
    var out = { format: FORMAT, v: VERSION, exported: new Date().toISOString(), paths: {}, quizzes: {}, reflections: [] };
    if (!store) return out;
    store.keys("local", PATH).forEach(function (key) {
      var id = key.slice(PATH.length);
      if (!ID_RE.test(id)) return;
      var def = pathDef(id);
      var done = readPath(id, def ? def.title : id);
      if (done.length) out.paths[id] = { v: VERSION, done: done };
    });
    store.keys("local", QUIZ).forEach(function (key) {
      var id = key.slice(QUIZ.length);
      var r = readQuiz(id);
      if (r && ID_RE.test(id)) out.quizzes[id] = r;
    });
    out.reflections = readReflections();
    return out;
  }

  /* A file made by Export data, checked in full before anything is written. */
  function parseImport(text) {
    var d;
    try {
      d = JSON.parse(text);
    } catch (e) {
      return { error: "it is not a learning record exported from this site" };
    }
    if (!isObject(d) || d.format !== FORMAT) return { error: "it is not a learning record exported from this site" };
    if (typeof d.v !== "number" || d.v > VERSION) return { error: "it was made by a newer version of this site" };
    if (d.v !== VERSION || !isObject(d.paths) || !isObject(d.quizzes) || !Array.isArray(d.reflections)) {
      return { error: "it is not in the expected form" };
    }
    var bad = Object.keys(d.paths).filter(function (id) {
      return !ID_RE.test(id) || !validPath(d.paths[id]);
    });
    if (bad.length) return { error: "the progress it holds for a path is not in the expected form" };
    bad = Object.keys(d.quizzes).filter(function (id) {
      return !ID_RE.test(id) || !validQuiz(d.quizzes[id]);
    });
    if (bad.length) return { error: "a quiz result in it is not in the expected form" };
    if (!validEntries(d.reflections)) return { error: "a reflection in it is damaged or not in the expected form" };
    return { data: d };
  }

  function merge(d) {
    var counts = { paths: 0, quizzes: 0, reflections: 0 };
    var writes = [];
    Object.keys(d.paths).forEach(function (id) {
      var def = pathDef(id);
      var done = readPath(id, def ? def.title : id);
      var added = d.paths[id].done.filter(function (k) {
        return done.indexOf(k) < 0;
      });
      if (added.length) {
        counts.paths += 1;
        writes.push([PATH + id, { v: VERSION, done: done.concat(added) }]);
      }
    });
    Object.keys(d.quizzes).forEach(function (id) {
      var mine = readQuiz(id);
      var theirs = d.quizzes[id];
      if (!mine || (theirs.date > mine.date)) {
        counts.quizzes += 1;
        writes.push([QUIZ + id, theirs]);
      }
    });
    var entries = readReflections();
    var byId = {};
    entries.forEach(function (e, i) {
      byId[e.id] = i;
    });
    var changed = false;
    d.reflections.forEach(function (e) {
      var copy = entry(e);
      if (byId[e.id] === undefined) {
        byId[e.id] = entries.length;
        entries.push(copy);
      } else if (copy.updated > entries[byId[e.id]].updated) {
        entries[byId[e.id]] = copy;
      } else {
        return;
      }
      counts.reflections += 1;
      changed = true;
    });
    if (changed) writes.push([REFLECTIONS, { v: VERSION, entries: entries }]);
    var ok = writes.every(function (w) {
      return store.write("local", w[0], w[1]);
    });
    return ok ? counts : null;
  }

  function importSummary(c) {
    var parts = [];
    if (c.reflections) parts.push(plural(c.reflections, "reflection", "reflections"));
    if (c.paths) parts.push("progress on " + plural(c.paths, "path", "paths"));
    if (c.quizzes) parts.push(plural(c.quizzes, "quiz result", "quiz results"));
    if (!parts.length) return "Everything in that file was already here, so nothing has changed.";
    var last = parts.pop();
    return "Imported " + (parts.length ? parts.join(", ") + " and " + last : last) + ".";
  }

  function clearAll() {
    [PATH, QUIZ].forEach(function (prefix) {
      store.keys("local", prefix).forEach(function (key) {
        store.remove("local", key);
      });
    });
    store.remove("local", REFLECTIONS);
  }

  var CPD_CSS = [
    "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}",
    "main{max-width:46em;margin:0 auto;padding:2em 1.25em}",
    "h1{font-size:1.8em;margin:0 0 .25em}h2{font-size:1.35em;margin:2em 0 .5em;border-bottom:2px solid #00695c;padding-bottom:.2em}",
    "h3{font-size:1.1em;margin:1.5em 0 .25em}",
    ".meta,.note{color:#444}.note{border-left:4px solid #bf360c;padding:.5em .75em;background:#fbe9e7}",
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.35em .5em;vertical-align:top}",
    ".entry{border:1px solid #ccc;border-radius:4px;padding:.25em 1em 1em;margin:1em 0;break-inside:avoid}",
    "dt{font-weight:700;margin-top:.75em}dd{margin:.2em 0 0;white-space:pre-wrap}",
    "ul.steps{padding-left:1.2em}.done{font-weight:700}",
    "@media print{main{max-width:none;padding:0}h2{break-after:avoid}a{color:inherit}}"
  ].join("\n");

  /* The whole record as a standalone HTML document, built with DOM methods so user text stays text. */
  function cpdDocument() {
    var data = collect();
    var cat = catalogue();
    var doc = document.implementation.createHTMLDocument("");
    var when = longDate(today());
    doc.documentElement.setAttribute("lang", "en-GB");
    function add(parent, tag, text, className) {
      var el = doc.createElement(tag);
      if (text !== undefined && text !== null) el.textContent = text;
      if (className) el.className = className;
      parent.appendChild(el);
      return el;
    }
    function meta(attrs) {
      var m = doc.createElement("meta");
      Object.keys(attrs).forEach(function (k) {
        m.setAttribute(k, attrs[k]);
      });
      // The charset goes first, before the <title> the new document already has.
      if (attrs.charset) doc.head.insertBefore(m, doc.head.firstChild);
      else doc.head.appendChild(m);
    }
    meta({ charset: "utf-8" });
    meta({ "http-equiv": "Content-Security-Policy", content: "default-src 'none'; style-src 'unsafe-inline'" });
    meta({ name: "viewport", content: "width=device-width, initial-scale=1" });
    doc.title = "CPD record, " + when;
    add(doc.head, "style", CPD_CSS);
    var main = add(doc.body, "main");
    add(main, "h1", "My CPD record");
    add(main, "p", "Learning from " + (cat.site || "this site") + ", exported on " + when + ".", "meta");
    add(main, "p", "This record was kept in a web browser. Check it before you share it: it should hold nothing " +
      "that identifies a child, family or colleague.", "note");

    var entries = data.reflections.slice().sort(function (a, b) {
      return a.date < b.date ? -1 : a.date > b.date ? 1 : a.created < b.created ? -1 : 1;
    });
    var minutes = entries.reduce(function (s, e) { return s + (e.minutes || 0); }, 0);
    add(main, "h2", "Summary");
    var summary = add(main, "ul");
    add(summary, "li", plural(entries.length, "reflection", "reflections") + ", with " + duration(minutes) + " of time recorded.");
    var quizIds = Object.keys(data.quizzes);
    add(summary, "li", plural(quizIds.filter(function (id) { return data.quizzes[id].passed; }).length, "quiz", "quizzes") + " passed.");

    add(main, "h2", "Learning paths");
    var any = false;
    (cat.paths || []).forEach(function (def) {
      var p = progress(def, data.reflections);
      if (!p.count) return;
      any = true;
      add(main, "h3", def.title);
      add(main, "p", countText(p) + ".", "meta");
      var ul = add(main, "ul", null, "steps");
      p.steps.forEach(function (st) {
        var li = add(ul, "li", "Step " + st.step.n + ": " + st.step.label + " — ");
        add(li, "span", st.done ? "done" : "not done yet", st.done ? "done" : null);
      });
    });
    if (!any) add(main, "p", "No steps done yet.");

    add(main, "h2", "Quiz results");
    if (quizIds.length) {
      var table = add(main, "table");
      var head = add(add(table, "thead"), "tr");
      ["Quiz", "Score", "Result", "Date"].forEach(function (t) {
        add(head, "th", t).setAttribute("scope", "col");
      });
      var body = add(table, "tbody");
      quizIds.sort().forEach(function (id) {
        var r = data.quizzes[id];
        var tr = add(body, "tr");
        add(tr, "td", (cat.quizzes && cat.quizzes[id] && cat.quizzes[id].title) || id);
        add(tr, "td", r.score + " out of " + r.total);
        add(tr, "td", r.passed ? "Passed" : "Not passed");
        add(tr, "td", longDate(r.date));
      });
    } else {
      add(main, "p", "No quiz results.");
    }

    add(main, "h2", "Reflective log");
    if (!entries.length) add(main, "p", "No reflections yet.");
    entries.forEach(function (e) {
      var section = add(main, "section", null, "entry");
      var link = linkInfo(e, one(document, '[data-field="link"]'));
      add(section, "h3", longDate(e.date) + (link ? ": " + link.short : ""));
      var facts = [];
      if (link) facts.push("Linked to: " + link.label + (/[.?!]$/.test(link.label) ? "" : "."));
      if (e.minutes !== null) facts.push("Time spent: " + duration(e.minutes) + ".");
      if (facts.length) add(section, "p", facts.join(" "), "meta");
      if (e.prompt) add(section, "p", "Prompt: " + e.prompt, "meta");
      var dl = add(section, "dl");
      FIELDS.forEach(function (f) {
        if (!e[f[0]]) return;
        add(dl, "dt", f[1]);
        add(dl, "dd", e[f[0]]);
      });
    });
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }

  function setupRecord(root) {
    var status = one(root, "[data-record-status]");
    var error = one(root, "[data-import-error]");
    var input = one(root, "[data-import]");
    var confirm = one(root, "[data-clear-confirm]");
    var openClear = one(root, "[data-clear-open]");
    show(one(root, "[data-record-tools]"), true);

    function say(message) {
      error.textContent = "";
      status.textContent = message;
      announce(learningRegion(), message);
    }

    function fail(message) {
      status.textContent = "";
      error.textContent = "";
      error.appendChild(make("p", null, message));
    }

    one(root, "[data-export-cpd]").addEventListener("click", function () {
      download("cpd-record-" + today() + ".html", "text/html;charset=utf-8", cpdDocument());
      say("Your CPD record has been downloaded.");
    });
    one(root, "[data-export-data]").addEventListener("click", function () {
      download("my-learning-" + today() + ".json", "application/json", JSON.stringify(collect(), null, 2) + "\n");
      say("Your learning data has been downloaded. Keep the file somewhere safe.");
    });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var prefix = "That file could not be imported: ";
      var after = ". Nothing has been changed.";
      if (file.size > MAX_FILE) {
        fail(prefix + "it is too large to be a learning record from this site" + after);
        input.value = "";
        return;
      }
      file.text().then(function (text) {
        var parsed = parseImport(text);
        input.value = "";
        if (parsed.error) return fail(prefix + parsed.error + after);
        var counts = merge(parsed.data);
        if (!counts) return fail("Some of that file could not be saved: your browser's storage may be full.");
        refreshAll();
        say(importSummary(counts));
      }, function () {
        input.value = "";
        fail(prefix + "it could not be read" + after);
      });
    });
    openClear.addEventListener("click", function () {
      var open = openClear.getAttribute("aria-expanded") !== "true";
      openClear.setAttribute("aria-expanded", open ? "true" : "false");
      show(confirm, open);
      if (open) {
        var q = one(confirm, "p");
        q.tabIndex = -1;
        q.focus();
      }
    });
    one(root, "[data-clear-no]").addEventListener("click", function () {
      show(confirm, false);
      openClear.setAttribute("aria-expanded", "false");
      openClear.focus();
    });
    one(root, "[data-clear-yes]").addEventListener("click", function () {
      clearAll();
      show(confirm, false);
      openClear.setAttribute("aria-expanded", "false");
      refreshAll();
      openClear.focus();
      say("All your learning data has been cleared from this browser.");
    });
  }

  function setupMyLearning() {
    var first = one(document, "[data-my-learning]");
    if (!store || !ready(first, "data-learning-ready")) return;
    each(document.querySelectorAll("[data-my-learning] [data-path-nojs]"), function (el) {
      show(el, false);
    });
    var part = function (name) {
      return one(document, '[data-my-learning="' + name + '"]');
    };
    if (part("quizzes")) setupQuizResults(part("quizzes"));
    if (part("reflections")) setupLog(part("reflections"));
    if (part("record")) setupRecord(part("record"));
  }

  /* ------------------------------------------------------------ start */

  function init() {
    components = components.filter(function (c) {
      return document.documentElement.contains(c.root);
    });
    notices = [];
    catalogueCache = null;
    each(document.querySelectorAll("[data-path]"), setupPath);
    each(document.querySelectorAll("[data-path-banner]"), setupBanner);
    each(document.querySelectorAll("[data-path-card]"), setupCard);
    if (one(document, "[data-my-learning]")) setupMyLearning();
    showNotices();
  }

  // Another tab changed something, or a quiz on this page was just marked: show it.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf("rbp:") === 0) refreshAll();
  });
  document.addEventListener("submit", function () {
    window.setTimeout(refreshAll, 0);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation: runs on every page shown
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
