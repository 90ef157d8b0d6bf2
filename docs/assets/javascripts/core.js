/* The small core every component shares, as window.rbp: browser storage, dates, words,
   announcements, downloads, the quiz-result rule, and start(), which starts the components.

   overrides/main.html puts this file in the content of each page with a component, naming the
   page's component scripts on its tag (data-rbp-scripts="quiz.js paths.js"); it loads them after
   itself, in that order, each file once however many pages name it.

   Storage keys are namespaced (rbp:<kind>:<id>), values versioned ({"v": 1, …}) and validated on
   read; corrupt data is removed and reported, never allowed to break a page. */
(() => {
  "use strict";

  // Instant navigation runs this file again on each page that has it: load what that page names.
  if (window.rbp) {
    window.rbp.load(document.currentScript);
    return;
  }

  const PREFIX = "rbp:";
  const QUIZ = "rbp:quiz:";
  const MAX_CHARS = 1000000; // a value this large is not something the site wrote
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  const isObject = (o) => o !== null && typeof o === "object" && !Array.isArray(o);
  const isCount = (n, max = Infinity) => Number.isInteger(n) && n >= 0 && n <= max;

  /* ------------------------------------------------------------ storage */

  /* The storage area, or null where the browser refuses it. Probed once per page: every write, the
     probe's too, fires a "storage" event in each other tab of the site, which redraws what it shows. */
  const areas = {};
  const PROBE = PREFIX + "probe";
  const area = (name) => {
    if (name in areas) return areas[name];
    try {
      const s = name === "session" ? window.sessionStorage : window.localStorage;
      s.setItem(PROBE, "1");
      s.removeItem(PROBE);
      areas[name] = s;
    } catch (e) {
      areas[name] = null; // storage blocked (private mode, policy): components work without it
    }
    return areas[name];
  };

  /* A stored string as {value, problem}: problem is null, "corrupt", "newer" or "invalid". */
  const parse = (raw, version, validate) => {
    let data = null;
    try {
      if (raw.length <= MAX_CHARS) data = JSON.parse(raw);
    } catch (e) {
      data = null;
    }
    if (!isObject(data) || typeof data.v !== "number") return { value: null, problem: "corrupt" };
    if (data.v > version) return { value: null, problem: "newer" };
    if (validate && !validate(data)) return { value: null, problem: "invalid" };
    return { value: data, problem: null };
  };

  /* Read key from "local" or "session". Returns {value, problem}: problem is null, "unavailable",
     "missing", "corrupt", "newer" or "invalid". The last three remove the bad value so the next
     save starts clean; nothing else in storage is touched. */
  const read = (where, key, version, validate) => {
    const s = area(where);
    if (!s) return { value: null, problem: "unavailable" };
    const raw = s.getItem(key);
    if (raw === null) return { value: null, problem: "missing" };
    const result = parse(raw, version, validate);
    if (result.problem) s.removeItem(key);
    return result;
  };

  const write = (where, key, value) => {
    const s = area(where);
    if (!s) return false;
    try {
      s.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false; // quota full: the caller tells the user
    }
  };

  const remove = (where, key) => {
    const s = area(where);
    if (s) s.removeItem(key);
  };

  /* Every key in an area that starts with prefix (by default every rbp: key). */
  const keys = (where, prefix = PREFIX) => {
    const s = area(where);
    const out = [];
    for (let i = 0; s && i < s.length; i++) {
      const k = s.key(i);
      if (k && k.startsWith(prefix)) out.push(k);
    }
    return out;
  };

  const messages = {
    corrupt: "Saved data on this device could not be read, so it has been cleared.",
    newer: "Saved data on this device came from a newer version of this site, so it has been cleared.",
    invalid: "Saved data on this device was not in the expected form, so it has been cleared.",
    unavailable: "Your browser is not letting this site save anything, so nothing will be kept after you leave."
  };

  /* ------------------------------------------------------------ dates and words */

  const pad = (n) => String(n).padStart(2, "0");

  /* Today in the reader's own time zone, as YYYY-MM-DD. */
  const today = () => {
    const d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };

  const isDay = (s) => {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(s + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  };

  /* "2026-11-26" as "26 November 2026". */
  const longDate = (day) => {
    const [y, m, d] = day.split("-");
    return parseInt(d, 10) + " " + MONTHS[parseInt(m, 10) - 1] + " " + y;
  };

  const plural = (n, one, many = one + "s") => n + " " + (n === 1 ? one : many);

  /* ------------------------------------------------------------ the page */

  /* A standalone HTML document to download (the worksheet summary, the CPD record): UTF-8, a policy
     that allows no script, the title and the stylesheet. Fill its body with DOM methods, so typed
     text stays text. */
  const standalone = (title, css) => {
    const doc = document.implementation.createHTMLDocument("");
    doc.documentElement.setAttribute("lang", "en-GB");
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
    doc.title = title;
    doc.head.appendChild(doc.createElement("style")).textContent = css;
    return doc;
  };

  const make = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  };

  /* Say text through a live region; the same words twice in a row are still announced. */
  const announce = (region, text) => {
    if (region) region.textContent = region.textContent === text ? text + "\u00a0" : text;
  };

  const download = (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = make("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    // Keep Material's instant navigation from treating the download as a page to load.
    a.addEventListener("click", (event) => event.stopPropagation());
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  /* ------------------------------------------------------------ quiz results (rbp:quiz:<id>) */

  /* The one rule for a stored quiz result: {v: 1, hash, score, total, passed, date}, and for a quiz with
     certainty-based marking also certainty (from −6 to 3 a question) and certainty_max (3 a question):
     optional, so results stored before them still load. */
  const isCertainty = (d) => (d.certainty === undefined && d.certainty_max === undefined) ||
    (Number.isInteger(d.certainty) && d.certainty_max === 3 * d.total && Math.abs(d.certainty) <= 6 * d.total);
  const isQuizResult = (d) => isObject(d) && d.v === 1 && typeof d.hash === "string" && d.hash !== "" &&
    d.hash.length <= 100 && isCount(d.total, 10000) && d.total > 0 && isCount(d.score, d.total) &&
    typeof d.passed === "boolean" && isDay(d.date) && isCertainty(d);

  /* The stored result of quiz id, or null. The quiz itself gives its content hash: a result for
     other content, or in any other shape, is then removed, so the reader gets a fresh quiz.
     Without a hash (learning paths, My learning) nothing is changed: the quiz decides what to keep. */
  const quizResult = (id, hash) => {
    if (hash) return read("local", QUIZ + id, 1, (d) => isQuizResult(d) && d.hash === hash).value;
    const s = area("local");
    const raw = s ? s.getItem(QUIZ + id) : null;
    return raw === null ? null : parse(raw, 1, isQuizResult).value;
  };

  /* ------------------------------------------------------------ scenario results (rbp:scenario:<id>) */

  const SCENARIO = "rbp:scenario:";

  /* The one rule for a stored scenario result: {v: 1, hash, ending (a node id), steps, date}. */
  const isScenarioResult = (d) => isObject(d) && d.v === 1 && typeof d.hash === "string" && d.hash !== "" &&
    d.hash.length <= 100 && typeof d.ending === "string" && /^[a-z0-9][a-z0-9-]{0,99}$/.test(d.ending) &&
    isCount(d.steps, 1000) && isDay(d.date);

  /* The stored result of scenario id, or null; as quizResult: with the scenario's hash, a result for other
     content is removed; without one (learning paths, My learning) nothing is changed. */
  const scenarioResult = (id, hash) => {
    if (hash) return read("local", SCENARIO + id, 1, (d) => isScenarioResult(d) && d.hash === hash).value;
    const s = area("local");
    const raw = s ? s.getItem(SCENARIO + id) : null;
    return raw === null ? null : parse(raw, 1, isScenarioResult).value;
  };

  /* ------------------------------------------------------------ starting components */

  const registered = new Map(); // selector → component class, in the order the scripts ran
  const started = new WeakSet();
  let live = []; // the components on the page shown
  let ready = false; // the page is parsed and Material's document$ (if any) subscribed to
  let loading = 0; // component scripts still on their way
  const loaded = new Set();

  const startAll = () => {
    if (!ready || loading) return;
    live = live.filter((c) => c.root.isConnected);
    registered.forEach((Component, selector) => {
      document.querySelectorAll(selector).forEach((root) => {
        if (started.has(root)) return;
        started.add(root);
        try {
          live.push({ root, component: new Component(root) });
          root.setAttribute("data-rbp-ready", "");
        } catch (error) {
          // As GOV.UK Frontend's createAll: the page's own HTML stays, and the other components start.
          root.setAttribute("data-rbp-failed", "");
          console.warn("rbp: " + selector + " did not start", root, error);
        }
      });
    });
  };

  /* new Component(root) for each element matching selector, on this page and on every page
     instant navigation shows after it; a selector registered again keeps its first class. */
  const start = (selector, Component) => {
    if (!registered.has(selector)) registered.set(selector, Component);
    startAll();
  };

  /* refresh() every component on the page that has one: stored data has changed. */
  const refresh = () => {
    live.forEach(({ root, component }) => {
      if (root.isConnected && component.refresh) component.refresh();
    });
  };

  /* Load the scripts a core.js tag names, after this file and in the order named: a dynamic script
     with async off runs in insertion order, and instant navigation inserts its scripts in any order. */
  const load = (tag) => {
    const names = ((tag && tag.getAttribute("data-rbp-scripts")) || "").split(/\s+/).filter(Boolean);
    names.forEach((name) => {
      const src = new URL(name, tag.src).href;
      if (loaded.has(src)) return;
      loaded.add(src);
      loading += 1;
      const script = document.createElement("script");
      script.src = src;
      script.async = false;
      script.onload = script.onerror = (event) => {
        if (event.type === "error") loaded.delete(src); // the next page that names it tries again
        loading -= 1;
        startAll();
      };
      document.body.append(script);
    });
  };

  /* ------------------------------------------------------------ links within the page */

  /* A link to a place on the page shown (a heading's link to itself, a list of a quiz's or a form's
     problems, the table of contents) scrolls there without leaving the page. Left to the browser, the fragment navigation
     fires popstate, and Material's instant navigation, on the first one a page sees, fetches the
     page and draws it again: whatever the reader had typed and not yet saved (quiz answers, a CPD
     entry) would be gone. The address is replaced, not pushed, so Back still leaves the page. */
  const guarded = new WeakSet();
  const samePage = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.target) return;
    const url = new URL(link.href, window.location.href);
    const here = window.location;
    if (!url.hash || url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search) return;
    const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    window.history.replaceState(window.history.state, "", url.href);
    if (!target.getClientRects().length) {
      // Not shown: CSS shows such a place only when a link leads there (a scenario's situation
      // before its script has started), by :target or, since this is not the browser's own
      // fragment navigation, by data-rbp-target.
      document.querySelectorAll("[data-rbp-target]").forEach((el) => el.removeAttribute("data-rbp-target"));
      target.setAttribute("data-rbp-target", "");
    }
    target.scrollIntoView({ block: "start" });
    // As the browser would, the next Tab starts from there (GOV.UK's skip link does the same).
    if (!target.contains(link)) {
      if (!target.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
        target.setAttribute("tabindex", "-1");
        target.addEventListener("blur", () => target.removeAttribute("tabindex"), { once: true });
      }
      target.focus({ preventScroll: true });
    }
  };
  const guardLinks = () => {
    const content = document.querySelector(".md-main"); // the content and both sidebars (the table of contents)
    if (content && !guarded.has(content)) {
      guarded.add(content);
      content.addEventListener("click", samePage);
    }
  };

  window.rbp = {
    read, write, remove, keys, probe: PROBE, messages, today, isDay, longDate, plural, isObject, isCount, make,
    announce, download, standalone, quizPrefix: QUIZ, isQuizResult, quizResult, scenarioPrefix: SCENARIO,
    isScenarioResult, scenarioResult, start, refresh, load
  };
  load(document.currentScript);

  // Material's document$ replays the page shown to a late subscriber, then each page instant
  // navigation shows. It exists once the theme's bundle has run. On a full load both are deferred
  // scripts and this one runs first (it is in the page content, the bundle at the end of <body>):
  // the document is parsed by then ("interactive") but the bundle has still to run, so wait for
  // DOMContentLoaded, which follows every deferred script — unless it has been already (instant
  // navigation brought this file to a page that had none).
  const onPage = () => {
    guardLinks();
    startAll();
  };
  const boot = () => {
    ready = true;
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
    else onPage();
  };
  const timing = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  const contentLoaded = timing ? timing.domContentLoadedEventStart > 0 : document.readyState !== "loading";
  if (contentLoaded) boot();
  else document.addEventListener("DOMContentLoaded", boot);
})();
