"""WhatsApp Cloud API (Meta's Graph API), outbound only: a maker without email hears of her sale.

Configured by WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID; unset, nothing is sent and the admin's
order page offers a one-tap wa.me link instead. A message a business starts must be an approved
template: its name and language (Bahasa Indonesia first, "id", then "en") are given here, its
body's {{1}}, {{2}}... are `params`.

Each message is a job (`whatsapp.send`, storefront.jobs), recorded with the change that causes it
and sent after the commit, by the worker or in-process: the request that made the sale never
waits on Meta's API. A failure (refused, down, slow past WHATSAPP_TIMEOUT) raises inside the job,
so it is retried with backoff and, if it keeps failing, shows as dead at /admin/jobs; it never
undoes or blocks a sale."""

import logging
from typing import Any

import requests
from flask import current_app

from storefront.jobs import enqueue, handler

log = logging.getLogger(__name__)
SEND = "whatsapp.send"


def is_configured() -> bool:
    config = current_app.config
    return bool(config.get("WHATSAPP_TOKEN") and config.get("WHATSAPP_PHONE_NUMBER_ID"))


def send_template(to_digits: str, template: str, language: str, params: list[str]) -> bool:
    """Queue template `template` in `language` to the number (digits with country code); False
    when the Cloud API is not configured (nothing is queued)."""
    if not is_configured():
        return False
    enqueue(SEND, to=to_digits, template=template, language=language, params=list(params))
    return True


@handler(SEND)
def deliver(to: str, template: str, language: str, params: list[str]) -> None:
    """The job: one POST to the Graph API (raises on failure: it is retried)."""
    if not is_configured():
        log.warning("whatsapp no longer configured: message dropped", extra={"template": template})
        return
    config = current_app.config
    url = f"{config['WHATSAPP_API_URL'].rstrip('/')}/{config['WHATSAPP_PHONE_NUMBER_ID']}/messages"
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "to": to,
        "type": "template",
        "template": {
            "name": template,
            "language": {"code": language},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": p} for p in params]}
            ],
        },
    }
    headers = {"Authorization": f"Bearer {config['WHATSAPP_TOKEN']}"}
    timeout = float(config["WHATSAPP_TIMEOUT"])
    with requests.post(url, json=body, headers=headers, timeout=timeout) as response:
        response.raise_for_status()
    log.info("whatsapp message sent", extra={"template": template})
