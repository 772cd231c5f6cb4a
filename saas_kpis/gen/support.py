"""Tickets, ticket events, survey sends/answers and marketing spend."""

from __future__ import annotations

import numpy as np

from saas_kpis.gen.frame import Frame
from saas_kpis.gen.model import DAY, INF, Accounts, Timeline, rng_for

CATEGORY_TEXT = (
    "Billing",
    "billing ",
    "BUG",
    "bug",
    "how-to",
    "How To",
    "Integration",
    "account access",
    "Feature Request",
)
# Median first-response minutes by priority (low, normal, high, urgent).
RESPONSE_MEDIAN_MIN = np.array([900.0, 300.0, 120.0, 30.0])
# Ticket event slots: (event_type, actor_type, is_public, new_status).
EVENT_TYPES = ("comment", "status_change", "escalated", "satisfaction_rated")
ACTORS = ("agent", "customer", "system")
STATUSES = ("open", "pending", "solved", "closed")
RESOURCES = (
    "help/getting-started",
    "Course/Reporting-101",
    "video/integrations-tour ",
    "help/sharing-reports",
    "course/admin-basics",
)
CXI_KEYS = ("effort", "empathy", "understanding", "efficiency")
SURVEY_TYPES = ("nps", "csat", "ces", "cxi", "resource_rating")
TOUCHPOINTS = ("onboarding", "support", "relationship", "training")
SCALE = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7), "cxi": (1, 5), "resource_rating": (1, 5)}


def _spell_times(
    rng: np.random.Generator, acc: Accounts, rate_per_day: np.ndarray, timeline: Timeline
) -> tuple[np.ndarray, np.ndarray]:
    """Poisson arrivals over each account's customer spells, thinned by decline.

    Rates are drawn per account and 30-day block, so the decline ramp (which raises
    tickets) is followed closely enough.
    """
    horizon = (timeline.horizon_day + 1) * DAY
    owners, times = [], []
    for spell_start, spell_end in (
        (acc.signup_s, np.minimum(acc.term_s, horizon)),
        (np.minimum(acc.react_s, horizon), np.full(acc.n, horizon)),
    ):
        block = 30 * DAY
        n_blocks = int(np.ceil((horizon - timeline.start_day * DAY) / block)) + 1
        for b in range(n_blocks):
            lo = np.maximum(spell_start, spell_start + b * block)
            hi = np.minimum(spell_end, spell_start + (b + 1) * block)
            length = np.maximum(hi - lo, 0)
            if not length.any():
                break
            mid = lo + length // 2
            boost = 1.0 + 3.0 * acc.decline(mid) + 1.0 * acc.dip(mid)
            counts = rng.poisson(rate_per_day * boost * length / DAY)
            owner = np.repeat(np.arange(acc.n, dtype=np.int64), counts)
            owners.append(owner)
            times.append(lo[owner] + (rng.random(len(owner)) * length[owner]).astype(np.int64))
    owner = np.concatenate(owners)
    t = np.concatenate(times)
    order = np.lexsort((t, owner))
    return owner[order], t[order]


def tickets_frames(acc: Accounts, seed: int, timeline: Timeline) -> tuple[Frame, Frame]:
    rng = rng_for(seed, 20)
    rate = 0.0035 * acc.seats**0.6 * (1.6 - acc.fit)
    owner, created = _spell_times(rng, acc, rate, timeline)
    m = len(owner)
    dec = acc.decline(created, owner)
    priority = rng.choice(4, m, p=[0.2, 0.55, 0.2, 0.05])
    priority = np.where((dec > 0.5) & (rng.random(m) < 0.2), 3, priority)
    tickets = Frame(
        cols={
            "tid": np.arange(m, dtype=np.int64),
            "acc": owner,
            "user": acc.user_offset[owner] + rng.integers(0, 1 << 30, m) % acc.n_users[owner],
            "channel": rng.choice(5, m, p=[0.45, 0.3, 0.1, 0.13, 0.02]),
            "priority": np.where(rng.random(m) < 0.05, -1, priority),
            "category": np.where(rng.random(m) < 0.03, -1, rng.integers(0, len(CATEGORY_TEXT), m)),
            "created_s": created,
            "v": rng.integers(0, 100, m),
        },
        occur_s=created,
        lag_days=(rng.random(m) < 0.01).astype(np.int64),
    )
    return tickets, _ticket_events(rng, acc, owner, created, priority, dec)


