/* Quizzes: check answers, announce the score and keep the last result on this device (rbp:quiz:<id>).
   Enhances the HTML rendered by macros/quiz.py. Text shown to the reader comes from that HTML or is
   set with textContent; nothing is written to storage until the reader presses "Check answers".

   After storing a result the quiz dispatches "rbp:quiz-result" (bubbling, from the quiz's root) with
   {id, hash, score, total, passed, date} in detail (and certainty, certainty_max for a quiz with
   certainty-based marking): learning paths listen for it.

   Certainty-based marking (data-quiz-confidence, the marks from macros/quiz.py CERTAINTY): with each
   answer the reader says how sure they are; a right answer scores 1, 2 or 3 and a wrong one 0, −2 or −6
   for low, medium and high, and no choice counts as low. The pass mark uses the plain score unless
   data-quiz-pass-by is "certainty". */
(() => {
  "use strict";

  const rbp = window.rbp;

  const show = (el, on) => {
    if (el) el.hidden = on === false;
  };

  const words = (el) => (el ? el.textContent : "").replace(/\s+/g, " ").trim();

  const lastText = (r) => "Last time: " + r.score + " out of " + r.total + ", " + (r.passed ? "passed" : "not passed") +
    ", on " + rbp.longDate(r.date);

  const showLast = (el, id, hash, otherwise) => {
    if (!el) return;
    const r = id && hash ? rbp.quizResult(id, hash) : null;
    el.textContent = r ? lastText(r) : otherwise || "";
    show(el, !!el.textContent);
  };

  /* ------------------------------------------------------------ marking */

  /* Mark one option, ordering item or matching pair: a class for the icon and border, and the words.
     The class and the words come and go with the box, so a hidden box has nothing to clear: most
     options are not chosen, and skipping them is most of the work saved on a long quiz. */
  const feedback = (el, kind, text) => {
    const box = el.querySelector("[data-feedback]");
    if (!kind && box.hidden) return;
    [el, box].forEach((node) => {
      node.classList.remove("is-right", "is-wrong", "is-missed");
      if (kind) node.classList.add("is-" + kind);
    });
    box.querySelector("[data-tag]").textContent = kind ? text : "";
    show(box, !!kind);
  };

  const markChoices = (q, multiple) => {
    const options = [...q.querySelectorAll(".rbp-q__option")];
    const answered = options.some((opt) => opt.querySelector("input").checked);
    let right = true;
    options.forEach((opt) => {
      const chosen = opt.querySelector("input").checked;
      const correct = opt.hasAttribute("data-correct");
      if (chosen !== correct) right = false;
      if (chosen && multiple) feedback(opt, correct ? "right" : "wrong", correct ? "You chose this, and it is correct." : "You chose this, but it is not correct.");
      else if (chosen) feedback(opt, correct ? "right" : "wrong", correct ? "Your answer is correct." : "Your answer is not correct.");
      else if (correct && multiple && answered) feedback(opt, "missed", "You did not choose this, but it is also correct.");
      else feedback(opt, null);
    });
    return { answered, right: answered && right };
  };

  const markOrder = (q) => {
    const list = q.querySelector("[data-order]");
    const answered = list.getAttribute("data-touched") === "1";
    let right = true;
    [...list.children].forEach((li, k) => {
      const want = parseInt(li.getAttribute("data-item"), 10);
      if (want !== k) right = false;
      if (!answered) feedback(li, null);
      else if (want === k) feedback(li, "right", "In the right place.");
      else feedback(li, "wrong", "This should be number " + (want + 1) + ".");
    });
    return { answered, right: answered && right };
  };

  /* A matching pair is a drop-down, or (when its options are long) a group of radio buttons. */
  const pairValue = (pair) => {
    const control = pair.querySelector("select, input:checked");
    return control ? control.value : "";
  };

  const markMatches = (q) => {
    const pairs = [...q.querySelectorAll("[data-pair]")];
    const answered = pairs.some((pair) => pairValue(pair) !== "");
    let right = true;
    pairs.forEach((pair) => {
      const value = pairValue(pair);
      const want = pair.getAttribute("data-pair");
      const match = words(pair.querySelector('[data-match="' + want + '"]'));
      if (value === want) {
        feedback(pair, "right", "Correct.");
        return;
      }
      right = false;
      if (!answered) feedback(pair, null);
      else if (value === "") feedback(pair, "missed", "Not answered. The match is: " + match + ".");
      else feedback(pair, "wrong", "Not correct. The match is: " + match + ".");
    });
    return { answered, right: answered && right };
  };

  /* What is left to do in a question before it is marked, in words, or "" when it is answered. */
  const missing = (q) => {
    const type = q.getAttribute("data-question");
    if (type === "ordering") return q.querySelector("[data-order]").getAttribute("data-touched") === "1" ? "" : "no item moved yet";
    if (type === "matching") {
      const pairs = [...q.querySelectorAll("[data-pair]")];
      const left = pairs.filter((pair) => pairValue(pair) === "").length;
      return left === pairs.length ? "not answered" : left ? rbp.plural(left, "match", "matches") + " not chosen" : "";
    }
    return q.querySelector(".rbp-q__options input:checked") ? "" : "not answered";
  };

  const markQuestion = (q) => {
    const type = q.getAttribute("data-question");
    const result = type === "ordering" ? markOrder(q) : type === "matching" ? markMatches(q) : markChoices(q, type === "multiple");
    const verdict = q.querySelector("[data-verdict]");
    verdict.textContent = result.right ? "Correct" : result.answered ? "Incorrect" : "Not answered";
    verdict.className = "rbp-q__verdict " + (result.right ? "is-right" : "is-wrong");
    q.classList.toggle("rbp-q--right", result.right);
    q.classList.toggle("rbp-q--wrong", !result.right);
    show(q.querySelector("[data-answer]"), !result.right);
    show(q.querySelector("[data-marking]"), true);
    return result.right;
  };

  const clearQuestion = (q) => {
    q.classList.remove("rbp-q--right", "rbp-q--wrong");
    show(q.querySelector("[data-marking]"), false);
    q.querySelectorAll("[data-feedback]").forEach((box) => feedback(box.parentNode, null));
  };

  /* The first item's Move up and the last item's Move down say they can do nothing. */
  // A link straight to a quiz (from the Quizzes page or a learning path) lands on the quiz. On a slow
  // machine instant navigation can lose the address's #quiz-… (navigation.tracking rewrites it before
  // Material scrolls there, and Material then scrolls to the top), so the link followed is kept too,
  // and a scroll back to the top in the first moments after arriving is undone once.
  let wanted = "";
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest('a[href*="#quiz-"]') : null;
    wanted = link ? decodeURIComponent(new URL(link.href, location.href).hash.slice(1)) : "";
  }, true);
  const land = (root) => {
    window.requestAnimationFrame(() => root.scrollIntoView());
    const again = () => {
      if (window.scrollY === 0) {
        window.removeEventListener("scroll", again);
        root.scrollIntoView();
      }
    };
    window.addEventListener("scroll", again, { passive: true });
    window.setTimeout(() => window.removeEventListener("scroll", again), 1500);
  };

  const ends = (list) => {
    const items = list.children;
    [...items].forEach((li, k) => {
      li.querySelector('[data-move="up"]').setAttribute("aria-disabled", String(k === 0));
      li.querySelector('[data-move="down"]').setAttribute("aria-disabled", String(k === items.length - 1));
    });
  };

  /* ------------------------------------------------------------ one quiz */

  class Quiz {
    constructor(root) {
      const part = (selector) => {
        const el = root.querySelector(selector);
        if (!el) throw new Error("quiz: no " + selector);
        return el;
      };
      this.root = root;
      this.form = part("form");
      this.check = part("[data-quiz-check]");
      this.reset = part("[data-quiz-reset]");
      this.summary = part("[data-quiz-summary]");
      this.id = root.getAttribute("data-quiz");
      this.hash = root.getAttribute("data-quiz-hash");
      this.passMark = parseInt(root.getAttribute("data-quiz-pass"), 10);
      this.questions = root.querySelectorAll("[data-question]");
      this.announcer = root.querySelector("[data-quiz-announce]");
      this.last = root.querySelector("[data-quiz-last]");
      this.warning = part("[data-quiz-unanswered]");
      this.lists = [...root.querySelectorAll("[data-order]")].map((list) => ({ list, start: [...list.children] }));
      const marks = root.getAttribute("data-quiz-confidence");
      this.certainty = marks ? JSON.parse(marks) : null; // {low: [right, wrong], medium: …, high: …}
      this.passBy = root.getAttribute("data-quiz-pass-by") || "score";

      root.querySelectorAll("[data-reveal]").forEach((el) => show(el, false));
      root.querySelectorAll("[data-js-only]").forEach((el) => show(el, true));
      this.lists.forEach((entry) => ends(entry.list));
      this.check.disabled = false;
      show(this.check, true);
      showLast(this.last, this.id, this.hash);
      // Answers the browser kept from an earlier visit.
      this.form.querySelectorAll("input:checked").forEach((input) => this.chosen(input));

      // Check answers marks on its click, which it cancels, so the browser never starts submitting the
      // form: before a submit event Chromium reads every control of the form (for autofill), about 10 ms
      // on a 50-question quiz. Enter in a control presses this button (implicit submission), so it
      // marks the same way; the submit handler only guards against any other way of submitting.
      const mark = (event) => {
        event.preventDefault();
        if (!this.check.hidden) this.checkAnswers();
      };
      this.check.addEventListener("click", mark);
      this.form.addEventListener("submit", mark);
      this.form.addEventListener("change", (event) => {
        if (event.target.type === "radio" || event.target.type === "checkbox") this.chosen(event.target);
      });
      this.form.addEventListener("click", (event) => {
        const button = event.target.closest ? event.target.closest("[data-move]") : null;
        if (button && this.form.contains(button) && !button.disabled) this.move(button);
      });
      this.reset.addEventListener("click", () => this.tryAgain());
      part("[data-quiz-anyway]").addEventListener("click", () => this.checkAnswers(true));

      // A link straight to a quiz: instant navigation sometimes leaves the page at the top, and
      // enhancing the quiz moves what is above it (see land).
      const target = location.hash ? decodeURIComponent(location.hash.slice(1)) : wanted;
      if (root.id && target === root.id) {
        wanted = "";
        land(root);
      }
    }

    move(button) {
      const li = button.closest("li");
      const list = li.parentNode;
      const up = button.getAttribute("data-move") === "up";
      const other = up ? li.previousElementSibling : li.nextElementSibling;
      const name = words(li.querySelector("[data-item-text]"));
      const count = list.children.length;
      if (!other) {
        rbp.announce(this.announcer, name + " is already " + (up ? "first" : "last") + ", at position " + (up ? 1 : count) + " of " + count);
        return;
      }
      list.insertBefore(up ? li : other, up ? other : li);
      list.setAttribute("data-touched", "1");
      ends(list);
      button.focus(); // moving the item in the page drops focus; keep it so repeated presses keep moving it
      rbp.announce(this.announcer, name + " moved to position " + ([...list.children].indexOf(li) + 1) + " of " + count);
    }

    // Highlights the options that are chosen (a class, not :has(), which is slow to restyle on long quizzes).
    chosen(input) {
      if (input.closest("[data-sure]")) return;
      const group = input.type === "radio" ? this.form.querySelectorAll('input[name="' + input.name + '"]') : [input];
      group.forEach((el) => el.closest(".rbp-q__option").classList.toggle("is-chosen", el.checked));
    }

    setLocked(locked) {
      this.questions.forEach((q) => {
        q.disabled = locked; // a disabled fieldset disables every control in it
      });
    }

    /* Questions left unanswered are named first, with links to them; the reader can still mark. */
    unanswered() {
      const list = this.warning.querySelector("[data-quiz-unanswered-list]");
      list.textContent = "";
      let count = 0;
      this.questions.forEach((q, k) => {
        const what = missing(q);
        if (!what) return;
        count += 1;
        const a = rbp.make("a", null, "Question " + (k + 1) + ": " + what);
        a.href = "#" + q.id;
        a.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopPropagation(); // the question's first control takes focus, not Material's navigation
          const first = q.querySelector("input, select, [data-move]");
          if (first) first.focus();
        });
        list.appendChild(rbp.make("li")).appendChild(a);
      });
      const text = count + " of " + rbp.plural(this.questions.length, "question") + (count === 1 ? " is" : " are") + " not answered yet.";
      this.warning.querySelector("[data-quiz-unanswered-title]").textContent = text;
      show(this.warning, count > 0);
      if (count) {
        this.warning.focus();
        rbp.announce(this.announcer, text);
      }
      return count;
    }

    checkAnswers(anyway) {
      if (!anyway && this.unanswered()) return;
      show(this.warning, false);
      show(this.last, false); // the new result is the summary now
      let score = 0;
      const answers = [];
      this.questions.forEach((q) => {
        const right = markQuestion(q);
        if (right) score += 1;
        answers.push({ q, right });
      });
      const total = this.questions.length;
      const summary = this.summary;
      const sure = this.certainty ? this.markCertainty(answers) : null;
      const passed = total > 0 && (sure && this.passBy === "certainty"
        ? (Math.max(0, sure.score) * 100) / sure.max >= this.passMark
        : (score * 100) / total >= this.passMark);
      summary.querySelector("[data-quiz-score]").textContent = "You scored " + score + " out of " + total + ".";
      summary.querySelector("[data-quiz-passed]").textContent = passed
        ? "Passed."
        : "Not passed yet — the pass mark is " + this.passMark + "%.";
      summary.classList.remove("is-right", "is-wrong");
      summary.classList.add(passed ? "is-right" : "is-wrong");
      this.setLocked(true);
      show(this.check, false);
      show(this.reset, true);
      const result = { v: 1, hash: this.hash, score, total, passed, date: rbp.today() };
      if (sure) Object.assign(result, { certainty: sure.score, certainty_max: sure.max });
      if (rbp.write("local", rbp.quizPrefix + this.id, result)) {
        const detail = Object.assign({ id: this.id }, result);
        delete detail.v;
        this.root.dispatchEvent(new CustomEvent("rbp:quiz-result", { bubbles: true, detail }));
      }
      summary.focus();
    }

    /* Each answer's certainty-based mark, the total, and calibration in plain words: the questions the reader
       was sure of and got wrong (to revisit, with links), and those they doubted but got right. */
    markCertainty(answers) {
      let total = 0;
      const sureWrong = [];
      let doubtedRight = 0;
      let anySure = false;
      answers.forEach(({ q, right }, k) => {
        const checked = q.querySelector("[data-sure] input:checked");
        const level = checked && this.certainty[checked.value] ? checked.value : "low";
        const mark = this.certainty[level][right ? 0 : 1];
        total += mark;
        if (level === "high") anySure = true;
        if (!right && level === "high") sureWrong.push({ q, n: k + 1 });
        if (right && level !== "high") doubtedRight += 1;
        const line = q.querySelector("[data-sure-mark]");
        if (line) {
          line.textContent = "You said your certainty was " + level + (checked ? "" : " (you did not choose, so it counts as low)") +
            ": " + (mark > 0 ? "+" : mark < 0 ? "−" : "") + Math.abs(mark) + (Math.abs(mark) === 1 ? " mark." : " marks.");
          show(line, true);
        }
      });
      const max = this.certainty.high[0] * answers.length;
      this.summary.querySelector("[data-quiz-certainty]").textContent = "Your certainty-based score: " +
        (total < 0 ? "−" + Math.abs(total) : total) + " out of a possible " + max + ".";
      const box = this.summary.querySelector("[data-quiz-calibration]");
      box.textContent = "";
      if (sureWrong.length) {
        box.appendChild(rbp.make("p", null, "You were sure and wrong on " + rbp.plural(sureWrong.length, "question") +
          ": " + (sureWrong.length === 1 ? "this is the one" : "these are the ones") + " to revisit."));
        const list = box.appendChild(rbp.make("ul"));
        sureWrong.forEach(({ q, n }) => {
          const a = rbp.make("a", null, "Question " + n + ": " + words(q.querySelector(".rbp-q__prompt")));
          a.href = "#" + q.id;
          list.appendChild(rbp.make("li")).appendChild(a);
          const more = q.querySelector(".rbp-q__marking .rbp-q__more a");
          if (more) {
            const li = list.lastChild;
            li.appendChild(document.createTextNode(" — "));
            const read = rbp.make("a", null, more.textContent);
            read.href = more.getAttribute("href");
            li.appendChild(read);
          }
        });
      } else if (anySure) {
        box.appendChild(rbp.make("p", null, "Every answer you were sure of was right."));
      } else {
        box.appendChild(rbp.make("p", null, "You did not say you were sure of any answer."));
      }
      if (doubtedRight) {
        box.appendChild(rbp.make("p", null, "You were right on " + rbp.plural(doubtedRight, "question") +
          " you were not sure of: you may know more than you think."));
      }
      return { score: total, max };
    }

    tryAgain() {
      this.form.reset();
      show(this.warning, false);
      this.lists.forEach((entry) => {
        entry.start.forEach((li) => entry.list.appendChild(li));
        entry.list.removeAttribute("data-touched");
        ends(entry.list);
      });
      this.questions.forEach(clearQuestion);
      this.root.querySelectorAll("[data-sure-mark]").forEach((el) => {
        el.textContent = "";
        show(el, false);
      });
      this.form.querySelectorAll(".is-chosen").forEach((el) => el.classList.remove("is-chosen"));
      this.summary.classList.remove("is-right", "is-wrong");
      [...this.summary.children].forEach((el) => {
        el.textContent = "";
      });
      this.setLocked(false);
      show(this.reset, false);
      show(this.check, true);
      showLast(this.last, this.id, this.hash);
      const first = this.form.querySelector("input, select, [data-move]");
      if (first) first.focus();
    }
  }

  /* ------------------------------------------------------------ the list of quizzes */

  class QuizList {
    constructor(root) {
      this.entries = root.querySelectorAll("[data-quiz-entry]");
      const clear = root.querySelector("[data-quiz-clear]");
      const status = root.querySelector("[data-quiz-clear-status]");
      root.querySelectorAll("[data-js-only]").forEach((el) => show(el, true));
      this.fill();
      if (clear) {
        clear.addEventListener("click", () => {
          rbp.keys("local", rbp.quizPrefix).forEach((key) => rbp.remove("local", key));
          this.fill();
          if (status) status.textContent = "Your quiz results have been cleared from this device.";
        });
      }
    }

    fill() {
      this.entries.forEach((entry) => {
        showLast(entry.querySelector("[data-quiz-last]"), entry.getAttribute("data-quiz-entry"),
          entry.getAttribute("data-quiz-hash"), "Not taken yet on this device.");
      });
    }
  }

  rbp.start("[data-quiz]", Quiz);
  rbp.start("[data-quiz-list]", QuizList);
})();
