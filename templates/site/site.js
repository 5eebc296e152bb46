// adr's site script: filters, sort and search on the home page, with the view kept in the
// URL fragment (#q=retry&status=accepted&tag=queue&log=api). It reads the index that
// search-index.js sets, builds every element with textContent, and never inserts HTML.
(function () {
  "use strict";
  var list = document.getElementById("records");
  var index = window.ADR_INDEX;
  if (list && index && index.v === 1) { home(list, index); }
  if (typeof window.mermaid !== "undefined") { drawMermaid(); }
  if (location.protocol === "http:" && location.hostname === "127.0.0.1") { reloadOnRebuild(); }

  // Under `adr site serve`: reload when the server says the site was rebuilt.
  function reloadOnRebuild() {
    var seen = null;
    function poll() {
      fetch("/__adr/version", { cache: "no-store" }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (version) {
        if (version && seen && version !== seen) { location.reload(); return; }
        if (version) { seen = version; }
        setTimeout(poll, 1000);
      }).catch(function () { setTimeout(poll, 2000); });
    }
    poll();
  }

  function home(list, index) {
    var form = document.getElementById("filters");
    var count = document.getElementById("result-count");
    var empty = document.getElementById("empty");
    var rows = [];
    Array.prototype.forEach.call(list.querySelectorAll("li[data-i]"), function (row) {
      rows[Number(row.getAttribute("data-i"))] = row;
    });
    var records = index.r.map(function (r, i) {
      return { i: i, title: r[0], status: r[1], year: r[2], tags: r[3], log: r[4],
        people: r[5], body: r[6], date: r[7], number: r[8], row: rows[i], words: null };
    });
    var names = ["q", "status", "tag", "log", "year", "sort"];
    var controls = {};
    names.forEach(function (name) { controls[name] = form.elements.namedItem(name); });

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    names.forEach(function (name) {
      var control = controls[name];
      if (!control) { return; }
      control.addEventListener(name === "q" ? "input" : "change", function () {
        var state = readControls();
        writeFragment(state);
        apply(state);
      });
    });
    window.addEventListener("hashchange", function () { fromFragment(); });
    fromFragment();

    function fromFragment() {
      var state = parseFragment(location.hash);
      names.forEach(function (name) {
        var control = controls[name];
        if (!control) { return; }
        var value = state[name] || "";
        if (control.tagName === "SELECT" && value &&
            !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          control.appendChild(option);
        }
        control.value = value;
      });
      apply(state);
    }

    function readControls() {
      var state = {};
      names.forEach(function (name) {
        var control = controls[name];
        if (control && control.value) { state[name] = control.value; }
      });
      return state;
    }

    function parseFragment(hash) {
      var state = {};
      hash.replace(/^#/, "").split("&").forEach(function (pair) {
        if (!pair) { return; }
        var at = pair.indexOf("=");
        if (at < 0) { return; }
        try {
          var key = decodeURIComponent(pair.slice(0, at));
          var value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
          if (names.indexOf(key) >= 0) { state[key] = value; }
        } catch (error) { /* a malformed fragment shows every record */ }
      });
      return state;
    }

    function writeFragment(state) {
      var parts = names.filter(function (name) { return state[name]; }).map(function (name) {
        return name + "=" + encodeURIComponent(state[name]);
      });
      var fragment = parts.length ? "#" + parts.join("&") : " ";
      try {
        history.replaceState(null, "", fragment === " " ? location.pathname + location.search : fragment);
      } catch (error) {
        location.hash = parts.join("&");
      }
    }

    function tokens(text) {
      return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t; });
    }

    function wordsOf(record) {
      if (!record.words) {
        record.words = {
          title: tokens(record.title),
          tags: tokens(record.tags.join(" ")),
          people: tokens(record.people),
          body: tokens(record.body)
        };
      }
      return record.words;
    }

    function hasPrefix(words, token) {
      for (var k = 0; k < words.length; k++) {
        if (words[k].lastIndexOf(token, 0) === 0) { return words[k].length === token.length ? 2 : 1; }
      }
      return 0;
    }

    function score(record, query) {
      var words = wordsOf(record);
      var total = 0;
      for (var t = 0; t < query.length; t++) {
        var token = query[t];
        var best = 0;
        var weights = [["title", 10], ["tags", 6], ["people", 4], ["body", 1]];
        for (var w = 0; w < weights.length; w++) {
          var hit = hasPrefix(words[weights[w][0]], token);
          if (hit) { best = Math.max(best, weights[w][1] * hit); }
        }
        if (!best) { return 0; }
        total += best;
      }
      return total;
    }

    function apply(state) {
      var query = tokens(state.q || "");
      var shown = [];
      records.forEach(function (record) {
        var keep = (!state.status || record.status === state.status) &&
          (!state.tag || record.tags.some(function (t) { return t.toLowerCase() === state.tag.toLowerCase(); })) &&
          (!state.log || record.log === state.log) &&
          (!state.year || record.year === state.year);
        record.score = keep && query.length ? score(record, query) : 0;
        if (keep && query.length && !record.score) { keep = false; }
        record.row.hidden = !keep;
        highlight(record, keep ? query : []);
        if (keep) { shown.push(record); }
      });
      var order = records.slice();
      var sort = state.sort || (query.length ? "relevance" : "");
      order.sort(function (a, b) {
        if (sort === "relevance" && a.score !== b.score) { return b.score - a.score; }
        if (sort === "oldest") { return compare(a.date, b.date) || a.i - b.i; }
        if (sort === "number") { return (a.number - b.number) || a.i - b.i; }
        if (sort === "title") { return a.title.localeCompare(b.title); }
        if (sort === "status") { return compare(a.status, b.status) || compare(b.date, a.date); }
        return compare(b.date, a.date) || b.number - a.number || a.i - b.i;
      });
      order.forEach(function (record) { list.appendChild(record.row); });
      count.textContent = shown.length === records.length
        ? records.length + " decisions"
        : shown.length + " of " + records.length + " decisions";
      empty.hidden = shown.length !== 0;
    }

    function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    function marked(element, text, query) {
      element.textContent = "";
      if (!query.length) { element.textContent = text; return; }
      var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + query.map(escapeRegExp).join("|") + ")", "giu");
      var last = 0;
      var match;
      while ((match = pattern.exec(text)) !== null) {
        var start = match.index + match[1].length;
        element.appendChild(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.textContent = match[2];
        element.appendChild(mark);
        last = start + match[2].length;
        if (match[0].length === 0) { pattern.lastIndex++; }
      }
      element.appendChild(document.createTextNode(text.slice(last)));
    }

    function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

    function highlight(record, query) {
      var title = record.row.querySelector(".title");
      marked(title, record.title, query);
      var snippet = record.row.querySelector(".snippet");
      if (!query.length) { snippet.hidden = true; snippet.textContent = ""; return; }
      var body = record.body;
      var lower = body.toLowerCase();
      var at = -1;
      for (var t = 0; t < query.length && at < 0; t++) {
        var found = new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(query[t]), "u").exec(lower);
        if (found) { at = found.index + found[1].length; }
      }
      if (at < 0) { snippet.hidden = true; return; }
      var start = Math.max(0, at - 60);
      var end = Math.min(body.length, at + 120);
      var text = (start > 0 ? "…" : "") + body.slice(start, end).replace(/\s+/g, " ") + (end < body.length ? "…" : "");
      marked(snippet, text, query);
      snippet.hidden = false;
    }
  }

  function drawMermaid() {
    var blocks = document.querySelectorAll("pre > code.language-mermaid");
    Array.prototype.forEach.call(blocks, function (code) {
      var diagram = document.createElement("div");
      diagram.className = "mermaid";
      diagram.textContent = code.textContent;
      code.parentNode.replaceWith(diagram);
    });
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    window.mermaid.run();
  }
})();
