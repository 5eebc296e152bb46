// adr's site script: filters, sort and search on the home page, with the view kept in the
// URL fragment (#q=retry&status=accepted&tag=queue&log=api). It reads the index that
// search-index.js sets, draws the list from it a screenful at a time, builds every element
// with textContent, and never inserts HTML.
(function () {
  "use strict";
  var list = document.getElementById("records");
  var index = window.ADR_INDEX;
  if (list && index && index.v === 2) { home(list, index); }
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
    var more = document.createElement("button");
    more.type = "button";
    more.className = "more-records";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    var staticNote = document.getElementById("static-more");
    if (staticNote) { staticNote.hidden = true; }
    var logs = index.logs;
    // A record reads its fields from its row of the index when they are asked for: the
    // list is drawn without first copying every row into an object of its own.
    function Record(r, i) {
      this.i = i; this.r = r; this.people = ""; this.row = null; this.fields = null;
      this.ids = null; this.markedFor = ""; this.score = 0;
    }
    Record.prototype = {
      get stem() { return this.r[0]; },
      get title() { return this.r[1]; },
      get status() { return this.r[2]; },
      get date() { return this.r[3]; },
      get year() { return this.r[3].slice(0, 4); },
      get tags() { return this.r[4]; },
      // The record's log: its label and page folder.
      get logEntry() { return logs[this.r[5]] || ["", ""]; },
      get log() { return this.logEntry[0]; },
      get number() { return this.r[6]; },
      get href() { return this.r[7] || this.logEntry[1] + this.r[0] + ".html"; }
    };
    var records = new Array(index.r.length);
    for (var ri = 0; ri < records.length; ri++) { records[ri] = new Record(index.r[ri], ri); }
    // The rows the page was built with are the first ones of the default order: kept.
    Array.prototype.forEach.call(list.querySelectorAll("li[data-i]"), function (row) {
      var record = records[Number(row.getAttribute("data-i"))];
      if (record) { record.row = row; }
    });
    // The index lists the records newest first, the default order.
    var newestFirst = records;
    var names = ["q", "status", "tag", "log", "year", "sort"];
    // Only the first rows of the view are in the page; more come as the list is scrolled.
    var firstRows = 100;
    var moreRows = 200;
    var shown = [];
    var rendered = 0;
    var query = [];
    var queryKey = "";
    var controls = {};
    var text = null;
    var state = {};
    names.forEach(function (name) { controls[name] = form.elements.namedItem(name); });
    // The words' places in the vocabulary from their code (SearchIndex.swift): continuation
    // characters, each a base-25 digit, then a final character, a base-64 digit.
    var finals = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    var continuations = "!#$%'()*,-.:;=?@[]^_`{|}~";
    var digit = new Int16Array(128).fill(-1);
    var offsets = [0];
    for (var d = 0; d < finals.length; d++) { digit[finals.charCodeAt(d)] = d; }
    for (d = 0; d < continuations.length; d++) { digit[continuations.charCodeAt(d)] = 64 + d; }
    for (var length = 1, capacity = 64; length < 6; length++, capacity *= 25) {
      offsets[length] = offsets[length - 1] + capacity;
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    names.forEach(function (name) {
      var control = controls[name];
      if (!control) { return; }
      control.addEventListener(name === "q" ? "input" : "change", function () {
        state = readControls();
        writeFragment(state);
        apply(state);
      });
    });
    more.addEventListener("click", function () { renderMore(moreRows); });
    if (typeof IntersectionObserver !== "undefined") {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) { fillViewport(); }
      }, { rootMargin: "800px 0px" }).observe(more);
    }
    window.addEventListener("hashchange", function () { fromFragment(); });
    fromFragment();
    if (window.performance && performance.mark) { performance.mark("adr:list-ready"); }
    loadTexts();

    // The records' people and texts come in a script of their own, loaded once the list
    // is shown: until it is there, a query matches titles and tags, and it is asked again
    // when they arrive. The texts are read while the reader looks at the page.
    function loadTexts() {
      if (window.ADR_TEXT) { textsArrived(); return; }
      var own = document.querySelector("script[src$='search-index.js']");
      if (!own) { return; }
      var script = document.createElement("script");
      script.src = own.getAttribute("src").replace(/search-index\.js$/, "search-text.js");
      script.addEventListener("load", textsArrived);
      document.body.appendChild(script);
    }

    function textsArrived() {
      var source = window.ADR_TEXT;
      if (!source || source.v !== 2) { return; }
      records.forEach(function (record) {
        record.people = source.people[record.i] || "";
        record.fields = null;
      });
      if (query.length) {
        // The rows shown were marked without the texts: their snippets are due.
        records.forEach(function (record) { record.markedFor = null; });
        apply(state);
        if (window.performance && performance.mark) { performance.mark("adr:query-answered"); }
      } else if (window.requestIdleCallback) {
        requestIdleCallback(textIndex, { timeout: 3000 });
      } else {
        setTimeout(textIndex, 50);
      }
    }

    function fromFragment() {
      state = parseFragment(location.hash);
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
      try {
        history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
      } catch (error) {
        location.hash = parts.join("&");
      }
    }

    function tokens(text) {
      return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t; });
    }

    // The short fields as their words between spaces (" use a queue "): a prefix match is
    // one native indexOf.
    function fieldsOf(record) {
      if (!record.fields) {
        var joined = function (text) { return " " + tokens(text).join(" ") + " "; };
        record.fields = [[joined(record.title), 10], [joined(record.tags.join(" ")), 6],
          [joined(record.people), 4]];
      }
      return record.fields;
    }

    // The record texts, read from the index the first time a query needs them: the
    // vocabulary, each word's search form, and which records hold each word.
    function textIndex() {
      if (text) { return text; }
      var source = window.ADR_TEXT;
      if (!source || source.v !== 2) { return null; }
      var words = source.words ? source.words.split(" ") : [];
      var codes = source.t.split(" ");
      var keys = words.map(function (word) { return " " + tokens(word).join(" ") + " "; });
      var holders = words.map(function () { return []; });
      records.forEach(function (record) {
        var ids = decode(codes[record.i] || "");
        record.ids = ids;
        for (var k = 0; k < ids.length; k++) {
          var list = holders[ids[k]];
          if (list[list.length - 1] !== record.i) { list.push(record.i); }
        }
      });
      text = { words: words, keys: keys, holders: holders };
      if (window.performance && performance.mark) { performance.mark("adr:texts-read"); }
      return text;
    }

    function decode(code) {
      var ids = [];
      var high = 0;
      var length = 0;
      for (var p = 0; p < code.length; p++) {
        var value = digit[code.charCodeAt(p)];
        if (value >= 64) {
          high = high * 25 + value - 64;
          length++;
        } else {
          ids.push(offsets[length] + high * 64 + value);
          high = 0;
          length = 0;
        }
      }
      return ids;
    }

    // For each query word, the best field each record matches it in: the short fields
    // record by record, the text through the records that hold a matching word.
    function scores(kept, words) {
      var total = new Float64Array(records.length);
      var alive = kept.slice();
      var texts = textIndex();
      for (var t = 0; t < words.length; t++) {
        var prefix = " " + words[t];
        var exact = prefix + " ";
        var inText = new Uint8Array(records.length);
        for (var w = 0; texts && w < texts.keys.length; w++) {
          var key = texts.keys[w];
          if (key.indexOf(prefix) < 0) { continue; }
          var weight = key.indexOf(exact) >= 0 ? 2 : 1;
          var holders = texts.holders[w];
          for (var h = 0; h < holders.length; h++) {
            if (inText[holders[h]] < weight) { inText[holders[h]] = weight; }
          }
        }
        var next = [];
        for (var k = 0; k < alive.length; k++) {
          var record = alive[k];
          var fields = fieldsOf(record);
          var best = 0;
          for (var f = 0; f < fields.length && !best; f++) {
            if (fields[f][0].indexOf(prefix) >= 0) {
              best = fields[f][1] * (fields[f][0].indexOf(exact) >= 0 ? 2 : 1);
            }
          }
          if (!best) { best = inText[record.i]; }
          if (best) {
            total[record.i] += best;
            next.push(record);
          }
        }
        alive = next;
      }
      alive.forEach(function (record) { record.score = total[record.i]; });
      return alive;
    }

    function apply(state) {
      query = tokens(state.q || "");
      queryKey = query.join(" ");
      var tag = (state.tag || "").toLowerCase();
      var kept = newestFirst.filter(function (record) {
        return (!state.status || record.status === state.status) &&
          (!tag || record.tags.some(function (t) { return t.toLowerCase() === tag; })) &&
          (!state.log || record.log === state.log) &&
          (!state.year || record.year === state.year);
      });
      if (query.length) { kept = scores(kept, query); }
      var sort = state.sort || (query.length ? "relevance" : "");
      if (sort) {
        // Sorting is stable: ties keep the default order.
        kept.sort(function (a, b) {
          if (sort === "relevance") { return b.score - a.score; }
          if (sort === "oldest") { return compare(a.date, b.date) || b.i - a.i; }
          if (sort === "number") { return (a.number - b.number) || a.i - b.i; }
          if (sort === "title") { return a.title.localeCompare(b.title); }
          if (sort === "status") { return compare(a.status, b.status) || compare(b.date, a.date); }
          return 0;
        });
      }
      shown = kept;
      if (showsFirstRows(Math.min(firstRows, shown.length))) {
        // The page was built with this view's first rows (the default view, on load):
        // they stay, and nothing is laid out again.
        rendered = list.children.length;
        renderMore(0);
      } else {
        rendered = 0;
        list.replaceChildren();
        renderMore(firstRows);
      }
      count.textContent = shown.length === records.length
        ? records.length + " decisions"
        : shown.length + " of " + records.length + " decisions";
      empty.hidden = shown.length !== 0;
    }

    // Whether the list holds exactly the first `rows` rows of the view, as they would be
    // drawn now.
    function showsFirstRows(rows) {
      var children = list.children;
      if (rows === 0 || children.length !== rows) { return false; }
      for (var k = 0; k < rows; k++) {
        if (children[k] !== shown[k].row || shown[k].markedFor !== queryKey) { return false; }
      }
      return true;
    }

    function renderMore(rows) {
      var end = Math.min(shown.length, rendered + rows);
      var fragment = document.createDocumentFragment();
      for (var k = rendered; k < end; k++) {
        var record = shown[k];
        var row = rowOf(record);
        if (record.markedFor !== queryKey) { highlight(record); }
        fragment.appendChild(row);
      }
      list.appendChild(fragment);
      rendered = end;
      var left = shown.length - rendered;
      more.hidden = left <= 0;
      more.textContent = "Show " + Math.min(left, moreRows) + " more (" + left + " not shown)";
    }

    // While the end of the list is on screen, more rows come.
    function fillViewport() {
      var rounds = 0;
      while (!more.hidden && rounds++ < 20 &&
             more.getBoundingClientRect().top < window.innerHeight + 800) {
        renderMore(moreRows);
      }
    }

    // A row as the site builds it (SiteBuilder.indexRow), from text nodes only.
    function rowOf(record) {
      if (record.row) { return record.row; }
      var row = element("li", "record-row");
      row.setAttribute("data-record", record.stem);
      row.setAttribute("data-i", String(record.i));
      var link = element("a", "record-link");
      link.href = record.href;
      var number = record.number === null ? "" : String(record.number);
      link.appendChild(element("span", "number", number ? "0000".slice(number.length) + number : ""));
      link.appendChild(document.createTextNode(" "));
      link.appendChild(element("span", "title", record.title));
      row.appendChild(link);
      row.appendChild(document.createTextNode("\n"));
      var status = index.status[record.status] || ["other", record.status];
      row.appendChild(element("span", "status status-" + status[0], status[1]));
      row.appendChild(document.createTextNode("\n"));
      var meta = element("span", "meta");
      if (record.date) {
        var time = element("time", "", record.date);
        time.setAttribute("datetime", record.date);
        meta.appendChild(time);
      }
      if (record.log) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(element("span", "log", record.log));
      }
      row.appendChild(meta);
      row.appendChild(document.createTextNode("\n"));
      if (record.tags.length) {
        var tags = element("span", "tags");
        record.tags.forEach(function (tag) {
          tags.appendChild(element("span", "tag", tag));
          tags.appendChild(document.createTextNode(" "));
        });
        row.appendChild(tags);
      }
      row.appendChild(document.createTextNode("\n"));
      var snippet = element("p", "snippet");
      snippet.hidden = true;
      row.appendChild(snippet);
      record.row = row;
      return row;
    }

    function element(name, className, text) {
      var made = document.createElement(name);
      if (className) { made.className = className; }
      if (text) { made.textContent = text; }
      return made;
    }

    function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    function marked(element, text, words) {
      element.textContent = "";
      if (!words.length) { element.textContent = text; return; }
      var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(escapeRegExp).join("|") + ")", "giu");
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

    // The title marked, and a snippet of the text around the first match.
    function highlight(record) {
      record.markedFor = queryKey;
      var row = rowOf(record);
      marked(row.querySelector(".title"), record.title, query);
      var snippet = row.querySelector(".snippet");
      snippet.hidden = true;
      snippet.textContent = "";
      var texts = textIndex();
      if (!query.length || !texts) { return; }
      var words = texts.words;
      var body = record.ids.map(function (id) { return words[id]; }).join(" ");
      var lower = body.toLowerCase();
      var at = -1;
      for (var t = 0; t < query.length && at < 0; t++) {
        var found = new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(query[t]), "u").exec(lower);
        if (found) { at = found.index + found[1].length; }
      }
      if (at < 0) { return; }
      var start = Math.max(0, at - 60);
      var end = Math.min(body.length, at + 120);
      var excerpt = (start > 0 ? "…" : "") + body.slice(start, end) + (end < body.length ? "…" : "");
      marked(snippet, excerpt, query);
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
    // Mermaid's own dark theme where the page is dark: its default boxes are light.
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict",
      theme: dark ? "dark" : "default" });
    window.mermaid.run();
  }
})();
