#!/usr/bin/env python3
"""Takes the README's screenshots of the decision site (home, a record, patterns; light and
dark) with Debian's chromium through Playwright, from the browser test's fixture log.

Usage: scripts/screenshots.py [PATH-TO-ADR]   (writes docs/screenshots/*.png)
"""
import os
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "Tests/Browser"))
import fixture  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

adr = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/adr"))
out = os.path.join(root, "docs/screenshots")
os.makedirs(out, exist_ok=True)
with tempfile.TemporaryDirectory() as work:
    repo = os.path.join(work, "payments")
    env = fixture.make_repo(repo, adr, hostile=False)
    with open(os.path.join(repo, ".adr.yml"), "w") as f:
        f.write("site:\n  title: Payments decisions\n  url: https://github.com/acme/payments\n")
    subprocess.run([adr, "site"], cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)
    site = "file://" + os.path.join(repo, ".adr/site/")
    shots = {"home": "index.html#q=queue", "record": "0003-use-a-message-queue.html",
             "patterns": "patterns.html"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox"])
        for scheme in ["light", "dark"]:
            context = browser.new_context(viewport={"width": 1200, "height": 860},
                                          color_scheme=scheme, device_scale_factor=1)
            page = context.new_page()
            for name, path in shots.items():
                page.goto(site + path)
                page.wait_for_timeout(100)
                page.screenshot(path=os.path.join(out, f"{name}-{scheme}.png"))
            context.close()
        browser.close()
print(f"screenshots written to {out}")
