"""Numeric frames of the smaller raw tables (everything but product_events)."""

from __future__ import annotations

import numpy as np

from saas_kpis.gen.catalog import Step
from saas_kpis.gen.frame import Frame
from saas_kpis.gen.model import DAY, INF, Accounts, Timeline, rng_for

# Raw spellings: staging normalizes these, so the generator uses a few of each.
SEGMENT_TEXT = (
    ("smb", "SMB", " Smb "),
    ("mid_market", "Mid-Market", "MID MARKET"),
    ("enterprise", "Enterprise", "ENTERPRISE "),
)
CHANNEL_TEXT = (
    ("organic", "Organic"),
    ("paid_search", "Paid Search"),
    ("paid_social", "paid-social"),
    ("referral", "Referral"),
    ("partner", "PARTNER"),
    ("outbound", "outbound "),
)
INDUSTRIES = ("Software", "Retail", "Healthcare", "Financial Services", "Education", "Media")
CSMS = ("alice.martin@example.com", "Bob Chen", "carla.diaz@example.com", "Dev Patel")
STATUS_TEXT = ("trialing", "active", "past_due", "canceled")
PRICE_PER_SEAT = np.array(
    # free, starter, pro, enterprise; per month, columns USD, EUR, GBP
    [[0.0, 0.0, 0.0], [15.0, 14.0, 12.0], [35.0, 32.0, 28.0], [60.0, 55.0, 48.0]]
)


def _text_variant(rng: np.random.Generator, code: np.ndarray, variants: int) -> np.ndarray:
    """Code into a flat label list with `variants` spellings per value (mostly the first)."""
    pick = np.where(rng.random(len(code)) < 0.8, 0, rng.integers(1, variants, len(code)))
    return code.astype(np.int64) * variants + pick


def accounts_frame(acc: Accounts, seed: int) -> Frame:
    rng = rng_for(seed, 10)
    n = acc.n
    idx = np.arange(n, dtype=np.int64)
    return Frame(
        cols={
            "acc": idx,
            "segment": _text_variant(rng, acc.segment, 3),
            "industry": rng.integers(0, len(INDUSTRIES), n),
            "country": acc.country.astype(np.int64) * 2 + (rng.random(n) < 0.1),
            "channel": np.where(rng.random(n) < 0.03, -1, _text_variant(rng, acc.channel, 2)),
            "csm": np.where(acc.segment == 0, -1, rng.integers(0, len(CSMS), n)),
            "is_test": np.where(acc.is_test, 1, 0) * 3 + rng.integers(0, 3, n),
            "signup_s": acc.signup_s,
            "v": rng.integers(0, 100, n),
        },
        occur_s=acc.signup_s,
    )


def users_frame(acc: Accounts, seed: int) -> Frame:
    """Users join over the first ~45 days; all but the admin leave when the account churns.

    User i of an account with n users is created at signup + 45 * (i / n)^2 days, so
    the product-event generator can tell in closed form which users exist on a day.
    """
    rng = rng_for(seed, 11)
    owner = np.repeat(np.arange(acc.n, dtype=np.int64), acc.n_users)
    slot = np.arange(len(owner), dtype=np.int64) - acc.user_offset[owner]
    created = user_created_s(acc, owner, slot) + rng.integers(0, 3600, len(owner))
    term = acc.term_s[owner]
    leaves = (term < INF) & (slot > 0) & (acc.react_s[owner] >= INF)
    deactivated = np.where(leaves, term + rng.integers(0, 5 * DAY, len(owner)), INF)
    created = np.where(created >= term, term - 1, created)
    role = np.where(slot == 0, 0, np.where(rng.random(len(owner)) < 0.75, 1, 2))
    role = np.where(rng.random(len(owner)) < 0.02, 3, role)
    return Frame(
        cols={
            "user": acc.user_offset[owner] + slot,
            "acc": owner,
            "role": role,
            "created_s": created,
            "deactivated_s": deactivated,
            "v": rng.integers(0, 100, len(owner)),
        },
        occur_s=created,
        update_s=deactivated,
    )


def user_created_s(acc: Accounts, owner: np.ndarray, slot: np.ndarray) -> np.ndarray:
    frac = slot / acc.n_users[owner]
    return acc.signup_s[owner] + (45 * DAY * frac**2).astype(np.int64)


def users_existing(acc: Accounts, owner: np.ndarray, t: np.ndarray) -> np.ndarray:
    """How many users of the account exist at time t (inverse of user_created_s)."""
    age = np.maximum(t - acc.signup_s[owner], 0) / (45 * DAY)
    count = np.floor(acc.n_users[owner] * np.sqrt(np.minimum(age, 1.0))) + 1
    return np.minimum(count, acc.n_users[owner]).astype(np.int64)


