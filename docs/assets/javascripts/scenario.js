/* Branching case scenarios: one situation at a time, the route taken so far, Back and Start again, and at an
   ending the route with each choice's feedback. Enhances the HTML rendered by macros/scenario_render.py,
   where every node is a section and every choice a link to the next node's anchor (that still works
   without this file). Text shown comes from that HTML or is set with textContent.

   The ending reached is kept on this device (localStorage), only when the reader reaches one:
     rbp:scenario:<id>  {"v":1,"hash":"…","ending":"<node id>","steps":4,"date":"2026-12-01"}
   (the rule for it is core.js's rbp.isScenarioResult). A result for other content (another hash) is dropped. After storing it the scenario's root dispatches
   "rbp:scenario-result" (bubbling) with {id, hash, ending, steps, date}: learning paths listen for it. */
(() => {
  "use strict";

  const rbp = window.rbp;
  const VERSION = 1;

  const show = (el, on) => {
    if (el) el.hidden = !on;
  };

  const words = (el) => (el ? el.textContent : "").replace(/\s+/g, " ").trim();

  const result = rbp.scenarioResult;

  class Scenario {
    constructor(root) {
      const part = (selector) => {
        const el = root.querySelector(selector);
        if (!el) throw new Error("scenario: no " + selector);
        return el;
      };
      this.root = root;
      this.id = root.getAttribute("data-scenario");
      this.hash = root.getAttribute("data-scenario-hash");
      this.start = root.getAttribute("data-scenario-start");
      this.nodes = new Map([...root.querySelectorAll("[data-node]")].map((el) => [el.getAttribute("data-node"), el]));
      if (!this.nodes.has(this.start)) throw new Error("scenario: no start node");
      this.trail = part("[data-scenario-trail]");
      this.trailList = part("[data-scenario-trail-list]");
      this.feedback = part("[data-scenario-feedback]");
      this.back = part("[data-scenario-back]");
      this.restart = part("[data-scenario-restart]");
      this.actions = part("[data-scenario-actions]");
      this.announcer = part("[data-scenario-announce]");
      this.last = root.querySelector("[data-scenario-last]");
      this.route = []; // [{node, choice: the link chosen}]

      root.querySelectorAll("[data-scenario-nojs]").forEach((el) => show(el, false));
      root.addEventListener("click", (event) => {
        const link = event.target.closest ? event.target.closest("a[data-next]") : null;
        if (!link || !root.contains(link)) return;
        event.preventDefault();
        event.stopPropagation(); // the scenario moves on itself; not Material's navigation to the anchor
        this.choose(link);
      });
      this.back.addEventListener("click", () => this.goBack());
      this.restart.addEventListener("click", () => this.startAgain());
      this.showLast();
      this.render(false);
    }

    current() {
      return this.route.length ? this.route[this.route.length - 1].choice.getAttribute("data-next") : this.start;
    }

    heading(key) {
      return this.nodes.get(key).querySelector("h4");
    }

    showLast() {
      if (!this.last) return;
      const r = result(this.id, this.hash);
      const ending = r && this.nodes.has(r.ending) ? words(this.heading(r.ending)).replace(/^Ending:\s*/, "") : "";
      this.last.textContent = ending ? "Last time you reached the ending “" + ending + "”, on " + rbp.longDate(r.date) + "." : "";
      show(this.last, !!this.last.textContent);
    }

    /* Show the node the route has reached, with the last choice's feedback above it; focus its heading. */
    render(focus) {
      const key = this.current();
      this.nodes.forEach((el, k) => show(el, k === key));
      const node = this.nodes.get(key);
      const lastStep = this.route[this.route.length - 1];
      this.feedback.querySelector("[data-scenario-chose]").textContent = lastStep ? "You chose: " + words(lastStep.choice) : "";
      this.feedback.querySelector("[data-scenario-why]").textContent = lastStep ? words(lastStep.choice.parentNode.querySelector("[data-feedback]")) : "";
      show(this.feedback, !!lastStep);
      this.trailList.textContent = "";
      this.route.forEach((step) => {
        const li = rbp.make("li");
        li.appendChild(rbp.make("span", "rbp-sc__trail-where", words(this.heading(step.node)) + ": "));
        li.appendChild(document.createTextNode(words(step.choice)));
        this.trailList.appendChild(li);
      });
      show(this.trail, this.route.length > 0);
      show(this.actions, this.route.length > 0);
      const ending = node.querySelector("[data-scenario-route]");
      if (ending) this.showRoute(ending);
      if (focus) {
        // Focus goes to the new situation's heading; the page shows what happened just above it.
        this.heading(key).focus({ preventScroll: true });
        (lastStep ? this.feedback : this.heading(key)).scrollIntoView({ block: "start" });
      }
      return node;
    }

    /* At an ending: each choice on the route with its feedback. */
    showRoute(box) {
      const list = box.querySelector("[data-scenario-route-list]");
      list.textContent = "";
      this.route.forEach((step) => {
        const li = rbp.make("li");
        li.appendChild(rbp.make("strong", null, words(this.heading(step.node))));
        li.appendChild(rbp.make("span", null, " You chose: " + words(step.choice) + "."));
        li.appendChild(rbp.make("span", "rbp-sc__route-why", " " + words(step.choice.parentNode.querySelector("[data-feedback]"))));
        list.appendChild(li);
      });
      show(box, this.route.length > 0);
    }

    choose(link) {
      const from = link.closest("[data-node]").getAttribute("data-node");
      const next = link.getAttribute("data-next");
      if (from !== this.current() || !this.nodes.has(next)) return;
      this.route.push({ node: from, choice: link });
      const node = this.render(true);
      const isEnd = node.classList.contains("rbp-sc__node--ending");
      let said = "You chose: " + words(link) + ". " + words(link.parentNode.querySelector("[data-feedback]")) + " ";
      said += (isEnd ? "" : "Next: ") + words(this.heading(next)) + ".";
      if (isEnd) said += this.save(next);
      rbp.announce(this.announcer, said);
    }

    save(ending) {
      const r = { v: VERSION, hash: this.hash, ending, steps: this.route.length, date: rbp.today() };
      if (!rbp.write("local", rbp.scenarioPrefix + this.id, r)) return " Your browser did not let this site keep the result.";
      this.root.dispatchEvent(new CustomEvent("rbp:scenario-result", {
        bubbles: true, detail: { id: this.id, hash: this.hash, ending, steps: r.steps, date: r.date }
      }));
      return "";
    }

    goBack() {
      if (!this.route.length) return;
      this.route.pop();
      this.render(true);
      rbp.announce(this.announcer, "Back to: " + words(this.heading(this.current())) + ".");
    }

    startAgain() {
      this.route = [];
      this.showLast();
      this.render(true);
      rbp.announce(this.announcer, "Started again: " + words(this.heading(this.start)) + ".");
    }
  }

  rbp.start("[data-scenario]", Scenario);
})();