def _ticket_events(
    rng: np.random.Generator,
    acc: Accounts,
    owner: np.ndarray,
    created: np.ndarray,
    priority: np.ndarray,
    dec: np.ndarray,
) -> Frame:
    """A fixed script of event slots per ticket; each slot present or not."""
    m = len(owner)
    fit = acc.fit[owner]
    minutes = 60
    responded = rng.random(m) > 0.03
    first = created + (rng.lognormal(0, 0.9, m) * RESPONSE_MEDIAN_MIN[priority] * minutes)
    first = first.astype(np.int64)
    escalated = rng.random(m) < 0.03 + 0.12 * (1 - fit) + 0.35 * dec
    esc_t = created + rng.uniform(0.5, 48, m).astype(np.int64) * 3600
    esc_reply = esc_t + (rng.lognormal(0, 1, m) * 120 * minutes).astype(np.int64)
    follow = rng.random(m) < 0.45
    follow_t = first + rng.uniform(1, 30, m).astype(np.int64) * 3600
    second_t = follow_t + (rng.lognormal(0, 1, m) * 180 * minutes).astype(np.int64)
    last_reply = np.maximum(np.where(follow, second_t, first), np.where(escalated, esc_reply, 0))
    solved = responded & (rng.random(m) < 0.93)
    solved_t = last_reply + rng.uniform(1, 240, m).astype(np.int64) * 60
    reopened = solved & (rng.random(m) < 0.08)
    reopen_t = solved_t + rng.uniform(1, 72, m).astype(np.int64) * 3600
    resolve2_t = reopen_t + rng.uniform(1, 48, m).astype(np.int64) * 3600
    final_t = np.where(reopened, resolve2_t, solved_t)
    rated = solved & (rng.random(m) < 0.3)
    good = rng.random(m) < 0.45 + 0.5 * fit - 0.4 * dec
    always = np.ones(m, bool)
    slots = (
        # present, time, event_type, actor, is_public(1/0/-1), status/satisfaction
        (always, created, 0, 1, 1, -1),
        (responded, first, 0, 0, 1, -1),
        (responded & (rng.random(m) < 0.3), first - 300, 0, 0, 0, -1),
        (responded & (rng.random(m) < 0.6), first + 60, 1, 0, -1, 1),
        (escalated, esc_t, 2, 2, -1, -1),
        (escalated & responded, esc_reply, 0, 0, 1, -1),
        (follow & responded, follow_t, 0, 1, 1, -1),
        (follow & responded, second_t, 0, 0, 1, -1),
        (solved, solved_t, 1, 0, -1, 2),
        (reopened, reopen_t, 1, 1, -1, 0),
        (reopened, reopen_t + 1800, 0, 0, 1, -1),
        (reopened, resolve2_t, 1, 0, -1, 2),
        (solved & (rng.random(m) < 0.7), final_t + 3 * DAY, 1, 2, -1, 3),
        (rated, final_t + 7200, 3, 1, -1, -1),
    )
    cols: dict[str, list[np.ndarray]] = {
        k: [] for k in ("tid", "type", "actor", "public", "status", "sat", "t")
    }
    for present, t, etype, actor, public, status in slots:
        cols["tid"].append(np.flatnonzero(present))
        cols["t"].append(np.asarray(t)[present])
        k = int(present.sum())
        cols["type"].append(np.full(k, etype))
        cols["actor"].append(np.full(k, actor))
        cols["public"].append(np.full(k, public))
        cols["status"].append(np.full(k, status))
        cols["sat"].append(np.where(good[present], 0, 1) if etype == 3 else np.full(k, -1))
    flat = {key: np.concatenate(values).astype(np.int64) for key, values in cols.items()}
    order = np.lexsort((flat["t"], flat["tid"]))
    flat = {key: values[order] for key, values in flat.items()}
    n = len(order)
    flat["eid"] = np.arange(n, dtype=np.int64)
    flat["v"] = rng.integers(0, 100, n)
    return Frame(cols=flat, occur_s=flat["t"], lag_days=(rng.random(n) < 0.01).astype(np.int64))


def _scores(rng: np.random.Generator, kind: str, fit: np.ndarray, dec: np.ndarray) -> np.ndarray:
    low, high = SCALE[kind]
    quality = np.clip(0.15 + 0.85 * fit - 0.6 * dec + rng.normal(0, 0.18, len(fit)), 0, 1)
    return np.round(low + quality * (high - low)).astype(np.int64)


