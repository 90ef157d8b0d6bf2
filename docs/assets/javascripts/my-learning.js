/* My learning: progress on every path (PathCard, from paths.js), the last quiz results
   (QuizResults), the reflective log (ReflectiveLog) and the record (LearningRecord): export the
   CPD record as HTML or everything as JSON, import and merge such a file, clear it all.
   Loaded only on the My learning page, after paths.js, whose helpers it uses (rbp.paths). */
(() => {
  "use strict";

  const rbp = window.rbp;
  const paths = rbp.paths;
  const { VERSION, PATH, REFLECTIONS, ID_RE, FIELDS, show, field } = paths;
  const QUIZ = rbp.quizPrefix;
  const FORMAT = "rbp-learning";
  const MAX_FILE = 5 * 1024 * 1024;

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

  /* What a reflection is linked to: a step of a path or a page (its title from the form's list). */
  const linkInfo = (e, select) => {
    if (e.path) {
      const def = paths.pathDef(e.path);
      const step = paths.stepOf(def, e.step);
      if (step) {
        // A reflection step's prompt is shown in full with the entry, so the link need not repeat it.
        const where = "Step " + step.n + " of “" + def.title + "”";
        return { label: step.kind === "reflect" && e.prompt ? where : where + ": " + step.label, short: step.label,
          href: step.kind === "reflect" ? def.href + "#" + step.anchor : step.href, value: "step|" + e.path + "|" + e.step };
      }
      return { label: "A step of a path that has changed", short: e.prompt || "A path step", href: null, value: "" };
    }
    if (e.page) {
      const option = select ? [...select.options].find((o) => o.value === "page|" + e.page) : null;
      const title = option ? option.textContent : e.page;
      return { label: title, short: title, href: option ? option.getAttribute("data-href") : null, value: option ? option.value : "" };
    }
    return null;
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

  /* ------------------------------------------------------------ progress on every path */

  class MyPaths {
    constructor(root) {
      working(root);
    }
  }

  /* ------------------------------------------------------------ quiz results */

  class QuizResults {
    constructor(root) {
      this.root = root;
      this.tbody = root.querySelector("[data-quiz-rows]");
      this.refresh();
      working(root);
    }

    refresh() {
      const quizzes = paths.catalogue().quizzes || {};
      const results = quizResults();
      const rows = Object.keys(results).map((id) => ({ id, result: results[id], info: quizzes[id] || null }));
      rows.sort((a, b) => (a.result.date < b.result.date ? 1 : a.result.date > b.result.date ? -1 : a.id < b.id ? -1 : 1));
      this.tbody.textContent = "";
      rows.forEach(({ id, result, info }) => {
        const tr = rbp.make("tr");
        const name = rbp.make("td");
        const title = info ? info.title : id;
        if (info && info.href) {
          const a = rbp.make("a", null, title);
          a.href = info.href;
          name.appendChild(a);
        } else {
          name.textContent = title;
        }
        if (info && info.hash && info.hash !== result.hash) {
          name.appendChild(rbp.make("span", "rbp-note", " (an earlier version of this quiz)"));
        }
        tr.appendChild(name);
        tr.appendChild(rbp.make("td", null, result.score + " out of " + result.total));
        tr.appendChild(rbp.make("td", result.passed ? "rbp-passed" : null, result.passed ? "Passed" : "Not passed"));
        tr.appendChild(rbp.make("td", null, rbp.longDate(result.date)));
        this.tbody.appendChild(tr);
      });
      show(this.root.querySelector("[data-quiz-table]"), rows.length > 0);
      show(this.root.querySelector("[data-quiz-empty]"), rows.length === 0);
    }
  }

  /* ------------------------------------------------------------ the reflective log */

  class ReflectiveLog {
    constructor(root) {
      this.add = root.querySelector("[data-log-add]");
      this.form = root.querySelector("[data-log-form]");
      this.legend = root.querySelector("[data-log-legend]");
      this.list = root.querySelector("[data-log-entries]");
      this.total = root.querySelector("[data-log-total]");
      this.select = field(this.form, "link");
      this.editing = null;
      this.refresh();
      this.add.addEventListener("click", () => {
        if (this.add.getAttribute("aria-expanded") === "true" && !this.editing) this.closeForm();
        else this.openForm(null);
      });
      this.form.querySelector("[data-log-cancel]").addEventListener("click", () => {
        const was = this.editing;
        this.closeForm();
        const back = was ? this.list.querySelector('[data-entry="' + was + '"] button') : null;
        (back || this.add).focus();
      });
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.save();
      });
      show(root.querySelector("[data-log-tools]"), true);
      working(root);
    }

    openForm(e) {
      const form = this.form;
      this.editing = e ? e.id : null;
      form.reset();
      paths.formError(form, "");
      this.legend.textContent = e ? "Edit reflection from " + rbp.longDate(e.date) : "New reflection";
      field(form, "date").value = e ? e.date : rbp.today();
      FIELDS.forEach(([name]) => {
        field(form, name).value = e ? e[name] : "";
      });
      field(form, "minutes").value = e && e.minutes !== null ? String(e.minutes) : "";
      const link = e ? linkInfo(e, this.select) : null;
      this.select.value = link ? link.value : "";
      show(form, true);
      this.add.setAttribute("aria-expanded", "true");
      field(form, "date").focus();
    }

    closeForm() {
      this.editing = null;
      show(this.form, false);
      this.add.setAttribute("aria-expanded", "false");
    }

    item(e) {
      const li = rbp.make("li", "rbp-entry");
      li.setAttribute("data-entry", e.id);
      const article = rbp.make("article");
      const headingId = "entry-" + e.id;
      article.setAttribute("aria-labelledby", headingId);
      const link = linkInfo(e, this.select);
      const heading = rbp.make("h3", "rbp-entry__title", rbp.longDate(e.date) + ": " + (link ? link.short : e.what.split("\n")[0].slice(0, 60)));
      heading.id = headingId;
      heading.tabIndex = -1;
      article.appendChild(heading);
      const meta = rbp.make("p", "rbp-entry__meta");
      if (link) {
        meta.appendChild(document.createTextNode("Linked to: "));
        if (link.href) {
          const a = rbp.make("a", null, link.label);
          a.href = link.href;
          meta.appendChild(a);
        } else {
          meta.appendChild(document.createTextNode(link.label));
        }
        meta.appendChild(document.createTextNode(/[.?!]$/.test(link.label) ? " " : ". "));
      }
      if (e.minutes !== null) meta.appendChild(document.createTextNode("Time spent: " + duration(e.minutes) + "."));
      if (meta.childNodes.length) article.appendChild(meta);
      if (e.prompt) article.appendChild(rbp.make("p", "rbp-entry__prompt", "Prompt: " + e.prompt));
      const dl = rbp.make("dl", "rbp-entry__answers");
      FIELDS.forEach(([name, label]) => {
        if (!e[name]) return;
        dl.appendChild(rbp.make("dt", null, label));
        dl.appendChild(rbp.make("dd", null, e[name]));
      });
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
      const question = rbp.make("p", null, "Delete this reflection? You cannot undo this.");
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
        if (!paths.writeReflections(paths.readReflections().filter((x) => x.id !== e.id))) return paths.couldNotSave(region());
        if (this.editing === e.id) this.closeForm();
        rbp.refresh();
        this.add.focus();
        rbp.announce(region(), "Reflection deleted.");
      });
      return li;
    }

    refresh() {
      const entries = paths.readReflections().slice().sort((a, b) => {
        if (a.date !== b.date) return a.date < b.date ? 1 : -1;
        return a.created < b.created ? 1 : a.created > b.created ? -1 : 0;
      });
      this.list.textContent = "";
      entries.forEach((e) => this.list.appendChild(this.item(e)));
      const minutes = entries.reduce((sum, e) => sum + (e.minutes || 0), 0);
      this.total.textContent = entries.length
        ? rbp.plural(entries.length, "reflection") + ", " + duration(minutes) + " recorded in total."
        : "You have not written any reflections in this browser yet.";
    }

    save() {
      const values = paths.readForm(this.form);
      if (!values) return;
      const link = this.select.value.split("|");
      const isStep = link[0] === "step";
      const now = new Date().toISOString();
      let entries = paths.readReflections();
      const old = this.editing ? entries.find((x) => x.id === this.editing) : null;
      const step = isStep ? paths.stepOf(paths.pathDef(link[1]), link[2]) : null;
      const saved = paths.entry({
        id: old ? old.id : paths.randomId(), date: values.date, what: values.what, so_what: values.so_what,
        now_what: values.now_what, minutes: values.minutes,
        path: isStep ? link[1] : null, step: isStep ? link[2] : null,
        page: link[0] === "page" ? link[1] : null, prompt: step && step.prompt ? step.prompt : null,
        created: old ? old.created : now, updated: now
      });
      entries = old ? entries.map((x) => (x.id === old.id ? saved : x)) : entries.concat(saved);
      if (!paths.writeReflections(entries)) return paths.couldNotSave(region());
      this.closeForm();
      rbp.refresh();
      const heading = document.getElementById("entry-" + saved.id);
      if (heading) heading.focus();
      rbp.announce(region(), old ? "Reflection updated." : "Reflection saved.");
    }
  }

  /* ------------------------------------------------------------ export, import and clear */

  const collect = () => {
    const out = { format: FORMAT, v: VERSION, exported: new Date().toISOString(), paths: {}, quizzes: {}, reflections: [] };
    rbp.keys("local", PATH).forEach((key) => {
      const id = key.slice(PATH.length);
      if (!ID_RE.test(id)) return;
      const def = paths.pathDef(id);
      const done = paths.readPath(id, def ? def.title : id);
      if (done.length) out.paths[id] = { v: VERSION, done };
    });
    const quizzes = quizResults();
    Object.keys(quizzes).filter((id) => ID_RE.test(id)).forEach((id) => {
      out.quizzes[id] = quizzes[id];
    });
    out.reflections = paths.readReflections();
    return out;
  };

  /* A file made by Export data, checked in full before anything is written. */
  const parseImport = (text) => {
    let d;
    try {
      d = JSON.parse(text);
    } catch (e) {
      return { error: "it is not a learning record exported from this site" };
    }
    if (!rbp.isObject(d) || d.format !== FORMAT) return { error: "it is not a learning record exported from this site" };
    if (typeof d.v !== "number" || d.v > VERSION) return { error: "it was made by a newer version of this site" };
    if (d.v !== VERSION || !rbp.isObject(d.paths) || !rbp.isObject(d.quizzes) || !Array.isArray(d.reflections)) {
      return { error: "it is not in the expected form" };
    }
    if (Object.keys(d.paths).some((id) => !ID_RE.test(id) || !paths.validPath(d.paths[id]))) {
      return { error: "the progress it holds for a path is not in the expected form" };
    }
    if (Object.keys(d.quizzes).some((id) => !ID_RE.test(id) || !rbp.isQuizResult(d.quizzes[id]))) {
      return { error: "a quiz result in it is not in the expected form" };
    }
    if (!paths.validEntries(d.reflections)) return { error: "a reflection in it is damaged or not in the expected form" };
    return { data: d };
  };

  /* Adds what the file has and this browser lacks: newer quiz results and reflections win. */
  const merge = (d) => {
    const counts = { paths: 0, quizzes: 0, reflections: 0 };
    const writes = [];
    Object.keys(d.paths).forEach((id) => {
      const def = paths.pathDef(id);
      const done = paths.readPath(id, def ? def.title : id);
      const added = d.paths[id].done.filter((k) => !done.includes(k));
      if (added.length) {
        counts.paths += 1;
        writes.push([PATH + id, { v: VERSION, done: done.concat(added) }]);
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
    const entries = paths.readReflections();
    const byId = new Map(entries.map((e, i) => [e.id, i]));
    d.reflections.forEach((e) => {
      const copy = paths.entry(e);
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
    if (counts.reflections) writes.push([REFLECTIONS, { v: VERSION, entries }]);
    return writes.every(([key, value]) => rbp.write("local", key, value)) ? counts : null;
  };

  const importSummary = (c) => {
    const parts = [];
    if (c.reflections) parts.push(rbp.plural(c.reflections, "reflection"));
    if (c.paths) parts.push("progress on " + rbp.plural(c.paths, "path"));
    if (c.quizzes) parts.push(rbp.plural(c.quizzes, "quiz result"));
    if (!parts.length) return "Everything in that file was already here, so nothing has changed.";
    const last = parts.pop();
    return "Imported " + (parts.length ? parts.join(", ") + " and " + last : last) + ".";
  };

  const clearAll = () => {
    [PATH, QUIZ].forEach((prefix) => rbp.keys("local", prefix).forEach((key) => rbp.remove("local", key)));
    rbp.remove("local", REFLECTIONS);
  };

  const CPD_CSS = [
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
  const cpdDocument = () => {
    const data = collect();
    const cat = paths.catalogue();
    const doc = document.implementation.createHTMLDocument("");
    const when = rbp.longDate(rbp.today());
    doc.documentElement.setAttribute("lang", "en-GB");
    const add = (parent, tag, text, className) => {
      const el = doc.createElement(tag);
      if (text !== undefined && text !== null) el.textContent = text;
      if (className) el.className = className;
      parent.appendChild(el);
      return el;
    };
    const meta = (attrs) => {
      const m = doc.createElement("meta");
      Object.keys(attrs).forEach((k) => m.setAttribute(k, attrs[k]));
      // The charset goes first, before the <title> the new document already has.
      if (attrs.charset) doc.head.insertBefore(m, doc.head.firstChild);
      else doc.head.appendChild(m);
    };
    meta({ charset: "utf-8" });
    meta({ "http-equiv": "Content-Security-Policy", content: "default-src 'none'; style-src 'unsafe-inline'" });
    meta({ name: "viewport", content: "width=device-width, initial-scale=1" });
    doc.title = "CPD record, " + when;
    add(doc.head, "style", CPD_CSS);
    const main = add(doc.body, "main");
    add(main, "h1", "My CPD record");
    add(main, "p", "Learning from " + (cat.site || "this site") + ", exported on " + when + ".", "meta");
    add(main, "p", "This record was kept in a web browser. Check it before you share it: it should hold nothing " +
      "that identifies a child, family or colleague.", "note");

    const entries = data.reflections.slice().sort((a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : a.created < b.created ? -1 : 1));
    const minutes = entries.reduce((s, e) => s + (e.minutes || 0), 0);
    add(main, "h2", "Summary");
    const summary = add(main, "ul");
    add(summary, "li", rbp.plural(entries.length, "reflection") + ", with " + duration(minutes) + " of time recorded.");
    const quizIds = Object.keys(data.quizzes);
    add(summary, "li", rbp.plural(quizIds.filter((id) => data.quizzes[id].passed).length, "quiz", "quizzes") + " passed.");

    add(main, "h2", "Learning paths");
    let any = false;
    (cat.paths || []).forEach((def) => {
      const p = paths.progress(def, data.reflections);
      if (!p.count) return;
      any = true;
      add(main, "h3", def.title);
      add(main, "p", paths.countText(p) + ".", "meta");
      const ul = add(main, "ul", null, "steps");
      p.steps.forEach((st) => {
        const li = add(ul, "li", "Step " + st.step.n + ": " + st.step.label + " — ");
        add(li, "span", st.done ? "done" : "not done yet", st.done ? "done" : null);
      });
    });
    if (!any) add(main, "p", "No steps done yet.");

    add(main, "h2", "Quiz results");
    if (quizIds.length) {
      const table = add(main, "table");
      const head = add(add(table, "thead"), "tr");
      ["Quiz", "Score", "Result", "Date"].forEach((t) => add(head, "th", t).setAttribute("scope", "col"));
      const body = add(table, "tbody");
      quizIds.sort().forEach((id) => {
        const r = data.quizzes[id];
        const tr = add(body, "tr");
        add(tr, "td", (cat.quizzes && cat.quizzes[id] && cat.quizzes[id].title) || id);
        add(tr, "td", r.score + " out of " + r.total);
        add(tr, "td", r.passed ? "Passed" : "Not passed");
        add(tr, "td", rbp.longDate(r.date));
      });
    } else {
      add(main, "p", "No quiz results.");
    }

    add(main, "h2", "Reflective log");
    if (!entries.length) add(main, "p", "No reflections yet.");
    const select = document.querySelector('[data-field="link"]');
    entries.forEach((e) => {
      const section = add(main, "section", null, "entry");
      const link = linkInfo(e, select);
      add(section, "h3", rbp.longDate(e.date) + (link ? ": " + link.short : ""));
      const facts = [];
      if (link) facts.push("Linked to: " + link.label + (/[.?!]$/.test(link.label) ? "" : "."));
      if (e.minutes !== null) facts.push("Time spent: " + duration(e.minutes) + ".");
      if (facts.length) add(section, "p", facts.join(" "), "meta");
      if (e.prompt) add(section, "p", "Prompt: " + e.prompt, "meta");
      const dl = add(section, "dl");
      FIELDS.forEach(([name, label]) => {
        if (!e[name]) return;
        add(dl, "dt", label);
        add(dl, "dd", e[name]);
      });
    });
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  };

  class LearningRecord {
    constructor(root) {
      const status = root.querySelector("[data-record-status]");
      const error = root.querySelector("[data-import-error]");
      const input = root.querySelector("[data-import]");
      const confirm = root.querySelector("[data-clear-confirm]");
      const openClear = root.querySelector("[data-clear-open]");
      const exportCpd = root.querySelector("[data-export-cpd]");
      const exportData = root.querySelector("[data-export-data]");
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

      exportCpd.addEventListener("click", () => {
        rbp.download("cpd-record-" + rbp.today() + ".html", "text/html;charset=utf-8", cpdDocument());
        say("Your CPD record has been downloaded.");
      });
      exportData.addEventListener("click", () => {
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
  rbp.start('[data-my-learning="reflections"]', ReflectiveLog);
  rbp.start('[data-my-learning="record"]', LearningRecord);
})();
