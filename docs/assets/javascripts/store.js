/* Browser storage for every component: namespaced (rbp:<kind>:<id>), versioned ({"v": 1, …}),
   validated on read, and clearable. Corrupt data is set aside, never allowed to break a page. */
(function () {
  "use strict";

  var PREFIX = "rbp:";
  var MAX_CHARS = 1000000; // a value this large is not something the site wrote

  function area(name) {
    try {
      var s = name === "session" ? window.sessionStorage : window.localStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null; // storage blocked (private mode, policy): components work without it
    }
  }

  /* Read key from "local" or "session". Returns {value, problem}: problem is null, "missing",
     "corrupt", "newer" or "invalid". A problem other than "missing" removes the bad value so
     the next save starts clean; nothing else in storage is touched. */
  function read(where, key, version, validate) {
    var s = area(where);
    if (!s) return { value: null, problem: "unavailable" };
    var raw = s.getItem(key);
    if (raw === null) return { value: null, problem: "missing" };
    var problem = null;
    var data = null;
    if (raw.length > MAX_CHARS) {
      problem = "corrupt";
    } else {
      try {
        data = JSON.parse(raw);
      } catch (e) {
        problem = "corrupt";
      }
    }
    if (!problem && (data === null || typeof data !== "object" || Array.isArray(data) || typeof data.v !== "number")) {
      problem = "corrupt";
    } else if (!problem && data.v > version) {
      problem = "newer";
    } else if (!problem && validate && !validate(data)) {
      problem = "invalid";
    }
    if (problem) {
      s.removeItem(key);
      return { value: null, problem: problem };
    }
    return { value: data, problem: null };
  }

  function write(where, key, value) {
    var s = area(where);
    if (!s) return false;
    try {
      s.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false; // quota full: the caller tells the user
    }
  }

  function remove(where, key) {
    var s = area(where);
    if (s) s.removeItem(key);
  }

  /* Every rbp: key in an area whose name starts with prefix (e.g. "rbp:quiz:"). */
  function keys(where, prefix) {
    var s = area(where);
    var out = [];
    if (!s) return out;
    for (var i = 0; i < s.length; i++) {
      var k = s.key(i);
      if (k && k.indexOf(prefix || PREFIX) === 0) out.push(k);
    }
    return out;
  }

  var MESSAGES = {
    corrupt: "Saved data on this device could not be read, so it has been cleared.",
    newer: "Saved data on this device came from a newer version of this site, so it has been cleared.",
    invalid: "Saved data on this device was not in the expected form, so it has been cleared.",
    unavailable: "Your browser is not letting this site save anything, so nothing will be kept after you leave."
  };

  window.rbpStore = { read: read, write: write, remove: remove, keys: keys, messages: MESSAGES };
})();
