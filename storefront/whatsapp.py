"""WhatsApp Cloud API (Meta's Graph API), outbound only: a maker without email hears of her sale.

Configured by WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID; unset, nothing is sent and the admin's
order page offers a one-tap wa.me link instead. A message a business starts must be an approved
template: its name and language (Bahasa Indonesia first, "id", then "en") are given here, its
body's {{1}}, {{2}}... are `params`. A failure (refused, down, slow: WHATSAPP_TIMEOUT) is logged
and returns False, never raises: a message must not undo or block a sale."""

import logging
from typing import Any

import requests
from flask import current_app

log = logging.getLogger(__name__)


def is_configured() -> bool:
    config = current_app.config
    return bool(config.get("WHATSAPP_TOKEN") and config.get("WHATSAPP_PHONE_NUMBER_ID"))


def send_template(to_digits: str, template: str, language: str, params: list[str]) -> bool:
    """Send template `template` in `language` to the number (digits with country code)."""
    if not is_configured():
        return False
    config = current_app.config
    url = f"{config['WHATSAPP_API_URL'].rstrip('/')}/{config['WHATSAPP_PHONE_NUMBER_ID']}/messages"
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "to": to_digits,
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
    try:
        response = requests.post(url, json=body, headers=headers, timeout=timeout)
        response.close()
        response.raise_for_status()
    except requests.RequestException:
        log.warning("whatsapp message failed", extra={"template": template}, exc_info=True)
        return False
    log.info("whatsapp message sent", extra={"template": template})
    return True