def _sub_events(acc: Accounts, seed: int, timeline: Timeline) -> dict[str, np.ndarray]:
    """Subscription change events: (account, subscription, time, what changes)."""
    rng = rng_for(seed, 12)
    n = acc.n
    ids = np.arange(n, dtype=np.int64)
    parts: list[dict[str, np.ndarray]] = []

    def add(mask, t, status=-1, plan=-1, seats=-1, mult=1.0, sub=1):
        m = np.asarray(mask)
        k = int(m.sum())

        def pick(value, dtype):
            arr = np.broadcast_to(np.asarray(value, dtype=dtype), (n,))
            return arr[m]

        parts.append(
            {
                "acc": ids[m],
                "sub": np.full(k, sub, dtype=np.int64),
                "t": pick(t, np.int64),
                "status": pick(status, np.int64),
                "plan": pick(plan, np.int64),
                "seats": pick(seats, np.int64),
                "mult": pick(mult, np.float64),
            }
        )

    paying = acc.converted
    term = acc.term_s
    paid_end = np.minimum(term, (timeline.horizon_day + 1) * DAY) - acc.decline_len_s
    span = np.maximum(paid_end - acc.paid_start_s - 30 * DAY, 0)
    start_status = np.where(acc.has_trial, 0, 1)
    add(np.ones(n, bool), acc.signup_s, start_status, acc.plan, acc.seats)
    trial_end = acc.signup_s + 30 * DAY
    add(acc.has_trial & paying, trial_end, status=1)
    add(acc.to_free, trial_end, status=1, plan=0)
    # Expansion: high-fit accounts add seats (up to three times) and upgrade plans.
    for _ in range(3):
        when = acc.paid_start_s + 30 * DAY + (rng.random(n) * span).astype(np.int64)
        grows = paying & (span > 0) & (rng.random(n) < 0.55 * acc.fit**1.5)
        add(grows, when, mult=rng.uniform(1.1, 1.5, n))
    when = acc.paid_start_s + 30 * DAY + (rng.random(n) * span).astype(np.int64)
    add(paying & (acc.plan == 1) & (span > 0) & (rng.random(n) < 0.3 * acc.fit), when, plan=2)
    # Contraction: many leavers cut seats one to two months before they go.
    leaving = paying & (term < INF)
    before = term - rng.uniform(20, 60, n).astype(np.int64) * DAY
    add(leaving & (before > acc.paid_start_s) & (rng.random(n) < 0.4), before, mult=0.6)
    # Billing trouble: past_due right before churn for many leavers, random episodes.
    before = term - rng.uniform(5, 25, n).astype(np.int64) * DAY
    add(leaving & (before > acc.paid_start_s) & (rng.random(n) < 0.45), before, status=2)
    episode = acc.paid_start_s + (rng.random(n) * (span + 30 * DAY)).astype(np.int64)
    troubled = paying & (rng.random(n) < 0.25 * (1.3 - acc.fit))
    add(troubled, episode, status=2)
    add(troubled, episode + rng.uniform(3, 15, n).astype(np.int64) * DAY, status=1)
    add(term < INF, term, status=3)
    # Some churned customers come back on a new subscription.
    back = acc.react_s < INF
    seats_back = np.maximum(1, np.round(acc.seats * 0.8)).astype(np.int64)
    add(back, acc.react_s, status=1, plan=np.maximum(acc.plan, 1), seats=seats_back, sub=2)
    events = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    return _clean_sub_events(events, acc, timeline)


def _clean_sub_events(
    events: dict[str, np.ndarray], acc: Accounts, timeline: Timeline
) -> dict[str, np.ndarray]:
    """Drop events after the horizon or after the end of their spell, and same-instant ties."""
    term = acc.term_s[events["acc"]]
    first = events["sub"] == 1
    ok = events["t"] < (timeline.horizon_day + 1) * DAY
    ok &= ~first | (events["t"] < term) | (events["status"] == 3)
    ok &= ~first | (events["t"] <= term)
    events = {key: values[ok] for key, values in events.items()}
    order = np.lexsort((events["t"], events["sub"], events["acc"]))
    events = {key: values[order] for key, values in events.items()}
    same = np.zeros(len(order), bool)
    same[:-1] = (
        (events["acc"][1:] == events["acc"][:-1])
        & (events["sub"][1:] == events["sub"][:-1])
        & (events["t"][1:] == events["t"][:-1])
    )
    return {key: values[~same] for key, values in events.items()}


