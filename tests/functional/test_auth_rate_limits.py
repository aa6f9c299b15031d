"""Sign-in, reset and invitation endpoints are rate limited per IP and per account."""

from storefront.auth.tokens import Purpose, make_token
from tests.factories import make_user


def attempt(client, identifier, ip="10.0.0.1"):
    return client.post(
        "/login",
        data={"identifier": identifier, "password": "wrong-password"},
        environ_base={"REMOTE_ADDR": ip},
        headers={"Accept-Language": "en"},
    )


def test_sixth_attempt_on_one_account_gets_429_with_retry_after(client):
    make_user(email="ani@example.com")
    for n in range(5):
        assert attempt(client, "ani@example.com", ip=f"10.0.0.{n}").status_code == 200
    response = attempt(client, "ANI@example.com", ip="10.0.0.99")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert b"Too many attempts" in response.data


def test_account_limit_counts_every_way_of_writing_a_phone_number(client):
    for n, written in enumerate(
        ["08123456789", "+62 812 3456 789", "628123456789", "0812-3456-789", "08123456789"]
    ):
        assert attempt(client, written, ip=f"10.0.1.{n}").status_code == 200
    assert attempt(client, "+628123456789", ip="10.0.1.99").status_code == 429


def test_eleventh_attempt_from_one_ip_gets_429(client):
    for n in range(10):
        assert attempt(client, f"user{n}@example.com").status_code == 200
    response = attempt(client, "someone-else@example.com")
    assert response.status_code == 429
    assert "Retry-After" in response.headers


def test_other_ip_and_account_are_not_blocked(client):
    for n in range(11):
        attempt(client, f"user{n}@example.com")
    assert attempt(client, "fresh@example.com", ip="10.9.9.9").status_code == 200


def test_viewing_the_sign_in_page_is_not_counted(client):
    for _ in range(15):
        assert client.get("/login").status_code == 200


def test_password_reset_form_is_rate_limited(client):
    for n in range(5):
        client.post(
            "/password/forgot",
            data={"email": "ani@example.com"},
            environ_base={"REMOTE_ADDR": f"10.0.2.{n}"},
        )
    response = client.post("/password/forgot", data={"email": "ani@example.com"})
    assert response.status_code == 429


def test_invitation_link_is_rate_limited(client):
    user = make_user(password=None)
    url = f"/invite/{make_token(user, Purpose.INVITE)}"
    for n in range(5):
        client.post(
            url, data={"password": "x", "confirm": "y"}, environ_base={"REMOTE_ADDR": f"10.0.3.{n}"}
        )
    assert client.post(url, data={"password": "x", "confirm": "y"}).status_code == 429
