/* My learning: progress on every path (PathCard, from learning.js), the last quiz results (QuizResults), the
   last ending reached in each practice scenario (ScenarioResults),
   the CPD record by registration year (CpdRecord) and the record tools (LearningRecord): export the CPD
   record as HTML or CSV, or everything as JSON; import and merge such a file; clear it all.
   Loaded only on the My learning page, after paths.js and learning.js (rbp.paths, rbp.learning).

   "Record this as CPD" on a content page links here with ?record=<page>: the form opens filled in with
   that page and today's date, and nothing is saved until the reader presses Save. */
(() => {
  "use strict";

  const rbp = window.rbp;
  const P = rbp.paths;
  const L = rbp.learning;
  const { show } = P;
  const QUIZ = rbp.quizPrefix;
  const SCENARIO = rbp.scenarioPrefix;
  const FORMAT = "rbp-learning";
  const FILE_VERSION = 2; // version 1 files (a reflective log) are still read
  const MAX_FILE = 5 * 1024 * 1024;
  // Each field of an entry, in Social Work England's order (the title heads the entry).
  const FIELDS = [
    ["description", "Description and why it is relevant"],
    ["learnt", "What I learnt"],
    ["impact", "Impact on my practice and on the people I work with"]
  ];
  const PEER = "Peer reflection";

  const region = () => document.querySelector("[data-learning-live]");

  /* Each part says "Turn on JavaScript" until it works. */
  const working = (root) => root.querySelectorAll("[data-path-nojs]").forEach((el) => show(el, false));

  const duration = (minutes) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const parts = [];
    if (h) parts.push(rbp.plural(h, "hour"));
    if (m || !h) parts.push(rbp.plural(m, "minute"));
    return parts.join(" ");
  };

  const typeLabel = (key) => (P.catalogue().types || {})[key] || key;

  const linkSelect = () => document.querySelector('[data-my-learning="reflections"] [data-field="link"]');

  /* What an entry is linked to: a step of a path or a page (its title from the form's list). */
  const linkInfo = (e) => {
    if (e.path) {
      const def = P.pathDef(e.path);
      const step = P.stepOf(def, e.step);
      if (step) {
        const where = "Step " + step.n + " of “" + def.title + "”";
        return { label: step.kind === "reflect" && e.prompt ? where : where + ": " + step.label, short: step.label,
          href: step.href, value: "step|" + e.path + "|" + e.step };
      }
      return { label: "A step of a path that has changed", short: e.prompt || "A path step", href: null, value: "" };
    }
    if (e.page) {
      const select = linkSelect();
      const option = select ? [...select.options].find((o) => o.value === "page|" + e.page) : null;
      const title = option ? option.textContent : e.page;
      return { label: title, short: title, href: option ? option.getAttribute("data-href") : null, value: option ? option.value : "" };
    }
    return null;
  };

  /* An entry's title; one carried over from the reflective log has none, so its link or first line stands in. */
  const titleOf = (e) => {
    if (e.title) return e.title;
    const link = linkInfo(e);
    return link ? link.short : e.learnt.split("\n")[0].slice(0, 80);
  };

  /* Every stored quiz result, read without changing it. */
  const quizResults = () => {
    const out = {};
    rbp.keys("local", QUIZ).forEach((key) => {
      const id = key.slice(QUIZ.length);
      const r = rbp.quizResult(id);
      if (r) out[id] = r;
    });
    return out;
  };

  /* "5 out of 6", and for a quiz with certainty-based marking "5 out of 6 (certainty-based: 9 out of 18)". */
  const scoreText = (r) => r.score + " out of " + r.total + (r.certainty === undefined ? ""
    : " (certainty-based: " + (r.certainty < 0 ? "−" + Math.abs(r.certainty) : r.certainty) + " out of " + r.certainty_max + ")");

  /* Every stored scenario result, read without changing it. */
  const scenarioResults = () => {
    const out = {};
    rbp.keys("local", SCENARIO).forEach((key) => {
      const id = key.slice(SCENARIO.length);
      const r = rbp.scenarioResult(id);
      if (r) out[id] = r;
    });
    return out;
  };

  /* The heading of the ending a result reached, or a plain description when the scenario has changed. */
  const endingOf = (info, r) => (info && info.endings && info.endings[r.ending]) || "An ending of an earlier version";

  /* ------------------------------------------------------------ progress on every path */

  class MyPaths {
    constructor(root) {
      working(root);
    }
  }

  /* ------------------------------------------------------------ results tables (quizzes, scenarios) */

  /* Stored results, the newest first, each with what this site's catalogue says of it (null when
     the site no longer has it). */
  const newestFirst = (results, known) => Object.keys(results)
    .map((id) => ({ id, result: results[id], info: known[id] || null }))
    .sort((a, b) => (a.result.date < b.result.date ? 1 : a.result.date > b.result.date ? -1 : a.id < b.id ? -1 : 1));

  /* A results row's first cell: the title, a link where the site has the page; `earlier` ("quiz",
     "scenario" or false) notes a result for an earlier version of the content. */
  const nameCell = (id, info, earlier) => {
    const name = rbp.make("td");
    const title = info ? info.title : id;
    if (info && info.href) {
      const a = rbp.make("a", null, title);
      a.href = info.href;
      name.appendChild(a);
    } else {
      name.textContent = title;
    }
    if (earlier) name.appendChild(rbp.make("span", "rbp-note", " (an earlier version of this " + earlier + ")"));
    return name;
  };

  /* ------------------------------------------------------------ quiz results */

  class QuizResults {
    constructor(root) {
      this.root = root;
      this.tbody = root.querySelector("[data-quiz-rows]");
      this.refresh();
      working(root);
    }

    refresh() {
      const rows = newestFirst(quizResults(), P.catalogue().quizzes || {});
      this.tbody.textContent = "";
      rows.forEach(({ id, result, info }) => {
        const tr = rbp.make("tr");
        tr.appendChild(nameCell(id, info, !!(info && info.hash && info.hash !== result.hash) && "quiz"));
        tr.appendChild(rbp.make("td", null, scoreText(result)));
        tr.appendChild(rbp.make("td", result.passed ? "rbp-passed" : null, result.passed ? "Passed" : "Not passed"));
        tr.appendChild(rbp.make("td", null, rbp.longDate(result.date)));
        this.tbody.appendChild(tr);
      });
      show(this.root.querySelector("[data-quiz-table]"), rows.length > 0);
      show(this.root.querySelector("[data-quiz-empty]"), rows.length === 0);
    }
  }

  /* ------------------------------------------------------------ scenario results */

  class ScenarioResults {
    constructor(root) {
      this.root = root;
      this.tbody = root.querySelector("[data-scenario-rows]");
      this.refresh();
      working(root);
    }

    refresh() {
      const rows = newestFirst(scenarioResults(), P.catalogue().scenarios || {});
      this.tbody.textContent = "";
      rows.forEach(({ id, result, info }) => {
        const tr = rbp.make("tr");
        tr.appendChild(nameCell(id, info, !!(info && info.hash !== result.hash) && "scenario"));
        tr.appendChild(rbp.make("td", null, info && info.hash === result.hash ? endingOf(info, result) : "An ending of an earlier version"));
        tr.appendChild(rbp.make("td", null, String(result.steps)));
        tr.appendChild(rbp.make("td", null, rbp.longDate(result.date)));
        this.tbody.appendChild(tr);
      });
      show(this.root.querySelector("[data-scenario-table]"), rows.length > 0);
      show(this.root.querySelector("[data-scenario-empty]"), rows.length === 0);
    }
  }

  /* ------------------------------------------------------------ the CPD record */

  /* What is still needed this registration year, in plain words, or "" when the minimum is met. */
  const reminder = (entries, yr) => {
    const more = Math.max(0, 2 - entries.length);
    const peer = !entries.some(L.hasPeer);
    if (!more && !peer) return "";
    const need = more && peer
      ? (more === 2 ? "2 more pieces, at least 1 of them with peer reflection" : "1 more piece, with peer reflection")
      : more ? "1 more piece" : "peer reflection on at least 1 of your pieces: add it to an entry, or record a new piece with it";
    return "Social Work England asks you to record at least 2 pieces of CPD each registration year, at least 1 of them " +
      "with peer reflection. To meet that by " + rbp.longDate(yr.end) + ", you need " + need + ".";
  };

  class CpdRecord {
    constructor(root) {
      this.root = root;
      this.add = root.querySelector("[data-log-add]");
      this.form = root.querySelector("[data-log-form]");
      this.legend = root.querySelector("[data-log-legend]");
      this.context = root.querySelector("[data-log-context]");
      this.years = root.querySelector("[data-cpd-years]");
      this.total = root.querySelector("[data-log-total]");
      this.select = L.field(this.form, "link");
      this.editing = null;
      this.open = new Set(); // earlier years the reader has opened, kept open as the list is redrawn
      this.refresh();
      this.add.addEventListener("click", () => {
        if (this.add.getAttribute("aria-expanded") === "true" && !this.editing) this.closeForm();
        else this.openForm(null);
      });
      this.form.querySelector("[data-log-cancel]").addEventListener("click", () => {
        const was = this.editing;
        this.closeForm();
        const back = was ? this.years.querySelector('[data-entry="' + was + '"] button') : null;
        (back || this.add).focus();
      });
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.save();
      });
      show(root.querySelector("[data-log-tools]"), true);
      working(root);
      // "Record this as CPD" on a content page: the form, filled in with that page (and the scenario, from a
      // scenario's ending: ?record=<page>&scenario=<id>).
      const query = new URLSearchParams(window.location.search);
      const page = query.get("record");
      const option = page ? [...this.select.options].find((o) => o.value === "page|" + page) : null;
      const scenario = (P.catalogue().scenarios || {})[query.get("scenario") || ""] || null;
      if (option) this.openForm(null, option, scenario);
    }

    openForm(e, pageOption, scenario) {
      const form = this.form;
      this.editing = e ? e.id : null;
      form.reset();
      L.clearErrors(form);
      this.legend.textContent = e ? "Edit CPD entry from " + rbp.longDate(e.date) : "New CPD entry";
      const values = e || {
        date: rbp.today(), type: scenario ? "e-learning" : pageOption ? "reading" : "",
        title: scenario ? "Practice scenario: " + scenario.title : pageOption ? pageOption.textContent : ""
      };
      ["date", "type", "title", "description", "learnt", "impact", "peer_with", "peer_what"].forEach((name) => {
        L.field(form, name).value = values[name] || "";
      });
      if (e && !e.title) L.field(form, "title").value = titleOf(e);
      L.field(form, "minutes").value = e && e.minutes !== null ? String(e.minutes) : "";
      const link = e ? linkInfo(e) : null;
      this.select.value = pageOption ? pageOption.value : link ? link.value : "";
      const about = scenario ? "the scenario “" + scenario.title + "” on “" + (pageOption ? pageOption.textContent : "") + "”" : pageOption ? "“" + pageOption.textContent + "”" : "";
      this.context.textContent = pageOption ? "About " + about + ". Nothing is saved until you press Save CPD entry." : "";
      show(this.context, !!pageOption);
      show(form, true);
      this.add.setAttribute("aria-expanded", "true");
      L.field(form, "date").focus();
      if (pageOption) rbp.announce(region(), "New CPD entry about " + about + ".");
    }

    closeForm() {
      this.editing = null;
      show(this.form, false);
      show(this.context, false);
      this.add.setAttribute("aria-expanded", "false");
    }

    item(e) {
      const li = rbp.make("li", "rbp-entry");
      li.setAttribute("data-entry", e.id);
      const article = rbp.make("article");
      const headingId = "entry-" + e.id;
      article.setAttribute("aria-labelledby", headingId);
      const heading = rbp.make("h4", "rbp-entry__title", titleOf(e));
      heading.id = headingId;
      heading.tabIndex = -1;
      article.appendChild(heading);
      const meta = rbp.make("p", "rbp-entry__meta", rbp.longDate(e.date) + ". " + typeLabel(e.type) + ".");
      if (e.minutes !== null) meta.appendChild(document.createTextNode(" Time spent: " + duration(e.minutes) + "."));
      const link = linkInfo(e);
      if (link) {
        meta.appendChild(document.createTextNode(" Linked to: "));
        if (link.href) {
          const a = rbp.make("a", null, link.label);
          a.href = link.href;
          meta.appendChild(a);
        } else {
          meta.appendChild(document.createTextNode(link.label));
        }
        if (!/[.?!]$/.test(link.label)) meta.appendChild(document.createTextNode("."));
      }
      article.appendChild(meta);
      if (e.prompt) article.appendChild(rbp.make("p", "rbp-entry__prompt", "Prompt: " + e.prompt));
      const dl = rbp.make("dl", "rbp-entry__answers");
      const pair = (label, text) => {
        dl.appendChild(rbp.make("dt", null, label));
        dl.appendChild(rbp.make("dd", null, text));
      };
      FIELDS.forEach(([name, label]) => {
        if (e[name]) pair(label, e[name]);
      });
      if (L.hasPeer(e)) pair(PEER + ", with " + e.peer_with, e.peer_what);
      article.appendChild(dl);
      const button = (className, text) => {
        const b = rbp.make("button", "md-button rbp-small" + className, text);
        b.type = "button";
        return b;
      };
      const actions = rbp.make("div", "rbp-actions");
      const edit = button("", "Edit");
      const del = button("", "Delete");
      [edit, del].forEach((b) => {
        b.setAttribute("aria-describedby", headingId);
        actions.appendChild(b);
      });
      article.appendChild(actions);
      const confirm = rbp.make("div", "rbp-confirm");
      confirm.setAttribute("role", "group");
      confirm.setAttribute("aria-labelledby", headingId + "-q");
      confirm.hidden = true;
      const question = rbp.make("p", null, "Delete this CPD entry? You cannot undo this.");
      question.id = headingId + "-q";
      question.tabIndex = -1;
      const yes = button(" md-button--primary", "Yes, delete it");
      const no = button("", "Cancel");
      const row = rbp.make("div", "rbp-actions");
      row.append(yes, no);
      confirm.append(question, row);
      article.appendChild(confirm);
      li.appendChild(article);

      edit.addEventListener("click", () => this.openForm(e));
      del.addEventListener("click", () => {
        show(confirm, true);
        show(actions, false);
        question.focus();
      });
      no.addEventListener("click", () => {
        show(confirm, false);
        show(actions, true);
        del.focus();
      });
      yes.addEventListener("click", () => {
        if (!L.writeEntries(L.readEntries().filter((x) => x.id !== e.id))) return P.couldNotSave(region());
        if (this.editing === e.id) this.closeForm();
        rbp.refresh();
        this.add.focus();
        rbp.announce(region(), "CPD entry deleted.");
      });
      return li;
    }

    list(entries) {
      const ul = rbp.make("ul", "rbp-log");
      ul.setAttribute("role", "list");
      entries.slice().reverse().forEach((e) => ul.appendChild(this.item(e)));
      return ul;
    }

    refresh() {
      const entries = L.readEntries();
      const now = L.yearOf(rbp.today());
      const groups = L.byYear(entries);
      const current = groups.find((g) => g.year.start === now.start);
      const mine = current ? current.entries : [];
      this.root.querySelector("[data-cpd-count]").textContent = L.yearText(now) + ": " + L.cpdCount(mine) + ".";
      const remind = this.root.querySelector("[data-cpd-reminder]");
      remind.textContent = reminder(mine, now);
      show(remind, remind.textContent !== "");

      this.years.querySelectorAll("details[open]").forEach((d) => this.open.add(d.getAttribute("data-year")));
      this.years.querySelectorAll("details:not([open])").forEach((d) => this.open.delete(d.getAttribute("data-year")));
      this.years.textContent = "";
      if (mine.length) {
        const section = rbp.make("section", "rbp-year");
        section.setAttribute("aria-labelledby", "ml-year-now");
        const h = rbp.make("h3", null, "This registration year");
        h.id = "ml-year-now";
        section.append(h, this.list(mine));
        this.years.appendChild(section);
      }
      const others = groups.filter((g) => g !== current);
      if (others.length) {
        const h = rbp.make("h3", null, "Other registration years");
        this.years.appendChild(h);
        others.forEach((g) => {
          const details = rbp.make("details", "rbp-year");
          details.setAttribute("data-year", g.year.start);
          details.open = this.open.has(g.year.start);
          details.append(rbp.make("summary", null, L.yearText(g.year) + ": " + L.cpdCount(g.entries)), this.list(g.entries));
          this.years.appendChild(details);
        });
      }
      const minutes = entries.reduce((sum, e) => sum + (e.minutes || 0), 0);
      this.total.textContent = entries.length
        ? rbp.plural(entries.length, "piece") + " of CPD in this browser, " + duration(minutes) + " recorded in total."
        : "You have not recorded any CPD in this browser yet.";
    }

    save() {
      const values = L.readForm(this.form);
      if (!values) return;
      const link = this.select.value.split("|");
      const isStep = link[0] === "step";
      const now = new Date().toISOString();
      let entries = L.readEntries();
      const old = this.editing ? entries.find((x) => x.id === this.editing) : null;
      const step = isStep ? P.stepOf(P.pathDef(link[1]), link[2]) : null;
      const saved = L.entry(Object.assign(values, {
        id: old ? old.id : L.randomId(), path: isStep ? link[1] : null, step: isStep ? link[2] : null,
        page: link[0] === "page" ? link[1] : null, prompt: step && step.prompt ? step.prompt : null,
        created: old ? old.created : now, updated: now
      }));
      entries = old ? entries.map((x) => (x.id === old.id ? saved : x)) : entries.concat(saved);
      if (!L.writeEntries(entries)) return P.couldNotSave(region());
      if (isStep && !P.begin(P.pathDef(link[1]))) return P.couldNotSave(region());
      this.closeForm();
      const yr = L.yearOf(saved.date);
      this.open.add(yr.start);
      rbp.refresh();
      const heading = document.getElementById("entry-" + saved.id);
      if (heading) heading.focus();
      rbp.announce(region(), (old ? "CPD entry updated. " : "CPD entry saved. ") +
        L.yearText(yr) + ": " + L.cpdCount(L.byYear(entries).find((g) => g.year.start === yr.start).entries) + ".");
    }
  }

  /* ------------------------------------------------------------ export, import and clear */

  const collect = () => {
    const out = { format: FORMAT, v: FILE_VERSION, exported: new Date().toISOString(), paths: {}, quizzes: {}, reflections: [] };
    rbp.keys("local", P.PATH).forEach((key) => {
      const id = key.slice(P.PATH.length);
      if (!P.ID_RE.test(id)) return;
      const def = P.pathDef(id);
      const done = P.readPath(id, def ? def.title : id);
      if (done) out.paths[id] = { v: P.VERSION, done };
    });
    const quizzes = quizResults();
    Object.keys(quizzes).filter((id) => P.ID_RE.test(id)).forEach((id) => {
      out.quizzes[id] = quizzes[id];
    });
    const scenarios = scenarioResults();
    out.scenarios = {};
    Object.keys(scenarios).filter((id) => P.ID_RE.test(id)).forEach((id) => {
      out.scenarios[id] = scenarios[id];
    });
    out.reflections = L.readEntries();
    return out;
  };

  const NOT_OURS = "it is not a learning record exported from this site";

  /* A file made by Export data (this version or the one before), checked in full before anything is written. */
  const parseImport = (text) => {
    let d;
    try {
      d = JSON.parse(text);
    } catch (e) {
      const start = text.replace(/^\ufeff/, "").trimStart();
      if (start.startsWith("<")) return { error: "it is a web page, such as the CPD record, which is for reading and printing. Import the file that Export data saves" };
      if (start.startsWith('"Type of CPD"')) return { error: "it is the CPD spreadsheet, which is for reading. Import the file that Export data saves" };
      return { error: NOT_OURS };
    }
    if (rbp.isObject(d) && d.format === "rbp-worksheet") return { error: "it is a risk analysis worksheet. Import it on the worksheet page" };
    if (!rbp.isObject(d) || d.format !== FORMAT) return { error: NOT_OURS };
    if (typeof d.v !== "number" || d.v > FILE_VERSION) return { error: "it was made by a newer version of this site" };
    if ((d.v !== 1 && d.v !== FILE_VERSION) || !rbp.isObject(d.paths) || !rbp.isObject(d.quizzes) || !Array.isArray(d.reflections)) {
      return { error: "it is not in the expected form" };
    }
    if (Object.keys(d.paths).some((id) => !P.ID_RE.test(id) || !P.validPath(d.paths[id]))) {
      return { error: "the progress it holds for a path is not in the expected form" };
    }
    if (Object.keys(d.quizzes).some((id) => !P.ID_RE.test(id) || !rbp.isQuizResult(d.quizzes[id]))) {
      return { error: "a quiz result in it is not in the expected form" };
    }
    // Scenario results came later: a file without them is still a whole record.
    if (d.scenarios !== undefined && (!rbp.isObject(d.scenarios) ||
      Object.keys(d.scenarios).some((id) => !P.ID_RE.test(id) || !rbp.isScenarioResult(d.scenarios[id])))) {
      return { error: "a scenario result in it is not in the expected form" };
    }
    if (!L.validEntries(d.reflections, d.v === 1 ? 1 : L.VERSION)) return { error: "a CPD entry in it is damaged or not in the expected form" };
    return { data: Object.assign({}, d, { reflections: L.migrate(d.reflections, d.v === 1 ? 1 : L.VERSION) }) };
  };

  /* Adds what the file has and this browser lacks: newer quiz results and entries win. */
  const merge = (d) => {
    const counts = { paths: 0, quizzes: 0, scenarios: 0, reflections: 0 };
    const writes = [];
    Object.keys(d.paths).forEach((id) => {
      const def = P.pathDef(id);
      const done = P.readPath(id, def ? def.title : id);
      const added = d.paths[id].done.filter((k) => !(done || []).includes(k));
      if (added.length || done === null) {
        counts.paths += 1;
        writes.push([P.PATH + id, { v: P.VERSION, done: (done || []).concat(added) }]);
      }
    });
    Object.keys(d.quizzes).forEach((id) => {
      const mine = rbp.quizResult(id);
      const theirs = d.quizzes[id];
      if (!mine || theirs.date > mine.date) {
        counts.quizzes += 1;
        writes.push([QUIZ + id, theirs]);
      }
    });
    Object.keys(d.scenarios || {}).forEach((id) => {
      const mine = rbp.scenarioResult(id);
      const theirs = d.scenarios[id];
      if (!mine || theirs.date > mine.date) {
        counts.scenarios += 1;
        writes.push([SCENARIO + id, theirs]);
      }
    });
    const entries = L.readEntries();
    const byId = new Map(entries.map((e, i) => [e.id, i]));
    d.reflections.forEach((e) => {
      const copy = L.entry(e);
      if (!byId.has(e.id)) {
        byId.set(e.id, entries.length);
        entries.push(copy);
      } else if (copy.updated > entries[byId.get(e.id)].updated) {
        entries[byId.get(e.id)] = copy;
      } else {
        return;
      }
      counts.reflections += 1;
    });
    if (counts.reflections) writes.push([L.REFLECTIONS, { v: L.VERSION, entries }]);
    return writes.every(([key, value]) => rbp.write("local", key, value)) ? counts : null;
  };

  const importSummary = (c) => {
    const parts = [];
    if (c.reflections) parts.push(rbp.plural(c.reflections, "CPD entry", "CPD entries"));
    if (c.paths) parts.push("progress on " + rbp.plural(c.paths, "path"));
    if (c.quizzes) parts.push(rbp.plural(c.quizzes, "quiz result"));
    if (c.scenarios) parts.push(rbp.plural(c.scenarios, "scenario result"));
    if (!parts.length) return "Everything in that file was already here, so nothing has changed.";
    const last = parts.pop();
    return "Imported " + (parts.length ? parts.join(", ") + " and " + last : last) + ".";
  };

  const clearAll = () => {
    [P.PATH, QUIZ, SCENARIO].forEach((prefix) => rbp.keys("local", prefix).forEach((key) => rbp.remove("local", key)));
    rbp.remove("local", L.REFLECTIONS);
  };

  /* An entry's fields as [label, text] in the regulator's order, the empty ones left out. */
  const entryFields = (e) => {
    const link = linkInfo(e);
    return [
      ["Type of CPD", typeLabel(e.type)],
      ["Description and why it is relevant", e.description],
      ["Date", rbp.longDate(e.date)],
      ["What I learnt", e.learnt],
      ["Impact on my practice and on the people I work with", e.impact],
      [PEER + ": with whom", e.peer_with],
      [PEER + ": what came of it", e.peer_what],
      ["Time spent", e.minutes === null ? "" : duration(e.minutes)],
      ["Linked to", link ? link.label : ""],
      ["Prompt", e.prompt || ""]
    ].filter(([, text]) => text);
  };

  /* The entries as CSV for a spreadsheet: every field, quoted; a cell that a spreadsheet would run as a
     formula (= + - @, tab, carriage return) starts with an apostrophe. */
  const CSV_HEAD = ["Type of CPD", "Title", "Description and why it is relevant", "Date", "What I learnt",
    "Impact on my practice and on the people I work with", "Peer reflection: with whom", "Peer reflection: what came of it",
    "Time spent (minutes)", "Linked to", "Prompt"];
  const cell = (value) => {
    let s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  };
  const cpdCsv = () => {
    const rows = [CSV_HEAD];
    L.byYear(L.readEntries()).reverse().forEach((g) => g.entries.forEach((e) => {
      const link = linkInfo(e);
      rows.push([typeLabel(e.type), titleOf(e), e.description, e.date, e.learnt, e.impact, e.peer_with, e.peer_what,
        e.minutes === null ? "" : e.minutes, link ? link.label : "", e.prompt || ""]);
    }));
    return "\ufeff" + rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  };

  const CPD_CSS = [
    "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}",
    "main{max-width:46em;margin:0 auto;padding:2em 1.25em}",
    "h1{font-size:1.8em;margin:0 0 .25em}h2{font-size:1.35em;margin:2em 0 .5em;border-bottom:2px solid #00695c;padding-bottom:.2em}",
    "h3{font-size:1.15em;margin:1.5em 0 .25em}h4{font-size:1.05em;margin:0 0 .25em}",
    ".meta,.note{color:#444}.note{border-left:4px solid #bf360c;padding:.5em .75em;background:#fbe9e7}",
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.35em .5em;vertical-align:top}",
    ".entry{border:1px solid #ccc;border-radius:4px;padding:.75em 1em 1em;margin:1em 0;break-inside:avoid}",
    "dt{font-weight:700;margin-top:.75em}dd{margin:.2em 0 0;white-space:pre-wrap}",
    "ul.steps{padding-left:1.2em}",
    "@media print{main{max-width:none;padding:0}h2,h3{break-after:avoid}a{color:inherit}}"
  ].join("\n");

  /* The record as a standalone HTML document, built with DOM methods so typed text stays text: the CPD
     entries by registration year, then path progress and quiz results in a short section of their own. */
  const cpdDocument = () => {
    const data = collect();
    const cat = P.catalogue();
    const when = rbp.longDate(rbp.today());
    const doc = rbp.standalone("CPD record, " + when, CPD_CSS);
    const add = (parent, tag, text, className) => {
      const el = doc.createElement(tag);
      if (text !== undefined && text !== null) el.textContent = text;
      if (className) el.className = className;
      parent.appendChild(el);
      return el;
    };
    const main = add(doc.body, "main");
    add(main, "h1", "My CPD record");
    add(main, "p", "Learning recorded on " + (cat.site || "this site") + ", exported on " + when + ".", "meta");
    add(main, "p", "This record was kept in a web browser. Check it before you share it: it should hold nothing " +
      "that identifies a child, family or colleague.", "note");

    add(main, "h2", "CPD entries");
    const groups = L.byYear(data.reflections);
    if (!groups.length) add(main, "p", "No CPD recorded yet.");
    groups.forEach((g) => {
      add(main, "h3", L.yearText(g.year) + ": " + L.cpdCount(g.entries));
      g.entries.forEach((e) => {
        const section = add(main, "section", null, "entry");
        add(section, "h4", titleOf(e));
        const dl = add(section, "dl");
        entryFields(e).forEach(([label, text]) => {
          add(dl, "dt", label);
          add(dl, "dd", text);
        });
      });
    });

    add(main, "h2", "Learning on this site");
    add(main, "h3", "Learning paths");
    let any = false;
    (cat.paths || []).forEach((def) => {
      const p = L.progress(def, data.reflections);
      if (!p.count) return;
      any = true;
      add(main, "p", def.title + ": " + p.count + " of " + p.total + " steps done.");
      const ul = add(main, "ul", null, "steps");
      p.steps.filter((st) => st.done).forEach((st) => add(ul, "li", "Step " + st.step.n + ": " + st.step.label));
    });
    if (!any) add(main, "p", "No steps done yet.");
    add(main, "h3", "Quiz results");
    const quizIds = Object.keys(data.quizzes);
    if (quizIds.length) {
      const table = add(main, "table");
      const head = add(add(table, "thead"), "tr");
      ["Quiz", "Score", "Result", "Date"].forEach((t) => add(head, "th", t).setAttribute("scope", "col"));
      const body = add(table, "tbody");
      quizIds.sort().forEach((id) => {
        const r = data.quizzes[id];
        const tr = add(body, "tr");
        add(tr, "td", (cat.quizzes && cat.quizzes[id] && cat.quizzes[id].title) || id);
        add(tr, "td", scoreText(r));
        add(tr, "td", r.passed ? "Passed" : "Not passed");
        add(tr, "td", rbp.longDate(r.date));
      });
    } else {
      add(main, "p", "No quiz results.");
    }
    add(main, "h3", "Practice scenarios");
    const scenarioIds = Object.keys(data.scenarios);
    if (scenarioIds.length) {
      const table = add(main, "table");
      const head = add(add(table, "thead"), "tr");
      ["Scenario", "Ending reached", "Choices made", "Date"].forEach((t) => add(head, "th", t).setAttribute("scope", "col"));
      const body = add(table, "tbody");
      scenarioIds.sort().forEach((id) => {
        const r = data.scenarios[id];
        const info = (cat.scenarios || {})[id] || null;
        const tr = add(body, "tr");
        add(tr, "td", info ? info.title : id);
        add(tr, "td", info && info.hash === r.hash ? endingOf(info, r) : "An ending of an earlier version");
        add(tr, "td", String(r.steps));
        add(tr, "td", rbp.longDate(r.date));
      });
    } else {
      add(main, "p", "No practice scenarios finished.");
    }
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  };

  class LearningRecord {
    constructor(root) {
      const status = root.querySelector("[data-record-status]");
      const error = root.querySelector("[data-import-error]");
      const input = root.querySelector("[data-import]");
      const confirm = root.querySelector("[data-clear-confirm]");
      const openClear = root.querySelector("[data-clear-open]");
      const no = root.querySelector("[data-clear-no]");
      const yes = root.querySelector("[data-clear-yes]");

      const say = (message) => {
        error.textContent = "";
        status.textContent = message;
        rbp.announce(region(), message);
      };
      const fail = (message) => {
        status.textContent = "";
        error.textContent = "";
        error.appendChild(rbp.make("p", null, message));
      };
      const closeClear = () => {
        show(confirm, false);
        openClear.setAttribute("aria-expanded", "false");
      };

      root.querySelector("[data-export-cpd]").addEventListener("click", () => {
        rbp.download("cpd-record-" + rbp.today() + ".html", "text/html;charset=utf-8", cpdDocument());
        say("Your CPD record has been downloaded.");
      });
      root.querySelector("[data-export-csv]").addEventListener("click", () => {
        rbp.download("cpd-record-" + rbp.today() + ".csv", "text/csv;charset=utf-8", cpdCsv());
        say("Your CPD record has been downloaded as a spreadsheet (CSV).");
      });
      root.querySelector("[data-export-data]").addEventListener("click", () => {
        rbp.download("my-learning-" + rbp.today() + ".json", "application/json", JSON.stringify(collect(), null, 2) + "\n");
        say("Your learning data has been downloaded. Keep the file somewhere safe.");
      });
      input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        if (!file) return;
        const prefix = "That file could not be imported: ";
        const after = ". Nothing has been changed.";
        if (file.size > MAX_FILE) {
          fail(prefix + "it is too large to be a learning record from this site" + after);
          input.value = "";
          return;
        }
        file.text().then((text) => {
          const parsed = parseImport(text);
          input.value = "";
          if (parsed.error) return fail(prefix + parsed.error + after);
          const counts = merge(parsed.data);
          if (!counts) return fail("Some of that file could not be saved: your browser's storage may be full.");
          rbp.refresh();
          say(importSummary(counts));
        }, () => {
          input.value = "";
          fail(prefix + "it could not be read" + after);
        });
      });
      openClear.addEventListener("click", () => {
        const open = openClear.getAttribute("aria-expanded") !== "true";
        openClear.setAttribute("aria-expanded", open ? "true" : "false");
        show(confirm, open);
        if (open) {
          const q = confirm.querySelector("p");
          q.tabIndex = -1;
          q.focus();
        }
      });
      no.addEventListener("click", () => {
        closeClear();
        openClear.focus();
      });
      yes.addEventListener("click", () => {
        clearAll();
        closeClear();
        rbp.refresh();
        openClear.focus();
        say("All your learning data has been cleared from this browser.");
      });
      show(root.querySelector("[data-record-tools]"), true);
      working(root);
    }
  }

  rbp.start('[data-my-learning="paths"]', MyPaths);
  rbp.start('[data-my-learning="quizzes"]', QuizResults);
  rbp.start('[data-my-learning="scenarios"]', ScenarioResults);
  rbp.start('[data-my-learning="reflections"]', CpdRecord);
  rbp.start('[data-my-learning="record"]', LearningRecord);
})();
