"""Known answers: the KPI values hand-computed from the demo data (seeds/demo/README.md)
must come out of the marts exactly."""

from __future__ import annotations

import csv
import math
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR

KNOWN_ANSWERS = PROJECT_DIR / "tests" / "fixtures" / "known_answers.csv"
# Hand-computed ratios are written as fractions or with ten decimals.
RELATIVE_TOLERANCE = 1e-9


def _known_answers() -> list[dict[str, str]]:
    if not KNOWN_ANSWERS.exists():
        return []
    with KNOWN_ANSWERS.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _parse_grain(grain: str) -> list[tuple[str, str]]:
    return [tuple(part.split("=", 1)) for part in grain.split(";") if part.strip()]


def _expected_number(text: str) -> float | None:
    text = text.strip()
    if text.lower() in ("", "null", "none"):
        return None
    return float(Fraction(text)) if "/" in text else float(text)


@pytest.mark.parametrize(
    "answer",
    _known_answers(),
    ids=lambda a: f"{a['model']}[{a['grain']}].{a['column']}",
)
def test_known_answer(demo_warehouse: Path, answer: dict[str, str]) -> None:
    grain = _parse_grain(answer["grain"])
    where = " and ".join(f"cast({column} as varchar) = ?" for column, _ in grain) or "true"
    query = f"select {answer['column']} from marts.{answer['model']} where {where}"
    with duckdb.connect(str(demo_warehouse), read_only=True) as connection:
        rows = connection.execute(query, [value for _, value in grain]).fetchall()
    assert len(rows) == 1, f"{query} returned {len(rows)} rows"
    actual = rows[0][0]
    expected = answer["expected_value"]
    try:
        expected_number = _expected_number(expected)
    except ValueError:
        # Text and booleans: the fixture writes `true`, DuckDB returns True.
        assert str(actual).lower() == expected.lower()
        return
    if expected_number is None:
        assert actual is None
    else:
        assert actual is not None
        assert math.isclose(float(actual), expected_number, rel_tol=RELATIVE_TOLERANCE)
