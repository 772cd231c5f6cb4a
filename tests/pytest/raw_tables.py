"""Hand-made raw tables for the staging tests: a small clean data set per raw table,
and a loader that writes them (all columns text, as a loader would) to schema `raw`
of a DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from saas_kpis.raw_contract import RAW_COLUMNS

L = "2025-06-01T00:00:00Z"  # a _loaded_at for every clean row


def clean_rows() -> dict[str, list[dict[str, str | None]]]:
    """A small, entirely clean data set: every row lands in its staging model."""
    return {
        "accounts": [
            {
                "account_id": "acc_1",
                "account_name": "Acme",
                "segment": "SMB",
                "industry": "Retail",
                "country_code": "de",
                "acquisition_channel": "Paid Search",
                "csm_owner": "ann",
                "signed_up_at": "2025-01-05T10:00:00+02:00",
                "is_test": None,
                "_loaded_at": L,
            },
            {
                "account_id": "acc_2",
                "account_name": "Globex",
                "segment": "Mid-Market",
                "industry": None,
                "country_code": "US",
                "acquisition_channel": "referral",
                "csm_owner": None,
                "signed_up_at": "2025-02-10",
                "is_test": "No",
                "_loaded_at": L,
            },
            {
                "account_id": "acc_test",
                "account_name": "QA",
                "segment": None,
                "industry": None,
                "country_code": None,
                "acquisition_channel": None,
                "csm_owner": None,
                "signed_up_at": "2025-01-01 00:00:00",
                "is_test": "TRUE",
                "_loaded_at": L,
            },
        ],
        "users": [
            {
                "user_id": "u_1",
                "account_id": "acc_1",
                "email": "a@acme.test",
                "role": "Admin",
                "created_at": "2025-01-05T10:05:00Z",
                "deactivated_at": None,
                "_loaded_at": L,
            },
            {
                "user_id": "u_2",
                "account_id": "acc_2",
                "email": None,
                "role": "owner",
                "created_at": "2025-02-10T09:00:00Z",
                "deactivated_at": "2025-05-01",
                "_loaded_at": L,
            },
        ],
        "onboarding_events": [
            {
                "event_id": "ob_1",
                "account_id": "acc_1",
                "user_id": "u_1",
                "step_key": " Create_Workspace ",
                "status": "Completed",
                "occurred_at": "2025-01-05T11:00:00Z",
                "_loaded_at": L,
            },
        ],
        "product_events": [
            {
                "event_id": "pe_1",
                "account_id": "acc_1",
                "user_id": "u_1",
                "session_id": "s_1",
                "event_name": "Login",
                "occurred_at": "2025-01-06T09:00:00Z",
                "_loaded_at": L,
            },
            {
                "event_id": "pe_2",
                "account_id": "acc_2",
                "user_id": "u_2",
                "session_id": None,
                "event_name": "report_created",
                "occurred_at": "2025-03-01 12:00",
                "_loaded_at": L,
            },
        ],
        "subscriptions": [
            {
                "subscription_id": "sub_1",
                "account_id": "acc_1",
                "plan_name": " Pro ",
                "status": "active",
                "billing_interval": "Monthly",
                "amount": "99.50",
                "currency": "eur",
                "seats": "5",
                "valid_from": "2025-01-05T00:00:00Z",
                "valid_to": "2025-03-01T00:00:00Z",
                "_loaded_at": L,
            },
            {
                "subscription_id": "sub_1",
                "account_id": "acc_1",
                "plan_name": "pro",
                "status": "active",
                "billing_interval": "annual",
                "amount": "1000",
                "currency": "EUR",
                "seats": "6",
                "valid_from": "2025-03-01T00:00:00Z",
                "valid_to": None,
                "_loaded_at": L,
            },
            {
                "subscription_id": "sub_2",
                "account_id": "acc_2",
                "plan_name": "free",
                "status": "trialing",
                "billing_interval": None,
                "amount": "0",
                "currency": None,
                "seats": None,
                "valid_from": "2025-02-10",
                "valid_to": None,
                "_loaded_at": L,
            },
        ],
        "survey_responses": [
            {
                "response_id": "r_1",
                "account_id": "acc_1",
                "user_id": "u_1",
                "survey_type": "NPS",
                "question_key": None,
                "touchpoint": "Relationship",
                "score": " 10",
                "comment": "great",
                "sent_at": "2025-04-01T00:00:00Z",
                "responded_at": "2025-04-02T00:00:00Z",
                "_loaded_at": L,
            },
            {
                "response_id": "r_2",
                "account_id": "acc_2",
                "user_id": "u_2",
                "survey_type": "csat",
                "question_key": None,
                "touchpoint": None,
                "score": "N/A",
                "comment": None,
                "sent_at": "2025-04-01T00:00:00Z",
                "responded_at": None,
                "_loaded_at": L,
            },
            {
                "response_id": "r_3",
                "account_id": "acc_1",
                "user_id": "u_1",
                "survey_type": "cxi",
                "question_key": " Effort",
                "touchpoint": "support",
                "score": "4",
                "comment": None,
                "sent_at": None,
                "responded_at": "2025-04-03T00:00:00Z",
                "_loaded_at": L,
            },
        ],
        "tickets": [
            {
                "ticket_id": "t_1",
                "account_id": "acc_1",
                "requester_user_id": "u_1",
                "channel": "Email",
                "priority": None,
                "category": "How To",
                "created_at": "2025-02-01T08:00:00Z",
                "_loaded_at": L,
            },
        ],
        "ticket_events": [
            {
                "event_id": "te_1",
                "ticket_id": "t_1",
                "event_type": "comment",
                "actor_type": "agent",
                "is_public": "yes",
                "new_status": None,
                "satisfaction": None,
                "occurred_at": "2025-02-01T09:00:00Z",
                "_loaded_at": L,
            },
            {
                "event_id": "te_2",
                "ticket_id": "t_1",
                "event_type": "status_change",
                "actor_type": "Agent",
                "is_public": None,
                "new_status": "Solved",
                "satisfaction": None,
                "occurred_at": "2025-02-01T10:00:00Z",
                "_loaded_at": L,
            },
        ],
        "marketing_spend": [
            {
                "spend_month": "2025-01-01",
                "acquisition_channel": "Paid Search",
                "amount": "1200.00",
                "currency": "usd",
                "_loaded_at": L,
            },
        ],
    }


def load_raw(
    warehouse: Path,
    tables: dict[str, list[dict[str, str | None]]],
    columns: dict[str, list[str]] | None = None,
) -> None:
    """(Re)create schema `raw` with one all-text table per entry of `tables`."""
    columns = columns or RAW_COLUMNS
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists raw")
        for table, rows in tables.items():
            names = columns.get(table) or RAW_COLUMNS[table]
            con.execute(f"drop table if exists raw.{table}")
            ddl = ", ".join(f'"{name}" varchar' for name in names)
            con.execute(f"create table raw.{table} ({ddl})")
            if rows:
                placeholders = ", ".join("?" for _ in names)
                con.executemany(
                    f"insert into raw.{table} values ({placeholders})",
                    [[row.get(name) for name in names] for row in rows],
                )
