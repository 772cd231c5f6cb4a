"""Customer health worklist (exposure customer_health_worklist): every current customer
in risk order, one account's last 90 days, the month-end bands and the backtest."""

from __future__ import annotations

import altair as alt
import streamlit as st

from dashboard.queries import Serving, month_bars, no_data, run_page, show

BANDS = ["critical", "at_risk", "healthy"]
BAND_COLORS = ["#d62728", "#ff7f0e", "#2ca02c"]
COMPONENTS = ["usage", "utilization", "onboarding", "support", "sentiment", "billing"]
FILTERS = {
    "health_band": "Band",
    "segment": "Segment",
    "csm_owner": "CSM owner",
    "lifecycle_stage": "Lifecycle stage",
}
HISTORY_DAYS = 90
# The worklist table (and the account picker) show the riskiest accounts only: a CSM
# works from the top, and a browser table of every customer of a large warehouse
# (70,000 rows at 100,000 accounts) takes seconds to draw.
WORKLIST_ROWS = 500


def render(serving: Serving) -> None:
    if not serving.value("select count(*) from marts.customer_health_current"):
        no_data("no current customer is scored (marts.customer_health_current is empty).")
        return
    worklist(serving)
    st.divider()
    band_distribution(serving)
    backtest(serving)


def worklist(serving: Serving) -> None:
    st.subheader("Worklist")
    conditions: list[str] = []
    params: list[list[str]] = []
    columns = st.columns(len(FILTERS))
    for column, (name, label) in zip(columns, FILTERS.items(), strict=True):
        chosen = column.multiselect(
            label, serving.options("marts.customer_health_current", name), key=f"filter_{name}"
        )
        if chosen:
            conditions.append(f"{name} in (select unnest(?))")
            params.append(chosen)
    where = f"where {' and '.join(conditions)}" if conditions else ""
    accounts = serving.frame(
        f"""
        select
            health_risk_rank as rank, account_name, account_id, health_score, health_band,
            health_score_change_30d as change_30d, top_risk_component, plan_name, mrr,
            segment, csm_owner, lifecycle_stage, is_overridden
        from marts.customer_health_current
        {where}
        order by health_risk_rank
        limit {WORKLIST_ROWS}
        """,
        params,
    )
    matching = serving.value(f"select count(*) from marts.customer_health_current {where}", params)
    shown = f", the riskiest {len(accounts)} shown" if matching > len(accounts) else ""
    st.caption(
        f"{matching} accounts{shown}, riskiest first (health_risk_rank). Score 0-100;"
        " change over 30 days; the component that costs the score most."
    )
    if accounts.empty:
        no_data("no account matches these filters.")
        return
    st.dataframe(
        accounts,
        hide_index=True,
        column_config={
            "health_score": st.column_config.NumberColumn("health_score", format="%.1f"),
            "change_30d": st.column_config.NumberColumn("change_30d", format="%+.1f"),
            "mrr": st.column_config.NumberColumn("mrr", format="%.2f"),
        },
    )
    first = accounts.iloc[0]
    st.markdown(
        f"Riskiest account: **{first['account_name']}** ({first['account_id']}), health score"
        f" {first['health_score']:.1f} ({first['health_band']}); look first at"
        f" {first['top_risk_component']}."
    )
    labels = {
        row.account_id: f"{row.rank}. {row.account_name} ({row.account_id})"
        for row in accounts.itertuples()
    }
    account_id = st.selectbox(
        "Account", list(labels), format_func=labels.__getitem__, key="account"
    )
    account_history(serving, str(account_id))


def account_history(serving: Serving, account_id: str) -> None:
    unpivoted = ", ".join(f"('{name}', {name}_score)" for name in COMPONENTS)
    history = serving.frame(
        f"""
        with days as (
            select *
            from marts.customer_health_daily
            where account_id = ?
                and score_date > (
                    select max(score_date) from marts.customer_health_daily
                ) - {HISTORY_DAYS}
        )
        select score_date, 'health score' as series, health_score as score from days
        union all
        select days.score_date, component.name, component.score
        from days
        cross join lateral (values {unpivoted}) as component (name, score)
        where component.score is not null
        order by score_date, series
        """,
        [account_id],
    )
    if history.empty:
        no_data(f"no daily score for {account_id} in the last {HISTORY_DAYS} days.")
        return
    chart = (
        alt.Chart(history, title=f"{account_id}: daily score, last {HISTORY_DAYS} days")
        .mark_line()
        .encode(
            x=alt.X("score_date:T", title="day"),
            y=alt.Y("score:Q", title="score (0-100)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("series:N", title="score"),
            strokeWidth=alt.condition(
                alt.datum.series == "health score", alt.value(3), alt.value(1.2)
            ),
            tooltip=["score_date:T", "series:N", alt.Tooltip("score:Q", format=".1f")],
        )
    )
    show(chart)
    overrides = serving.frame(
        """
        select override_reason, min(score_date) as first_day, max(score_date) as last_day
        from marts.customer_health_daily
        where account_id = ? and is_overridden
        group by override_reason
        order by first_day
        """,
        [account_id],
    )
    for row in overrides.itertuples():
        st.warning(
            f"Score overridden by a CSM from {row.first_day:%Y-%m-%d} to"
            f" {row.last_day:%Y-%m-%d}: {row.override_reason}"
        )


def band_distribution(serving: Serving) -> None:
    st.subheader("Accounts per band at month end")
    bands = serving.series(
        "marts.kpi_health_score_summary",
        "health_band, accounts, share_of_accounts",
        where="health_band in (select unnest(?))",
        params=[BANDS],
    )
    show(
        month_bars(
            bands,
            "accounts",
            "health_band",
            title="Accounts per band (last day of the month, or as_of_date)",
            y_title="accounts",
            color_title="band",
            color_scale=alt.Scale(domain=BANDS, range=BAND_COLORS),
        )
    )


def backtest(serving: Serving) -> None:
    st.subheader("Backtest: churn within 90 days by band")
    # All backtest months pooled: churned / scored accounts, summed over the months.
    pooled = serving.frame(
        """
        select
            health_band,
            sum(accounts) as accounts,
            sum(churned_within_90d) as churned_within_90d,
            sum(churned_within_90d) / nullif(sum(accounts), 0) as churn_rate_90d,
            min(month) as first_month,
            max(month) as last_month
        from marts.kpi_health_score_backtest
        group by health_band
        """
    )
    if pooled.empty:
        no_data(
            "no month end is 90 days before as_of_date yet, so no backtest"
            " (marts.kpi_health_score_backtest is empty)."
        )
        return
    st.caption(
        "Month-end snapshots whose 90 days have passed (complete months only),"
        f" {pooled['first_month'].min():%Y-%m} to {pooled['last_month'].max():%Y-%m};"
        " the rate is the churned accounts over the scored accounts of all those months."
    )
    chart = (
        alt.Chart(pooled, title="Churn rate within 90 days, by band at month end")
        .mark_bar()
        .encode(
            x=alt.X("health_band:N", sort=BANDS, title="band"),
            y=alt.Y("churn_rate_90d:Q", title="churn rate (90 days)", axis=alt.Axis(format="%")),
            color=alt.Color(
                "health_band:N", scale=alt.Scale(domain=BANDS, range=BAND_COLORS), legend=None
            ),
            tooltip=[
                "health_band:N",
                "accounts:Q",
                "churned_within_90d:Q",
                alt.Tooltip("churn_rate_90d:Q", format=".1%"),
            ],
        )
    )
    show(chart)


run_page("Customer health worklist", render)
