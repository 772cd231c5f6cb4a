"""Onboarding and engagement (exposure onboarding_dashboard): the funnel of a signup
cohort, activation and time to first value per cohort, then engagement, feature adoption,
license utilization and time in product per month."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.queries import (
    COHORT_MATURITY_SQL,
    COHORT_STATUS_SQL,
    IMMATURE_COHORT,
    MONTH_STATUS_SQL,
    NoData,
    Serving,
    no_data,
    period_chart,
    run_page,
    select_period,
    show,
    show_side_by_side,
    status_opacity,
)


def render(serving: Serving) -> None:
    if not serving.value("select count(*) from marts.fct_account_onboarding"):
        no_data("no account has signed up (marts.fct_account_onboarding is empty).")
        return
    funnel(serving)
    cohorts(serving)
    st.divider()
    engagement(serving)
    adoption(serving)


def funnel(serving: Serving) -> None:
    st.subheader("Onboarding funnel of a signup cohort")
    cohort_months = serving.frame(
        f"""
        select signup_month, max(accounts) as accounts, {COHORT_STATUS_SQL} as status
        from marts.kpi_onboarding_funnel
        where accounts > 0
        group by signup_month, is_mature
        order by signup_month desc
        """
    )
    if cohort_months.empty:
        no_data("no signup cohort has accounts (marts.kpi_onboarding_funnel).")
        return
    labels = {
        row.signup_month.date(): f"{row.signup_month:%Y-%m} ({row.accounts} accounts"
        + (", immature)" if row.status == IMMATURE_COHORT else ")")
        for row in cohort_months.itertuples()
    }
    cohort = select_period("Signup cohort", labels, cohort_months["status"], key="funnel_cohort")
    steps = serving.frame(
        f"""
        select
            step_order, step_name, accounts, accounts_reached, conversion_from_start,
            conversion_from_previous, drop_off_rate, median_hours_from_previous_step,
            {COHORT_STATUS_SQL} as status
        from marts.kpi_onboarding_funnel
        where signup_month = ?
        order by step_order
        """,
        [cohort],
    )
    steps["step"] = steps["step_order"].astype(str) + ". " + steps["step_name"]
    bottleneck = (
        steps.loc[steps["drop_off_rate"].idxmax()] if steps["drop_off_rate"].notna().any() else None
    )
    title = f"Accounts reaching each step within the onboarding window, {labels[cohort]}"
    bars = (
        alt.Chart(steps, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("step:N", sort=None, title=None, axis=alt.Axis(labelLimit=300)),
            x=alt.X("accounts_reached:Q", title="accounts reached"),
            opacity=status_opacity(steps),
            tooltip=[
                "step:N",
                "accounts_reached:Q",
                alt.Tooltip("conversion_from_start:Q", format=".0%"),
                alt.Tooltip("drop_off_rate:Q", format=".0%", title="drop-off from previous"),
                "status:N",
            ],
        )
    )
    drop_offs = bars.mark_text(align="left", dx=4).encode(
        text=alt.Text("drop_off_rate:Q", format=".0%")
    )
    show(bars + drop_offs)
    st.caption(
        "Label: drop-off from the previous step."
        + (
            f" Bottleneck: {bottleneck['step']} ({bottleneck['drop_off_rate']:.0%} drop off)."
            if bottleneck is not None
            else ""
        )
    )


def cohorts(serving: Serving) -> None:
    st.subheader("Per signup cohort")
    activation = serving.series(
        "marts.kpi_activation_rate",
        "activation_rate",
        where="accounts > 0",
        period="signup_month",
        status=COHORT_STATUS_SQL,
    )
    time_to_value = cohort_measures(
        serving,
        "marts.kpi_time_to_first_value as cohort",
        {
            "median": "cohort.median_days_to_first_value",
            "p90": "cohort.p90_days_to_first_value",
        },
        where="cohort.accounts_reached_value > 0",
        name="measure",
        value="days",
    )
    completion = cohort_measures(
        serving,
        """marts.kpi_onboarding_completion as cohort
        inner join marts.kpi_customer_progress as progress
            on cohort.signup_month = progress.signup_month""",
        {
            "onboarding completed": "cohort.completion_rate",
            "training completed": "progress.training_completion_rate",
        },
        where="cohort.accounts > 0",
        name="rate",
        value="value",
    )
    show_side_by_side(
        period_chart(
            activation,
            "signup_month",
            "activation_rate",
            title="Activation rate (within saas_kpis_activation_window_days)",
            y_title="activated",
            y_format="%",
            x_title="signup month",
        ),
        NoData("no account has reached first value yet.")
        if time_to_value.empty
        else period_chart(
            time_to_value,
            "signup_month",
            "days",
            title="Days to first value",
            y_title="days",
            y_format=",.1f",
            color="measure",
            x_title="signup month",
        ),
    )
    show(
        period_chart(
            completion,
            "signup_month",
            "value",
            title="Onboarding and training completed (by as_of_date)",
            y_title="accounts",
            y_format="%",
            color="rate",
            x_title="signup month",
        )
    )


def cohort_measures(
    serving: Serving,
    cohorts: str,
    measures: dict[str, str],
    *,
    where: str,
    name: str,
    value: str,
) -> pd.DataFrame:
    """One row per signup cohort and measure, for a line per measure: the measure's
    label as `name`, its value as `value`. `cohorts` is the cohort mart aliased
    `cohort` (and its joins); `measures` maps each label to its SQL expression.

    These marts have no window of their own (they count up to as_of_date): a cohort is
    marked immature while its onboarding window (saas_kpis_onboarding_window_days, the
    funnel's is_mature) is open."""
    values = ", ".join(f"('{label}', {expression})" for label, expression in measures.items())
    return serving.frame(
        f"""
        select
            cohort.signup_month,
            measure.name as {name},
            measure.value as {value},
            {COHORT_STATUS_SQL} as status
        from {cohorts}
        inner join {COHORT_MATURITY_SQL} as window_state
            on cohort.signup_month = window_state.signup_month
        cross join lateral (values {values}) as measure (name, value)
        where {where}
        order by cohort.signup_month
        """
    )


def engagement(serving: Serving) -> None:
    st.subheader("Engagement, licenses and time in product")
    monthly = serving.frame(
        f"""
        with months as (
            select
                engagement.month,
                engagement.engagement_rate,
                engagement.stickiness,
                licenses.license_utilization,
                time_in_product.avg_minutes_per_active_user,
                engagement.is_complete_month
            from marts.kpi_customer_engagement as engagement
            inner join marts.kpi_license_utilization as licenses
                on engagement.month = licenses.month
            inner join marts.kpi_time_in_product as time_in_product
                on engagement.month = time_in_product.month
            where engagement.customers > 0
        )
        select *, {MONTH_STATUS_SQL} as status from months order by month
        """
    )
    if monthly.empty:
        no_data("no customer month yet.")
        return
    rates = monthly.melt(
        id_vars=["month", "status"],
        value_vars=["engagement_rate", "stickiness", "license_utilization"],
        var_name="rate",
        value_name="value",
    )
    show_side_by_side(
        period_chart(
            rates,
            "month",
            "value",
            title="Engagement, stickiness (DAU/MAU), license utilization",
            y_title="rate",
            y_format="%",
            color="rate",
        ),
        period_chart(
            monthly,
            "month",
            "avg_minutes_per_active_user",
            title="Time in product per active user",
            y_title="minutes per month",
            y_format=",.0f",
        ),
    )


def adoption(serving: Serving) -> None:
    features = serving.series(
        "marts.kpi_product_adoption",
        """feature_name, adoption_rate, adopting_customers, active_customers,
            strftime(month, '%Y-%m')
                || case when is_complete_month then '' else ' (to date)' end as month_label""",
        where="active_customers > 0",
    )
    if features.empty:
        no_data("no active customer used a feature yet (marts.kpi_product_adoption).")
        return
    chart = (
        alt.Chart(features, title="Feature adoption: adopting over active customers")
        .mark_rect()
        .encode(
            x=alt.X("month_label:O", title="month", sort=None),
            y=alt.Y("feature_name:N", title=None),
            color=alt.Color("adoption_rate:Q", title="adoption", legend=alt.Legend(format="%")),
            opacity=status_opacity(features),
            tooltip=[
                "month_label:N",
                "feature_name:N",
                "adopting_customers:Q",
                "active_customers:Q",
                alt.Tooltip("adoption_rate:Q", format=".0%"),
            ],
        )
    )
    show(chart)


run_page("Onboarding and engagement", render)
