"""The seeded random background around the story: users, the onboarding of accounts
without a written-out one, product usage, survey waves, the tickets outside November
and the marketing spend. Every draw comes from one random.Random(SEED), in a fixed
order: the demo seeds are the same on every run (draw in another order, or change an
account's usage or users, and the background rows change)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from random import Random

from saas_kpis.demo import base
from saas_kpis.demo.base import AS_OF_END, STYLES, Account, Row, Tables, fmt, loaded, stamped

SEED = 20250106
# Hours after signup at which the required steps 1..6 complete, per onboarding pace
# (accounts.csv `onboarding`: fast, slow, dropN = fast but stops after step N).
PACE_HOURS = {"fast": [1, 20, 50, 100, 160, 200], "slow": [2, 72, 200, 400, 500, 800]}
ROLES = ["member", " Member", "VIEWER", "viewer", "owner", "", "member"]
BROWSE_EVENTS = ["dashboard_viewed"] * 5 + ["report_created", "report_created"]
BROWSE_EVENTS += ["export_csv", "search_performed", "invite_sent", "Dashboard_Viewed "]
BROWSE_EVENTS += ["dashboard_created"]
VALUE_EVENTS = ["report_shared", "integration_connected"]
NPS_WAVES = ["2025-02-04", "2025-05-06", "2025-08-05", "2026-02-03", "2026-03-10"]
RESOURCES = [" Getting_Started_Guide ", "dashboards-101", "API_Video", "getting_started_guide"]
PRIORITY_MINUTES = {"urgent": (10, 90), "high": (30, 300), "normal": (60, 600), "low": (120, 2000)}
PRIORITIES = ["low", "normal", "normal", "high", "urgent", "", "High", "LOW "]
CHANNELS = ["email", "Email", "chat ", "PHONE", "web", "sms", ""]
CATEGORIES = ["Billing", "billing ", "BUG", "how-to", "How To", "feature request", ""]
MONTHS = [date(2025, m, 1) for m in range(1, 13)] + [date(2026, m, 1) for m in range(1, 4)]
SPEND = [  # channel, currency, lowest and highest monthly amount, spellings
    ("paid_search", "USD", 1800, 3600, ["paid_search", "Paid Search", "PAID_SEARCH"]),
    ("paid_social", "USD", 900, 2400, ["paid_social", "PAID-SOCIAL", "Paid Social "]),
    ("outbound", "USD", 1500, 3000, ["outbound", " Outbound"]),
    ("partner", "EUR", 400, 1200, ["partner", "Partner"]),
]


def in_november(moment: datetime) -> bool:
    """November 2025 is the story's (its surveys and tickets are written out)."""
    return (moment.year, moment.month) == (2025, 11)


def add_users(t: Tables, rng: Random, accs: list[Account]) -> None:
    for a in accs:
        churn = next(iter(a.cancellations()), None)
        for k, uid in enumerate(a.users, start=1):
            created = a.signup + timedelta(days=0 if k == 1 else min(3 * k, 20), hours=k)
            deactivated = ""
            if k > 1 and churn is not None and churn < AS_OF_END and rng.random() < 0.5:
                deactivated = fmt(churn + timedelta(days=2), "z")
            elif k == len(a.users) and k > 3:
                deactivated = fmt(created + timedelta(days=90), "space")
            email = f"user{k}@{a.row['account_name'].split()[0].lower()}.example"
            role = "Admin" if k == 1 else rng.choice(ROLES)
            created_at = fmt(created, rng.choice(STYLES))
            t.row("users", uid, a.id, email, role, created_at, deactivated, loaded(created))


