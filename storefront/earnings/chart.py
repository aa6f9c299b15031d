"""Geometry of the server-rendered monthly earnings bar chart (plain SVG, no chart library)."""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT, LABEL_SPACE = 360, 180, 24
FIGURE_SPACE = 16  # room above the tallest bar for its figure


@dataclass(frozen=True)
class Bar:
    month: date
    amount_idr: int
    x: int
    y: int
    width: int
    height: int


def bars(months: list[tuple[date, int]]) -> list[Bar]:
    """One bar per month scaled to the best month; a month that ended negative draws no bar."""
    if not months:
        return []
    top = max(max(amount for _, amount in months), 1)
    slot = WIDTH // len(months)
    plot = HEIGHT - LABEL_SPACE
    result = []
    for i, (month, amount) in enumerate(months):
        height = round((plot - FIGURE_SPACE) * max(amount, 0) / top)
        result.append(Bar(month, amount, i * slot + 3, plot - height, slot - 6, height))
    return result
