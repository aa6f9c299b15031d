"""The dependency audit says plainly when it could not audit, and fails on a vulnerability."""

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location(
    "audit_step", Path(__file__).resolve().parents[2] / ".ci" / "audit.py"
)
audit_step = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(audit_step)


def _report(*deps):
    return lambda requirements: {"dependencies": list(deps)}


def test_unreachable_advisory_data_is_reported_not_passed_silently(monkeypatch, capsys):
    skipped = {"name": "flask", "skip_reason": "Dependency not found on PyPI"}
    monkeypatch.setattr(audit_step, "audit", _report(skipped))
    assert audit_step.main() == 0
    assert "NOT AUDITED" in capsys.readouterr().out


def test_unreachable_data_fails_when_an_audit_is_required(monkeypatch):
    skipped = {"name": "flask", "skip_reason": "Dependency not found on PyPI"}
    monkeypatch.setattr(audit_step, "audit", _report(skipped))
    monkeypatch.setenv("AUDIT_REQUIRED", "1")
    assert audit_step.main() == 1


@pytest.mark.parametrize("vulns", [[{"id": "PYSEC-2099-1", "fix_versions": ["9.9"]}]])
def test_a_known_vulnerability_fails_the_build(monkeypatch, capsys, vulns):
    monkeypatch.setattr(
        audit_step, "audit", _report({"name": "flask", "version": "3.1.3", "vulns": vulns})
    )
    assert audit_step.main() == 1
    assert "VULNERABLE flask==3.1.3: PYSEC-2099-1" in capsys.readouterr().out


def test_a_clean_audit_says_how_many_packages_it_checked(monkeypatch, capsys):
    monkeypatch.setattr(
        audit_step, "audit", _report({"name": "flask", "version": "3.1.3", "vulns": []})
    )
    assert audit_step.main() == 0
    assert "1 pinned packages checked, no known vulnerabilities" in capsys.readouterr().out