def completion_plan(a: Account, story: list[Row]) -> list[tuple[str, str, datetime]]:
    """(step as delivered, status, instant) of an account's onboarding events: the
    story's (`explicit`), else its pace's: fast, slow, dropN (fast, stops after step N)."""
    pace = a.row["onboarding"]
    if pace == "explicit":
        return [(r["step_key"], r["status"], base.instant(r["occurred_at"])) for r in story]
    steps = base.required_steps()
    hours = PACE_HOURS[pace] if pace in PACE_HOURS else PACE_HOURS["fast"][: int(pace[4:])]
    plan = [
        (s, "completed", a.signup + timedelta(hours=h))
        for s, h in zip(steps[: len(hours)], hours, strict=True)
    ]
    if len(hours) < len(steps):
        plan.append((steps[len(hours)], "started", a.signup + timedelta(hours=hours[-1] + 30)))
    if a.num % 3 == 0:
        plan.append(("product_tour", "completed", a.signup + timedelta(hours=3)))
    return [p for p in plan if p[2] < AS_OF_END]


def add_onboarding(t: Tables, rng: Random, accs: list[Account]) -> None:
    """Each account's onboarding events: written out in the story, else drawn."""
    story = base.read_story("onboarding_events")
    for a in accs:
        for row in (r for r in story if r["account_id"] == a.id):
            t.add_story("onboarding_events", row)
        plan = [] if a.row["onboarding"] == "explicit" else completion_plan(a, [])
        for step, status, moment in plan:
            style = rng.choice(STYLES)
            step = rng.choice([step, step, step, step.upper(), f" {step}"])
            user = a.users[-1 if step.strip().lower() == "invite_team" else 0]
            status = status if a.num % 5 else status.capitalize()
            event = (a.id, user, step, status, *stamped(moment, style))
            t.row("onboarding_events", t.next_id("obe"), *event)


def usage_factor(a: Account, day: date) -> float:
    """Usage fades in the two months before a cancellation (the health score sees it)."""
    fading = any(timedelta(0) <= c.date() - day <= timedelta(days=60) for c in a.cancellations())
    return 0.35 if fading else 1.0


def add_value_events(t: Tables, rng: Random, a: Account, story: list[Row]) -> datetime | None:
    """The first value event (accounts.csv `first_value`): the story's, drawn, or none;
    returns the drawn instant (after it, sessions may hold more value events)."""
    for row in (r for r in story if r["account_id"] == a.id):
        t.add_story("product_events", row, session_id=t.next_id("ses"))
    if a.row["first_value"] != "drawn":
        return None
    value_at = a.signup + timedelta(days=rng.uniform(0.5, 20.0))
    if value_at < AS_OF_END:
        name, session = rng.choice(VALUE_EVENTS), t.next_id("ses")
        t.row(
            "product_events", t.next_id("evt"), a.id, a.users[0], session, name, *stamped(value_at)
        )
    return value_at


def add_session(
    t: Tables, rng: Random, a: Account, uid: str, start: datetime, value_at: datetime | None
) -> None:
    """One visit: a login, then up to three more events a few minutes apart."""
    session = "" if rng.random() < 0.08 else t.next_id("ses")
    moment = start
    for i in range(rng.choice([1, 1, 2, 3, 3, 4])):
        if i == 0:
            name = "login"
        elif value_at is not None and moment > value_at and rng.random() < 0.15:
            name = rng.choice(VALUE_EVENTS)
        else:
            name = rng.choice(BROWSE_EVENTS)
        occurred = stamped(moment, rng.choice(STYLES))
        t.row("product_events", t.next_id("evt"), a.id, uid, session, name, *occurred)
        moment += timedelta(minutes=rng.randint(1, 12), seconds=rng.randint(0, 59))


def add_product_events(t: Tables, rng: Random, accs: list[Account]) -> None:
    """Each user of a customer is active on a weekday with the account's `usage`
    probability (weekends 15 % of it); test accounts keep going after as_of_date."""
    story = base.read_story("product_events")
    for a in accs:
        value_at = add_value_events(t, rng, a, story)
        last_day = date(2026, 3, 26) if a.is_test else base.AS_OF_DATE
        for offset in range((last_day - a.signup.date()).days + 1):
            day = a.signup.date() + timedelta(days=offset)
            noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            # acc_003 keeps using the product in August 2025, after its cancellation.
            if not a.customer_at(noon) and not (a.id == "acc_003" and day.month == 8):
                continue
            weekday = 1.0 if day.weekday() < 5 else 0.15
            p = 0.6 * float(a.row["usage"]) * weekday * usage_factor(a, day)
            for k, uid in enumerate(a.users, start=1):
                if day < (a.signup + timedelta(days=0 if k == 1 else min(3 * k, 20))).date():
                    continue
                if rng.random() >= p * (1.6 if k == 1 else 1.0):
                    continue
                start = noon + timedelta(minutes=rng.randint(-240, 300))
                if start >= a.signup:
                    add_session(t, rng, a, uid, start, value_at)


