"""The demo seeds are a build output of the story files (demo_story/, seeds/demo/README.md):
the CSVs on disk are what the story writes now, byte for byte, on every run; every
story file says what its rows demonstrate; every planted row says what staging must
make of it. (What staging does make of them: test_staging_bad_input.py; the KPIs they
lead to: test_known_answers.py.)"""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import PROJECT_DIR
from saas_kpis.demo import story
from saas_kpis.raw_contract import RAW_COLUMNS

STORY_DIR = PROJECT_DIR / "demo_story"
# What a planted row may expect besides a rejection kind (seeds/demo/README.md).
NOT_REJECTED = {story.KEPT, story.DUPLICATE, story.REPLACES}


def test_the_demo_seeds_are_what_the_story_writes(tmp_path: Path) -> None:
    for attempt in ("first", "second"):
        tables = story.build()
        for table, columns in RAW_COLUMNS.items():
            written = tmp_path / attempt / f"{table}.csv"
            story.write_csv(written, columns, ([r[c] for c in columns] for r in tables.rows[table]))
            seed = PROJECT_DIR / "seeds" / "demo" / f"{table}.csv"
            assert written.read_bytes() == seed.read_bytes(), (
                f"{seed} is stale: `make setup` rewrites it from demo_story/"
            )


def test_every_story_file_says_what_its_rows_demonstrate() -> None:
    files = sorted(STORY_DIR.rglob("*.csv"))
    assert files
    for path in files:
        with path.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header[-1] == "note", path


def test_every_planted_row_is_a_whole_row_with_an_outcome() -> None:
    for table, columns in RAW_COLUMNS.items():
        path = STORY_DIR / "planted" / f"{table}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == [*columns, "outcome", "note"], path
            for row in reader:
                outcome = row["outcome"]
                assert outcome in NOT_REJECTED or outcome.replace("_", "").isalpha(), row
                assert row["note"].strip(), f"{path}: a planted row without a note: {row}"