def _forward_fill(values: np.ndarray) -> np.ndarray:
    """Carry the last value >= 0 forward (each group's first row always sets one)."""
    idx = np.where(values >= 0, np.arange(len(values)), 0)
    return values[np.maximum.accumulate(idx)]


def subscriptions_frame(acc: Accounts, seed: int, timeline: Timeline) -> Frame:
    """Versions from the change events: state forward-filled, valid_to = next change."""
    rng = rng_for(seed, 13)
    ev = _sub_events(acc, seed, timeline)
    group = ev["acc"] * 4 + ev["sub"]
    start = np.ones(len(group), bool)
    start[1:] = group[1:] != group[:-1]
    status = _forward_fill(ev["status"])
    plan = _forward_fill(ev["plan"])
    base_seats = _forward_fill(np.where(start, ev["seats"], -1))
    log_mult = np.cumsum(np.log(ev["mult"]))
    group_start_log = _forward_fill(np.where(start, np.arange(len(group)), -1))
    seats = np.maximum(
        1, np.round(base_seats * np.exp(log_mult - log_mult[group_start_log] + 0)).astype(np.int64)
    )
    seats = np.where(start, base_seats, seats)
    valid_to = np.full(len(group), INF, dtype=np.int64)
    valid_to[:-1] = np.where(start[1:], INF, ev["t"][1:])
    currency = acc.currency[ev["acc"]].astype(np.int64)
    yearly = acc.yearly[ev["acc"]]
    monthly_price = PRICE_PER_SEAT[plan, currency] * seats
    amount = np.where(yearly, np.round(monthly_price * 12 * 0.85, 0), monthly_price)
    return Frame(
        cols={
            "acc": ev["acc"],
            "sub": ev["sub"],
            "plan": plan,
            "status": status,
            "yearly": yearly.astype(np.int64),
            "amount": amount,
            "currency": currency,
            "seats": seats,
            "valid_from_s": ev["t"],
            "valid_to_s": valid_to,
            "v": rng.integers(0, 100, len(group)),
        },
        occur_s=ev["t"],
        update_s=valid_to,
    )


def onboarding_frame(acc: Accounts, seed: int, steps: tuple[Step, ...]) -> Frame:
    """Required steps in order until the account gives up; training steps optional.

    Fit sets both the chance to go on to the next step and the time it takes.
    """
    rng = rng_for(seed, 14)
    n = acc.n
    ids = np.arange(n, dtype=np.int64)
    keep_going = np.ones(n, bool)
    clock = acc.signup_s.copy()
    cols: dict[str, list[np.ndarray]] = {k: [] for k in ("acc", "step", "status", "t", "user")}

    def emit(mask, step_no, status, t):
        cols["acc"].append(ids[mask])
        cols["step"].append(np.full(int(mask.sum()), step_no, dtype=np.int64))
        cols["status"].append(np.full(int(mask.sum()), status, dtype=np.int64))
        cols["t"].append(t[mask])
        cols["user"].append(acc.user_offset[mask] + rng.integers(0, 2, n)[mask] % acc.n_users[mask])

    for step_no, step in enumerate(steps):
        hours = rng.exponential(4 + 120 * (1 - acc.fit) ** 2, n) * 3600
        started = clock + (hours * 0.3).astype(np.int64) + 60
        done_at = clock + hours.astype(np.int64) + 120
        if step.is_required:
            continues = keep_going & (rng.random(n) < 0.55 + 0.44 * acc.fit)
            tries = keep_going & (rng.random(n) < 0.9)
            alive_s = np.where(done_at < acc.term_s, True, False)
            emit(tries & (started < acc.term_s), step_no, 0, started)
            emit(continues & alive_s, step_no, 1, done_at)
            keep_going = continues & alive_s
            clock = np.where(keep_going, done_at, clock)
        else:
            later = acc.signup_s + rng.uniform(1, 60, n).astype(np.int64) * DAY
            alive_s = later < acc.term_s
            does = alive_s & (rng.random(n) < 0.15 + 0.6 * acc.fit)
            skips = alive_s & ~does & (rng.random(n) < 0.3)
            emit(does, step_no, 0, later - 600)
            emit(does, step_no, 1, later)
            emit(skips, step_no, 2, later)
    flat = {key: np.concatenate(values) for key, values in cols.items()}
    order = np.lexsort((flat["t"], flat["acc"]))
    flat = {key: values[order] for key, values in flat.items()}
    m = len(order)
    flat["eid"] = np.arange(m, dtype=np.int64)
    flat["v"] = rng.integers(0, 100, m)
    flat["user_null"] = (rng.random(m) < 0.05).astype(np.int64)
    return Frame(cols=flat, occur_s=flat["t"], lag_days=(rng.random(m) < 0.01).astype(np.int64))
