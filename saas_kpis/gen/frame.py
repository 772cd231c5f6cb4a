"""A numeric table before rendering, and when each of its rows is delivered.

Rows are delivered by a nightly load: a fact of day d lands on day d + 1 (+ a late lag
for a few). Two-phase rows (a subscription version that is later closed, a survey sent
and later answered, a user later deactivated) land when created and land again, with
the late column filled, when updated. A *cut* selects what one load contains: the base
snapshot holds every delivery up to end_day + 1, delta k exactly the deliveries of day
end_day + 1 + k.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from saas_kpis.gen.model import DAY, INF

LOAD_HOUR = 2 * 3600


@dataclass
class Frame:
    """Numeric columns of one raw table plus their delivery times."""

    cols: dict[str, np.ndarray]
    occur_s: np.ndarray
    update_s: np.ndarray | None = None
    lag_days: np.ndarray | None = None
    extra: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.occur_s)


@dataclass(frozen=True)
class Cut:
    """Which load to render: delta 0 is the base snapshot."""

    end_day: int
    delta: int = 0

    @property
    def load_day(self) -> int:
        return self.end_day + 1 + self.delta


def _day(seconds: np.ndarray) -> np.ndarray:
    return np.where(seconds >= INF, INF, seconds // DAY)


def deliver(frame: Frame, cut: Cut) -> dict[str, np.ndarray]:
    """Rows of this load, with `_loaded_s` and `_revealed` (two-phase column visible)."""
    n = len(frame)
    jitter = (np.arange(n, dtype=np.int64) * 2_654_435_761) % 3600
    occur_day = _day(frame.occur_s)
    lag = frame.lag_days if frame.lag_days is not None else np.zeros(n, dtype=np.int64)
    create_load = occur_day + 1 + lag
    if frame.update_s is None:
        update_load = np.full(n, INF, dtype=np.int64)
    else:
        update_load = _day(frame.update_s) + 1
    if cut.delta == 0:
        keep = create_load <= cut.load_day
    else:
        keep = (create_load == cut.load_day) | (update_load == cut.load_day)
    revealed = update_load <= cut.load_day
    load_day = np.where(revealed, update_load, create_load)
    out = {name: values[keep] for name, values in {**frame.cols, **frame.extra}.items()}
    out["_loaded_s"] = (load_day * DAY + LOAD_HOUR + jitter)[keep]
    out["_revealed"] = revealed[keep]
    return out
