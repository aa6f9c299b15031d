"""Buyers racing through a served app: each fills her cart, then all press "Pay" at once."""

import threading
from collections.abc import Callable

import requests
from werkzeug.serving import make_server

from tests.factories import CHECKOUT_FORM


def serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_port}"


def race_to_checkout(
    app, buyers: int, cart_item: dict, form: Callable[[int], dict]
) -> list[requests.Response]:
    """`buyers` sessions each add `cart_item` to a cart, then post checkout together (released by
    one barrier) with CHECKOUT_FORM plus `form(i)`; returns the answers, buyer by buyer."""
    server, thread, base = serve(app)
    try:
        sessions = [requests.Session() for _ in range(buyers)]
        for session in sessions:
            session.headers["Accept-Language"] = "en"
            added = session.post(f"{base}/cart/add", data=cart_item, allow_redirects=False)
            assert added.status_code == 302
        start = threading.Barrier(buyers)
        results: list[requests.Response] = [None] * buyers  # type: ignore[list-item]

        def buy(i: int) -> None:
            start.wait()
            results[i] = sessions[i].post(
                f"{base}/checkout",
                data={**CHECKOUT_FORM, **form(i)},
                allow_redirects=False,
                timeout=60,
            )

        threads = [threading.Thread(target=buy, args=(i,)) for i in range(buyers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for session in sessions:
            session.close()
    finally:
        server.shutdown()
        thread.join(timeout=5)
    return results


def winners_and_losers(results: list[requests.Response]) -> tuple[list, list]:
    """The answers that went on to a pay page, and those refused with 409."""
    winners = [r for r in results if r.status_code == 302 and "/pay/" in r.headers["Location"]]
    losers = [r for r in results if r.status_code == 409]
    return winners, losers
