"""The rule of tests/unit (its conftest): a test that needs the app or the database fails there."""

import pytest

from tests.unit.conftest import refuse_database_fixtures


@pytest.mark.parametrize("fixtures", [["app"], ["client", "app"], ["request", "runner", "app"]])
def test_a_unit_test_that_uses_the_app_or_the_database_fails(fixtures):
    with pytest.raises(pytest.fail.Exception, match="move it to tests/integration"):
        refuse_database_fixtures("tests/unit/test_x.py::test_y", fixtures)


def test_a_pure_test_passes(request):
    refuse_database_fixtures(request.node.nodeid, request.fixturenames)
    assert "app" not in request.fixturenames
