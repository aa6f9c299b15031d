"""The mail module: files in development and tests, SMTP when MAIL_SERVER is set."""

from pathlib import Path

from flask_babel import lazy_gettext as _l

from storefront.mail import send_mail
from tests.factories import make_user


def test_mail_without_server_is_written_as_a_file_in_the_recipients_language(app):
    user = make_user(locale="id")
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        message = send_mail(
            user.email,
            _l("Your invitation to Toko Anyaman"),
            "invite",
            "en",
            user=user,
            url="http://x/invite/t",
        )
    path = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))[-1]
    assert message["To"] == user.email
    assert "http://x/invite/t" in path.read_text()
    assert "The link works once and for 7 days" in path.read_text()


def test_mail_with_server_goes_through_smtp(app, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append((host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append("tls")

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(message["To"])

    monkeypatch.setattr("storefront.mail.smtplib.SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.com")
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "shop")
    with app.test_request_context("/"):
        send_mail("ani@example.com", "Hi", "reset", "id", user=make_user(), url="http://x")
    assert sent == [("smtp.example.com", 587), "tls", ("login", "shop"), "ani@example.com"]
