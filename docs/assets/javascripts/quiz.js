/* Quizzes: check answers, announce the score and keep the last result on this device (rbp:quiz:<id>).
   Enhances the HTML rendered by macros/quiz.py. Text shown to the reader comes from that HTML or is
   set with textContent; nothing is written to storage until the reader presses "Check answers". */
(function () {
  "use strict";

  // Loaded from the page content, so instant navigation runs this file again on each page that
  // uses it: the first copy keeps serving every page.
  if (window.rbpQuizLoaded) return;
  window.rbpQuizLoaded = true;

  var VERSION = 1;
  var PREFIX = "rbp:quiz:";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function show(el, on) {
    if (el) el.hidden = on === false;
  }

  function words(el) {
    return (el ? el.textContent : "").replace(/\s+/g, " ").trim();
  }

  function isCount(n) {
    return typeof n === "number" && isFinite(n) && Math.floor(n) === n && n >= 0;
  }

  function isDay(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    var d = new Date(s + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function longDate(day) {
    var p = day.split("-");
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + p[0];
  }

  /* The stored result for this version of the quiz, or null. A result for other content (the hash
     differs) or in any unexpected shape is removed by rbpStore.read, so the reader gets a fresh quiz. */
  function lastResult(id, hash) {
    if (!window.rbpStore || !id || !hash) return null;
    return window.rbpStore.read("local", PREFIX + id, VERSION, function (d) {
      return d.v === VERSION && d.hash === hash && isCount(d.total) && d.total > 0 && isCount(d.score) &&
        d.score <= d.total && typeof d.passed === "boolean" && isDay(d.date);
    }).value;
  }

  function lastText(r) {
    return "Last time: " + r.score + " out of " + r.total + ", " + (r.passed ? "passed" : "not passed") +
      ", on " + longDate(r.date);
  }

  function showLast(el, id, hash, otherwise) {
    if (!el) return;
    var r = lastResult(id, hash);
    el.textContent = r ? lastText(r) : otherwise || "";
    show(el, !!el.textContent);
  }

  /* ------------------------------------------------------------ marking */

  /* Mark one option, ordering item or matching pair: a class for the icon and border, and the words. */
  function feedback(el, kind, text) {
    var box = el.querySelector("[data-feedback]");
    [el, box].forEach(function (node) {
      node.classList.remove("is-right", "is-wrong", "is-missed");
      if (kind) node.classList.add("is-" + kind);
    });
    box.querySelector("[data-tag]").textContent = kind ? text : "";
    show(box, !!kind);
  }

  function markChoices(q, multiple) {
    var answered = false;
    var right = true;
    var options = q.querySelectorAll(".rbp-q__option");
    each(options, function (opt) {
      if (opt.querySelector("input").checked) answered = true;
    });
    each(options, function (opt) {
      var chosen = opt.querySelector("input").checked;
      var correct = opt.hasAttribute("data-correct");
      if (chosen !== correct) right = false;
      if (chosen && multiple) feedback(opt, correct ? "right" : "wrong", correct ? "You chose this, and it is correct." : "You chose this, but it is not correct.");
      else if (chosen) feedback(opt, correct ? "right" : "wrong", correct ? "Your answer is correct." : "Your answer is not correct.");
      else if (correct && multiple && answered) feedback(opt, "missed", "You did not choose this, but it is also correct.");
      else feedback(opt, null);
    });
    return { answered: answered, right: answered && right };
  }

  function markOrder(q) {
    var list = q.querySelector("[data-order]");
    var items = list.children;
    var answered = list.getAttribute("data-touched") === "1";
    var right = true;
    each(items, function (li, k) {
      var want = parseInt(li.getAttribute("data-item"), 10);
      if (want !== k) right = false;
      if (!answered) feedback(li, null);
      else if (want === k) feedback(li, "right", "In the right place.");
      else feedback(li, "wrong", "This should be number " + (want + 1) + ".");
    });
    return { answered: answered, right: answered && right };
  }

  function markMatches(q) {
    var answered = false;
    var right = true;
    var pairs = q.querySelectorAll("[data-pair]");
    each(pairs, function (pair) {
      if (pair.querySelector("select").value !== "") answered = true;
    });
    each(pairs, function (pair) {
      var select = pair.querySelector("select");
      var want = pair.getAttribute("data-pair");
      var match = words(select.querySelector('option[value="' + want + '"]'));
      if (select.value === want) {
        feedback(pair, "right", "Correct.");
        return;
      }
      right = false;
      if (!answered) feedback(pair, null);
      else if (select.value === "") feedback(pair, "missed", "Not answered. The match is: " + match + ".");
      else feedback(pair, "wrong", "Not correct. The match is: " + match + ".");
    });
    return { answered: answered, right: answered && right };
  }

  function markQuestion(q) {
    var type = q.getAttribute("data-question");
    var result = type === "ordering" ? markOrder(q) : type === "matching" ? markMatches(q) : markChoices(q, type === "multiple");
    var verdict = q.querySelector("[data-verdict]");
    verdict.textContent = result.right ? "Correct" : result.answered ? "Incorrect" : "Not answered";
    verdict.className = "rbp-q__verdict " + (result.right ? "is-right" : "is-wrong");
    q.classList.toggle("rbp-q--right", result.right);
    q.classList.toggle("rbp-q--wrong", !result.right);
    show(q.querySelector("[data-answer]"), !result.right);
    show(q.querySelector("[data-marking]"), true);
    return result.right;
  }

  function clearQuestion(q) {
    q.classList.remove("rbp-q--right", "rbp-q--wrong");
    show(q.querySelector("[data-marking]"), false);
    each(q.querySelectorAll("[data-feedback]"), function (box) {
      feedback(box.parentNode, null);
    });
  }

  /* ------------------------------------------------------------ one quiz */

  function setup(root) {
    if (root.getAttribute("data-quiz-ready") === "1") return;
    var form = root.querySelector("form");
    var check = root.querySelector("[data-quiz-check]");
    var reset = root.querySelector("[data-quiz-reset]");
    var summary = root.querySelector("[data-quiz-summary]");
    if (!form || !check || !reset || !summary) return;
    root.setAttribute("data-quiz-ready", "1");

    var id = root.getAttribute("data-quiz");
    var hash = root.getAttribute("data-quiz-hash");
    var passMark = parseInt(root.getAttribute("data-quiz-pass"), 10);
    var questions = root.querySelectorAll("[data-question]");
    var announcer = root.querySelector("[data-quiz-announce]");
    var last = root.querySelector("[data-quiz-last]");
    var lists = [];

    each(root.querySelectorAll("[data-reveal]"), function (el) {
      show(el, false);
    });
    each(root.querySelectorAll("[data-js-only]"), function (el) {
      show(el, true);
    });
    each(root.querySelectorAll("[data-order]"), function (list) {
      lists.push({ list: list, start: Array.prototype.slice.call(list.children) });
      ends(list);
    });
    check.disabled = false;
    show(check, true);
    showLast(last, id, hash);
    each(form.querySelectorAll("input:checked"), function (input) {
      chosen(input); // answers the browser kept from an earlier visit
    });

    function announce(text) {
      if (!announcer) return;
      // A trailing no-break space that alternates makes a repeated message count as new.
      announcer.textContent = text + (announcer.textContent.slice(-1) === "\u00a0" ? "" : "\u00a0");
    }

    function ends(list) {
      var items = list.children;
      each(items, function (li, k) {
        li.querySelector('[data-move="up"]').setAttribute("aria-disabled", String(k === 0));
        li.querySelector('[data-move="down"]').setAttribute("aria-disabled", String(k === items.length - 1));
      });
    }

    function move(button) {
      var li = button.closest("li");
      var list = li.parentNode;
      var up = button.getAttribute("data-move") === "up";
      var other = up ? li.previousElementSibling : li.nextElementSibling;
      var name = words(li.querySelector("[data-item-text]"));
      var count = list.children.length;
      if (!other) {
        announce(name + " is already " + (up ? "first" : "last") + ", at position " + (up ? 1 : count) + " of " + count);
        return;
      }
      list.insertBefore(up ? li : other, up ? other : li);
      list.setAttribute("data-touched", "1");
      ends(list);
      button.focus(); // moving the item in the page drops focus; keep it so repeated presses keep moving it
      announce(name + " moved to position " + (Array.prototype.indexOf.call(list.children, li) + 1) + " of " + count);
    }

    // Highlights the options that are chosen (a class, not :has(), which is slow to restyle on long quizzes).
    function chosen(input) {
      var group = input.type === "radio" ? form.querySelectorAll('input[name="' + input.name + '"]') : [input];
      each(group, function (el) {
        el.closest(".rbp-q__option").classList.toggle("is-chosen", el.checked);
      });
    }

    function setLocked(locked) {
      each(questions, function (q) {
        q.disabled = locked; // a disabled fieldset disables every control in it
      });
    }

    function checkAnswers() {
      var score = 0;
      each(questions, function (q) {
        if (markQuestion(q)) score += 1;
      });
      var total = questions.length;
      var passed = total > 0 && (score * 100) / total >= passMark;
      summary.querySelector("[data-quiz-score]").textContent = "You scored " + score + " out of " + total + ".";
      summary.querySelector("[data-quiz-passed]").textContent = passed
        ? "Passed."
        : "Not passed yet — the pass mark is " + passMark + "%.";
      summary.classList.remove("is-right", "is-wrong");
      summary.classList.add(passed ? "is-right" : "is-wrong");
      setLocked(true);
      show(check, false);
      show(reset, true);
      if (window.rbpStore) {
        window.rbpStore.write("local", PREFIX + id, {
          v: VERSION, hash: hash, score: score, total: total, passed: passed, date: today()
        });
      }
      summary.focus();
    }

    function tryAgain() {
      form.reset();
      lists.forEach(function (entry) {
        entry.start.forEach(function (li) {
          entry.list.appendChild(li);
        });
        entry.list.removeAttribute("data-touched");
        ends(entry.list);
      });
      each(questions, clearQuestion);
      each(form.querySelectorAll(".is-chosen"), function (el) {
        el.classList.remove("is-chosen");
      });
      summary.classList.remove("is-right", "is-wrong");
      each(summary.children, function (el) {
        el.textContent = "";
      });
      setLocked(false);
      show(reset, false);
      show(check, true);
      showLast(last, id, hash);
      var first = form.querySelector("input, select, [data-move]");
      if (first) first.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!check.hidden) checkAnswers();
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "radio" || event.target.type === "checkbox") chosen(event.target);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-move]") : null;
      if (button && form.contains(button) && !button.disabled) move(button);
    });
    reset.addEventListener("click", tryAgain);
  }

  /* ------------------------------------------------------------ the list of quizzes */

  function setupList(root) {
    if (root.getAttribute("data-quiz-ready") === "1") return;
    root.setAttribute("data-quiz-ready", "1");
    var entries = root.querySelectorAll("[data-quiz-entry]");
    var clear = root.querySelector("[data-quiz-clear]");
    var status = root.querySelector("[data-quiz-clear-status]");

    function fill() {
      each(entries, function (entry) {
        showLast(entry.querySelector("[data-quiz-last]"), entry.getAttribute("data-quiz-entry"),
          entry.getAttribute("data-quiz-hash"), "Not taken yet on this device.");
      });
    }

    each(root.querySelectorAll("[data-js-only]"), function (el) {
      show(el, true);
    });
    fill();
    if (clear) {
      clear.addEventListener("click", function () {
        if (window.rbpStore) {
          window.rbpStore.keys("local", PREFIX).forEach(function (key) {
            window.rbpStore.remove("local", key);
          });
        }
        fill();
        if (status) status.textContent = "Your quiz results have been cleared from this device.";
      });
    }
  }

  function init() {
    each(document.querySelectorAll("[data-quiz]"), setup);
    each(document.querySelectorAll("[data-quiz-list]"), setupList);
    // A link straight to a quiz (from the Quizzes page or a learning path): instant navigation
    // sometimes leaves the page at the top, and enhancing the quiz moves what is above it.
    var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    var target = id ? document.getElementById(id) : null;
    if (target && target.hasAttribute("data-quiz")) {
      window.requestAnimationFrame(function () { target.scrollIntoView(); });
    }
  }

  // Material's document$ replays the page being shown to a late subscriber, then every page after
  // it (instant navigation). It exists once the theme's bundle has run, which can be after this
  // file, since this file loads from the page content: so wait for the document first.
  function boot() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    else init();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
