"""Outgoing email: SMTP when MAIL_SERVER is set, else an .eml file in MAIL_DIR (and the log).

Every message is rendered in the recipient's language, whatever language the sender uses, when
send_mail is called; it is delivered by a job after the caller's transaction commits (never when
it rolls back), so no request waits on SMTP and a slow server delays only the mail. A failed
delivery is retried with the same Message-ID; a file is written under a name fixed at send_mail,
so a retry rewrites it rather than adding a second one.
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

from storefront.jobs import enqueue, handler

log = logging.getLogger(__name__)
DELIVER = "mail.deliver"


def send_mail(to: str, subject: str, template: str, locale: str, **ctx) -> EmailMessage:
    """Render templates/email/<template>.txt in `locale` and queue it; `subject` may be lazy.
    It joins the caller's transaction: it goes once that commits (at once, with nothing pending)."""
    with force_locale(locale or "id"):
        body = render_template(f"email/{template}.txt", **ctx)
        subject_text = str(subject)
    message = _message(
        to=to,
        subject=subject_text,
        body=body,
        date=formatdate(localtime=True),
        message_id=make_msgid(),
    )
    enqueue(
        DELIVER,
        to=to,
        subject=subject_text,
        body=body,
        date=message["Date"],
        message_id=message["Message-ID"],
        file_name=f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml",  # sortable by time
        template=template,
    )
    return message


@handler(DELIVER)
def deliver(
    to: str, subject: str, body: str, date: str, message_id: str, file_name: str, template: str = ""
) -> None:
    """The job: send the message rendered by send_mail (raises on failure: it is retried)."""
    message = _message(to=to, subject=subject, body=body, date=date, message_id=message_id)
    if _transport() == "smtp":
        _send_smtp(message)
    else:
        _write_file(message, file_name)


def _message(*, to: str, subject: str, body: str, date: str, message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id
    message.set_content(body)
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


def _write_file(message: EmailMessage, file_name: str) -> None:
    folder = Path(current_app.config["MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(file_name).name
    tmp = folder / f".{path.name}.tmp"
    tmp.write_bytes(bytes(message))
    tmp.replace(path)  # whole or not at all, and a retry rewrites the same file
    log.info("mail written to %s (to %s: %s)", path, message["To"], message["Subject"])
