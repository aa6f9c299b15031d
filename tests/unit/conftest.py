"""tests/unit holds pure tests: no app, no database. A test here that asks for the app (or for a
fixture built on it: client, runner, login_as, ...) fails with a pointer to where it belongs."""

import pytest

DATABASE_FIXTURE = "app"  # every database fixture in tests/conftest.py is built on it


@pytest.fixture(autouse=True)
def _clean_database():
    """Replaces the suite's autouse fixture of the same name: no database to empty here."""
    yield


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    refuse_database_fixtures(item.nodeid, getattr(item, "fixturenames", ()))


def refuse_database_fixtures(nodeid: str, fixturenames: tuple[str, ...] | list[str]) -> None:
    if DATABASE_FIXTURE in fixturenames:
        pytest.fail(
            f"{nodeid} uses the app or the database: move it to tests/integration (services "
            "against a real database) or tests/functional (through the test client)",
            pytrace=False,
        )
