"""Planted bad rows (one fault each, DECISIONS 8) and re-delivered duplicates.

Faults are *extra* rows, copied from sampled clean rows and given a new key (except the
overlapping subscription version, which must share its subscription), so the clean data
and every parent/child link stay intact. Each planted row is listed in the manifest with
its table, key and expected rejection kind.
"""

from __future__ import annotations

# Per table: (rejection_kind, replacements of the copied row). `key` is replaced by the
# table's key expression with a fault suffix unless the kind says otherwise.
BAD_TS = "'31/12/2024 10:00'"
FAULTS: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "accounts": (
        ("missing_required", {"signed_up_at": "'   '"}),
        ("unparseable_timestamp", {"signed_up_at": BAD_TS}),
        ("unknown_enum", {"is_test": "'maybe'"}),
    ),
    "users": (
        ("missing_required", {"created_at": "null"}),
        ("unparseable_timestamp", {"created_at": "'2025-02-29 10:00:00'"}),
        ("orphan_foreign_key", {"account_id": "'acc_missing'"}),
    ),
    "onboarding_events": (
        ("unparseable_timestamp", {"occurred_at": "'2025-03-04 10:15:00 +02:00'"}),
        ("unknown_enum", {"status": "'done'"}),
        ("unknown_onboarding_step", {"step_key": "'Setup Wizard'"}),
        ("orphan_foreign_key", {"account_id": "'acc_missing'"}),
    ),
    "product_events": (
        ("missing_required", {"user_id": "' '"}),
        ("unparseable_timestamp", {"occurred_at": "'2025-03-04t10:15:00z'"}),
        ("orphan_foreign_key", {"account_id": "'acc_missing'"}),
    ),
    "subscriptions": (
        ("unparseable_number", {"amount": "'12,50'"}),
        ("unparseable_number", {"seats": "'2.5'"}),
        ("unknown_enum", {"status": "'paused'"}),
        (
            "unknown_currency",
            {"amount": "'99.00'", "currency": "'XYZ'", "billing_interval": "'month'"},
        ),
        ("negative_amount", {"amount": "'-49.00'", "billing_interval": "'month'"}),
        (
            "overlapping_subscription_version",
            {
                "subscription_id": "subscription_id",
                "valid_from": "ts(coalesce((_vf + _vt) // 2, _vf + 3600), 0)",
            },
        ),
    ),
    "survey_responses": (
        (
            "out_of_range_score",
            {
                "survey_type": "'nps'",
                "question_key": "null",
                "score": "'11'",
                "responded_at": "sent_at",
            },
        ),
        (
            "out_of_range_score",
            {"survey_type": "'csat'", "score": "'N/A'", "responded_at": "sent_at"},
        ),
        ("unknown_enum", {"survey_type": "'poll'"}),
    ),
    "tickets": (
        ("unknown_enum", {"priority": "'critical'"}),
        ("orphan_foreign_key", {"account_id": "'acc_missing'"}),
    ),
    "ticket_events": (
        ("unknown_enum", {"event_type": "'merged'"}),
        ("orphan_foreign_key", {"ticket_id": "'tk_missing'"}),
    ),
    "marketing_spend": (
        ("negative_amount", {"amount": "'-150.00'", "spend_month": "'1999-12-01'"}),
        ("unknown_enum", {"acquisition_channel": "'tv'"}),
        ("unknown_currency", {"currency": "'XYZ'", "spend_month": "'1999-11-01'"}),
    ),
}

KEY_COLUMN = {
    "accounts": "account_id",
    "users": "user_id",
    "onboarding_events": "event_id",
    "product_events": "event_id",
    "subscriptions": "subscription_id",
    "survey_responses": "response_id",
    "tickets": "ticket_id",
    "ticket_events": "event_id",
    "marketing_spend": None,
}

ALL_KINDS = (
    "missing_required",
    "unparseable_timestamp",
    "unparseable_number",
    "unknown_enum",
    "unknown_currency",
    "out_of_range_score",
    "negative_amount",
    "unknown_onboarding_step",
    "orphan_foreign_key",
    "overlapping_subscription_version",
)


def record_key_sql(table: str) -> str:
    """The manifest's record key: the id, or the composite key of DECISIONS 4."""
    if table == "subscriptions":
        return "subscription_id || '|' || valid_from"
    if table == "marketing_spend":
        return "spend_month || '|' || acquisition_channel"
    return str(KEY_COLUMN[table])


def fault_select(table: str, columns: tuple[str, ...], fault_no: int) -> tuple[str, str]:
    """(kind, select list) turning a sampled clean row into planted fault `fault_no`."""
    kind, replacements = FAULTS[table][fault_no % len(FAULTS[table])]
    key = KEY_COLUMN[table]
    values = dict(replacements)
    if key is not None and key not in values:
        values[key] = f"{key} || '_f' || cast(_rn as varchar) || '_{fault_no}'"
    if table == "marketing_spend" and "spend_month" not in values:
        values["spend_month"] = "spend_month"
    select = ", ".join(f"{values.get(col, col)} as {col}" for col in columns)
    return kind, select


LF, VT, FF, CR, TAB = 10, 11, 12, 13, 9


def padded(value_sql: str, left: tuple[int, ...], right: tuple[int, ...]) -> str:
    """`value_sql` with the given ASCII characters around it; null stays null."""
    parts = [*(f"chr({c})" for c in left), value_sql, *(f"chr({c})" for c in right)]
    return " || ".join(parts)


def duplicate_select(table: str, columns: tuple[str, ...], redelivered: bool) -> str:
    """An exact copy, or the same row re-delivered an hour later through a sloppier
    export (DECISIONS 71): the key tab-padded, every other value wrapped in a line feed,
    vertical tab, form feed and carriage return, and `_loaded_at` ending in the CR of a
    Windows line end. Staging trims them all, so the re-delivery has the same key and
    values, and wins as the later load."""
    if not redelivered:
        return ", ".join(columns)
    values = {column: padded(column, (LF,), (VT, FF, CR)) for column in columns}
    values["_loaded_at"] = padded("ts(_loaded_s + 3600, 0)", (), (CR,))
    key = KEY_COLUMN[table]
    if key is not None:
        values[key] = padded(key, (TAB,), ())
    return ", ".join(f"{values[col]} as {col}" for col in columns)
