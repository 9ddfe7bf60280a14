"""One article's cells: (country, topic) -> label."""

from __future__ import annotations

from workbench.schema import SCALE, position


def article_cells(statements: list[dict]) -> dict[tuple, str]:
    """One article's (country, topic) -> label, confidence-weighted and snapped to the scale."""
    cells: dict[tuple, tuple[list[float], list[float]]] = {}
    for s in statements:
        if s.get("country_code"):
            stances, weights = cells.setdefault((s["country_code"], s["topic"]), ([], []))
            stances.append(s["stance"])
            weights.append(s["confidence"])
    return {k: SCALE[position(st, w)[0]] for k, (st, w) in cells.items()}
