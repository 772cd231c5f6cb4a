"""Revenue (exposure revenue_dashboard): MRR and ARR, the MRR bridge of a month,
revenue and customer retention, trial conversion, CLV, and CAC by channel."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.queries import (
    COHORT_STATUS_SQL,
    COMPLETE_MONTH,
    INCOMPLETE_MONTH,
    MONTH_STATUS_SQL,
    PERIOD_STATUS_SQL,
    NoData,
    Serving,
    no_data,
    period_chart,
    run_page,
    select_period,
    show,
    show_side_by_side,
)

# The MRR bridge: each step's column in kpi_mrr and its sign (DECISIONS: fx separate).
BRIDGE_STEPS = [
    ("new", "new_mrr", 1),
    ("expansion", "expansion_mrr", 1),
    ("reactivation", "reactivation_mrr", 1),
    ("contraction", "contraction_mrr", -1),
    ("churn", "churned_mrr", -1),
    ("FX adjustment", "fx_adjustment_mrr", 1),
]


def render(serving: Serving) -> None:
    mrr = serving.series("marts.kpi_mrr", "mrr, arr, paying_customers")
    if mrr.empty:
        no_data("no month in marts.kpi_mrr.")
        return
    headline(serving)
    show_side_by_side(
        period_chart(mrr, "month", "mrr", title="MRR", y_title="MRR"),
        period_chart(mrr, "month", "arr", title="ARR (12 x MRR)", y_title="ARR"),
    )
    bridge(serving)
    retention(serving)
    trials_and_value(serving)
    acquisition(serving)


def headline(serving: Serving) -> None:
    latest = serving.frame(
        "select month, mrr, arr, paying_customers, quick_ratio from marts.kpi_mrr"
        " where is_complete_month order by month desc limit 1"
    )
    if latest.empty:
        return
    row = latest.iloc[0]
    month = f"{row['month']:%Y-%m}"
    quick_ratio = row["quick_ratio"]
    columns = st.columns(4)
    columns[0].metric(f"MRR, {month} (latest complete month)", f"{row['mrr']:,.2f}")
    columns[1].metric(f"ARR, {month}", f"{row['arr']:,.2f}")
    columns[2].metric(f"Paying customers, {month}", f"{row['paying_customers']:,}")
    columns[3].metric(
        f"Quick ratio, {month}",
        "-" if pd.isna(quick_ratio) else f"{quick_ratio:.2f}",
        help="Gained MRR (new, expansion, reactivation) over lost MRR (contraction, churn).",
    )


def bridge(serving: Serving) -> None:
    st.subheader("MRR bridge")
    months = serving.frame(
        f"select month, {MONTH_STATUS_SQL} as status from marts.kpi_mrr order by month desc"
    )
    labels = {
        row.month.date(): f"{row.month:%Y-%m}"
        + ("" if row.status.startswith("complete") else " (incomplete)")
        for row in months.itertuples()
    }
    month = select_period("Month", labels, months["status"], key="bridge_month")
    columns = ", ".join(column for _, column, _ in BRIDGE_STEPS)
    row = serving.frame(
        f"""
        select
            coalesce(lag(mrr) over (order by month), 0) as start_mrr, mrr as end_mrr,
            {columns}, is_complete_month
        from marts.kpi_mrr
        qualify month = ?
        """,
        [month],
    ).iloc[0]
    steps = [("start of month", 0.0, float(row["start_mrr"]), "total")]
    level = float(row["start_mrr"])
    for label, column, sign in BRIDGE_STEPS:
        change = sign * float(row[column] or 0.0)
        steps.append((label, level, level + change, "increase" if change >= 0 else "decrease"))
        level += change
    steps.append(("end of month", 0.0, float(row["end_mrr"]), "total"))
    waterfall = pd.DataFrame(steps, columns=["step", "from_mrr", "to_mrr", "kind"])
    waterfall["change"] = waterfall["to_mrr"] - waterfall["from_mrr"]
    # The axis starts near the month's lowest level, not at zero, so that changes of a
    # few percent of MRR stay visible (the totals' bars are cut at the axis).
    levels = waterfall.loc[waterfall["kind"] != "total", ["from_mrr", "to_mrr"]].to_numpy()
    low, high = float(levels.min()), float(levels.max())
    margin = max((high - low) * 0.5, abs(high) * 0.01, 1.0)
    domain = [low - margin, high + margin]
    status = "" if row["is_complete_month"] else " (incomplete month, to date)"
    chart = (
        alt.Chart(waterfall, title=f"MRR bridge, {labels[month]}{status}")
        .mark_bar(clip=True)
        .encode(
            x=alt.X("step:N", sort=None, title=None),
            y=alt.Y("from_mrr:Q", title="MRR (axis not from zero)", scale=alt.Scale(domain=domain)),
            y2="to_mrr:Q",
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(
                    domain=["total", "increase", "decrease"],
                    range=["#4c78a8", "#2ca02c", "#d62728"],
                ),
                title=None,
            ),
            opacity=alt.value(1.0 if row["is_complete_month"] else 0.45),
            tooltip=["step:N", alt.Tooltip("change:Q", format=",.2f")],
        )
    )
    show(chart)
    accounts = serving.frame(
        """
        select
            mrr.account_id, accounts.account_name, mrr.change_category, mrr.previous_mrr,
            mrr.mrr, mrr.mrr_change, mrr.fx_adjustment_mrr
        from marts.fct_mrr as mrr
        left join marts.dim_accounts as accounts
            on mrr.account_id = accounts.account_id
        where mrr.month = ? and mrr.change_category not in ('unchanged', 'inactive')
        order by abs(mrr.mrr_change) desc, mrr.account_id
        """,
        [month],
    )
    with st.expander(f"Accounts behind the bridge of {labels[month]} ({len(accounts)})"):
        st.dataframe(accounts, hide_index=True)


def retention(serving: Serving) -> None:
    st.subheader("Retention")
    grain = st.radio("Grain", ["month", "quarter"], horizontal=True, key="retention_grain")
    # A quarter pools its months: summed numerators over summed denominators.
    period = "month" if grain == "month" else "date_trunc('quarter', month)"
    revenue = serving.frame(
        f"""
        select
            {period} as period,
            sum(net_retained_mrr) / nullif(sum(starting_mrr), 0) as net_revenue_retention,
            sum(gross_retained_mrr) / nullif(sum(starting_mrr), 0) as gross_revenue_retention,
            {PERIOD_STATUS_SQL} as status
        from marts.kpi_revenue_retention
        group by period
        order by period
        """
    ).melt(id_vars=["period", "status"], var_name="rate", value_name="value")
    churn = serving.frame(
        f"""
        select
            {period} as period,
            'customer_churn_rate' as rate,
            sum(churned_customers) / nullif(sum(customers_at_start), 0) as value,
            {PERIOD_STATUS_SQL} as status
        from marts.kpi_customer_churn
        group by period
        union all
        select
            period_start,
            'customer_retention_rate',
            customer_retention_rate,
            case when is_complete_period then '{COMPLETE_MONTH}'
                else '{INCOMPLETE_MONTH}' end
        from marts.kpi_customer_retention
        where period_grain = ?
        order by period
        """,
        [grain],
    )
    x_title = grain
    show_side_by_side(
        period_chart(
            revenue,
            "period",
            "value",
            title="NRR and GRR",
            y_title="rate",
            y_format="%",
            color="rate",
            x_title=x_title,
        ),
        period_chart(
            churn,
            "period",
            "value",
            title="Logo churn and retention",
            y_title="rate",
            y_format="%",
            color="rate",
            x_title=x_title,
        ),
    )
    st.caption(
        "A quarter's NRR, GRR and churn rate pool its months (retained MRR over starting"
        " MRR, churned customers over customers at start, each summed); its retention"
        " rate is the quarter's own (customers at its start still customers at its end)."
    )


def trials_and_value(serving: Serving) -> None:
    trials = serving.series(
        "marts.kpi_trial_conversion",
        "trials_started, converted, conversion_rate",
        where="trials_started > 0",
        period="trial_start_month",
        status=COHORT_STATUS_SQL,
    )
    lifetime_value = serving.series("marts.kpi_customer_lifetime_value", "customer_lifetime_value")
    show_side_by_side(
        NoData("no trial started (marts.kpi_trial_conversion).")
        if trials.empty
        else period_chart(
            trials,
            "trial_start_month",
            "conversion_rate",
            title="Trial conversion per trial-start cohort",
            y_title="converted",
            y_format="%",
            x_title="trial start month",
        ),
        period_chart(
            lifetime_value,
            "month",
            "customer_lifetime_value",
            title="Customer lifetime value",
            y_title="CLV",
        ),
    )


def acquisition(serving: Serving) -> None:
    st.subheader("Acquisition cost by channel")
    if not serving.value(
        "select count(*) from marts.kpi_customer_acquisition_cost where marketing_spend > 0"
    ):
        no_data("no marketing spend was delivered, so no CAC or LTV:CAC.")
        return
    # Complete months pooled per channel: summed spend over summed new customers.
    pooled = serving.frame(
        """
        select
            acquisition_channel,
            sum(marketing_spend) as marketing_spend,
            sum(new_customers) as new_customers,
            sum(marketing_spend) / nullif(sum(new_customers), 0) as cac
        from marts.kpi_customer_acquisition_cost
        where is_complete_month
        group by acquisition_channel
        order by acquisition_channel
        """
    )
    monthly = serving.series(
        "marts.kpi_customer_acquisition_cost",
        "acquisition_channel, ltv_to_cac",
        where="ltv_to_cac is not null",
    )
    show_side_by_side(
        alt.Chart(pooled, title="CAC per channel, all complete months pooled")
        .mark_bar()
        .encode(
            x=alt.X("acquisition_channel:N", title="channel"),
            y=alt.Y("cac:Q", title="CAC"),
            tooltip=[
                "acquisition_channel:N",
                alt.Tooltip("marketing_spend:Q", format=",.2f"),
                "new_customers:Q",
                alt.Tooltip("cac:Q", format=",.2f"),
            ],
        ),
        period_chart(
            monthly,
            "month",
            "ltv_to_cac",
            title="LTV:CAC per channel",
            y_title="LTV:CAC",
            color="acquisition_channel",
        ),
    )
    st.dataframe(
        pooled,
        hide_index=True,
        column_config={
            "marketing_spend": st.column_config.NumberColumn(format="%.2f"),
            "cac": st.column_config.NumberColumn(format="%.2f"),
        },
    )


run_page("Revenue", render)
