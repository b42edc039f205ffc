from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"

settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--accept", action="store_true", help="rewrite golden files from the current output"
    )


@pytest.fixture
def accept(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--accept"))


@pytest.fixture(scope="session")
def bad_spec() -> str:
    """A spec with one mistake (a misspelt kind at 7:15), for the docs integrations' tests."""
    return BAD_SPEC


BAD_SPEC = """\
version: 1
header:
  title: Broken
phases:
  - caption: One
    steps:
      - kind: stpe
        title: A step
"""


@pytest.fixture(scope="session")
def az400_path() -> Path:
    return SPECS / "az400.yaml"


# --- issue 6: every SVG rendered in the test process passes the allowlist checker ---------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fuzz: long hypothesis runs, deselected by default; run: python -m pytest -m fuzz",
    )
    config.addinivalue_line(
        "markers", "system(reason, missing): needs a system tool or font (tests/needs.py)"
    )
    config.addinivalue_line(
        "markers",
        "private_route: about the private shortcuts themselves; not run again on the public route",
    )


@pytest.fixture(autouse=True)
def _every_svg_is_inert(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrap the SVG backend so each document it returns is checked by tests/svgcheck.py."""
    from journeygraphic.backends import svg
    from svgcheck import assert_inert_svg

    render = svg.render

    def checked(scene: Any, *, scale: float = 1.0) -> bytes:
        data = render(scene, scale=scale)
        assert_inert_svg(data)
        return data

    monkeypatch.setattr(svg, "render", checked)


# --- issue 17: tests that need a system tool or font skip with the package to install -----


def pytest_runtest_setup(item: pytest.Item) -> None:
    from needs import REQUIRED

    for mark in item.iter_markers("system"):
        if mark.kwargs["missing"]:
            reason = mark.kwargs["reason"]
            if REQUIRED:
                pytest.fail(f"JOURNEYGRAPHIC_REQUIRE_SYSTEM is set but the test {reason}")
            pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from needs import SKIP_PREFIX

    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
        reason = reason.removeprefix("Skipped: ")
        if reason.startswith(SKIP_PREFIX):
            reasons[reason] = reasons.get(reason, 0) + 1
    if reasons:
        listed = "; ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
        terminalreporter.write_line(f"skipped for missing system packages: {listed}")


# --- issue 13: backend and measuring tests run on both routes ----------------------------

# Each PNG and measuring test runs twice: with the private matplotlib/Pillow shortcuts, and
# on the public route they fall back to (matplotlib's artists, PIL.ImageFont), subprocesses
# included. test_backends' SVG tests touch neither shortcut (their measuring is test_text's).
_BOTH_ROUTES = frozenset({"test_backends", "test_png_paths", "test_parity", "test_text"})


def _on_both_routes(metafunc: pytest.Metafunc) -> bool:
    module = metafunc.module.__name__
    if module not in _BOTH_ROUTES or metafunc.definition.get_closest_marker("private_route"):
        return False
    return module != "test_backends" or "png" in metafunc.function.__name__


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if _on_both_routes(metafunc):
        metafunc.parametrize("shortcut_route", ["private", "public"], indirect=True)


@pytest.fixture(autouse=True)
def shortcut_route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The route a test runs on: the private shortcuts unless parametrised to public."""
    from journeygraphic import _shortcuts

    route = str(getattr(request, "param", "private"))
    if route == "public":
        monkeypatch.setenv(_shortcuts.PUBLIC_ROUTE_ENV, "1")
        monkeypatch.setattr(_shortcuts, "_OFF", {_shortcuts.DRAWING, _shortcuts.MEASURING})
    elif request.module.__name__ in _BOTH_ROUTES:  # really the shortcuts, whatever came before
        monkeypatch.delenv(_shortcuts.PUBLIC_ROUTE_ENV, raising=False)
        monkeypatch.setattr(_shortcuts, "_OFF", set())
    return route
