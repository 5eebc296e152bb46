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
    // What the list shows now: the rows' order (null: as the page lists them) and the query
    // their titles are marked for. Set before the first apply, which reads them.
    var lastOrder = null;
    var lastQuery = "";
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

    // Each field as its words between spaces (" use a queue "): a prefix match is one
    // native indexOf, which keeps a keystroke fast at 5,000 records.
    function wordsOf(record) {
      if (!record.words) {
        var joined = function (text) { return " " + tokens(text).join(" ") + " "; };
        record.words = [
          [joined(record.title), 10], [joined(record.tags.join(" ")), 6],
          [joined(record.people), 4], [joined(record.body), 1]
        ];
      }
      return record.words;
    }

    function score(record, query) {
      var fields = wordsOf(record);
      var total = 0;
      for (var t = 0; t < query.length; t++) {
        var prefix = " " + query[t];
        var best = 0;
        for (var f = 0; f < fields.length && !best; f++) {
          if (fields[f][0].indexOf(prefix) >= 0) {
            best = fields[f][1] * (fields[f][0].indexOf(prefix + " ") >= 0 ? 2 : 1);
          }
        }
        if (!best) { return 0; }
        total += best;
      }
      return total;
    }

    // Touches only what changes: at 5,000 records, rewriting every row on each keystroke
    // took seconds.
    function apply(state) {
      var query = tokens(state.q || "");
      var queryKey = query.join(" ");
      var shown = 0;
      records.forEach(function (record) {
        var keep = (!state.status || record.status === state.status) &&
          (!state.tag || record.tags.some(function (t) { return t.toLowerCase() === state.tag.toLowerCase(); })) &&
          (!state.log || record.log === state.log) &&
          (!state.year || record.year === state.year);
        record.score = keep && query.length ? score(record, query) : 0;
        if (keep && query.length && !record.score) { keep = false; }
        if (record.row.hidden === keep) { record.row.hidden = !keep; }
        record.keep = keep;
        if (keep) { shown++; }
      });
      var sort = state.sort || (query.length ? "relevance" : "");
      var order = null;
      if (sort) {
        order = records.slice();
        order.sort(function (a, b) {
          if (sort === "relevance" && a.score !== b.score) { return b.score - a.score; }
          if (sort === "oldest") { return compare(a.date, b.date) || a.i - b.i; }
          if (sort === "number") { return (a.number - b.number) || a.i - b.i; }
          if (sort === "title") { return a.title.localeCompare(b.title); }
          if (sort === "status") { return compare(a.status, b.status) || compare(b.date, a.date); }
          return defaultOrder(a, b);
        });
      }
      // The page lists the records in the default order; only another order moves rows,
      // and then only the rows shown (hidden ones may stay anywhere).
      var moving = order ? order.filter(function (r) { return r.keep; }) : null;
      var key = moving ? moving.map(function (r) { return r.i; }).join(",") : null;
      if (key !== lastOrder && (moving || lastOrder !== null)) {
        var sorted = moving || records.slice().sort(defaultOrder);
        var fragment = document.createDocumentFragment();
        sorted.forEach(function (record) { fragment.appendChild(record.row); });
        list.appendChild(fragment);
      }
      lastOrder = key;
      // Matches are marked in the first rows only: marking thousands took most of a
      // keystroke, and the best matches come first.
      var marked = 0;
      (order || records).forEach(function (record) {
        var wanted = record.keep && query.length > 0 && marked < 100;
        if (wanted) {
          marked++;
          if (!record.marked || queryKey !== lastQuery) { highlight(record, query); }
        } else if (record.marked) {
          highlight(record, []);
        }
      });
      lastQuery = queryKey;
      count.textContent = shown === records.length
        ? records.length + " decisions"
        : shown + " of " + records.length + " decisions";
      empty.hidden = shown !== 0;
    }

    function defaultOrder(a, b) {
      return compare(b.date, a.date) || b.number - a.number || a.i - b.i;
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
      record.marked = query.length > 0;
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
