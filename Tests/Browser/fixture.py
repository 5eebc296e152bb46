"""A small decision log in a fresh git repository, for the browser test and screenshots.

Made with the git CLI and fixed dates, so every run builds the same site. With
hostile=True it also holds a record, commit subjects, an author name, trailers and a note
that try to run script in the page.
"""
import os
import subprocess

HOSTILE = '<img src=x onerror="window.__pwned=1">'
# Text that ends a quoted script literal early, were it not escaped (the search index is
# JSON inside a single-quoted literal); in Markdown its backslash is written twice.
BREAKOUT = "\\'); window.__pwned=12; ('"


def run(cwd, *args, env=None):
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def make_repo(root, adr, hostile=True):
    os.makedirs(root, exist_ok=True)
    base = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=root, TZ="UTC", NO_COLOR="1")
    run(root, "git", "init", "-q", "-b", "main", env=base)
    day = [0]

    def commit(message, name="Ada Lovelace", email="ada@example.com", files=None):
        day[0] += 1
        when = f"2025-{1 + day[0] // 28:02d}-{1 + day[0] % 28:02d}T10:00:00+00:00"
        env = dict(base, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
                   GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email,
                   GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        run(root, "git", "add", "-A", env=env)
        run(root, "git", "commit", "-q", "-m", message, env=env)
        return env

    def write(name, text):
        path = os.path.join(root, "doc/adr", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    write("README.md", "# Decision log\n\nHow the **payments** service is built, and why.\n")
    write("0001-record-architecture-decisions.md", """# 1. Record architecture decisions

Date: 2025-01-02

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as described by Michael Nygard.

## Consequences

See Michael Nygard's article, linked above.
""")
    commit("Record architecture decisions")
    write("0002-poll-the-ledger-for-changes.md", """# Poll the ledger for changes

- Status: accepted
- Deciders: Ada Lovelace
- Date: 2025-01-05
- Tags: messaging, ledger

## Context

The payments service must learn about ledger entries within a minute.

## Decision

Poll the ledger's `/entries` endpoint every 30 seconds.

## Rationale

Polling needs no new infrastructure and the volume is small.

## Consequences

Load on the ledger grows with every new consumer.
""")
    commit("Poll the ledger for changes")
    write("0003-use-a-message-queue.md", """# Use a message queue

- Status: accepted
- Deciders: Ada Lovelace, Grace Hopper
- Date: 2025-02-10
- Tags: messaging, queue

## Context

Polling ([decision 2](0002-poll-the-ledger-for-changes.md)) overloads the ledger at
peak, and consumers need a retry policy for failed deliveries.

## Decision

Publish ledger entries to a queue; consumers acknowledge each message.

| Option | Latency | Cost |
| --- | --- | --- |
| Polling | 30 s | low |
| Queue | < 1 s | medium |

- [x] choose a broker
- [ ] write the runbook

```swift
let queue = Queue(name: "ledger")
```

## Rationale

A queue decouples producers from consumers and gives retries with back-off for free.[^1]

[^1]: Dead letters go to a separate queue.

## Consequences

We run a broker; messages may arrive twice, so handlers must be idempotent.

## Links

- Supersedes [Poll the ledger for changes](0002-poll-the-ledger-for-changes.md)
""")
    text = open(os.path.join(root, "doc/adr/0002-poll-the-ledger-for-changes.md")).read()
    write("0002-poll-the-ledger-for-changes.md", text.replace(
        "- Status: accepted\n",
        "- Status: superseded by [Use a message queue](0003-use-a-message-queue.md)\n"))
    commit("Use a message queue\n\nApproved-by: Grace Hopper <grace@example.com>",
           name="Grace Hopper", email="grace@example.com")
    write("0004-keep-card-data-out-of-logs.md", """---
status: proposed
date: 2025-03-01
tags: [security]
---

# Keep card data out of logs

## Context and Problem Statement

Card numbers reached the application logs twice last quarter.

## Considered Options

* Redact in the logging library
* Review every log statement

## Decision Outcome

Chosen option: "Redact in the logging library", because it protects every call site at once.

### Consequences

* Good, because no one has to remember.
* Bad, because redaction costs a little CPU.
""")
    commit("Propose keeping card data out of logs", name="Grace Hopper",
           email="grace@example.com")
    path = os.path.join(root, "doc/adr/0003-use-a-message-queue.md")
    text = open(path).read()
    with open(path, "w") as f:
        f.write(text.replace("\n## Links", "Retries use exponential back-off, capped at five attempts.\n\n## Links"))
    commit("Clarify the retry policy")
    subprocess.run([adr, "approve", "3", "--by", "Ada Lovelace <ada@example.com>",
                    "--comment", "reviewed with the on-call team"], cwd=root,
                   env=dict(base, SOURCE_DATE_EPOCH="1740000000", GIT_AUTHOR_NAME="Ada",
                            GIT_AUTHOR_EMAIL="ada@example.com", GIT_COMMITTER_NAME="Ada",
                            GIT_COMMITTER_EMAIL="ada@example.com"),
                   check=True, stdout=subprocess.DEVNULL)
    if hostile:
        write("0005-hostile.md", f"""# 5. <script>window.__pwned=1</script>Hostile {HOSTILE} {BREAKOUT.replace(chr(92), chr(92) * 2)}

- Status: accepted
- Date: 2025-04-01
- Tags: <b onmouseover="window.__pwned=1">evil</b>, queue

## Context

<script>window.__pwned=2</script>
<div onmouseover="window.__pwned=3">hover me</div>
<iframe src="javascript:window.__pwned=4"></iframe>

[a javascript link](javascript:window.__pwned=5) and [another](JaVaScRiPt:window.__pwned=6)
and [vb](vbscript:msgbox) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
and [spaced](java&#x09;script:window.__pwned=7) and <javascript:window.__pwned=8>.

![remote](https://example.com/tracker.png) ![data](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)

[ref]: javascript:window.__pwned=9

A [reference link][ref] and an `<img src=x onerror=alert(1)>` in code.

<style>body {{ display: none }}</style>

## Decision

Nothing here may run.
""")
        commit(f"Add <script>window.__pwned=10</script> {HOSTILE}\n\n"
               f"Approved-by: {HOSTILE} <evil@example.com>",
               name=f'Mallory {HOSTILE}', email="mallory@example.com")
        # A note written by hand: adr approve refuses such a name, a hostile pusher would not.
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, env=base, check=True,
                              capture_output=True, text=True).stdout.strip()
        note = ("adr-approval v1\nrecord: doc/adr/0005-hostile.md\ntext-hash: sha1:0\n"
                f"by: {HOSTILE} <x@example.com>\ndate: 2025-04-20T10:00:00Z\n"
                "comment: <script>window.__pwned=11</script>\n")
        run(root, "git", "notes", "--ref", "refs/notes/adr", "add", "-m", note, head, env=dict(
            base, GIT_AUTHOR_NAME="M", GIT_AUTHOR_EMAIL="m@example.com",
            GIT_COMMITTER_NAME="M", GIT_COMMITTER_EMAIL="m@example.com"))
    return base


DEEP_WORD = "quokkasaurus"
MERMAID_STAND_IN = """// Stands in for Mermaid where its script is not installed: the same calls, and each
// diagram block becomes an SVG naming its source, as mermaid.run() draws one.
window.mermaid = {
  initialize: function (config) { window.__mermaidConfig = config; },
  run: function () {
    document.querySelectorAll("div.mermaid").forEach(function (block) {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("data-source", block.textContent);
      block.textContent = "";
      block.appendChild(svg);
    });
    return Promise.resolve();
  }
};
"""


def make_long_log(root, adr, records=240, mermaid_script=None):
    """A log of `records` short records, one of them 40,000 characters long with a word
    found nowhere else near its end and headings that repeat or clash with the page's own
    ids, one with a Mermaid diagram; `.adr.yml` names `mermaid_script` (copied in), or a
    stand-in for Mermaid's API when there is none."""
    os.makedirs(os.path.join(root, "doc/adr"), exist_ok=True)
    os.makedirs(os.path.join(root, "vendor"), exist_ok=True)
    base = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=root, TZ="UTC", NO_COLOR="1",
                GIT_AUTHOR_NAME="Ada Lovelace", GIT_AUTHOR_EMAIL="ada@example.com",
                GIT_COMMITTER_NAME="Ada Lovelace", GIT_COMMITTER_EMAIL="ada@example.com",
                GIT_AUTHOR_DATE="2025-06-01T10:00:00+00:00",
                GIT_COMMITTER_DATE="2025-06-01T10:00:00+00:00")
    run(root, "git", "init", "-q", "-b", "main", env=base)
    if mermaid_script:
        with open(mermaid_script, "rb") as source, \
                open(os.path.join(root, "vendor/mermaid.js"), "wb") as target:
            target.write(source.read())
    else:
        with open(os.path.join(root, "vendor/mermaid.js"), "w") as f:
            f.write(MERMAID_STAND_IN)
    with open(os.path.join(root, ".adr.yml"), "w") as f:
        f.write("site:\n  title: A long log\n  mermaid: vendor/mermaid.js\n")
    words = ("service queue ledger latency cache shard replica broker schema index "
             "partition retry budget consumer producer failover region quorum snapshot "
             "throughput backpressure idempotent contract migration rollout").split()
    for number in range(1, records + 1):
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        title = f"Decide {words[number % len(words)]} {words[(number * 7) % len(words)]} {number}"
        body = f"# {number}. {title}\n\nDate: 2024-{month:02d}-{day:02d}\n\n## Status\n\nAccepted\n\n"
        body += f"## Context\n\nThe {words[number % 5]} needs a rule.\n"
        if number == 7:
            title = "Choose the storage engine"
            paragraphs = []
            for p in range(160):
                sentence = " ".join(words[(p * 13 + k * 5) % len(words)] for k in range(40))
                paragraphs.append(sentence.capitalize() + ".")
            paragraphs[-1] += f" The last word on it is {DEEP_WORD}."
            body = (f"# 7. {title}\n\nDate: 2024-03-03\n\n## Status\n\nAccepted\n\n"
                    "## Context\n\n" + "\n\n".join(paragraphs[:80]) +
                    "\n\n## Context\n\nAgain.\n\n## Why not Postgres?\n\n" +
                    "\n\n".join(paragraphs[80:]) +
                    "\n\n## History\n\nA heading named like the page's panel.\n\n"
                    "## Approvals\n\nAnother.\n")
        if number == 8:
            title = "Draw the flow"
            body = (f"# 8. {title}\n\nDate: 2024-03-04\n\n## Status\n\nAccepted\n\n"
                    "## Decision\n\n```mermaid\ngraph TD\n  Producer --> Queue\n"
                    "  Queue --> Consumer\n```\n\nAnd a second one:\n\n```mermaid\n"
                    "sequenceDiagram\n  Alice->>Bob: hello\n```\n")
        slug = title.lower().replace(" ", "-")
        with open(os.path.join(root, f"doc/adr/{number:04d}-{slug}.md"), "w") as f:
            f.write(body)
    run(root, "git", "add", "-A", env=base)
    run(root, "git", "commit", "-q", "-m", "A long log", env=base)
    return base