def surveys_frame(acc: Accounts, seed: int, timeline: Timeline, tickets: Frame) -> Frame:
    """Relationship NPS + CXI each quarter, onboarding NPS/CES, CSAT after tickets, ratings."""
    rng = rng_for(seed, 30)
    horizon = (timeline.horizon_day + 1) * DAY
    parts: list[dict[str, np.ndarray]] = []

    def send(owner, sent, kind, touchpoint, question=-1, respond_p=0.4):
        k = len(owner)
        dec = acc.decline(sent, owner)
        fit = acc.fit[owner]
        answers = rng.random(k) < respond_p * (0.5 + 0.8 * fit) * (1 - 0.5 * dec)
        responded = sent + rng.exponential(1.5 * DAY, k).astype(np.int64)
        parts.append(
            {
                "acc": owner,
                "user": acc.user_offset[owner] + rng.integers(0, 1 << 30, k) % acc.n_users[owner],
                "type": np.full(k, SURVEY_TYPES.index(kind)),
                "question": np.broadcast_to(np.asarray(question), (k,)).copy(),
                "touch": np.full(k, TOUCHPOINTS.index(touchpoint)),
                "score": _scores(rng, kind, fit, dec),
                "sent_s": sent,
                "responded_s": np.where(answers, responded, INF),
            }
        )

    ids = np.arange(acc.n, dtype=np.int64)
    for quarter in range(int((horizon - timeline.start_day * DAY) / (90 * DAY)) + 2):
        sent = acc.signup_s + (45 + 90 * quarter) * DAY + rng.integers(0, 3 * DAY, acc.n)
        ok = acc.is_customer(sent) & (sent < horizon)
        send(ids[ok], sent[ok], "nps", "relationship", respond_p=0.45)
        cxi_owner = ids[ok & (rng.random(acc.n) < 0.5)]
        cxi_sent = acc.signup_s[cxi_owner] + (50 + 90 * quarter) * DAY
        for q, _key in enumerate(CXI_KEYS):
            send(cxi_owner, cxi_sent + q, "cxi", "relationship", q, respond_p=0.35)
    onboard_sent = acc.signup_s + 21 * DAY
    ok = acc.is_customer(onboard_sent)
    send(ids[ok], onboard_sent[ok], "nps", "onboarding", respond_p=0.5)
    send(ids[ok], onboard_sent[ok] + 60, "ces", "onboarding", respond_p=0.5)
    ratings = rng.poisson(0.5 + 2.0 * acc.fit)
    rater = np.repeat(ids, ratings)
    rated_at = acc.signup_s[rater] + rng.uniform(1, 120, len(rater)).astype(np.int64) * DAY
    ok = acc.is_customer(rated_at, rater) & (rated_at < horizon)
    resource = rng.integers(0, len(RESOURCES), len(rater))[ok]
    send(rater[ok], rated_at[ok], "resource_rating", "training", resource, respond_p=0.9)
    sampled = rng.random(len(tickets)) < 0.35
    t_owner = tickets.cols["acc"][sampled]
    send(t_owner, tickets.cols["created_s"][sampled] + 2 * DAY, "csat", "support", respond_p=0.5)
    flat = {key: np.concatenate([p[key] for p in parts]).astype(np.int64) for key in parts[0]}
    order = np.lexsort((flat["sent_s"], flat["acc"]))
    flat = {key: values[order] for key, values in flat.items()}
    n = len(order)
    flat["rid"] = np.arange(n, dtype=np.int64)
    flat["v"] = rng.integers(0, 100, n)
    flat["comment"] = np.where(rng.random(n) < 0.1, rng.integers(0, 4, n), -1)
    return Frame(cols=flat, occur_s=flat["sent_s"], update_s=flat["responded_s"])


def marketing_frame(acc: Accounts, seed: int, timeline: Timeline) -> Frame:
    """Spend per channel and month, roughly proportional to the signups it bought."""
    rng = rng_for(seed, 40)
    months = timeline.month_starts(timeline.end_day)
    bounds = np.array([*months, timeline.end_day + 1], dtype=np.int64) * DAY
    signup_month = np.searchsorted(bounds, acc.signup_s, side="right") - 1
    counts = np.zeros((len(months), 6))
    np.add.at(counts, (signup_month, acc.channel), 1)
    cost_per_signup = np.array([20.0, 180.0, 140.0, 60.0, 120.0, 400.0])
    spend = counts * cost_per_signup * rng.lognormal(0, 0.15, counts.shape)
    month_idx, channel = np.meshgrid(np.arange(len(months)), np.arange(6), indexing="ij")
    loaded = np.minimum(bounds[1:][month_idx] + DAY, timeline.end_day * DAY)
    return Frame(
        cols={
            "month_day": np.array(months, dtype=np.int64)[month_idx].ravel(),
            "channel": channel.ravel(),
            "amount": np.round(spend, 2).ravel(),
            "currency": np.where(channel == 2, 1, np.where(channel == 4, 2, 0)).ravel(),
        },
        occur_s=loaded.ravel(),
    )
