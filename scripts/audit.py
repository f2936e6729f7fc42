"""Dependency audit (`make audit`): pip-audit over .venv, honest about what it could not check.

1. pip-audit over the installed environment (`pip-audit -l`, JSON). A package pip-audit could
   not look up is a *skip*, not a pass: pip-audit still prints "No known vulnerabilities
   found" and exits 0 when every package was skipped, so skips are counted here.
2. For the project's direct dependencies only (pyproject.toml), PyPI's project JSON:
   its `vulnerabilities` list describes the latest release, so it answers for an installed
   version only when that version is the latest; otherwise the package is reported as
   not checked.

Exit status: 0 complete and clean; 1 a known vulnerability; 2 the audit is incomplete.
Usage: .venv/bin/python scripts/audit.py [--service pypi|osv]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "ng234-assistant"  # the editable project itself is not on PyPI


def canonical(name: str) -> str:
    """PEP 503 name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_dependencies() -> list[str]:
    """Names in pyproject.toml's dependencies and optional dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return sorted({canonical(re.match(r"[A-Za-z0-9_.\-]+", s).group(0)) for s in specs})


def run_pip_audit(service: str) -> dict:
    """pip-audit's JSON report for the installed environment."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "-l", "-s", service]
        command += ["--desc", "on", "--format", "json", "-o", str(out)]
        done = subprocess.run(command, capture_output=True, text=True)
        if not out.exists():
            return {"error": (done.stderr.strip().splitlines() or ["pip-audit failed"])[-1]}
        return json.loads(out.read_text(encoding="utf-8"))


def pypi_latest(name: str) -> tuple[str | None, list | None, str | None]:
    """(latest version, its vulnerabilities, error) from PyPI's project JSON."""
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30) as r:
            data = json.load(r)
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        return None, None, str(exc)
    return data["info"]["version"], data.get("vulnerabilities"), None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", choices=("pypi", "osv"), default="pypi")
    args = parser.parse_args(argv)
    print(f"Dependency audit, {datetime.now(UTC).date().isoformat()} (UTC)")
    report = run_pip_audit(args.service)
    vulnerable: list[str] = []
    skipped: list[str] = []
    if "error" in report:
        print(f"pip-audit ({args.service}) could not run: {report['error']}")
        total = None
    else:
        deps = [d for d in report["dependencies"] if canonical(d["name"]) != PROJECT]
        total = len(deps)
        for dep in deps:
            if dep.get("skip_reason"):
                skipped.append(dep["name"])
            for vuln in dep.get("vulns", []):
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix listed"
                vulnerable.append(
                    f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})"
                )
        print(
            f"pip-audit ({args.service}): {total} installed distributions, "
            f"{total - len(skipped)} audited, {len(skipped)} skipped, "
            f"{len(vulnerable)} known vulnerabilities"
        )
    print("Direct dependencies, PyPI project JSON (valid for the latest release only):")
    unchecked = []
    for name in direct_dependencies():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            print(f"  {name}: not installed")
            continue
        latest, vulns, error = pypi_latest(name)
        local = installed.split("+")[0]
        if error:
            unchecked.append(name)
            print(f"  {name} {installed}: not checked ({error})")
        elif latest != local or vulns is None:
            unchecked.append(name)
            print(f"  {name} {installed}: not checked (latest is {latest})")
        elif vulns:
            for v in vulns:
                fixes = ", ".join(v.get("fixed_in", [])) or "no fix listed"
                vulnerable.append(f"{name} {installed}: {v.get('id')} (fixed in {fixes})")
            print(f"  {name} {installed}: latest, {len(vulns)} known vulnerabilities")
        else:
            print(f"  {name} {installed}: latest, no known vulnerabilities")
    for line in vulnerable:
        print(f"VULNERABLE {line}")
    if vulnerable:
        return 1
    if total is None or skipped:
        print(
            f"INCOMPLETE: {len(skipped) if total else 'all'} installed distributions were not "
            "checked against any vulnerability database; rerun where pypi.org's JSON API or "
            "api.osv.dev is reachable (`--service osv`)."
        )
        return 2
    print("Complete: no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
