/* Worksheets: wires up the form that {{ worksheet("id") }} renders (macros/worksheet.py).
   The macro's HTML is the source of labels, options and row templates; this module only adds
   behaviour. Typed text is only ever set with textContent or value, never parsed as HTML. */
(function () {
  "use strict";

  // Loaded from the page content, so instant navigation runs this file again on each page that
  // uses it: the first copy keeps serving every page.
  if (window.rbpWorksheetLoaded) return;
  window.rbpWorksheetLoaded = true;

  var FORMAT = "rbp-worksheet";
  var VERSION = 1;
  var MAX_FACTORS = 500;
  var MAX_CHANGES = 200;
  var MAX_FILE = 1000000;
  var ID_RX = /^[A-Za-z0-9_-]{1,40}$/;
  var DATE_RX = /^(\d{4})-(\d{2})-(\d{2})$/;
  var TEXT_FACTOR = ["description", "evidence"];
  var TEXT_CHANGE = ["what", "who", "how"];
  var KIND_NAME = { risk: "Risk factor", protective: "Protective factor" };

  var instances = [];

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
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

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function validDate(text) {
    var m = DATE_RX.exec(text);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function longDate(text) {
    var m = DATE_RX.exec(text);
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  }

  function timescale(change) {
    var parts = [];
    if (change.weeks) parts.push("within " + plural(change.weeks, "week"));
    if (change.date) parts.push("by " + longDate(change.date));
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
    var limit = def.limits.text;
    var domains = def.domains.map(function (d) { return d.id; });
    var scale = def.weights.map(function (w) { return w.value; });
    if (!isObject(data)) return { error: "It is not a worksheet export." };
    if (fromFile && data.format !== FORMAT) return { error: "It is not a worksheet exported from this site." };
    if (typeof data.v !== "number") return { error: "It has no version number, so it is not a worksheet export." };
    if (data.v > VERSION) return { error: "It was exported from a newer version of this site, which this page cannot read." };
    if (data.v !== VERSION) return { error: "Its version number is not one this page knows." };
    if (data.worksheet !== def.id) {
      return { error: "It is for a different worksheet" + (typeof data.worksheet === "string" ? " (“" + clip(data.worksheet, 40) + "”)" : "") + ", not the " + def.title + "." };
    }
    var factors = data.factors === undefined ? [] : data.factors;
    var changes = data.changes === undefined ? [] : data.changes;
    if (!Array.isArray(factors)) return { error: "Its list of factors is not a list." };
    if (!Array.isArray(changes)) return { error: "Its list of changes is not a list." };
    if (factors.length && !def.sections.factors) return { error: "It has factors, but this worksheet does not use factors." };
    if (changes.length && !def.sections.changes) return { error: "It has changes, but this worksheet does not use changes." };
    if (factors.length > MAX_FACTORS) return { error: "It has more than " + MAX_FACTORS + " factors." };
    if (changes.length > MAX_CHANGES) return { error: "It has more than " + MAX_CHANGES + " changes." };
    if (data.example !== undefined && typeof data.example !== "boolean") return { error: "Its “example” field must be true or false." };

    var ids = {};
    var out = { v: VERSION, worksheet: def.id, factors: [], changes: [], example: data.example === true };
    var counts = { risk: 0, protective: 0 };
    var error = null;

    function text(obj, key, name, where) {
      var value = obj[key] === undefined ? "" : obj[key];
      if (typeof value !== "string") { error = where + ": “" + name + "” must be text."; return ""; }
      if (value.length > limit) { error = where + ": “" + name + "” is too long (more than " + limit + " characters)."; return ""; }
      return value;
    }

    function domain(obj, where) {
      var value = obj.domain === undefined || obj.domain === null ? "" : obj.domain;
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
      var value = obj[key] === undefined ? [] : obj[key];
      if (!Array.isArray(value) || value.length > MAX_FACTORS || value.some(function (x) { return typeof x !== "string"; })) {
        error = where + ": “" + name + "” must be a list of factor ids.";
        return [];
      }
      return value.slice();
    }

    for (var i = 0; i < factors.length && !error; i++) {
      var f = factors[i];
      var where = "Factor " + (i + 1);
      if (!isObject(f)) { error = where + " is not a set of fields."; break; }
      if (f.kind !== "risk" && f.kind !== "protective") { error = where + " is neither a risk nor a protective factor."; break; }
      counts[f.kind] += 1;
      where = KIND_NAME[f.kind] + " " + counts[f.kind];
      var weight = f.weight === undefined ? null : f.weight;
      if (weight !== null && scale.indexOf(weight) < 0) {
        error = where + " has a weight that is not on this worksheet's scale (" + scale[0] + " to " + scale[scale.length - 1] + ").";
        break;
      }
      var clean = {
        id: idOf(f, where), kind: f.kind,
        description: text(f, "description", "Description", where),
        domain: domain(f, where), weight: weight,
        evidence: text(f, "evidence", "Evidence or source", where),
        interacts_with: idList(f, "interacts_with", "Interacts with", where)
      };
      out.factors.push(clean);
    }
    for (var j = 0; j < changes.length && !error; j++) {
      var c = changes[j];
      var cw = "Change " + (j + 1);
      if (!isObject(c)) { error = cw + " is not a set of fields."; break; }
      var date = c.date === undefined || c.date === null ? "" : c.date;
      if (typeof date !== "string" || (date !== "" && !validDate(date))) { error = cw + ": “By when” must be a date written YYYY-MM-DD."; break; }
      var weeks = c.weeks === undefined ? null : c.weeks;
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

    var kinds = {};
    out.factors.forEach(function (x) { kinds[x.id] = x.kind; });
    for (var k = 0; k < out.factors.length; k++) {
      var fx = out.factors[k];
      for (var m = 0; m < fx.interacts_with.length; m++) {
        var other = fx.interacts_with[m];
        if (kinds[other] !== fx.kind || other === fx.id) {
          return { error: KIND_NAME[fx.kind] + " " + (out.factors.filter(function (y, n) { return y.kind === fx.kind && n <= k; }).length) + " interacts with a factor that is not in the file." };
        }
      }
    }
    for (var n = 0; n < out.changes.length; n++) {
      if (out.changes[n].addresses.some(function (a) { return !kinds[a]; })) {
        return { error: "Change " + (n + 1) + " addresses a factor that is not in the file." };
      }
    }
    // Interaction goes both ways, whatever the file says.
    var byId = {};
    out.factors.forEach(function (x) { byId[x.id] = x; });
    out.factors.forEach(function (x) {
      x.interacts_with.forEach(function (o) {
        if (byId[o].interacts_with.indexOf(x.id) < 0) byId[o].interacts_with.push(x.id);
      });
    });
    out.factors.forEach(function (x) {
      x.interacts_with = x.interacts_with.filter(function (o, i) { return x.interacts_with.indexOf(o) === i; });
    });
    out.changes.forEach(function (x) {
      x.addresses = x.addresses.filter(function (o, i) { return x.addresses.indexOf(o) === i; });
    });
    return { value: out };
  }

  /* ------------------------------------------------------------ one worksheet on the page */

  function Worksheet(root) {
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
    this.openLinks = 0;
    this.cautionShown = false;
    this.find();
    this.bind();
    this.restore();
    var self = this;
    Object.keys(this.lists).forEach(function (kind) { self.renumber(kind); });
    all(root, ".rbp-ws-nojs").forEach(function (n) { n.hidden = true; });
    var guide = root.querySelector(".rbp-ws-guide");
    if (guide) guide.open = false;
    this.app.hidden = false;
    root.setAttribute("data-ready", "");
  }

  var W = Worksheet.prototype;

  W.find = function () {
    var app = this.app;
    var q = function (s) { return app.querySelector(s); };
    this.ui = {
      alert: q("[data-alert]"), live: q("[data-live]"), where: q("[data-where]"), keep: q("[data-action=keep]"),
      confirm: q("[data-confirm]"), question: q("[data-confirm-question]"), yes: q("[data-confirm-yes]"),
      flag: q("[data-example-flag]"), clusters: q("[data-clusters]"), noClusters: q("[data-no-clusters]"),
      notes: q("[data-balance-notes]"), caution: q("[data-caution]"), summary: q("[data-summary]"),
      factorTemplate: q("template[data-template=factor]"), changeTemplate: q("template[data-template=change]")
    };
    this.lists = {};
    var self = this;
    all(app, "section[data-kind]").forEach(function (s) {
      self.lists[s.dataset.kind] = {
        section: s, rows: s.querySelector("[data-rows]"), empty: s.querySelector("[data-empty]"),
        noneShown: s.querySelector("[data-none-shown]"), filter: s.querySelector("[data-filter]"),
        shown: s.querySelector("[data-shown]"), add: s.querySelector("[data-add]")
      };
    });
    var changes = app.querySelector(".rbp-ws-changes");
    if (changes) {
      this.lists.change = {
        section: changes, rows: changes.querySelector("[data-rows]"), empty: changes.querySelector("[data-empty]"),
        add: changes.querySelector("[data-add]")
      };
    }
    this.balance = all(app, "[data-balance]").map(function (li) {
      return {
        key: li.dataset.balance, svg: li.querySelector("svg"),
        riskText: li.querySelector("[data-balance-risk]"), protectiveText: li.querySelector("[data-balance-protective]"),
        risk: li.querySelector("[data-bar=risk]"), protective: li.querySelector("[data-bar=protective]")
      };
    });
  };

  W.bind = function () {
    var self = this;
    var app = this.app;
    app.addEventListener("input", function (e) { self.onInput(e.target); });
    app.addEventListener("change", function (e) { self.onChange(e.target); });
    app.addEventListener("click", function (e) { self.onClick(e); });
    app.addEventListener("toggle", function (e) { self.onToggle(e.target); }, true);
    this.ui.confirm.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); self.answer(false); }
    });
  };

  /* ---------------------------------------------------------- storage */

  var STORE_PROBLEMS = {
    corrupt: "The worksheet saved in this browser could not be read, so it has been cleared. You have an empty worksheet; if you exported a copy, you can import it.",
    newer: "The worksheet saved in this browser came from a newer version of this site, so it has been cleared. If you exported a copy, you can import it.",
    invalid: "The worksheet saved in this browser was not in the expected form, so it has been cleared. If you exported a copy, you can import it."
  };

  W.restore = function () {
    var store = window.rbpStore;
    if (!store) return;
    var def = this.def;
    var found = null;
    var problems = [];
    var validate = function (data) {
      var result = check(def, data, false);
      found = result.value || null;
      return !!result.value;
    };
    var local = store.read("local", this.key, VERSION, validate);
    if (local.value) {
      this.where = "local";
      this.ui.keep.checked = true;
      this.load(found);
    } else {
      if (local.problem && local.problem !== "missing") problems.push(local.problem);
      found = null;
      var session = store.read("session", this.key, VERSION, validate);
      if (session.value) this.load(found);
      else if (session.problem && session.problem !== "missing" && problems.indexOf(session.problem) < 0) problems.push(session.problem);
    }
    this.showWhere();
    if (problems.length) {
      this.error(problems.map(function (p) { return STORE_PROBLEMS[p] || store.messages[p] || ""; }).join(" "));
    }
  };

  W.snapshot = function () {
    return {
      v: VERSION, worksheet: this.def.id,
      factors: this.factors.map(function (item) { return item.data; }),
      changes: this.changes.map(function (item) { return item.data; }),
      example: this.example
    };
  };

  W.save = function () {
    var store = window.rbpStore;
    if (!store) return;
    if (!store.write(this.where, this.key, this.snapshot()) && !this.saveFailed) {
      this.saveFailed = true;
      this.error("This browser would not save the worksheet, so it will be lost if you reload or leave the page. Use Export to keep a copy.");
    }
  };

  W.showWhere = function () {
    setText(this.ui.where, this.where === "local"
      ? "Your work is kept on this device, in this browser, until you clear the worksheet or untick the box."
      : "Your work is kept in this browser tab only. It goes when you close the tab.");
  };

  W.keep = function (on) {
    var store = window.rbpStore;
    if (!store) return;
    if (on) {
      this.where = "local";
      if (store.write("local", this.key, this.snapshot())) {
        store.remove("session", this.key);
        this.announce("Your worksheet is now kept on this device.");
      } else {
        this.where = "session";
        this.ui.keep.checked = false;
        this.error("This browser would not keep the worksheet on this device. It is still kept in this tab.");
      }
    } else {
      store.remove("local", this.key);
      this.where = "session";
      store.write("session", this.key, this.snapshot());
      this.announce("Removed from this device. Your work is now kept in this browser tab only.");
    }
    this.showWhere();
  };

  /* ---------------------------------------------------------- rows */

  W.newId = function (letter) {
    while (this.byId[letter + this.nextId]) this.nextId += 1;
    return letter + this.nextId++;
  };

  W.makeItem = function (kind, data) {
    var template = kind === "change" ? this.ui.changeTemplate : this.ui.factorTemplate;
    var row = template.content.firstElementChild.cloneNode(true);
    var base = this.prefix + "-" + data.id + "-";
    var fields = {};
    row.dataset.id = data.id;
    all(row, "[data-field]").forEach(function (input) {
      var name = input.dataset.field;
      input.id = base + name;
      fields[name] = input;
    });
    all(row, "[data-label-for]").forEach(function (label) { label.htmlFor = base + label.dataset.labelFor; });
    all(row, "[data-hint]").forEach(function (hint) { hint.id = base + "hint-" + hint.dataset.hint; });
    all(row, "[data-describedby]").forEach(function (input) { input.setAttribute("aria-describedby", base + "hint-" + input.dataset.describedby); });
    var item = {
      kind: kind, data: data, row: row, fields: fields, legend: row.querySelector("[data-legend]"),
      removeWhat: row.querySelector("[data-remove-what]"), links: row.querySelector("[data-links]"),
      cluster: row.querySelector("[data-cluster]"), name: ""
    };
    if (item.links) item.linksCount = item.links.querySelector("[data-links-count]");
    Object.keys(fields).forEach(function (name) {
      var value = data[name];
      fields[name].value = value === null || value === undefined ? "" : String(value);
    });
    this.byId[data.id] = item;
    return item;
  };

  W.describe = function (item) {
    var text = item.kind === "change" ? item.data.what : item.data.description;
    return text.trim() ? clip(text, 120) : "(no description yet)";
  };

  W.itemsOf = function (kind) {
    if (kind === "change") return this.changes;
    return this.factors.filter(function (f) { return f.kind === kind; });
  };

  /* Legends and Remove buttons say which row they belong to: "Risk factor 2". */
  W.renumber = function (kind) {
    var items = this.itemsOf(kind);
    var label = kind === "change" ? "Change" : KIND_NAME[kind];
    var changed = false;
    for (var i = 0; i < items.length; i++) {
      var name = label + " " + (i + 1);
      if (items[i].name !== name) {
        items[i].name = name;
        changed = true;
        setText(items[i].legend, name);
        setText(items[i].removeWhat, " " + name.toLowerCase());
      }
    }
    var list = this.lists[kind];
    setHidden(list.empty, items.length > 0);
    if (list.filter) {
      // A filter is no use on an empty list, and must not silently pre-fill the next row's domain.
      if (!items.length && list.filter.value !== "*") { list.filter.value = "*"; setText(list.shown, ""); }
      setHidden(list.filter.parentNode, !items.length);
    }
    if (changed) this.refreshLinkSummaries();
    return changed;
  };

  W.add = function (kind) {
    this.clearAlert();
    var max = kind === "change" ? MAX_CHANGES : MAX_FACTORS;
    var count = kind === "change" ? this.changes.length : this.factors.length;
    if (count >= max) {
      this.error("This worksheet can hold up to " + max + (kind === "change" ? " changes." : " factors."));
      return;
    }
    var list = this.lists[kind];
    var filter = list.filter ? list.filter.value : "*";
    var data;
    if (kind === "change") {
      data = { id: this.newId("c"), what: "", domain: "", who: "", date: "", weeks: null, how: "", addresses: [] };
    } else {
      data = {
        id: this.newId(kind === "risk" ? "r" : "p"), kind: kind, description: "",
        domain: filter === "*" ? "" : filter, weight: null, evidence: "", interacts_with: []
      };
    }
    var item = this.makeItem(kind, data);
    (kind === "change" ? this.changes : this.factors).push(item);
    list.rows.appendChild(item.row);
    this.renumber(kind);
    this.linkSummary(item);
    if (kind !== "change") {
      this.refreshOpenLinks();
      this.applyFilter(kind);
      this.updateBalance();
      this.updateClusters();
    }
    this.save();
    (item.fields.description || item.fields.what).focus();
    this.announce(item.name + " added.");
  };

  W.remove = function (item) {
    this.clearAlert();
    var kind = item.kind;
    var items = this.itemsOf(kind);
    var index = items.indexOf(item);
    var name = item.name;
    var said = this.describe(item);
    var self = this;
    if (kind !== "change") {
      var id = item.data.id;
      this.factors.forEach(function (other) {
        var at = other.data.interacts_with.indexOf(id);
        if (at >= 0) { other.data.interacts_with.splice(at, 1); self.linkSummary(other); }
      });
      this.changes.forEach(function (change) {
        var at = change.data.addresses.indexOf(id);
        if (at >= 0) { change.data.addresses.splice(at, 1); self.linkSummary(change); }
      });
    }
    if (item.links && item.links.open) this.openLinks -= 1;
    var store = kind === "change" ? this.changes : this.factors;
    store.splice(store.indexOf(item), 1);
    delete this.byId[item.data.id];
    item.row.remove();
    this.renumber(kind);
    if (kind !== "change") {
      this.refreshOpenLinks();
      this.applyFilter(kind);
      this.updateBalance();
      this.updateClusters();
    }
    this.save();
    // Focus the row that took its place, else the one before, else the Add button.
    var left = this.itemsOf(kind).filter(function (x) { return !x.row.hidden; });
    var next = left[Math.min(index, left.length - 1)];
    if (next) (next.fields.description || next.fields.what).focus();
    else this.lists[kind].add.focus();
    this.announce(name + " removed: " + said);
  };

  /* ---------------------------------------------------------- events */

  W.onInput = function (target) {
    var name = target.dataset.field;
    if (!name) return;
    var row = target.closest("[data-row]");
    var item = row && this.byId[row.dataset.id];
    if (!item) return;
    var data = item.data;
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
      var ok = target.validity.valid && (target.value === "" || /^\d+$/.test(target.value));
      data.weeks = ok && target.value !== "" ? Number(target.value) : null;
      var err = row.querySelector("[data-weeks-error]");
      setHidden(err, ok);
      if (ok) target.removeAttribute("aria-invalid");
      else target.setAttribute("aria-invalid", "true");
    } else if (name === "date") {
      data.date = validDate(target.value) ? target.value : "";
    } else {
      data[name] = target.value.slice(0, this.def.limits.text);
      if (name === "description" || name === "what") this.renamed(item);
    }
    this.save();
  };

  W.onChange = function (target) {
    var action = target.dataset.action;
    if (target.dataset.link) this.link(target);
    else if (target.hasAttribute("data-filter")) this.applyFilter(target.closest("section").dataset.kind, true);
    else if (action === "keep") this.keep(target.checked);
    else if (action === "import") this.importFile(target);
  };

  W.onClick = function (e) {
    var button = e.target.closest("button");
    if (!button || !this.app.contains(button)) return;
    var row = button.closest("[data-row]");
    if (button.hasAttribute("data-remove") && row) this.remove(this.byId[row.dataset.id]);
    else if (button.dataset.add) this.add(button.dataset.add);
    else if (button.hasAttribute("data-confirm-yes")) this.answer(true);
    else if (button.hasAttribute("data-confirm-no")) this.answer(false);
    else if (button.dataset.action === "example") this.askExample(button);
    else if (button.dataset.action === "clear") this.askClear(button);
    else if (button.dataset.action === "export") this.exportFile();
    else if (button.dataset.action === "print") this.print();
  };

  /* ---------------------------------------------------------- links: "Interacts with", "Addresses" */

  /* The checkbox lists are built when opened, so 200 factors do not mean 40,000 checkboxes. */
  W.onToggle = function (details) {
    if (!details.hasAttribute || !details.hasAttribute("data-links")) return;
    var item = this.byId[details.closest("[data-row]").dataset.id];
    if (details.open) {
      this.openLinks += 1;
      this.buildLinks(item);
    } else {
      this.openLinks -= 1;
      details.querySelector("[data-links-list]").textContent = "";
    }
  };

  W.candidates = function (item) {
    if (item.kind === "change") return this.factors;
    return this.factors.filter(function (f) { return f !== item && f.kind === item.kind; });
  };

  W.buildLinks = function (item) {
    var field = item.links.dataset.links;
    var list = item.links.querySelector("[data-links-list]");
    var chosen = item.data[field];
    var base = this.prefix + "-" + item.data.id + "-" + field + "-";
    var frag = document.createDocumentFragment();
    var self = this;
    var candidates = this.candidates(item);
    candidates.forEach(function (other) {
      var wrap = make("div", "rbp-ws-check");
      var box = make("input");
      box.type = "checkbox";
      box.id = base + other.data.id;
      box.value = other.data.id;
      box.dataset.link = field;
      box.checked = chosen.indexOf(other.data.id) >= 0;
      var label = make("label");
      label.htmlFor = box.id;
      var text = make("span", "", self.describe(other));
      text.setAttribute("data-link-label", other.data.id);
      label.appendChild(text);
      label.appendChild(make("span", "rbp-ws-check__ref", " (" + other.name + ")"));
      wrap.appendChild(box);
      wrap.appendChild(label);
      frag.appendChild(wrap);
    });
    list.textContent = "";
    list.appendChild(frag);
    setHidden(item.links.querySelector("[data-links-empty]"), candidates.length > 0);
  };

  W.refreshOpenLinks = function () {
    if (!this.openLinks) return;
    var self = this;
    this.factors.concat(this.changes).forEach(function (item) {
      if (item.links && item.links.open) self.buildLinks(item);
    });
  };

  W.link = function (box) {
    var item = this.byId[box.closest("[data-row]").dataset.id];
    var field = box.dataset.link;
    var otherId = box.value;
    var set = item.data[field];
    var at = set.indexOf(otherId);
    if (box.checked && at < 0) set.push(otherId);
    if (!box.checked && at >= 0) set.splice(at, 1);
    if (field === "interacts_with") {
      var other = this.byId[otherId];
      var back = other.data.interacts_with;
      var there = back.indexOf(item.data.id);
      if (box.checked && there < 0) back.push(item.data.id);
      if (!box.checked && there >= 0) back.splice(there, 1);
      if (other.links.open) {
        var mirror = other.links.querySelector('input[value="' + item.data.id + '"]');
        if (mirror) mirror.checked = box.checked;
      }
      this.linkSummary(other);
      this.updateClusters();
    }
    this.linkSummary(item);
    this.save();
  };

  W.linkSummary = function (item) {
    if (!item.links) return;
    var self = this;
    var names = item.data[item.links.dataset.links].map(function (id) { return self.byId[id]; })
      .filter(Boolean).sort(function (a, b) { return self.factors.indexOf(a) - self.factors.indexOf(b); })
      .map(function (x) { return x.name; });
    setText(item.linksCount, names.length ? names.join(", ") : "none");
  };

  W.refreshLinkSummaries = function () {
    var self = this;
    this.factors.concat(this.changes).forEach(function (item) {
      if (item.links && item.data[item.links.dataset.links].length) self.linkSummary(item);
    });
  };

  /* A description changed: relabel it wherever it is listed. */
  W.renamed = function (item) {
    if (item.kind === "change") return;
    if (this.openLinks) {
      var text = this.describe(item);
      all(this.app, '[data-link-label="' + item.data.id + '"]').forEach(function (n) { setText(n, text); });
    }
    if (item.data.interacts_with.length) this.updateClusters();
  };

  /* ---------------------------------------------------------- filter, balance, clusters */

  W.applyFilter = function (kind, announce) {
    var list = this.lists[kind];
    if (!list || !list.filter) return;
    var want = list.filter.value;
    var items = this.itemsOf(kind);
    var shown = 0;
    items.forEach(function (item) {
      var show = want === "*" || item.data.domain === want;
      setHidden(item.row, !show);
      if (show) shown += 1;
    });
    var text = want === "*" ? "" : "Showing " + shown + " of " + items.length + ".";
    setText(list.shown, text);
    setHidden(list.noneShown, !(items.length && !shown));
    if (announce) this.announce(text || "Showing all " + plural(items.length, KIND_NAME[kind].toLowerCase()) + ".");
  };

  W.totals = function () {
    var totals = { "*": { risk: 0, protective: 0, riskN: 0, protectiveN: 0 } };
    this.def.domains.forEach(function (d) { totals[d.id] = { risk: 0, protective: 0, riskN: 0, protectiveN: 0 }; });
    var unweighed = 0;
    var nodomain = 0;
    for (var i = 0; i < this.factors.length; i++) {
      var d = this.factors[i].data;
      var w = d.weight || 0;
      var all_ = totals["*"];
      all_[d.kind] += w;
      all_[d.kind + "N"] += 1;
      var t = totals[d.domain];
      if (t) { t[d.kind] += w; t[d.kind + "N"] += 1; } else nodomain += 1;
      if (d.weight === null) unweighed += 1;
    }
    totals.unweighed = unweighed;
    totals.nodomain = nodomain;
    return totals;
  };

  function riskText(t) {
    return "Risk " + t.risk + " (" + plural(t.riskN, "factor") + ")";
  }

  function protectiveText(t) {
    return "Protective " + t.protective + " (" + plural(t.protectiveN, "factor") + ")";
  }

  function balanceText(t) {
    return riskText(t) + " · " + protectiveText(t);
  }

  /* Caution when the protective list is longer but the risk weight is as great or greater. */
  function deceptive(t) {
    return t.riskN > 0 && t.risk > 0 && t.protectiveN > t.riskN && t.risk >= t.protective;
  }

  W.updateBalance = function () {
    if (!this.balance.length) return;
    var totals = this.totals();
    var domainMax = 0;
    this.def.domains.forEach(function (d) { domainMax = Math.max(domainMax, totals[d.id].risk, totals[d.id].protective); });
    this.balance.forEach(function (b) {
      var t = totals[b.key];
      var max = b.key === "*" ? Math.max(t.risk, t.protective) : domainMax;
      var text = balanceText(t);
      setText(b.riskText, riskText(t));
      setText(b.protectiveText, protectiveText(t));
      if (b.svg.getAttribute("aria-label") !== text) b.svg.setAttribute("aria-label", text);
      var rw = (max ? (100 * t.risk) / max : 0).toFixed(1) + "%";
      var pw = (max ? (100 * t.protective) / max : 0).toFixed(1) + "%";
      if (b.risk.getAttribute("width") !== rw) b.risk.setAttribute("width", rw);
      if (b.protective.getAttribute("width") !== pw) b.protective.setAttribute("width", pw);
    });
    var notes = [];
    if (totals.unweighed) notes.push(plural(totals.unweighed, "factor is", "factors are") + " not weighed yet: they are counted but add no weight.");
    if (totals.nodomain) notes.push(plural(totals.nodomain, "factor has", "factors have") + " no domain yet: they count only in “All domains”.");
    setText(this.ui.notes, notes.join(" "));
    setHidden(this.ui.notes, !notes.length);
    var show = deceptive(totals["*"]);
    if (show !== this.cautionShown) {
      this.cautionShown = show;
      this.ui.caution.hidden = !show;
    }
    this.lastTotals = totals;
  };

  /* Groups of factors marked as interacting (connected through "Interacts with"), per kind. */
  W.clusters = function () {
    var parent = {};
    var self = this;
    function top(id) {
      while (parent[id] !== id) { parent[id] = parent[parent[id]]; id = parent[id]; }
      return id;
    }
    this.factors.forEach(function (f) { parent[f.data.id] = f.data.id; });
    this.factors.forEach(function (f) {
      f.data.interacts_with.forEach(function (o) { if (parent[o] !== undefined) parent[top(o)] = top(f.data.id); });
    });
    var groups = {};
    var order = [];
    this.factors.forEach(function (f) {
      if (!f.data.interacts_with.length) return;
      var r = top(f.data.id);
      if (!groups[r]) { groups[r] = []; order.push(r); }
      groups[r].push(f);
    });
    var position = {};
    this.factors.forEach(function (f, i) { position[f.data.id] = i; });
    var out = { risk: [], protective: [] };
    order.forEach(function (r) {
      var members = groups[r].sort(function (a, b) { return position[a.data.id] - position[b.data.id]; });
      if (members.length > 1) out[members[0].kind].push(members);
    });
    ["risk", "protective"].forEach(function (k) {
      out[k].sort(function (a, b) { return position[a[0].data.id] - position[b[0].data.id]; });
    });
    return out;
  };

  W.domainLabel = function (id) {
    for (var i = 0; i < this.def.domains.length; i++) if (this.def.domains[i].id === id) return this.def.domains[i].label;
    return "No domain chosen";
  };

  W.weightText = function (w) {
    if (w === null || w === undefined) return "not weighed";
    for (var i = 0; i < this.def.weights.length; i++) if (this.def.weights[i].value === w) return w + " (" + this.def.weights[i].label + ")";
    return String(w);
  };

  W.memberText = function (m) {
    return " — " + m.name + ", " + this.domainLabel(m.data.domain) + ", weight " + this.weightText(m.data.weight);
  };

  function askText(members) {
    return "Separate weights " + listText(members.map(function (m) { return m.data.weight === null ? "not weighed" : String(m.data.weight); })) +
      ". Together, how strong are they? That is your judgement, not a sum.";
  }

  /* Renders the clusters into the given container (on screen and in the printed summary) and
     returns the text nodes that depend on weights and domains, so a re-weigh can update them in place. */
  W.renderClusters = function (clusters, into, headingTag) {
    var self = this;
    var live = [];
    ["risk", "protective"].forEach(function (kind) {
      if (!clusters[kind].length) return;
      into.appendChild(make(headingTag, "", kind === "risk" ? "Risk factors that interact" : "Protective factors that interact"));
      var ol = make("ol", "rbp-ws-clusters");
      clusters[kind].forEach(function (members, i) {
        var li = make("li", "rbp-ws-cluster");
        li.appendChild(make("p", "rbp-ws-cluster__name", (kind === "risk" ? "Risk" : "Protective") + " cluster " + (i + 1) + ": " + plural(members.length, "factor")));
        var ul = make("ul");
        var metas = [];
        members.forEach(function (m) {
          var entry = make("li");
          entry.appendChild(make("span", "rbp-ws-cluster__what", self.describe(m)));
          var meta = make("span", "rbp-ws-cluster__meta", self.memberText(m));
          metas.push(meta);
          entry.appendChild(meta);
          ul.appendChild(entry);
        });
        li.appendChild(ul);
        var ask = make("p", "rbp-ws-cluster__ask", askText(members));
        li.appendChild(ask);
        ol.appendChild(li);
        live.push({ members: members, metas: metas, ask: ask });
      });
      into.appendChild(ol);
    });
    return live;
  };

  W.updateClusters = function () {
    if (!this.ui.clusters) return;
    var self = this;
    var clusters = this.clusters();
    // Rebuild the panel only when its groups or wording change; a re-weigh updates text in place.
    var shape = JSON.stringify(["risk", "protective"].map(function (kind) {
      return clusters[kind].map(function (members) {
        return members.map(function (m) { return [m.data.id, m.name, self.describe(m)]; });
      });
    }));
    if (shape !== this.clusterShape) {
      this.clusterShape = shape;
      var container = this.ui.clusters;
      container.textContent = "";
      this.clusterNodes = this.renderClusters(clusters, container, "h3");
      setHidden(this.ui.noClusters, clusters.risk.length + clusters.protective.length > 0);
    } else {
      this.clusterNodes.forEach(function (node) {
        node.members.forEach(function (m, i) { setText(node.metas[i], self.memberText(m)); });
        setText(node.ask, askText(node.members));
      });
    }
    var tag = {};
    ["risk", "protective"].forEach(function (kind) {
      clusters[kind].forEach(function (members, i) {
        members.forEach(function (m) { tag[m.data.id] = "Interacts: part of " + kind + " cluster " + (i + 1) + " (see Interactions)"; });
      });
    });
    this.factors.forEach(function (f) {
      var text = tag[f.data.id] || "";
      setText(f.cluster, text);
      setHidden(f.cluster, !text);
    });
  };

  /* ---------------------------------------------------------- whole-worksheet actions */

  W.isEmpty = function () {
    return !this.factors.length && !this.changes.length;
  };

  /* Replace everything on screen with data (already checked). */
  W.load = function (data) {
    var self = this;
    this.factors.concat(this.changes).forEach(function (item) { item.row.remove(); });
    this.factors = [];
    this.changes = [];
    this.byId = {};
    this.nextId = 1;
    this.openLinks = 0;
    this.example = !!data.example;
    Object.keys(this.lists).forEach(function (kind) {
      var list = self.lists[kind];
      if (list.filter) list.filter.value = "*";
    });
    var frags = { risk: document.createDocumentFragment(), protective: document.createDocumentFragment(), change: document.createDocumentFragment() };
    data.factors.forEach(function (d) {
      var item = self.makeItem(d.kind, d);
      self.factors.push(item);
      frags[d.kind].appendChild(item.row);
    });
    data.changes.forEach(function (d) {
      var item = self.makeItem("change", d);
      self.changes.push(item);
      frags.change.appendChild(item.row);
    });
    Object.keys(this.lists).forEach(function (kind) {
      self.lists[kind].rows.appendChild(frags[kind]);
      self.renumber(kind);
      self.applyFilter(kind);
    });
    this.factors.concat(this.changes).forEach(function (item) { self.linkSummary(item); });
    this.updateBalance();
    this.clusterShape = null;  // new rows: the panel must point at them
    this.updateClusters();
    if (this.ui.flag) this.ui.flag.hidden = !this.example;
  };

  W.ask = function (question, yes, onYes, from) {
    this.pending = { onYes: onYes, from: from };
    this.ui.question.textContent = question;
    this.ui.yes.textContent = yes;
    this.ui.confirm.hidden = false;
    this.ui.question.focus();
  };

  W.answer = function (yes) {
    var pending = this.pending;
    this.pending = null;
    this.ui.confirm.hidden = true;
    if (!pending) return;
    if (yes) pending.onYes();
    else this.announce("Cancelled. Nothing has changed.");
    if (pending.from && document.contains(pending.from)) pending.from.focus();
  };

  W.askExample = function (button) {
    var self = this;
    var go = function () {
      self.clearAlert();
      var result = check(self.def, JSON.parse(JSON.stringify({
        v: VERSION, worksheet: self.def.id, factors: self.def.example.factors, changes: self.def.example.changes, example: true
      })), false);
      self.load(result.value);
      self.save();
      self.announce("Practice example loaded: " + self.contents() + ".");
    };
    if (this.isEmpty()) go();
    else this.ask("Replace everything in the worksheet with the practice example? What you have entered will be lost.", "Replace with practice example", go, button);
  };

  W.askClear = function (button) {
    var self = this;
    this.ask("Clear the worksheet? This removes everything on this page and everything this worksheet saved in this browser. It cannot be undone.",
      "Yes, clear the worksheet", function () {
        self.clearAlert();
        self.load({ factors: [], changes: [], example: false });
        if (window.rbpStore) {
          window.rbpStore.remove("session", self.key);
          window.rbpStore.remove("local", self.key);
        }
        self.where = "session";
        self.ui.keep.checked = false;
        self.showWhere();
        self.announce("Worksheet cleared. Nothing is saved in this browser.");
      }, button);
  };

  W.contents = function () {
    var parts = [];
    if (this.def.sections.factors) {
      parts.push(plural(this.itemsOf("risk").length, "risk factor"));
      parts.push(plural(this.itemsOf("protective").length, "protective factor"));
    }
    if (this.def.sections.changes) parts.push(plural(this.changes.length, "change"));
    return listText(parts);
  };

  /* ---------------------------------------------------------- export and import */

  W.exportFile = function () {
    var data = this.snapshot();
    var file = { format: FORMAT, v: VERSION, worksheet: this.def.id, exported: new Date().toISOString(),
      factors: data.factors, changes: data.changes, example: data.example };
    var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var name = this.def.id + "-" + new Date().toISOString().slice(0, 10) + ".json";
    var a = make("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    this.announce("Exported " + name + ". Keep the file safe: it holds what you typed.");
  };

  W.importFile = function (input) {
    var file = input.files && input.files[0];
    var self = this;
    input.value = "";
    if (!file) return;
    var fail = function (why) {
      self.error("Could not import “" + clip(file.name, 80) + "”. " + why + " Nothing has changed.");
    };
    if (file.size > MAX_FILE) { fail("The file is too large to be a worksheet export."); return; }
    file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (e) { fail("It is not a worksheet export: it could not be read as JSON."); return; }
      var result = check(self.def, data, true);
      if (result.error) { fail(result.error); return; }
      var go = function () {
        self.clearAlert();
        self.load(result.value);
        self.save();
        self.announce("Imported " + clip(file.name, 80) + ": " + self.contents() + ".");
      };
      if (self.isEmpty()) go();
      else self.ask("Replace everything in the worksheet with “" + clip(file.name, 80) + "”? What you have entered will be lost.", "Replace with the imported file", go, input);
    }, function () { fail("The file could not be read."); });
  };

  /* ---------------------------------------------------------- printed summary */

  W.buildSummary = function () {
    var s = this.ui.summary;
    var self = this;
    var totals = this.totals();
    s.textContent = "";
    s.appendChild(make("h2", "", this.def.title + ": summary"));
    s.appendChild(make("p", "rbp-ws-summary__date", "Printed " + new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) + "."));
    var notice = make("div", "rbp-ws-summary__notice");
    notice.appendChild(make("p", "rbp-ws-summary__notice-title", this.root.querySelector(".rbp-ws-notice .admonition-title").textContent));
    notice.appendChild(make("p", "", this.root.querySelector(".rbp-ws-notice p:last-child").textContent));
    s.appendChild(notice);
    if (this.example && this.ui.flag) s.appendChild(make("p", "rbp-ws-summary__flag", this.ui.flag.querySelector("p").textContent));

    if (this.def.sections.factors) {
      s.appendChild(make("h3", "", "Factors by domain"));
      var domains = this.def.domains.map(function (d) { return d.id; });
      if (this.factors.some(function (f) { return domains.indexOf(f.data.domain) < 0; })) domains.push("");
      domains.forEach(function (id) {
        var items = self.factors.filter(function (f) { return f.data.domain === id; });
        s.appendChild(make("h4", "", self.domainLabel(id)));
        if (totals[id]) s.appendChild(make("p", "rbp-ws-summary__balance", balanceText(totals[id])));
        if (!items.length) { s.appendChild(make("p", "", "No factors in this domain.")); return; }
        var rows = items.filter(function (f) { return f.kind === "risk"; }).concat(items.filter(function (f) { return f.kind === "protective"; }));
        s.appendChild(self.table(["Factor", "Description", "Weight", "Evidence or source"], rows.map(function (f) {
          return [f.name, self.describe(f) === "(no description yet)" ? "(no description)" : f.data.description, self.weightText(f.data.weight), f.data.evidence];
        })));
      });
      s.appendChild(make("h3", "", "Balance"));
      var ul = make("ul");
      [["*", "All domains"]].concat(this.def.domains.map(function (d) { return [d.id, d.label]; })).forEach(function (pair) {
        ul.appendChild(make("li", "", pair[1] + ": " + balanceText(totals[pair[0]])));
      });
      s.appendChild(ul);
      if (!this.ui.notes.hidden) s.appendChild(make("p", "", this.ui.notes.textContent));
      if (deceptive(totals["*"])) {
        var caution = make("p", "rbp-ws-summary__caution");
        caution.appendChild(make("strong", "", "A longer list can be deceptive. "));
        caution.appendChild(document.createTextNode(this.ui.caution.querySelector("p:last-child").textContent));
        s.appendChild(caution);
      }
      s.appendChild(make("p", "", this.root.querySelector(".rbp-ws-judgement").textContent));
      s.appendChild(make("h3", "", "Interactions"));
      var clusters = this.clusters();
      if (clusters.risk.length + clusters.protective.length) this.renderClusters(clusters, s, "h4");
      else s.appendChild(make("p", "", "No interactions marked."));
    }
    if (this.def.sections.changes) {
      s.appendChild(make("h3", "", "What needs to change"));
      if (!this.changes.length) s.appendChild(make("p", "", "No changes listed."));
      else {
        var heads = ["Change", "What needs to change", "Domain", "Who will help", "By when", "How we will know"];
        if (this.def.sections.factors) heads.push("Addresses");
        s.appendChild(this.table(heads, this.changes.map(function (c) {
          var row = [c.name, c.data.what, self.domainLabel(c.data.domain), c.data.who, timescale(c.data), c.data.how];
          if (self.def.sections.factors) row.push(c.linksCount.textContent === "none" ? "" : c.linksCount.textContent);
          return row;
        })));
      }
    }
    s.setAttribute("data-built", "");
  };

  W.table = function (heads, rows) {
    var table = make("table", "rbp-ws-summary__table");
    var tr = make("tr");
    heads.forEach(function (h) {
      var th = make("th", "", h);
      th.scope = "col";
      tr.appendChild(th);
    });
    table.appendChild(make("thead")).appendChild(tr);
    var body = make("tbody");
    rows.forEach(function (cells) {
      var r = make("tr");
      cells.forEach(function (c, i) {
        var cell = make(i === 0 ? "th" : "td", "", c || "");
        if (i === 0) cell.scope = "row";
        r.appendChild(cell);
      });
      body.appendChild(r);
    });
    table.appendChild(body);
    return table;
  };

  W.print = function () {
    this.buildSummary();
    window.print();
  };

  /* ---------------------------------------------------------- messages */

  W.announce = function (text) {
    var live = this.ui.live;
    // The same words twice in a row are still announced.
    live.textContent = live.textContent === text ? text + "\u00a0" : text;
  };

  W.error = function (text) {
    this.ui.alert.textContent = text;
  };

  W.clearAlert = function () {
    if (this.ui.alert.textContent) this.ui.alert.textContent = "";
  };

  /* ------------------------------------------------------------ start */

  function start() {
    all(document, "[data-worksheet]").forEach(function (root) {
      if (root.hasAttribute("data-ready") || root.rbpWorksheet) return;
      try {
        root.rbpWorksheet = new Worksheet(root);
        instances.push(root.rbpWorksheet);
      } catch (e) {
        // Leave the readable, static version in place rather than a half-working form.
        if (window.console) console.error("worksheet:", e);
      }
    });
    instances = instances.filter(function (ws) { return ws.root.isConnected; });
  }

  // Ctrl+P prints the summary too, not the form.
  window.addEventListener("beforeprint", function () {
    instances.forEach(function (ws) { if (ws.root.isConnected) ws.buildSummary(); });
  });

  // Material's document$ replays the page being shown to a late subscriber, then every page after
  // it (instant navigation). It exists once the theme's bundle has run, which can be after this
  // file, since this file loads from the page content: so wait for the document first.
  function boot() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
    else start();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
