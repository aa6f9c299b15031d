"""Job handlers and periodic tasks by name: each package registers its own at import time."""

from collections.abc import Callable
from typing import Any

Handler = Callable[..., Any]

HANDLERS: dict[str, Handler] = {}
TASKS: dict[str, Callable[[], Any]] = {}


class UnknownJob(LookupError):
    """No handler has that name (a row written by another version of the code)."""


def handler(name: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of outbox jobs called `name`."""

    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


def task(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated function as the periodic task `name` (run by `flask scheduler`)."""

    def register(fn: Callable[[], Any]) -> Callable[[], Any]:
        TASKS[name] = fn
        return fn

    return register


def get_handler(name: str) -> Handler:
    try:
        return HANDLERS[name]
    except KeyError:
        raise UnknownJob(f"no job handler called {name!r}") from None
