"""Data quality: how fresh the serving copy is, and the raw rows staging rejected."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import altair as alt
import streamlit as st

from dashboard.queries import Serving, run_page, show

# A feed whose as_of_date is more than this many days behind today has stalled.
STALE_AFTER_DAYS = int(os.environ.get("DASHBOARD_STALE_AFTER_DAYS", "3"))


def render(serving: Serving) -> None:
    freshness(serving)
    rejected_rows(serving)


def freshness(serving: Serving) -> None:
    st.subheader("Freshness")
    publication = serving.publication()
    if publication is None:
        st.warning(
            "This serving copy does not record when it was published: run `make build`"
            " to publish a new one."
        )
        return
    today = datetime.now(UTC).date()
    behind = (today - publication.as_of_date).days
    columns = st.columns(3)
    columns[0].metric("as_of_date", f"{publication.as_of_date:%Y-%m-%d}")
    columns[1].metric("Published (UTC)", f"{publication.published_at:%Y-%m-%d %H:%M}")
    columns[2].metric("Days behind today", behind)
    if behind > STALE_AFTER_DAYS:
        st.error(
            f"Stalled feed: the data ends on {publication.as_of_date:%Y-%m-%d}, {behind} days"
            f" before today ({today:%Y-%m-%d}); more than {STALE_AFTER_DAYS} days means the"
            " raw data stopped arriving or the nightly build stopped running."
        )
    else:
        st.success(f"The data is current: it ends {behind} day(s) before today.")


def rejected_rows(serving: Serving) -> None:
    st.subheader("Rejected raw rows")
    kinds = serving.frame(
        """
        select source_table, rejection_kind, count(*) as rows
        from audit.rejected_rows
        group by source_table, rejection_kind
        order by source_table, rejection_kind
        """
    )
    if kinds.empty:
        st.success("No raw row was rejected.")
        return
    st.caption(
        f"{int(kinds['rows'].sum())} raw rows could not be used and were kept in"
        ' audit.rejected_rows with the reason (README, "Bad rows: the audit table").'
    )
    show(
        alt.Chart(kinds, title="Rejected rows by table and kind")
        .mark_bar()
        .encode(
            y=alt.Y("source_table:N", title="raw table"),
            x=alt.X("rows:Q", title="rows"),
            color=alt.Color("rejection_kind:N", title="kind"),
            tooltip=["source_table:N", "rejection_kind:N", "rows:Q"],
        )
    )
    tables = ["(all)", *sorted(kinds["source_table"].unique())]
    table = st.selectbox("Raw table", tables, key="rejected_table")
    reasons = serving.frame(
        """
        select source_table, rejection_kind, rejection_reason, record_key, _loaded_at,
            raw_record
        from audit.rejected_rows
        where ? = '(all)' or source_table = ?
        order by source_table, rejection_kind, record_key
        limit 500
        """,
        [table, table],
    )
    st.caption("Each rejected row with its reason and the raw row as JSON (the first 500).")
    st.dataframe(reasons, hide_index=True)


run_page("Data quality", render)
