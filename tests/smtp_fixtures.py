"""A local SMTP server (aiosmtpd) for the worker tests, that can refuse or stall messages.

A message counts as delivered only when the server answers 250 to its DATA on a connection that
is still open, as SMTP defines it: a client that dies before that reply has delivered nothing.
"""

import asyncio
import socket
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller


class FakeSMTP:
    """aiosmtpd handler: refuses the next `refuse` messages (421), stalls one if asked."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, str]] = []  # (To, Message-ID)
        self.refuse = 0
        self.refused = 0
        self.stall_next = False
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            self.refused += 1
            return "421 4.3.2 Service not available, try again later"
        if self.stall_next:
            self.stall_next = False
            self.stalled.set()
            while not self.release.is_set():  # cancelled if the client's connection drops
                await asyncio.sleep(0.05)
        if server.transport is None or server.transport.is_closing():
            return "421 4.4.2 Connection lost"
        message = message_from_bytes(envelope.content)
        self.delivered.append((message["To"], message["Message-ID"]))
        return "250 2.0.0 OK: queued"

    def count_to(self, address: str) -> int:
        return sum(1 for to, _ in self.delivered if to == address)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """`(handler, port)`: a fake SMTP server on 127.0.0.1 for one test."""
    handler = FakeSMTP()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    handler.release.set()
    controller.stop()
