"""Offline dependency audit: no installed distribution is in a known advisory's affected range.

`make audit` (pip-audit against PyPI's JSON API or OSV) is the complete check, but it needs the
network and cannot run from every build machine (docs/BENCHMARKS.md, "Dependency audit"). This
runs with the normal test command over what is actually installed (importlib.metadata), against
assistant/data/advisories.json: a curated list of advisories for the packages we ship, each
with its id, affected range and fixed version. A missing advisory is not a pass; the list is
reviewed by hand (docs/SAFETY.md, H23).
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import warnings
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict, Field, field_validator

ADVISORIES_FILE = Path(__file__).resolve().parent.parent / "assistant" / "data" / "advisories.json"
ADVISORY_ID = re.compile(
    r"^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|PYSEC-\d{4}-\d+)$"
)
#: The packages issue #7 names: each must have advisories listed or be marked as checked.
MUST_COVER = (
    "streamlit",
    "torch",
    "transformers",
    "sentence-transformers",
    "pydantic",
    "faiss-cpu",
    "numpy",
    "tornado",
    "jinja2",
    "requests",
    "urllib3",
    "pillow",
    "protobuf",
)


def canonical(name: str) -> str:
    """PEP 503 name: Pillow -> pillow, sentence_transformers -> sentence-transformers."""
    return re.sub(r"[-_.]+", "-", name).lower()


class Advisory(BaseModel):
    """One published advisory: the versions it affects and the releases that fix it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    package: str
    id: str
    aliases: tuple[str, ...] = ()
    affected: tuple[str, ...] = Field(min_length=1, description="PEP 440 specifier sets, OR-ed.")
    fixed: tuple[str, ...] = Field(min_length=1)
    summary: str = Field(min_length=1)

    @field_validator("id", "aliases")
    @classmethod
    def _ids(cls, value):
        for item in (value,) if isinstance(value, str) else value:
            if not ADVISORY_ID.match(item):
                raise ValueError(f"{item!r} is not a CVE, GHSA or PYSEC id")
        return value

    @field_validator("affected")
    @classmethod
    def _specifiers(cls, value):
        for spec in value:
            SpecifierSet(spec)  # InvalidSpecifier is a ValueError
        return value

    @field_validator("fixed")
    @classmethod
    def _versions(cls, value):
        for version in value:
            Version(version)
        return value

    def affects(self, version: str) -> bool:
        """Whether this version (local labels like +cpu included) is in an affected range."""
        try:
            parsed = Version(version)
        except InvalidVersion:
            return False
        return any(SpecifierSet(s).contains(parsed, prereleases=True) for s in self.affected)


class Unconfirmed(BaseModel):
    """An advisory we know of but whose affected or fixed versions could not be confirmed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    package: str
    ids: tuple[str, ...] = Field(min_length=1)
    note: str = Field(min_length=1)


class AdvisoryList(BaseModel):
    """assistant/data/advisories.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    reviewed: str = Field(pattern=r"^20\d\d-\d\d-\d\d$")
    scope: str
    sources: tuple[str, ...] = Field(min_length=1)
    advisories: tuple[Advisory, ...] = Field(min_length=1)
    no_advisory_found: tuple[str, ...] = ()
    unconfirmed: tuple[Unconfirmed, ...] = ()


ADVISORIES = AdvisoryList.model_validate(json.loads(ADVISORIES_FILE.read_text(encoding="utf-8")))


def known_vulnerabilities(
    installed: dict[str, str], advisories: tuple[Advisory, ...] = ADVISORIES.advisories
) -> list[str]:
    """'package version: id (fixed in …)' for each installed version in an affected range."""
    hits = []
    for advisory in advisories:
        version = installed.get(canonical(advisory.package))
        if version is not None and advisory.affects(version):
            fixed = ", ".join(advisory.fixed)
            hits.append(f"{advisory.package} {version}: {advisory.id} (fixed in {fixed})")
    return hits


def installed_distributions() -> dict[str, str]:
    """Canonical name -> version of every distribution importable in this environment."""
    found: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(canonical(name), dist.version)  # first on sys.path wins, as import
    return found


# --- the list itself ---------------------------------------------------------------------------


def test_advisory_list_is_well_formed() -> None:
    ids = [a.id for a in ADVISORIES.advisories]
    assert len(ids) == len(set(ids)), "an advisory is listed twice"
    for advisory in ADVISORIES.advisories:
        assert advisory.package == canonical(advisory.package), advisory.id
        for fixed in advisory.fixed:
            assert not advisory.affects(fixed), f"{advisory.id}: fixed {fixed} is in its range"
    for item in ADVISORIES.unconfirmed:
        assert all(ADVISORY_ID.match(i) for i in item.ids), item.ids


def test_the_packages_we_ship_are_covered() -> None:
    listed = {a.package for a in ADVISORIES.advisories} | set(ADVISORIES.no_advisory_found)
    assert not set(MUST_COVER) - listed
    assert not {a.package for a in ADVISORIES.advisories} & set(ADVISORIES.no_advisory_found)


@pytest.mark.parametrize(
    ("package", "version", "expected"),
    [
        ("torch", "2.5.1+cpu", {"CVE-2025-32434", "PYSEC-2025-208", "PYSEC-2025-209"}),
        ("torch", "2.13.0+cpu", set()),
        ("requests", "2.32.3", {"PYSEC-2026-1872"}),
        (
            "urllib3",
            "1.26.18",
            {"CVE-2024-37891", "CVE-2025-50181", "CVE-2025-66418"}
            | {"CVE-2025-66471", "CVE-2026-21441", "CVE-2026-97689"},
        ),
        ("urllib3", "2.8.0", set()),
        ("jinja2", "3.1.5", {"CVE-2025-27516"}),
        ("Pillow", "12.2.0", {"CVE-2026-59205"}),
        ("pydantic", "2.3.0", {"CVE-2024-3772"}),
        ("protobuf", "5.29.4", {"CVE-2025-4565"}),
        ("streamlit", "1.53.0", {"PYSEC-2026-212", "PYSEC-2026-2285"}),
    ],
)
def test_the_check_flags_known_vulnerable_versions(
    package: str, version: str, expected: set[str]
) -> None:
    """The matcher itself: a known-vulnerable version is caught, a fixed one is not."""
    hits = known_vulnerabilities({canonical(package): version})
    assert {hit.split(": ")[1].split(" ")[0] for hit in hits} == expected


# --- the environment ---------------------------------------------------------------------------


def test_no_installed_distribution_has_a_known_advisory() -> None:
    installed = installed_distributions()
    assert installed["torch"].startswith("2.") and "pydantic" in installed  # it read the venv
    hits = known_vulnerabilities(installed)
    assert not hits, (
        "installed distributions with a known advisory (upgrade them, then update "
        "docs/BENCHMARKS.md and docs/SAFETY.md H23):\n" + "\n".join(hits)
    )


def test_unconfirmed_advisories_of_installed_packages_are_reported() -> None:
    """Advisories whose range could not be confirmed are shown as warnings, never as a pass."""
    installed = installed_distributions()
    for item in ADVISORIES.unconfirmed:
        if canonical(item.package) in installed:
            warnings.warn(
                f"{item.package} {installed[canonical(item.package)]}: "
                f"{', '.join(item.ids)} not confirmed offline ({item.note}) Run `make audit`.",
                UserWarning,
                stacklevel=1,
            )
    assert all(canonical(i.package) == i.package for i in ADVISORIES.unconfirmed)