def survey(
    t: Tables,
    a: Account,
    what: tuple[str, str, str],
    sent: datetime,
    responded: datetime | None,
    question: str = "",
    style: str = "z",
    user: int = 0,
) -> None:
    """One survey row; `what`: (survey_type, touchpoint, score)."""
    kind, touchpoint, score = what
    answer, load = fmt(responded, style) if responded else "", loaded(responded or sent)
    row = (kind, question, touchpoint, score, "", fmt(sent, style), answer, load)
    t.row("survey_responses", t.next_id("rsp"), a.id, a.users[user], *row)


def add_surveys(t: Tables, rng: Random, accs: list[Account]) -> None:
    """Relationship NPS waves (churners score low; nobody has answered the March 2026
    wave yet), onboarding CSAT after the last required step, training resource ratings."""
    for wave in (base.instant(f"{day} 09:00") for day in NPS_WAVES):
        for a in (a for a in accs if not a.is_test and a.customer_at(wave)):
            answered = wave.month != 3 and rng.random() < 0.65
            responded = wave + timedelta(days=rng.randint(0, 4), hours=rng.randint(0, 8))
            low, high = (2, 7) if a.cancellations() else (6, 10)
            score = str(rng.randint(low, high)) if answered else rng.choice(["", "N/A"])
            kind = rng.choice(["nps", "NPS", " nps"])
            what = (kind, rng.choice(["relationship", "Relationship", " relationship"]), score)
            survey(t, a, what, wave, responded if answered else None, style=rng.choice(STYLES))
    onboarding = base.read_story("onboarding_events")
    for a in (a for a in accs if not a.is_test):
        written = [r for r in onboarding if r["account_id"] == a.id]
        plan = [p for p in completion_plan(a, written) if p[1].strip().lower() == "completed"]
        if not set(base.required_steps()) <= {p[0].strip().lower() for p in plan}:
            continue
        sent = max(p[2] for p in plan) + timedelta(days=1)
        if sent >= AS_OF_END or in_november(sent):
            continue
        answered = rng.random() < 0.7
        score = str(rng.randint(3, 5)) if answered else ""
        responded = sent + timedelta(hours=rng.randint(1, 30)) if answered else None
        survey(t, a, ("csat", "onboarding", score), sent, responded)
    for i in range(24):
        a = accs[i % 30]
        sent = a.signup + timedelta(days=3 + i % 5, hours=i)
        if sent < AS_OF_END and not in_november(sent):
            what = ("resource_rating", "Training", str(rng.randint(2, 5)))
            survey(t, a, what, sent, sent + timedelta(minutes=5), RESOURCES[i % 4], user=-1)


def ticket_event(
    t: Tables, ticket: str, kind: str, actor: str, at: datetime, **values: str
) -> None:
    """One ticket event; `values`: public, status, rating (is_public, new_status, satisfaction)."""
    extra = [values.get(column, "") for column in ("public", "status", "rating")]
    t.row("ticket_events", t.next_id("tev"), ticket, kind, actor, *extra, *stamped(at))


