/* Worksheets: wires up the form that {{ worksheet("id") }} renders (macros/worksheet.py).
   The macro's HTML is the source of labels, options and row templates; this module only adds
   behaviour. Typed text is only ever set with textContent or value, never parsed as HTML. */
(() => {
  "use strict";

  const rbp = window.rbp;
  const FORMAT = "rbp-worksheet";
  const VERSION = 1;
  const MAX_FACTORS = 500;
  const MAX_CHANGES = 200;
  const MAX_FILE = 1000000;
  const ID_RX = /^[A-Za-z0-9_-]{1,40}$/;
  const KIND_NAME = { risk: "Risk factor", protective: "Protective factor" };

  const sheets = new Set(); // the worksheets started, for printing

  function all(root, selector) {
    return [...root.querySelectorAll(selector)];
  }

  function listText(items) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function setHidden(node, hidden) {
    if (node.hidden !== hidden) node.hidden = hidden;
  }

  function timescale(change) {
    const parts = [];
    if (change.weeks) parts.push("within " + rbp.plural(change.weeks, "week"));
    if (change.date) parts.push("by " + rbp.longDate(change.date));
    if (!parts.length) return "not set";
    return parts.length === 2 ? parts[0] + " (" + parts[1] + ")" : parts[0];
  }

  function clip(text, n) {
    text = String(text).replace(/\s+/g, " ").trim();
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  /* ------------------------------------------------------------ checking a file or stored copy */

  /* Returns {value} (a clean copy holding only known fields) or {error} (a sentence for the user).
     Used for imported files (fromFile) and for what is read back from browser storage. */
  function check(def, data, fromFile) {
    const limit = def.limits.text;
    const domains = def.domains.map((d) => d.id);
    const scale = def.weights.map((w) => w.value);
    if (!rbp.isObject(data)) return { error: "It is not a worksheet export." };
    if (fromFile && data.format !== FORMAT) return { error: "It is not a worksheet exported from this site." };
    if (typeof data.v !== "number") return { error: "It has no version number, so it is not a worksheet export." };
    if (data.v > VERSION) return { error: "It was exported from a newer version of this site, which this page cannot read." };
    if (data.v !== VERSION) return { error: "Its version number is not one this page knows." };
    if (data.worksheet !== def.id) {
      return { error: "It is for a different worksheet" + (typeof data.worksheet === "string" ? " (“" + clip(data.worksheet, 40) + "”)" : "") + ", not the " + def.title + "." };
    }
    const factors = data.factors === undefined ? [] : data.factors;
    const changes = data.changes === undefined ? [] : data.changes;
    if (!Array.isArray(factors)) return { error: "Its list of factors is not a list." };
    if (!Array.isArray(changes)) return { error: "Its list of changes is not a list." };
    if (factors.length && !def.sections.factors) return { error: "It has factors, but this worksheet does not use factors." };
    if (changes.length && !def.sections.changes) return { error: "It has changes, but this worksheet does not use changes." };
    if (factors.length > MAX_FACTORS) return { error: "It has more than " + MAX_FACTORS + " factors." };
    if (changes.length > MAX_CHANGES) return { error: "It has more than " + MAX_CHANGES + " changes." };
    if (data.example !== undefined && typeof data.example !== "boolean") return { error: "Its “example” field must be true or false." };

    const ids = {};
    const out = { v: VERSION, worksheet: def.id, factors: [], changes: [], example: data.example === true };
    const counts = { risk: 0, protective: 0 };
    let error = null;

    function text(obj, key, name, where) {
      const value = obj[key] === undefined ? "" : obj[key];
      if (typeof value !== "string") { error = where + ": “" + name + "” must be text."; return ""; }
      if (value.length > limit) { error = where + ": “" + name + "” is too long (more than " + limit + " characters)."; return ""; }
      return value;
    }

    function domain(obj, where) {
      const value = obj.domain === undefined || obj.domain === null ? "" : obj.domain;
      if (value !== "" && domains.indexOf(value) < 0) { error = where + " names a domain this worksheet does not use."; }
      return value;
    }

    function idOf(obj, where) {
      if (typeof obj.id !== "string" || !ID_RX.test(obj.id)) { error = where + " has a missing or malformed id."; return ""; }
      if (ids[obj.id]) { error = where + " has the same id as another entry."; return ""; }
      ids[obj.id] = true;
      return obj.id;
    }

    function idList(obj, key, name, where) {
      const value = obj[key] === undefined ? [] : obj[key];
      if (!Array.isArray(value) || value.length > MAX_FACTORS || value.some((x) => typeof x !== "string")) {
        error = where + ": “" + name + "” must be a list of factor ids.";
        return [];
      }
      return value.slice();
    }

    for (let i = 0; i < factors.length && !error; i++) {
      const f = factors[i];
      let where = "Factor " + (i + 1);
      if (!rbp.isObject(f)) { error = where + " is not a set of fields."; break; }
      if (f.kind !== "risk" && f.kind !== "protective") { error = where + " is neither a risk nor a protective factor."; break; }
      counts[f.kind] += 1;
      where = KIND_NAME[f.kind] + " " + counts[f.kind];
      const weight = f.weight === undefined ? null : f.weight;
      if (weight !== null && scale.indexOf(weight) < 0) {
        error = where + " has a weight that is not on this worksheet's scale (" + scale[0] + " to " + scale[scale.length - 1] + ").";
        break;
      }
      const clean = {
        id: idOf(f, where), kind: f.kind,
        description: text(f, "description", "Description", where),
        domain: domain(f, where), weight: weight,
        evidence: text(f, "evidence", "Evidence or source", where),
        interacts_with: idList(f, "interacts_with", "Interacts with", where)
      };
      out.factors.push(clean);
    }
    for (let j = 0; j < changes.length && !error; j++) {
      const c = changes[j];
      const cw = "Change " + (j + 1);
      if (!rbp.isObject(c)) { error = cw + " is not a set of fields."; break; }
      const date = c.date === undefined || c.date === null ? "" : c.date;
      if (typeof date !== "string" || (date !== "" && !rbp.isDay(date))) { error = cw + ": “By when” must be a date written YYYY-MM-DD."; break; }
      const weeks = c.weeks === undefined ? null : c.weeks;
      if (weeks !== null && !(typeof weeks === "number" && Math.floor(weeks) === weeks && weeks >= 1 && weeks <= def.limits.weeks)) {
        error = cw + ": weeks must be a whole number from 1 to " + def.limits.weeks + ".";
        break;
      }
      out.changes.push({
        id: idOf(c, cw), what: text(c, "what", "What needs to change", cw), domain: domain(c, cw),
        who: text(c, "who", "Who will help", cw), date: date, weeks: weeks,
        how: text(c, "how", "How we will know", cw), addresses: idList(c, "addresses", "Addresses", cw)
      });
    }
    if (error) return { error: error };

    const kinds = {};
    out.factors.forEach((x) => { kinds[x.id] = x.kind; });
    for (let k = 0; k < out.factors.length; k++) {
      const fx = out.factors[k];
      for (let m = 0; m < fx.interacts_with.length; m++) {
        const other = fx.interacts_with[m];
        if (kinds[other] !== fx.kind || other === fx.id) {
          return { error: KIND_NAME[fx.kind] + " " + (out.factors.filter((y, n) => y.kind === fx.kind && n <= k).length) + " interacts with a factor that is not in the file." };
        }
      }
    }
    for (let n = 0; n < out.changes.length; n++) {
      if (out.changes[n].addresses.some((a) => !kinds[a])) {
        return { error: "Change " + (n + 1) + " addresses a factor that is not in the file." };
      }
    }
    // Interaction goes both ways, whatever the file says.
    const byId = {};
    out.factors.forEach((x) => { byId[x.id] = x; });
    out.factors.forEach((x) => {
      x.interacts_with.forEach((o) => {
        if (byId[o].interacts_with.indexOf(x.id) < 0) byId[o].interacts_with.push(x.id);
      });
    });
    out.factors.forEach((x) => {
      x.interacts_with = x.interacts_with.filter((o, i) => x.interacts_with.indexOf(o) === i);
    });
    out.changes.forEach((x) => {
      x.addresses = x.addresses.filter((o, i) => x.addresses.indexOf(o) === i);
    });
    return { value: out };
  }

  /* ------------------------------------------------------------ messages and wording */

  const STORE_PROBLEMS = {
    corrupt: "The worksheet saved in this browser could not be read, so it has been cleared. You have an empty worksheet; if you exported a copy, you can import it.",
    newer: "The worksheet saved in this browser came from a newer version of this site, so it has been cleared. If you exported a copy, you can import it.",
    invalid: "The worksheet saved in this browser was not in the expected form, so it has been cleared. If you exported a copy, you can import it."
  };

  const SAID_FOR = 10000; // a visible confirmation stays this long (it is also announced)
  const BALANCE_PAUSE = 1200; // the balance is announced once weighing pauses, not on every change

  function riskText(t) {
    return "Risk " + t.risk + " (" + rbp.plural(t.riskN, "factor") + ")";
  }

  function protectiveText(t) {
    return "Protective " + t.protective + " (" + rbp.plural(t.protectiveN, "factor") + ")";
  }

  function balanceText(t) {
    return riskText(t) + " · " + protectiveText(t);
  }

  /* Caution when the protective list is longer but the risk weight is as great or greater. */
  function deceptive(t) {
    return t.riskN > 0 && t.risk > 0 && t.protectiveN > t.riskN && t.risk >= t.protective;
  }

  function askText(members) {
    return "Separate weights " + listText(members.map((m) => m.data.weight === null ? "not weighed" : String(m.data.weight))) +
      ". Together, how strong are they? That is your judgement, not a sum.";
  }

  /* The standalone summary ("Download summary"): plain, printable, no scripts, no requests. */
  const SUMMARY_CSS = [
    "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}",
    "main{max-width:52em;margin:0 auto;padding:1.5em 1.25em 3em}",
    "h1{font-size:1.7em;line-height:1.2;margin:0 0 .25em}h2{font-size:1.3em;margin:1.8em 0 .5em;border-bottom:2px solid #1a1a1a;padding-bottom:.15em}",
    "h3{font-size:1.05em;margin:1.3em 0 .3em}p{margin:.4em 0}",
    ".rbp-ws-summary__date{color:#444}.rbp-ws-summary__notice{border:2px solid #1a1a1a;padding:.5em .8em;margin:1em 0}",
    ".rbp-ws-summary__notice-title{font-weight:700}.rbp-ws-summary__flag{border:2px dashed #555;padding:.5em .8em}",
    ".rbp-ws-summary__caution{border-left:5px solid #b3261e;background:#fdecea;padding:.5em .8em}",
    ".rbp-ws-summary__table{border-collapse:collapse;width:100%;margin:.4em 0 .8em}",
    ".rbp-ws-summary__table th,.rbp-ws-summary__table td{text-align:left;vertical-align:top;border:1px solid #999;padding:.3em .5em;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".rbp-ws-summary__table thead th{background:#eee}",
    "ul.rbp-ws-summary__balance{list-style:none;padding:0}ul.rbp-ws-summary__balance>li{margin:0 0 .8em}",
    ".rbp-ws-sbars{display:grid;grid-template-columns:auto 1fr;gap:.2em .6em;align-items:center;max-width:30em;font-size:.85em}",
    ".rbp-ws-sbar{display:block;height:.8em;background:#e6e6e6}.rbp-ws-sbar>span{display:block;height:100%}",
    ".rbp-ws-sbar--risk>span{background:#b3261e}.rbp-ws-sbar--protective>span{background:#00695c}",
    ".rbp-ws-clusters{list-style:none;padding:0}.rbp-ws-cluster{border:1px solid #999;padding:.4em .8em;margin:0 0 .8em}",
    ".rbp-ws-cluster__name{font-weight:700}.rbp-ws-cluster__meta,.rbp-ws-cluster__ask{color:#444}",
    "@media screen and (max-width:44.99em){.rbp-ws-summary__table,.rbp-ws-summary__table tbody,.rbp-ws-summary__table tr,.rbp-ws-summary__table th,.rbp-ws-summary__table td{display:block;width:auto}",
    ".rbp-ws-summary__table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}",
    ".rbp-ws-summary__table tr{border:1px solid #999;margin:0 0 .5em;padding:.3em .6em}.rbp-ws-summary__table th,.rbp-ws-summary__table td{border:0;padding:.1em 0}",
    ".rbp-ws-summary__table td:empty{display:none}.rbp-ws-summary__table td[data-label]::before{content:attr(data-label) \": \";font-weight:600}}",
    "@media print{main{max-width:none;padding:0}h2,h3{break-after:avoid}tr,.rbp-ws-cluster{break-inside:avoid}",
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
  ].join("\n");

  /* ------------------------------------------------------------ one worksheet on the page */

  class Worksheet {
    constructor(root) {
      this.root = root;
      this.def = JSON.parse(root.getAttribute("data-worksheet-definition"));
      this.key = "rbp:worksheet:" + this.def.id;
      this.prefix = root.id;
      this.app = root.querySelector(".rbp-ws-app");
      this.factors = [];
      this.changes = [];
      this.byId = {};
      this.nextId = 1;
      this.example = false;
      this.where = "session";
      this.pending = null;
      this.undo = null; // the last row removed, until it is restored or something else replaces it
      this.openLinks = 0;
      this.cautionShown = false;
      this.summaryView = false;
      this.quiet = true; // no balance announcements while the worksheet is being put on screen
      this.grow = !(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));
      this.find();
      this.bind();
      this.restore();
      Object.keys(this.lists).forEach((kind) => { this.renumber(kind); });
      all(root, ".rbp-ws-nojs").forEach((n) => { n.hidden = true; });
      const guide = root.querySelector(".rbp-ws-guide");
      if (guide) guide.open = false;
      this.app.hidden = false;
      this.quiet = false;
      this.watchDock();
      sheets.add(this);
    }

    find() {
      const app = this.app;
      const q = (s) => app.querySelector(s);
      this.ui = {
        alert: q("[data-alert]"), live: q("[data-live]"), where: q("[data-where]"), keep: q("[data-action=keep]"),
        confirm: q("[data-confirm]"), question: q("[data-confirm-question]"), yes: q("[data-confirm-yes]"),
        flag: q("[data-example-flag]"), clusters: q("[data-clusters]"), noClusters: q("[data-no-clusters]"),
        notes: q("[data-balance-notes]"), caution: q("[data-caution]"), summary: q("[data-summary]"),
        dock: q("[data-dock]"), menu: q("[data-menu]"), said: q("[data-said]"), view: q("[data-action=view]"),
        dockRisk: q("[data-dock-risk]"), dockProtective: q("[data-dock-protective]"), dockCaution: q("[data-dock-caution]"),
        balanceLive: q("[data-balance-live]"),
        factorTemplate: q("template[data-template=factor]"), changeTemplate: q("template[data-template=change]")
      };
      this.lists = {};
      all(app, "section[data-kind]").forEach((s) => {
        this.lists[s.dataset.kind] = {
          section: s, rows: s.querySelector("[data-rows]"), empty: s.querySelector("[data-empty]"),
          noneShown: s.querySelector("[data-none-shown]"), filter: s.querySelector("[data-filter]"),
          shown: s.querySelector("[data-shown]"), add: s.querySelector("[data-add]")
        };
      });
      const changes = app.querySelector(".rbp-ws-changes");
      if (changes) {
        this.lists.change = {
          section: changes, rows: changes.querySelector("[data-rows]"), empty: changes.querySelector("[data-empty]"),
          add: changes.querySelector("[data-add]")
        };
      }
      this.balance = all(app, "[data-balance]").map((li) => ({
        key: li.dataset.balance, svg: li.querySelector("svg"),
        riskText: li.querySelector("[data-balance-risk]"), protectiveText: li.querySelector("[data-balance-protective]"),
        risk: li.querySelector("[data-bar=risk]"), protective: li.querySelector("[data-bar=protective]")
      }));
    }

    bind() {
      const app = this.app;
      const dock = this.ui.dock;
      app.addEventListener("input", (e) => { this.onInput(e.target); });
      app.addEventListener("change", (e) => { this.onChange(e.target); });
      app.addEventListener("click", (e) => { this.onClick(e); });
      app.addEventListener("toggle", (e) => { this.onToggle(e.target); }, true);
      app.addEventListener("focusin", (e) => { this.unobscure(e.target); });
      this.ui.confirm.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); this.answer(false); }
      });
      dock.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && this.menuOpen()) { e.preventDefault(); this.setMenu(false); this.ui.menu.focus(); }
      });
      dock.addEventListener("focusout", (e) => {
        if (this.menuOpen() && !(e.relatedTarget && dock.contains(e.relatedTarget))) this.setMenu(false);
      });
    }

    /* ---------------------------------------------------------- the dock: sticky, so nothing it covers may hold focus */

    /* Where the dock is stuck to the top, a focused control scrolled under it is brought out below it;
       one under the note at the foot of the screen is brought up above it. */
    unobscure(target) {
      const dock = this.ui.dock;
      const said = this.ui.said;
      if (dock.contains(target)) return;
      const after = dock.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING;
      const fix = () => {
        const r = target.getBoundingClientRect();
        if (!r.height) return;
        const d = dock.getBoundingClientRect();
        if (after && r.top < d.bottom + 4 && r.bottom > d.top - 1) { window.scrollBy(0, r.top - d.bottom - 12); return; }
        const n = said.hidden ? null : said.getBoundingClientRect();
        if (n && r.bottom > n.top - 4 && r.top < n.bottom) window.scrollBy(0, r.bottom - n.top + 12);
      };
      fix();
      window.requestAnimationFrame(fix);
    }

    /* The dock's height is a CSS variable, so jump links and focus scroll clear of it (scroll-padding).
       The observer reports the height once the page is laid out: asking for it while the worksheet
       starts would make the browser lay out the whole page there and then (most of its start-up time). */
    watchDock() {
      const dock = this.ui.dock;
      const set = (height) => {
        document.documentElement.style.setProperty("--rbp-ws-dock", Math.ceil(height) + "px");
      };
      if (!window.ResizeObserver) {
        window.requestAnimationFrame(() => set(dock.getBoundingClientRect().height));
        return;
      }
      const watcher = new ResizeObserver((entries) => {
        if (!dock.isConnected) { watcher.disconnect(); return; }  // (another page now)
        const box = entries[0].borderBoxSize && entries[0].borderBoxSize[0];
        set(box ? box.blockSize : dock.getBoundingClientRect().height);
      });
      watcher.observe(dock);
    }

    menuOpen() {
      return this.ui.dock.hasAttribute("data-open");
    }

    setMenu(open) {
      if (open === this.menuOpen()) return;
      this.ui.dock.toggleAttribute("data-open", open);
      this.ui.menu.setAttribute("aria-expanded", String(open));
    }

    /* ---------------------------------------------------------- storage */

    restore() {
      const def = this.def;
      let found = null;
      const problems = [];
      const validate = (data) => {
        const result = check(def, data, false);
        found = result.value || null;
        return !!result.value;
      };
      const local = rbp.read("local", this.key, VERSION, validate);
      if (local.value) {
        this.where = "local";
        this.ui.keep.checked = true;
        this.load(found);
      } else {
        if (local.problem && local.problem !== "missing") problems.push(local.problem);
        found = null;
        const session = rbp.read("session", this.key, VERSION, validate);
        if (session.value) this.load(found);
        else {
          if (session.problem && session.problem !== "missing" && problems.indexOf(session.problem) < 0) problems.push(session.problem);
          this.updateBalance();
        }
      }
      this.showWhere();
      if (problems.length) {
        this.error(problems.map((p) => STORE_PROBLEMS[p] || rbp.messages[p] || "").join(" "));
      }
    }

    snapshot() {
      return {
        v: VERSION, worksheet: this.def.id,
        factors: this.factors.map((item) => item.data),
        changes: this.changes.map((item) => item.data),
        example: this.example
      };
    }

    save() {
      if (!rbp.write(this.where, this.key, this.snapshot()) && !this.saveFailed) {
        this.saveFailed = true;
        this.error("This browser would not save the worksheet, so it will be lost if you reload or leave the page. Use Export to keep a copy.");
      }
    }

    showWhere() {
      setText(this.ui.where, this.where === "local"
        ? "Your work is kept on this device, in this browser, until you clear the worksheet or untick the box."
        : "Your work is kept in this browser tab only. It goes when you close the tab.");
    }

    keep(on) {
      if (on) {
        this.where = "local";
        if (rbp.write("local", this.key, this.snapshot())) {
          rbp.remove("session", this.key);
          this.say("Your worksheet is now kept on this device.");
        } else {
          this.where = "session";
          this.ui.keep.checked = false;
          this.error("This browser would not keep the worksheet on this device. It is still kept in this tab.");
        }
      } else {
        rbp.remove("local", this.key);
        this.where = "session";
        rbp.write("session", this.key, this.snapshot());
        this.say("Removed from this device. Your work is now kept in this browser tab only.");
      }
      this.showWhere();
    }

    /* ---------------------------------------------------------- rows */

    newId(letter) {
      const taken = (id) => this.byId[id] || (this.undo && this.undo.item.data.id === id);
      while (taken(letter + this.nextId)) this.nextId += 1;
      return letter + this.nextId++;
    }

    makeItem(kind, data) {
      const template = kind === "change" ? this.ui.changeTemplate : this.ui.factorTemplate;
      const row = template.content.firstElementChild.cloneNode(true);
      const base = this.prefix + "-" + data.id + "-";
      const fields = {};
      const q = (s) => row.querySelector(s);
      row.dataset.id = data.id;
      all(row, "[data-field]").forEach((input) => {
        const name = input.dataset.field;
        input.id = base + name;
        fields[name] = input;
      });
      all(row, "[data-label-for]").forEach((label) => { label.htmlFor = base + label.dataset.labelFor; });
      all(row, "[data-hint]").forEach((hint) => { hint.id = base + "hint-" + hint.dataset.hint; });
      all(row, "[data-describedby]").forEach((input) => { input.setAttribute("aria-describedby", base + "hint-" + input.dataset.describedby); });
      const item = {
        kind: kind, data: data, row: row, fields: fields, legend: q("[data-legend]"),
        removeWhat: q("[data-remove-what]"), closeWhat: q("[data-close-what]"), links: q("[data-links]"),
        cluster: q("[data-cluster]"), toggle: q("[data-toggle]"), body: q("[data-body]"),
        head: { what: q("[data-head-what]"), name: q("[data-head-name]"), domain: q("[data-head-domain]"),
          weight: q("[data-head-weight]"), when: q("[data-head-when]") },
        name: "", open: false
      };
      item.body.id = base + "body";
      item.toggle.setAttribute("aria-controls", item.body.id);
      if (item.links) item.linksCount = item.links.querySelector("[data-links-count]");
      Object.keys(fields).forEach((name) => {
        const value = data[name];
        fields[name].value = value === null || value === undefined ? "" : String(value);
      });
      this.byId[data.id] = item;
      this.updateHead(item);
      return item;
    }

    describe(item) {
      const text = item.kind === "change" ? item.data.what : item.data.description;
      return text.trim() ? clip(text, 120) : "(no description yet)";
    }

    /* The closed row says what the factor or change is, its domain, and its weight or timescale. */
    updateHead(item) {
      const d = item.data;
      const head = item.head;
      setText(head.what, this.describe(item));
      setText(head.domain, d.domain ? this.domainLabel(d.domain) : "no domain yet");
      if (head.weight) {
        setText(head.weight, d.weight === null ? "Not weighed" : "Weight " + d.weight);
        head.weight.classList.toggle("rbp-ws-row__weight--none", d.weight === null);
      }
      if (head.when) setText(head.when, timescale(d) === "not set" ? "no timescale yet" : timescale(d));
    }

    setOpen(item, open) {
      if (item.open === open) return;
      item.open = open;
      item.toggle.setAttribute("aria-expanded", String(open));
      item.row.classList.toggle("rbp-ws-row--open", open);
      item.body.hidden = !open;
      if (open && this.grow) all(item.body, "textarea").forEach((t) => { this.fit(t); });
    }

    /* Where the browser cannot size a text box to its text (field-sizing), it grows as you type. */
    fit(textarea) {
      textarea.style.height = "auto";
      textarea.style.height = textarea.scrollHeight + 2 + "px";
    }

    firstField(item) {
      return item.fields.description || item.fields.what;
    }

    itemsOf(kind) {
      if (kind === "change") return this.changes;
      return this.factors.filter((f) => f.kind === kind);
    }

    /* Legends and buttons say which row they belong to: "Risk factor 2". */
    renumber(kind) {
      const items = this.itemsOf(kind);
      const label = kind === "change" ? "Change" : KIND_NAME[kind];
      let changed = false;
      for (let i = 0; i < items.length; i++) {
        const name = label + " " + (i + 1);
        if (items[i].name !== name) {
          items[i].name = name;
          changed = true;
          setText(items[i].legend, name);
          setText(items[i].head.name, name);
          setText(items[i].removeWhat, " " + name.toLowerCase());
          setText(items[i].closeWhat, " with " + name.toLowerCase());
        }
      }
      const list = this.lists[kind];
      setHidden(list.empty, items.length > 0);
      if (list.filter) {
        // A filter is no use on an empty list, and must not silently pre-fill the next row's domain.
        if (!items.length && list.filter.value !== "*") { list.filter.value = "*"; setText(list.shown, ""); }
        setHidden(list.filter.parentNode, !items.length);
        // (a phone shows it only for a list too long to see at once, or while it filters: worksheet.css)
        list.section.toggleAttribute("data-many", items.length > 5 || list.filter.value !== "*");
      }
      if (changed) this.refreshLinkSummaries();
      return changed;
    }

    add(kind) {
      this.clearAlert();
      const max = kind === "change" ? MAX_CHANGES : MAX_FACTORS;
      const count = kind === "change" ? this.changes.length : this.factors.length;
      if (count >= max) {
        this.error("This worksheet can hold up to " + max + (kind === "change" ? " changes." : " factors."));
        return;
      }
      const list = this.lists[kind];
      const filter = list.filter ? list.filter.value : "*";
      let data;
      if (kind === "change") {
        data = { id: this.newId("c"), what: "", domain: "", who: "", date: "", weeks: null, how: "", addresses: [] };
      } else {
        data = {
          id: this.newId(kind === "risk" ? "r" : "p"), kind: kind, description: "",
          domain: filter === "*" ? "" : filter, weight: null, evidence: "", interacts_with: []
        };
      }
      const item = this.makeItem(kind, data);
      (kind === "change" ? this.changes : this.factors).push(item);
      list.rows.appendChild(item.row);
      this.linkSummary(item);
      this.rowsChanged(kind);
      this.setOpen(item, true);
      this.firstField(item).focus();
      this.say(item.name + " added.");
    }

    /* A row was added, removed or restored: renumber, and for factors redo the link lists, filter, balance and clusters. */
    rowsChanged(kind) {
      this.renumber(kind);
      if (kind !== "change") {
        this.refreshOpenLinks();
        this.applyFilter(kind);
        this.updateBalance();
        this.updateClusters();
      }
      this.save();
    }

    /* Remove a row at once, leaving "Risk factor 3 removed … Undo" in its place. */
    remove(item) {
      this.clearAlert();
      this.dropUndo();
      const kind = item.kind;
      const name = item.name;
      const said = this.describe(item);
      const store = kind === "change" ? this.changes : this.factors;
      const undo = { item: item, kind: kind, index: store.indexOf(item), links: [] };
      const id = item.data.id;
      if (kind !== "change") {
        this.factors.forEach((other) => {
          const at = other.data.interacts_with.indexOf(id);
          if (at >= 0) { other.data.interacts_with.splice(at, 1); undo.links.push([other, "interacts_with", at]); this.linkSummary(other); }
        });
        this.changes.forEach((change) => {
          const at = change.data.addresses.indexOf(id);
          if (at >= 0) { change.data.addresses.splice(at, 1); undo.links.push([change, "addresses", at]); this.linkSummary(change); }
        });
      }
      if (item.links && item.links.open) this.openLinks -= 1;
      store.splice(undo.index, 1);
      delete this.byId[id];
      const place = rbp.make("div", "rbp-ws-undo");
      place.setAttribute("data-undo", "");
      place.appendChild(rbp.make("p", "", name + " removed: “" + said + "”"));
      const button = rbp.make("button", "md-button", "Undo");
      button.type = "button";
      button.setAttribute("data-undo-button", "");
      button.appendChild(rbp.make("span", "rbp-vh", " removing " + name.toLowerCase()));
      place.appendChild(button);
      if (item.row.hidden) place.hidden = true;  // (filtered out of view: nothing to show in its place)
      item.row.replaceWith(place);
      undo.place = place;
      this.undo = undo;
      this.rowsChanged(kind);
      if (place.hidden) this.lists[kind].add.focus();
      else button.focus();
      this.say(name + " removed: " + said + ". Choose Undo to put it back.", name + " removed.");
    }

    /* Put the last removed row back exactly: same place, same fields, same links both ways. */
    restoreRemoved() {
      const undo = this.undo;
      if (!undo) return;
      this.undo = null;
      const item = undo.item;
      const store = undo.kind === "change" ? this.changes : this.factors;
      store.splice(Math.min(undo.index, store.length), 0, item);
      this.byId[item.data.id] = item;
      undo.links.forEach(([other, field, at]) => {
        if (this.byId[other.data.id] !== other || other.data[field].indexOf(item.data.id) >= 0) return;
        other.data[field].splice(Math.min(at, other.data[field].length), 0, item.data.id);
        this.linkSummary(other);
      });
      undo.place.replaceWith(item.row);
      if (item.links && item.links.open) { this.openLinks += 1; this.buildLinks(item); }
      this.linkSummary(item);
      item.name = "";  // renumber it, whatever it was called before
      this.rowsChanged(undo.kind);
      if (item.open) this.firstField(item).focus();
      else item.toggle.focus();
      this.say(item.name + " is back: " + this.describe(item) + ".");
    }

    dropUndo() {
      if (!this.undo) return;
      this.undo.place.remove();
      const kind = this.undo.kind;
      this.undo = null;
      this.renumber(kind);
    }

    /* ---------------------------------------------------------- events */

    onInput(target) {
      const name = target.dataset.field;
      if (!name) return;
      const row = target.closest("[data-row]");
      const item = row && this.byId[row.dataset.id];
      if (!item) return;
      const data = item.data;
      if (name === "weight") {
        data.weight = target.value === "" ? null : Number(target.value);
        this.updateBalance();
        if (data.interacts_with.length) this.updateClusters();
      } else if (name === "domain") {
        data.domain = target.value;
        if (item.kind !== "change") {
          this.updateBalance();
          if (data.interacts_with.length) this.updateClusters();
        }
      } else if (name === "weeks") {
        const ok = target.validity.valid && (target.value === "" || /^\d+$/.test(target.value));
        data.weeks = ok && target.value !== "" ? Number(target.value) : null;
        const err = row.querySelector("[data-weeks-error]");
        setHidden(err, ok);
        if (ok) target.removeAttribute("aria-invalid");
        else target.setAttribute("aria-invalid", "true");
      } else if (name === "date") {
        data.date = rbp.isDay(target.value) ? target.value : "";
      } else {
        data[name] = target.value.slice(0, this.def.limits.text);
        if (name === "description" || name === "what") this.renamed(item);
        if (this.grow && target.tagName === "TEXTAREA") this.fit(target);
      }
      if (name !== "who" && name !== "how" && name !== "evidence") this.updateHead(item);
      this.save();
    }

    onChange(target) {
      const action = target.dataset.action;
      if (target.dataset.link) this.link(target);
      else if (target.hasAttribute("data-filter")) this.applyFilter(target.closest("section").dataset.kind, true);
      else if (action === "keep") this.keep(target.checked);
      else if (action === "import") this.importFile(target);
    }

    onClick(e) {
      const button = e.target.closest("button, a");
      if (!button || !this.app.contains(button)) return;
      if (this.menuOpen() && this.ui.dock.contains(button) && button !== this.ui.menu) this.setMenu(false);
      if (button.tagName === "A") return;  // jump links: the browser scrolls (clear of the dock: scroll-padding)
      const row = button.closest("[data-row]");
      const item = row && this.byId[row.dataset.id];
      const action = button.dataset.action;
      if (button.hasAttribute("data-toggle") && item) this.setOpen(item, !item.open);
      else if (button.hasAttribute("data-close") && item) { this.setOpen(item, false); item.toggle.focus(); }
      else if (button.hasAttribute("data-remove") && item) this.remove(item);
      else if (button.hasAttribute("data-undo-button")) this.restoreRemoved();
      else if (button.dataset.add) this.add(button.dataset.add);
      else if (button.hasAttribute("data-confirm-yes")) this.answer(true);
      else if (button.hasAttribute("data-confirm-no")) this.answer(false);
      else if (button === this.ui.menu) this.setMenu(!this.menuOpen());
      else if (action === "example") this.askExample(button);
      else if (action === "clear") this.askClear(button);
      else if (action === "export") this.exportFile();
      else if (action === "summary") this.downloadSummary();
      else if (action === "view") this.setView(!this.summaryView);
      else if (action === "print") this.print();
    }
    /* ---------------------------------------------------------- links: "Interacts with", "Addresses" */

    /* The checkbox lists are built when opened, so 200 factors do not mean 40,000 checkboxes. */
    onToggle(details) {
      if (!details.hasAttribute || !details.hasAttribute("data-links")) return;
      const item = this.byId[details.closest("[data-row]").dataset.id];
      if (details.open) {
        this.openLinks += 1;
        this.buildLinks(item);
      } else {
        this.openLinks -= 1;
        details.querySelector("[data-links-list]").textContent = "";
      }
    }

    candidates(item) {
      if (item.kind === "change") return this.factors;
      return this.factors.filter((f) => f !== item && f.kind === item.kind);
    }

    buildLinks(item) {
      const field = item.links.dataset.links;
      const list = item.links.querySelector("[data-links-list]");
      const chosen = item.data[field];
      const base = this.prefix + "-" + item.data.id + "-" + field + "-";
      const frag = document.createDocumentFragment();
      const candidates = this.candidates(item);
      candidates.forEach((other) => {
        const wrap = rbp.make("div", "rbp-ws-check");
        const box = rbp.make("input");
        box.type = "checkbox";
        box.id = base + other.data.id;
        box.value = other.data.id;
        box.dataset.link = field;
        box.checked = chosen.indexOf(other.data.id) >= 0;
        const label = rbp.make("label");
        label.htmlFor = box.id;
        const text = rbp.make("span", "", this.describe(other));
        text.setAttribute("data-link-label", other.data.id);
        label.appendChild(text);
        label.appendChild(rbp.make("span", "rbp-ws-check__ref", " (" + other.name + ")"));
        wrap.appendChild(box);
        wrap.appendChild(label);
        frag.appendChild(wrap);
      });
      list.textContent = "";
      list.appendChild(frag);
      setHidden(item.links.querySelector("[data-links-empty]"), candidates.length > 0);
    }

    refreshOpenLinks() {
      if (!this.openLinks) return;
      this.factors.concat(this.changes).forEach((item) => {
        if (item.links && item.links.open) this.buildLinks(item);
      });
    }

    link(box) {
      const item = this.byId[box.closest("[data-row]").dataset.id];
      const field = box.dataset.link;
      const otherId = box.value;
      const set = item.data[field];
      const at = set.indexOf(otherId);
      if (box.checked && at < 0) set.push(otherId);
      if (!box.checked && at >= 0) set.splice(at, 1);
      if (field === "interacts_with") {
        const other = this.byId[otherId];
        const back = other.data.interacts_with;
        const there = back.indexOf(item.data.id);
        if (box.checked && there < 0) back.push(item.data.id);
        if (!box.checked && there >= 0) back.splice(there, 1);
        if (other.links.open) {
          const mirror = other.links.querySelector('input[value="' + item.data.id + '"]');
          if (mirror) mirror.checked = box.checked;
        }
        this.linkSummary(other);
        this.updateClusters();
      }
      this.linkSummary(item);
      this.save();
    }

    linkSummary(item) {
      if (!item.links) return;
      const names = item.data[item.links.dataset.links].map((id) => this.byId[id])
        .filter(Boolean).sort((a, b) => this.factors.indexOf(a) - this.factors.indexOf(b))
        .map((x) => x.name);
      setText(item.linksCount, names.length ? names.join(", ") : "none");
    }

    refreshLinkSummaries() {
      this.factors.concat(this.changes).forEach((item) => {
        if (item.links && item.data[item.links.dataset.links].length) this.linkSummary(item);
      });
    }

    /* A description changed: relabel it wherever it is listed. */
    renamed(item) {
      if (item.kind === "change") return;
      if (this.openLinks) {
        const text = this.describe(item);
        all(this.app, '[data-link-label="' + item.data.id + '"]').forEach((n) => { setText(n, text); });
      }
      if (item.data.interacts_with.length) this.updateClusters();
    }

    /* ---------------------------------------------------------- filter, balance, clusters */

    applyFilter(kind, announce) {
      const list = this.lists[kind];
      if (!list || !list.filter) return;
      const want = list.filter.value;
      const items = this.itemsOf(kind);
      list.section.toggleAttribute("data-many", items.length > 5 || want !== "*");
      let shown = 0;
      items.forEach((item) => {
        const show = want === "*" || item.data.domain === want;
        setHidden(item.row, !show);
        if (show) shown += 1;
      });
      const text = want === "*" ? "" : "Showing " + shown + " of " + items.length + ".";
      setText(list.shown, text);
      setHidden(list.noneShown, !(items.length && !shown));
      if (announce) this.announce(text || "Showing all " + rbp.plural(items.length, KIND_NAME[kind].toLowerCase()) + ".");
    }

    totals() {
      const totals = { "*": { risk: 0, protective: 0, riskN: 0, protectiveN: 0 } };
      this.def.domains.forEach((d) => { totals[d.id] = { risk: 0, protective: 0, riskN: 0, protectiveN: 0 }; });
      let unweighed = 0;
      let nodomain = 0;
      for (let i = 0; i < this.factors.length; i++) {
        const d = this.factors[i].data;
        const w = d.weight || 0;
        const all_ = totals["*"];
        all_[d.kind] += w;
        all_[d.kind + "N"] += 1;
        const t = totals[d.domain];
        if (t) { t[d.kind] += w; t[d.kind + "N"] += 1; } else nodomain += 1;
        if (d.weight === null) unweighed += 1;
      }
      totals.unweighed = unweighed;
      totals.nodomain = nodomain;
      return totals;
    }

    updateBalance() {
      if (!this.balance.length) return;
      const totals = this.totals();
      let domainMax = 0;
      this.def.domains.forEach((d) => { domainMax = Math.max(domainMax, totals[d.id].risk, totals[d.id].protective); });
      this.balance.forEach((b) => {
        const t = totals[b.key];
        const max = b.key === "*" ? Math.max(t.risk, t.protective) : domainMax;
        const text = balanceText(t);
        setText(b.riskText, riskText(t));
        setText(b.protectiveText, protectiveText(t));
        if (b.svg.getAttribute("aria-label") !== text) b.svg.setAttribute("aria-label", text);
        const rw = (max ? (100 * t.risk) / max : 0).toFixed(1) + "%";
        const pw = (max ? (100 * t.protective) / max : 0).toFixed(1) + "%";
        if (b.risk.getAttribute("width") !== rw) b.risk.setAttribute("width", rw);
        if (b.protective.getAttribute("width") !== pw) b.protective.setAttribute("width", pw);
      });
      const notes = [];
      if (totals.unweighed) notes.push(rbp.plural(totals.unweighed, "factor is", "factors are") + " not weighed yet: they are counted but add no weight.");
      if (totals.nodomain) notes.push(rbp.plural(totals.nodomain, "factor has", "factors have") + " no domain yet: they count only in “All domains”.");
      setText(this.ui.notes, notes.join(" "));
      setHidden(this.ui.notes, !notes.length);
      const show = deceptive(totals["*"]);
      if (show !== this.cautionShown) {
        this.cautionShown = show;
        this.ui.caution.hidden = !show;
        this.ui.dockCaution.hidden = !show;
      }
      // The dock: "Risk 14 from 4 factors · Protective 10 from 5", always in view while you weigh.
      const t = totals["*"];
      setText(this.ui.dockRisk, "Risk " + t.risk + " from " + rbp.plural(t.riskN, "factor"));
      setText(this.ui.dockProtective, "Protective " + t.protective + " from " + t.protectiveN);
      this.lastTotals = totals;
      this.tellBalance(t);
    }

    /* Say the balance once weighing pauses, in a polite region of its own so it never cuts off other
       news. (The caution says itself: its region under Balance is a status region too.) */
    tellBalance(t) {
      const text = "Balance: risk " + t.risk + " from " + rbp.plural(t.riskN, "factor") + ", protective " + t.protective +
        " from " + rbp.plural(t.protectiveN, "factor") + ".";
      window.clearTimeout(this.balanceTimer);
      if (this.quiet) { this.balanceSaid = text; return; }
      if (text === this.balanceSaid) return;
      this.balanceTimer = window.setTimeout(() => {
        if (!this.root.isConnected) return;
        this.balanceSaid = text;
        rbp.announce(this.ui.balanceLive, text);
      }, BALANCE_PAUSE);
    }

    /* Groups of factors marked as interacting (connected through "Interacts with"), per kind. */
    clusters() {
      const parent = {};
      function top(id) {
        while (parent[id] !== id) { parent[id] = parent[parent[id]]; id = parent[id]; }
        return id;
      }
      this.factors.forEach((f) => { parent[f.data.id] = f.data.id; });
      this.factors.forEach((f) => {
        f.data.interacts_with.forEach((o) => { if (parent[o] !== undefined) parent[top(o)] = top(f.data.id); });
      });
      const groups = {};
      const order = [];
      this.factors.forEach((f) => {
        if (!f.data.interacts_with.length) return;
        const r = top(f.data.id);
        if (!groups[r]) { groups[r] = []; order.push(r); }
        groups[r].push(f);
      });
      const position = {};
      this.factors.forEach((f, i) => { position[f.data.id] = i; });
      const out = { risk: [], protective: [] };
      order.forEach((r) => {
        const members = groups[r].sort((a, b) => position[a.data.id] - position[b.data.id]);
        if (members.length > 1) out[members[0].kind].push(members);
      });
      ["risk", "protective"].forEach((k) => {
        out[k].sort((a, b) => position[a[0].data.id] - position[b[0].data.id]);
      });
      return out;
    }

    domainLabel(id) {
      for (let i = 0; i < this.def.domains.length; i++) if (this.def.domains[i].id === id) return this.def.domains[i].label;
      return "No domain chosen";
    }

    weightText(w) {
      if (w === null || w === undefined) return "not weighed";
      for (let i = 0; i < this.def.weights.length; i++) if (this.def.weights[i].value === w) return w + " (" + this.def.weights[i].label + ")";
      return String(w);
    }

    pillText(m) {
      return m.data.weight === null ? "–" : String(m.data.weight);
    }

    memberText(m) {
      return " — " + m.name + ", " + this.domainLabel(m.data.domain) + ", weight " + this.weightText(m.data.weight);
    }

    /* Renders the clusters into the given container (on screen and in the printed summary) and
       returns the text nodes that depend on weights and domains, so a re-weigh can update them in place.
       On screen (no headings) each member is one line: its weight, then its first line of text; its
       name, domain and weight in words stay in the text for screen readers and searching. */
    renderClusters(clusters, into, headingTag) {
      const live = [];
      ["risk", "protective"].forEach((kind) => {
        if (!clusters[kind].length) return;
        if (headingTag) into.appendChild(rbp.make(headingTag, "", kind === "risk" ? "Risk factors that interact" : "Protective factors that interact"));
        const ol = rbp.make("ol", "rbp-ws-clusters");
        clusters[kind].forEach((members, i) => {
          const li = rbp.make("li", "rbp-ws-cluster");
          li.appendChild(rbp.make("p", "rbp-ws-cluster__name", (kind === "risk" ? "Risk" : "Protective") + " cluster " + (i + 1) + ": " + rbp.plural(members.length, "factor")));
          const ul = rbp.make("ul");
          const metas = [];
          const pills = [];
          members.forEach((m) => {
            const entry = rbp.make("li");
            if (!headingTag) {
              const pill = entry.appendChild(rbp.make("span", "rbp-ws-cluster__w", this.pillText(m)));
              pill.setAttribute("aria-hidden", "true");
              pills.push(pill);
            }
            entry.appendChild(rbp.make("span", "rbp-ws-cluster__what", this.describe(m)));
            const meta = rbp.make("span", "rbp-ws-cluster__meta", this.memberText(m));
            metas.push(meta);
            entry.appendChild(meta);
            ul.appendChild(entry);
          });
          li.appendChild(ul);
          const ask = rbp.make("p", "rbp-ws-cluster__ask", askText(members));
          li.appendChild(ask);
          ol.appendChild(li);
          live.push({ members: members, metas: metas, pills: pills, ask: ask });
        });
        into.appendChild(ol);
      });
      return live;
    }

    updateClusters() {
      if (!this.ui.clusters) return;
      const clusters = this.clusters();
      // Rebuild the panel only when its groups or wording change; a re-weigh updates text in place.
      const shape = JSON.stringify(["risk", "protective"].map((kind) => clusters[kind].map((members) => members.map((m) => [m.data.id, m.name, this.describe(m)]))));
      if (shape !== this.clusterShape) {
        this.clusterShape = shape;
        const container = this.ui.clusters;
        container.textContent = "";
        this.clusterNodes = this.renderClusters(clusters, container, null);
        setHidden(this.ui.noClusters, clusters.risk.length + clusters.protective.length > 0);
      } else {
        this.clusterNodes.forEach((node) => {
          node.members.forEach((m, i) => { setText(node.metas[i], this.memberText(m)); setText(node.pills[i], this.pillText(m)); });
          setText(node.ask, askText(node.members));
        });
      }
      const tag = {};
      ["risk", "protective"].forEach((kind) => {
        clusters[kind].forEach((members, i) => {
          members.forEach((m) => { tag[m.data.id] = "Interacts: part of " + kind + " cluster " + (i + 1) + " (see Interactions)"; });
        });
      });
      this.factors.forEach((f) => {
        const text = tag[f.data.id] || "";
        setText(f.cluster, text);
        setHidden(f.cluster, !text);
      });
    }

    /* ---------------------------------------------------------- whole-worksheet actions */

    isEmpty() {
      return !this.factors.length && !this.changes.length;
    }

    /* Replace everything on screen with data (already checked). Rows start closed. */
    load(data) {
      const quiet = this.quiet;
      this.quiet = true;
      this.dropUndo();
      this.factors.concat(this.changes).forEach((item) => { item.row.remove(); });
      this.factors = [];
      this.changes = [];
      this.byId = {};
      this.nextId = 1;
      this.openLinks = 0;
      this.example = !!data.example;
      Object.keys(this.lists).forEach((kind) => {
        const list = this.lists[kind];
        if (list.filter) list.filter.value = "*";
      });
      const frags = { risk: document.createDocumentFragment(), protective: document.createDocumentFragment(), change: document.createDocumentFragment() };
      data.factors.forEach((d) => {
        const item = this.makeItem(d.kind, d);
        this.factors.push(item);
        frags[d.kind].appendChild(item.row);
      });
      data.changes.forEach((d) => {
        const item = this.makeItem("change", d);
        this.changes.push(item);
        frags.change.appendChild(item.row);
      });
      Object.keys(this.lists).forEach((kind) => {
        this.lists[kind].rows.appendChild(frags[kind]);
        this.renumber(kind);
        this.applyFilter(kind);
      });
      this.factors.concat(this.changes).forEach((item) => { this.linkSummary(item); });
      this.updateBalance();
      this.clusterShape = null;  // new rows: the panel must point at them
      this.updateClusters();
      if (this.ui.flag) this.ui.flag.hidden = !this.example;
      if (this.summaryView) this.buildSummary();
      this.quiet = quiet;
    }

    ask(question, yes, onYes, from) {
      this.pending = { onYes: onYes, from: from };
      this.ui.question.textContent = question;
      this.ui.yes.textContent = yes;
      this.ui.confirm.hidden = false;
      this.ui.question.focus();
    }

    answer(yes) {
      const pending = this.pending;
      this.pending = null;
      this.ui.confirm.hidden = true;
      if (!pending) return;
      if (yes) pending.onYes();
      else this.say("Cancelled. Nothing has changed.");
      if (pending.from && document.contains(pending.from)) {
        // (a tool in the closed phone menu: open the menu again, so focus goes back where it was)
        if (this.ui.dock.contains(pending.from) && !pending.from.offsetParent) this.setMenu(true);
        pending.from.focus();
      }
    }

    askExample(button) {
      const go = () => {
        this.clearAlert();
        const result = check(this.def, JSON.parse(JSON.stringify({
          v: VERSION, worksheet: this.def.id, factors: this.def.example.factors, changes: this.def.example.changes, example: true
        })), false);
        this.load(result.value);
        this.save();
        this.say("Practice example loaded: " + this.contents() + ".");
      };
      if (this.isEmpty()) go();
      else this.ask("Replace everything in the worksheet with the practice example? What you have entered will be lost.", "Replace with practice example", go, button);
    }

    askClear(button) {
      this.ask("Clear the worksheet? This removes everything on this page and everything this worksheet saved in this browser. It cannot be undone.",
        "Yes, clear the worksheet", () => {
          this.clearAlert();
          this.load({ factors: [], changes: [], example: false });
          rbp.remove("session", this.key);
          rbp.remove("local", this.key);
          this.where = "session";
          this.ui.keep.checked = false;
          this.showWhere();
          this.say("Worksheet cleared. Nothing is saved in this browser.");
        }, button);
    }

    contents() {
      const parts = [];
      if (this.def.sections.factors) {
        parts.push(rbp.plural(this.itemsOf("risk").length, "risk factor"));
        parts.push(rbp.plural(this.itemsOf("protective").length, "protective factor"));
      }
      if (this.def.sections.changes) parts.push(rbp.plural(this.changes.length, "change"));
      return listText(parts);
    }

    /* ---------------------------------------------------------- export and import */

    exportFile() {
      const data = this.snapshot();
      const file = { format: FORMAT, v: VERSION, worksheet: this.def.id, exported: new Date().toISOString(),
        factors: data.factors, changes: data.changes, example: data.example };
      const name = this.def.id + "-" + rbp.today() + ".json";
      rbp.download(name, "application/json", JSON.stringify(file, null, 2) + "\n");
      this.say("Exported " + name + ". Keep the file safe: it holds what you typed. Import reads it back.");
    }

    importFile(input) {
      const file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      const fail = (why) => {
        this.error("Could not import “" + clip(file.name, 80) + "”. " + why + " Nothing has changed.");
      };
      if (file.size > MAX_FILE) { fail("The file is too large to be a worksheet export."); return; }
      file.text().then((text) => {
        let data;
        try { data = JSON.parse(text); } catch (e) { fail("It is not a worksheet export: it could not be read as JSON."); return; }
        const result = check(this.def, data, true);
        if (result.error) { fail(result.error); return; }
        const go = () => {
          this.clearAlert();
          this.load(result.value);
          this.save();
          this.say("Imported " + clip(file.name, 80) + ": " + this.contents() + ".");
        };
        if (this.isEmpty()) go();
        else this.ask("Replace everything in the worksheet with “" + clip(file.name, 80) + "”? What you have entered will be lost.", "Replace with the imported file", go, input);
      }, () => { fail("The file could not be read."); });
    }

    /* ---------------------------------------------------------- the summary: Summary view, print, Download summary */

    /* Fills s with the whole worksheet as read-only text: factors by domain, balance (with bars),
       caution, interactions and the change plan. top is the level of its title (2 on the page, 1 in
       a file of its own). Typed text only ever goes in as text. */
    summaryInto(s, top, verb) {
      const totals = this.totals();
      const h = (n) => "h" + Math.min(6, top + n);
      const title = s.appendChild(rbp.make(h(0), "", this.def.title + ": summary"));
      title.id = this.prefix + "-summary-h";
      s.appendChild(rbp.make("p", "rbp-ws-summary__date", verb + " " + rbp.longDate(rbp.today()) + "."));
      const notice = rbp.make("div", "rbp-ws-summary__notice");
      notice.appendChild(rbp.make("p", "rbp-ws-summary__notice-title", this.root.querySelector(".rbp-ws-notice .admonition-title").textContent));
      notice.appendChild(rbp.make("p", "", this.root.querySelector(".rbp-ws-notice p:last-child").textContent));
      s.appendChild(notice);
      if (this.example && this.ui.flag) {
        s.appendChild(rbp.make("p", "rbp-ws-summary__flag", this.ui.flag.querySelector("[data-example-title]").textContent + ". " +
          this.ui.flag.querySelector("[data-example-summary]").textContent));
      }

      if (this.def.sections.factors) {
        s.appendChild(rbp.make(h(1), "", "Factors by domain"));
        const domains = this.def.domains.map((d) => d.id);
        if (this.factors.some((f) => domains.indexOf(f.data.domain) < 0)) domains.push("");
        domains.forEach((id) => {
          const items = this.factors.filter((f) => f.data.domain === id);
          s.appendChild(rbp.make(h(2), "", this.domainLabel(id)));
          if (totals[id]) s.appendChild(rbp.make("p", "rbp-ws-summary__balance", balanceText(totals[id])));
          if (!items.length) { s.appendChild(rbp.make("p", "", "No factors in this domain.")); return; }
          const rows = items.filter((f) => f.kind === "risk").concat(items.filter((f) => f.kind === "protective"));
          s.appendChild(this.table(["Factor", "Description", "Weight", "Evidence or source"], rows.map((f) => [f.name, f.data.description.trim() ? f.data.description : "(no description)", this.weightText(f.data.weight), f.data.evidence])));
        });
        s.appendChild(rbp.make(h(1), "", "Balance"));
        const ul = rbp.make("ul", "rbp-ws-summary__balance");
        let domainMax = 0;
        this.def.domains.forEach((d) => { domainMax = Math.max(domainMax, totals[d.id].risk, totals[d.id].protective); });
        [["*", "All domains"]].concat(this.def.domains.map((d) => [d.id, d.label])).forEach((pair) => {
          const t = totals[pair[0]];
          const li = ul.appendChild(rbp.make("li", "", pair[1] + ": " + balanceText(t)));
          li.appendChild(this.bars(t, pair[0] === "*" ? Math.max(t.risk, t.protective) : domainMax));
        });
        s.appendChild(ul);
        if (!this.ui.notes.hidden) s.appendChild(rbp.make("p", "", this.ui.notes.textContent));
        if (deceptive(totals["*"])) {
          const caution = rbp.make("p", "rbp-ws-summary__caution");
          caution.appendChild(rbp.make("strong", "", "A longer list can be deceptive. "));
          caution.appendChild(document.createTextNode(this.ui.caution.querySelector("p:last-child").textContent));
          s.appendChild(caution);
        }
        s.appendChild(rbp.make("p", "", this.root.querySelector(".rbp-ws-judgement").textContent));
        s.appendChild(rbp.make(h(1), "", "Interactions"));
        const clusters = this.clusters();
        if (clusters.risk.length + clusters.protective.length) this.renderClusters(clusters, s, h(2));
        else s.appendChild(rbp.make("p", "", "No interactions marked."));
      }
      if (this.def.sections.changes) {
        s.appendChild(rbp.make(h(1), "", "What needs to change"));
        if (!this.changes.length) s.appendChild(rbp.make("p", "", "No changes listed."));
        else {
          const heads = ["Change", "What needs to change", "Domain", "Who will help", "By when", "How we will know"];
          if (this.def.sections.factors) heads.push("Addresses");
          s.appendChild(this.table(heads, this.changes.map((c) => {
            const row = [c.name, c.data.what, this.domainLabel(c.data.domain), c.data.who, timescale(c.data), c.data.how];
            if (this.def.sections.factors) row.push(c.linksCount.textContent === "none" ? "" : c.linksCount.textContent);
            return row;
          })));
        }
      }
    }

    /* Two bars of the same solid weight, risk above protective, named in words beside them. */
    bars(t, max) {
      const wrap = rbp.make("div", "rbp-ws-sbars");
      wrap.setAttribute("aria-hidden", "true");
      [["risk", "Risk", t.risk], ["protective", "Protective", t.protective]].forEach(([kind, label, value]) => {
        wrap.appendChild(rbp.make("span", "rbp-ws-sbars__label", label + " " + value));
        const bar = wrap.appendChild(rbp.make("span", "rbp-ws-sbar rbp-ws-sbar--" + kind));
        bar.appendChild(rbp.make("span")).style.width = (max ? (100 * value) / max : 0).toFixed(1) + "%";
      });
      return wrap;
    }

    buildSummary() {
      const s = this.ui.summary;
      s.textContent = "";
      this.summaryInto(s, 2, this.summaryView ? "As it stood on" : "Printed");
      s.setAttribute("data-built", "");
    }

    /* A table that a phone shows as one card a row (each cell under its name, from data-label), so
       the roles are written out: some browsers drop a table's roles once its display changes. */
    table(heads, rows) {
      const table = rbp.make("table", "rbp-ws-summary__table");
      const role = (el, name) => { el.setAttribute("role", name); return el; };
      role(table, "table");
      const tr = role(rbp.make("tr"), "row");
      heads.forEach((h) => {
        const th = role(rbp.make("th", "", h), "columnheader");
        th.scope = "col";
        tr.appendChild(th);
      });
      table.appendChild(role(rbp.make("thead"), "rowgroup")).appendChild(tr);
      const body = role(rbp.make("tbody"), "rowgroup");
      rows.forEach((cells) => {
        const r = role(rbp.make("tr"), "row");
        cells.forEach((c, i) => {
          const cell = role(rbp.make(i === 0 ? "th" : "td", "", c || ""), i === 0 ? "rowheader" : "cell");
          if (i === 0) cell.scope = "row";
          else if (i > 1) cell.setAttribute("data-label", heads[i]);
          r.appendChild(cell);
        });
        body.appendChild(r);
      });
      table.appendChild(body);
      return table;
    }

    /* Summary view: the same summary on screen, read-only, for supervision. */
    setView(on) {
      this.summaryView = on;
      this.ui.view.setAttribute("aria-pressed", String(on));
      if (on) this.buildSummary();
      this.app.toggleAttribute("data-summary-view", on);
      if (on) {
        this.say("Summary view: the whole worksheet to read, as it prints. Choose “Summary view” again to edit.");
        const top = this.ui.dock.getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight) this.ui.dock.scrollIntoView();
      } else this.say("Back to editing.");
    }

    /* "Download summary": the summary as a standalone HTML document (like the CPD record), built with
       DOM methods so typed text stays text; no scripts, and a policy that allows none. */
    summaryDocument() {
      const doc = rbp.standalone(this.def.title + ": summary, " + rbp.longDate(rbp.today()), SUMMARY_CSS);
      const built = rbp.make("main");
      this.summaryInto(built, 1, "Downloaded on");
      built.querySelector("h1").removeAttribute("id");
      doc.body.appendChild(doc.importNode(built, true));
      return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
    }

    downloadSummary() {
      const name = this.def.id + "-summary-" + rbp.today() + ".html";
      rbp.download(name, "text/html;charset=utf-8", this.summaryDocument());
      this.say("Downloaded " + name + ", a summary to read or print. Keep the file safe: it holds what you typed.");
    }

    print() {
      this.buildSummary();
      window.print();
    }

    /* ---------------------------------------------------------- messages */

    announce(text) {
      rbp.announce(this.ui.live, text);
    }

    /* Every action is said (the live region) and shown (in the dock, where it is in view). */
    say(text, shown) {
      this.announce(text);
      const said = this.ui.said;
      const room = (px) => { document.documentElement.style.setProperty("--rbp-ws-said", px + "px"); };
      said.textContent = shown || text;
      said.hidden = false;
      room(Math.ceil(window.innerHeight - said.getBoundingClientRect().top) + 8);
      if (document.activeElement && this.app.contains(document.activeElement)) this.unobscure(document.activeElement);
      window.clearTimeout(this.saidTimer);
      this.saidTimer = window.setTimeout(() => { said.hidden = true; room(0); }, SAID_FOR);
    }

    error(text) {
      this.ui.alert.textContent = text;
    }

    clearAlert() {
      if (this.ui.alert.textContent) this.ui.alert.textContent = "";
    }
  }

  /* ------------------------------------------------------------ start */

  // Ctrl+P prints the summary too, not the form.
  window.addEventListener("beforeprint", () => {
    sheets.forEach((ws) => {
      if (ws.root.isConnected) ws.buildSummary();
      else sheets.delete(ws);
    });
  });

  rbp.start("[data-worksheet]", Worksheet);
})();
