#!/usr/bin/env python3
"""How soon the decision site's home page is ready in Chromium, and what it loads.

Usage: scripts/site-browser-bench.py SITE-FOLDER [WORD ...]

Opens SITE-FOLDER/index.html over file:// in Debian's chromium (Playwright), RUNS times
(default 7) each in a fresh browser context, and prints the median and worst of:
- ready: navigation start to the site script's `adr:list-ready` mark (the HTML parsed,
  search-index.js loaded, parsed and run, the list of the newest records built), or for a
  site without the mark the end of DOMContentLoaded;
- first paint: the browser's first-contentful-paint;
- texts read: navigation start to the `adr:texts-read` mark: search-text.js loaded and
  every record's text read out of it (when the page is idle after it is ready, or at once
  when a query is waiting for it);
- first search: typing the first WORD (one input event) until the list is redrawn, once
  the texts are read;
- next search: the second WORD, typed after it;
- answered with a query: the page opened at #q=FIRST-WORD, to the `adr:query-answered`
  mark: the list shown, the texts loaded and read, and the query answered over them.
- empty page: an HTML page that only sets the mark, loaded the same way in the same runs:
  what navigation costs on this machine as loaded now, the floor under "ready".
Prints the bytes the home page loads (index.html, search-index.js, site.js, site.css, and
search-text.js, which the script loads once the list is shown).
"""
import os
import statistics
import sys
import tempfile

from playwright.sync_api import sync_playwright

site = os.path.abspath(sys.argv[1])
words = sys.argv[2:] or ["voluptate", "nostrud"]
runs = int(os.environ.get("RUNS", "7"))
url = "file://" + os.path.join(site, "index.html")
files = ["index.html", "search-index.js", "site.js", "site.css", "search-text.js"]
sizes = {name: os.path.getsize(os.path.join(site, name)) for name in files}
print("loads: " + ", ".join(f"{n} {s / 1e6:.2f} MB" for n, s in sizes.items())
      + f"; total {sum(sizes.values()) / 1e6:.2f} MB")

TYPE = """word => {
  const input = document.getElementById('q');
  const start = performance.now();
  input.value = word;
  input.dispatchEvent(new Event('input'));
  const took = performance.now() - start;
  return [took, document.getElementById('result-count').textContent];
}"""
# A site built before the mark existed: the end of DOMContentLoaded, which its script (at
# the end of the body, run by the parser) precedes.
READY = """() => {
  const mark = performance.getEntriesByName('adr:list-ready')[0];
  return mark ? mark.startTime
    : performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
}"""
PAINT = ("() => (performance.getEntriesByName('first-contentful-paint')[0] || "
         "{startTime: NaN}).startTime")

TEXTS = ("() => (performance.getEntriesByName('adr:texts-read')[0] || "
         "{startTime: NaN}).startTime")

ANSWERED = "() => performance.getEntriesByName('adr:query-answered')[0].startTime"

empty = os.path.join(tempfile.mkdtemp(prefix="adr-bench-"), "empty.html")
with open(empty, "w") as f:
    f.write("<!DOCTYPE html><html><body><p>Empty</p>"
            "<script>performance.mark('adr:list-ready')</script></body></html>")

results = {"empty page": [], "ready": [], "first paint": [], "texts read": [], "first search": [], "next search": [],
           "answered with a query": []}
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox"])
    for run in range(runs):
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto("file://" + empty, wait_until="load")
        results["empty page"].append(page.evaluate(READY))
        context.close()
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)
        results["ready"].append(page.evaluate(READY))
        results["first paint"].append(page.evaluate(PAINT))
        page.wait_for_function("performance.getEntriesByName('adr:texts-read').length "
                               "|| !performance.getEntriesByName('adr:list-ready').length",
                               timeout=10000)
        results["texts read"].append(page.evaluate(TEXTS))
        took, count = page.evaluate(TYPE, words[0])
        results["first search"].append(took)
        if len(words) > 1:
            took, count2 = page.evaluate(TYPE, words[1])
            results["next search"].append(took)
        context.close()
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto(url + "#q=" + words[0], wait_until="load")
        page.wait_for_function("performance.getEntriesByName('adr:query-answered').length",
                               timeout=10000)
        page.wait_for_timeout(300)
        results["answered with a query"].append(page.evaluate(ANSWERED))
        context.close()
    browser.close()
print(f"first search {words[0]!r}: {count}")
for name, values in results.items():
    values = [v for v in values if v == v]
    if values:
        print(f"{name}: median {statistics.median(values):.0f} ms, worst {max(values):.0f} ms"
              f" ({runs} runs)")