def add_ticket_events(
    t: Tables, rng: Random, ticket: str, priority: str, created: datetime
) -> datetime:
    """A ticket's life: internal notes, escalations, replies, solve, reopen, rating;
    returns its last event's instant."""
    low, high = PRIORITY_MINUTES[priority.strip().lower() or "normal"]
    moment = created + timedelta(minutes=rng.randint(low, high))
    if rng.random() < 0.2:
        ticket_event(t, ticket, "comment", "agent", moment - timedelta(minutes=5), public="false")
    if rng.random() < 0.12:
        ticket_event(t, ticket, "escalated", "agent", moment + timedelta(minutes=1))
        moment += timedelta(minutes=rng.randint(5, 120))
    public = rng.choice(["true", "TRUE", "1", "yes"])
    ticket_event(t, ticket, "comment", "agent", moment, public=public)
    if rng.random() < 0.3:
        moment += timedelta(hours=rng.randint(1, 20))
        ticket_event(t, ticket, "comment", "customer", moment, public="true")
        moment += timedelta(hours=rng.randint(1, 10))
        ticket_event(t, ticket, "comment", "agent", moment, public="true")
    moment += timedelta(hours=rng.randint(1, 48))
    ticket_event(t, ticket, "status_change", "agent", moment, status="solved")
    if rng.random() < 0.15:
        moment += timedelta(days=1)
        ticket_event(t, ticket, "status_change", "customer", moment, status="open")
        moment += timedelta(hours=3)
        ticket_event(t, ticket, "comment", "agent", moment, public="true")
        ticket_event(t, ticket, "status_change", "agent", moment, status="solved")
    if rng.random() < 0.4:
        moment += timedelta(hours=2)
        rating = rng.choice(["good", "good", "Good", "bad"])
        ticket_event(t, ticket, "satisfaction_rated", "customer", moment, rating=rating)
    return moment


def add_support_survey(t: Tables, rng: Random, a: Account, solved: datetime) -> None:
    """Half the solved tickets (not in November) get a CSAT, CES or CXI survey."""
    if rng.random() >= 0.5 or in_november(solved):
        return
    sent = solved + timedelta(hours=1)
    kind = rng.choice(["csat", "ces", "cxi"])
    if kind == "cxi":
        for question in ["effort", "Empathy", "understanding ", "efficiency"]:
            what = ("cxi", "support", str(rng.randint(2, 5)))
            survey(t, a, what, sent, sent + timedelta(hours=2), question)
    else:
        what = (kind, "support", str(rng.randint(1, 5 if kind == "csat" else 7)))
        survey(t, a, what, sent, sent + timedelta(hours=3))


def add_background_tickets(t: Tables, rng: Random, accs: list[Account]) -> None:
    """48 tickets of paying accounts, none from 2025-10-20 to 2025-11-30 (November's are
    the story's) nor in the last three days."""
    paying = [a for a in accs if not a.is_test]
    n = 0
    while n < 48:
        a = rng.choice(paying)
        created = base.instant("2025-01-15 00:00") + timedelta(
            minutes=rng.randint(0, 60 * 24 * 420)
        )
        quiet = base.instant("2025-10-20 00:00") <= created < base.instant("2025-12-01 00:00")
        if quiet or created >= AS_OF_END - timedelta(3) or not a.customer_at(created):
            continue
        n += 1
        ticket = f"tkt_{n:03d}"
        priority = rng.choice(PRIORITIES)
        channel, category = rng.choice(CHANNELS), rng.choice(CATEGORIES)
        row = (ticket, a.id, a.users[0], channel, priority, category)
        t.row("tickets", *row, *stamped(created, rng.choice(STYLES)))
        add_support_survey(t, rng, a, add_ticket_events(t, rng, ticket, priority, created))


def add_marketing(t: Tables, rng: Random) -> None:
    """Spend per month and channel; referral (EUR 250) every third month."""
    for month in MONTHS:
        loaded_at = f"{month.isoformat()[:8]}28 02:00:00"
        for _, currency, low, high, spellings in SPEND:
            amount = f"{rng.randint(low, high)}.{rng.choice(['00', '50', '25'])}"
            channel = rng.choice(spellings)
            currency = currency if rng.random() < 0.8 else currency.lower()
            t.row("marketing_spend", month.isoformat(), channel, amount, currency, loaded_at)
        if month.month % 3 == 0:
            t.row("marketing_spend", month.isoformat(), "referral", "250.00", "EUR", loaded_at)
