"""Admin payouts: what each maker is owed, recording payouts, history and its CSV."""

import csv
import io
import re
from datetime import date, timedelta

import pytest

from storefront.earnings import services
from tests.factories import make_maker, make_sold_order, make_user


@pytest.fixture
def admin(login_as, app):
    user = make_user("admin")
    login_as(user)
    return user


@pytest.fixture
def siti(app):
    maker = make_maker(full_name="Siti Aminah")
    make_sold_order([(maker, 150_000, 2)])  # owed 270.000
    return maker


def _pay(client, maker, **fields):
    data = {
        "amount": "100.000",
        "paid_on": date.today().isoformat(),
        "method": "bank",
        "provider": "BRI",
        "reference": "TRF-1",
    } | fields
    return client.post(f"/admin/payouts/makers/{maker.id}", data=data)


def test_payouts_page_lists_each_maker_with_her_balance(client, admin, siti):
    other = make_maker(full_name="Rina Wati")
    html = client.get("/admin/payouts/").text
    row = re.search(rf'id="maker-{siti.id}">(.*?)</tr>', html, re.S).group(1)
    assert "Rp270.000" in row
    assert "Rina Wati" in html and f'id="maker-{other.id}"' in html


def test_recording_a_payout_lowers_her_balance(client, admin, siti):
    assert _pay(client, siti).status_code == 302
    assert services.maker_balance(siti.id) == 170_000


def test_payouts_page_shows_the_last_payout(client, admin, siti):
    _pay(client, siti, amount="50.000")
    row = re.search(
        rf'id="maker-{siti.id}">(.*?)</tr>', client.get("/admin/payouts/").text, re.S
    ).group(1)
    assert "Rp50.000" in row and "Rp220.000" in row


def test_payout_over_the_balance_without_confirmation_is_refused(client, admin, siti):
    assert _pay(client, siti, amount="270.001").status_code == 409
    assert services.maker_balance(siti.id) == 270_000


def test_payout_over_the_balance_with_confirmation_is_recorded(client, admin, siti):
    assert _pay(client, siti, amount="300.000", confirm_over_balance="y").status_code == 302
    assert services.maker_balance(siti.id) == -30_000


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": "nol"},
        {"amount": "0"},
        {"amount": ""},
        {"method": "bitcoin"},
        {"method": "ewallet", "provider": "PayPal"},
        {"paid_on": "kemarin"},
    ],
)
def test_bad_payout_input_shows_the_form_again(client, admin, siti, fields):
    response = _pay(client, siti, **fields)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text and 'class="error"' in response.text
    assert services.maker_balance(siti.id) == 270_000


def test_payout_dated_in_the_future_is_refused(client, admin, siti):
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    assert _pay(client, siti, paid_on=tomorrow).status_code == 400
    assert services.maker_balance(siti.id) == 270_000


def test_ewallet_payout_is_recorded_with_its_wallet(client, admin, siti):
    _pay(client, siti, method="ewallet", provider="DANA", reference="DANA-5")
    assert "DANA-5" in client.get("/admin/payouts/history").text


def test_payout_history_csv_has_every_payout(client, admin, siti):
    _pay(client, siti, amount="10.000", method="cash", provider="", reference="")
    _pay(client, siti, amount="20.000", method="ewallet", provider="OVO", reference="OVO-9")
    response = client.get("/admin/payouts/history.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted((r["maker"], r["amount_idr"], r["method"], r["provider"]) for r in rows) == [
        ("Siti Aminah", "10000", "cash", ""),
        ("Siti Aminah", "20000", "ewallet", "OVO"),
    ]


def test_admin_can_download_a_makers_statement(client, admin, siti):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    f"/admin/payouts/makers/{siti.id}/statement.csv",
                    headers={"Accept-Language": "en"},
                ).text
            )
        )
    )
    assert [(r["Type"], r["For me (Rp)"]) for r in rows] == [("sale", "270000")]


def test_maker_sees_the_payout_on_her_dashboard(client, login_as, app):
    maker = make_maker(with_user=True)
    make_sold_order([(maker, 100_000, 1)])
    login_as(make_user("admin"))
    _pay(client, maker, amount="90.000", reference="TRF-42")
    login_as(maker.user)
    html = client.get("/maker/").text
    assert "TRF-42" in html
    assert re.search(r'id="stat-balance">[^<]*<strong>Rp0</strong>', html)


def test_recording_a_payout_needs_a_csrf_token(csrf_app, app, siti):
    client = csrf_app.test_client()
    from tests.conftest import login

    login(client, make_user("admin"))
    assert _pay(client, siti).status_code == 400
    assert services.maker_balance(siti.id) == 270_000
