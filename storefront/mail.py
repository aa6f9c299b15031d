"""Outgoing email: SMTP when MAIL_SERVER is set, else an .eml file in MAIL_DIR (and the log).

Every message is rendered in the recipient's language, whatever language the sender uses.
"""

import logging
import smtplib
import time
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, template: str, locale: str, **ctx) -> EmailMessage:
    """Render templates/email/<template>.txt in `locale` and send it; `subject` may be lazy."""
    with force_locale(locale or "id"):
        body = render_template(f"email/{template}.txt", **ctx)
        subject_text = str(subject)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject_text
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid()
    message.set_content(body)
    if _transport() == "smtp":
        _send_smtp(message)
    else:
        _write_file(message)
    return message


def _transport() -> str:
    """MAIL_TRANSPORT if chosen, else SMTP when MAIL_SERVER is set and files otherwise."""
    chosen = (current_app.config.get("MAIL_TRANSPORT") or "").lower()
    return chosen or ("smtp" if current_app.config.get("MAIL_SERVER") else "file")


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    timeout = config.get("MAIL_TIMEOUT_SECONDS", 10)  # each connect, read and write
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
    log.info("mail sent", extra={"to": message["To"], "subject": message["Subject"]})


def _write_file(message: EmailMessage) -> None:
    folder = Path(current_app.config["MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"  # sortable by time
    path.write_bytes(bytes(message))
    log.info("mail written to %s (to %s: %s)", path, message["To"], message["Subject"])
