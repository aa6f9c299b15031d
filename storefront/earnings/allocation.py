"""Pure arithmetic of refunds: spreading whole rupiah over parts so nothing is created or lost."""


def allocate(amount_idr: int, weights: list[int]) -> list[int]:
    """Split `amount_idr` over `weights` in proportion (largest remainder, ties to the first part).

    The parts always sum to `amount_idr`; when amount <= sum(weights) no part exceeds its weight.
    """
    total = sum(weights)
    if amount_idr < 0 or any(w < 0 for w in weights):
        raise ValueError("amounts and weights must not be negative")
    if amount_idr == 0:
        return [0] * len(weights)
    if total <= 0:
        raise ValueError("nothing to allocate over")
    parts = [amount_idr * w // total for w in weights]
    remainders = [amount_idr * w % total for w in weights]
    leftover = amount_idr - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:leftover]:
        parts[i] += 1
    return parts


def split_refund(part_idr: int, share_left: int, fee_left: int) -> tuple[int, int]:
    """(maker share, platform fee) to reverse for a refund of `part_idr` of one line.

    Same rule as the sale: the fee is rounded down and the maker's share takes the rest, taken over
    what is still unrefunded, so partial refunds never reverse more than was posted and a refund of
    the whole remainder reverses both exactly.
    """
    left = share_left + fee_left
    if not 0 <= part_idr <= left:
        raise ValueError("refund larger than what is left of the line")
    if left == 0:
        return 0, 0
    fee = part_idr * fee_left // left
    return part_idr - fee, fee
