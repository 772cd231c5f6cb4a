"""Support and voice of the customer (exposure support_voice_of_customer_dashboard):
response and resolution times by priority, SLA attainment, escalations, tickets per
customer and issue types; NPS, CSAT, CES, CXI and resource ratings over time."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.queries import (
    PERIOD_STATUS_SQL,
    NoData,
    Panel,
    Serving,
    month_bars,
    no_data,
    period_chart,
    run_page,
    show,
    show_side_by_side,
)


def render(serving: Serving) -> None:
    st.header("Support")
    if serving.value("select count(*) from marts.fct_tickets"):
        support(serving)
    else:
        no_data("no support tickets were delivered (marts.fct_tickets is empty).")
    st.header("Voice of the customer")
    if serving.value("select count(*) from marts.fct_survey_responses"):
        voice_of_customer(serving)
    else:
        no_data("no survey answers were delivered (marts.fct_survey_responses is empty).")


def support(serving: Serving) -> None:
    latest = serving.frame(
        """
        select
            month,
            cast(sum(tickets) as bigint) as tickets,
            sum(responded_within_sla) / nullif(sum(tickets), 0) as sla_attainment_rate
        from marts.kpi_first_response_time
        where is_complete_month
        group by month
        order by month desc
        limit 1
        """
    )
    if not latest.empty:
        row = latest.iloc[0]
        month = f"{row['month']:%Y-%m}"
        columns = st.columns(2)
        columns[0].metric(f"Tickets, {month} (latest complete month)", f"{int(row['tickets']):,}")
        sla = row["sla_attainment_rate"]
        columns[1].metric(
            f"First response within SLA, {month}", "-" if pd.isna(sla) else f"{sla:.1%}"
        )
    first_response = serving.series(
        "marts.kpi_first_response_time",
        "priority, median_first_response_minutes, sla_attainment_rate",
        where="tickets > 0",
    )
    resolution = serving.series(
        "marts.kpi_resolution_time",
        "priority, median_full_resolution_minutes",
        where="median_full_resolution_minutes is not null",
    )
    # All priorities together: tickets within their SLA over tickets, summed.
    sla_all = serving.frame(
        f"""
        select
            month,
            sum(responded_within_sla) as responded_within_sla,
            sum(tickets) as tickets,
            sum(responded_within_sla) / nullif(sum(tickets), 0) as sla_attainment_rate,
            {PERIOD_STATUS_SQL} as status
        from marts.kpi_first_response_time
        group by month
        having sum(tickets) > 0
        order by month
        """
    )
    show_side_by_side(
        by_priority(
            first_response,
            "median_first_response_minutes",
            title="Median first response by priority",
            y_title="minutes",
            y_format=",.0f",
        ),
        by_priority(
            resolution,
            "median_full_resolution_minutes",
            title="Median resolution by priority",
            y_title="minutes",
            y_format=",.0f",
        ),
    )
    show_side_by_side(
        by_priority(
            first_response,
            "sla_attainment_rate",
            title="First response within SLA, by priority",
            y_title="within SLA",
            y_format="%",
        ),
        period_chart(
            sla_all,
            "month",
            "sla_attainment_rate",
            title="First response within SLA, all priorities",
            y_title="within SLA",
            y_format="%",
        ),
    )
    escalations = serving.series(
        "marts.kpi_escalation_response_time",
        "median_escalation_response_minutes, escalated_tickets",
        where="median_escalation_response_minutes is not null",
    )
    per_customer = serving.series(
        "marts.kpi_tickets_per_customer", "tickets_per_customer", where="customers > 0"
    )
    show_side_by_side(
        NoData("no escalated ticket got a response yet.")
        if escalations.empty
        else period_chart(
            escalations,
            "month",
            "median_escalation_response_minutes",
            title="Median escalation response",
            y_title="minutes",
            y_format=",.0f",
        ),
        period_chart(
            per_customer,
            "month",
            "tickets_per_customer",
            title="Tickets per customer",
            y_title="tickets",
            y_format=",.2f",
        ),
    )
    # All priorities together: reopened and one-touch tickets over solved tickets, summed.
    resolution_quality = serving.frame(
        f"""
        with months as (
            select
                month,
                sum(reopened_tickets) / nullif(sum(solved_tickets), 0) as reopen_rate,
                sum(one_touch_tickets) / nullif(sum(solved_tickets), 0) as one_touch_rate,
                {PERIOD_STATUS_SQL} as status
            from marts.kpi_resolution_time
            group by month
            having sum(solved_tickets) > 0
        )
        unpivot months on reopen_rate, one_touch_rate into name rate value value
        order by month
        """
    )
    show(
        period_chart(
            resolution_quality,
            "month",
            "value",
            title="Reopened and one-touch tickets (of solved), all priorities",
            y_title="tickets",
            y_format="%",
            color="rate",
        )
    )
    issue_types = serving.series(
        "marts.kpi_ticket_issue_types", "category, tickets, share_of_tickets", where="tickets > 0"
    )
    show(
        month_bars(
            issue_types,
            "tickets",
            "category",
            title="Tickets by issue type",
            y_title="tickets",
            color_title="issue type",
            share="share_of_tickets",
        )
    )
    with st.expander("Tickets of a month"):
        drill_down(serving, "fct_tickets", "created_at, ticket_id", key="tickets_month")


def by_priority(
    frame: pd.DataFrame, measure: str, *, title: str, y_title: str, y_format: str
) -> alt.LayerChart:
    """A line per ticket priority over months, leaving out the months where a priority
    has no `measure` (no ticket of it answered, resolved or with an SLA)."""
    return period_chart(
        frame.dropna(subset=[measure]),
        "month",
        measure,
        title=title,
        y_title=y_title,
        y_format=y_format,
        color="priority",
    )


def drill_down(serving: Serving, table: str, order_by: str, key: str) -> None:
    """The rows of a fact table for one month, newest month first."""
    months = serving.frame(f"select distinct month from marts.{table} order by month desc")
    month = st.selectbox(
        "Month",
        [value.date() for value in months["month"]],
        format_func="{:%Y-%m}".format,
        key=key,
    )
    rows = serving.frame(
        f"select * from marts.{table} where month = ? order by {order_by} limit 500", [month]
    )
    st.caption(f"marts.{table}, {month:%Y-%m}: {len(rows)} rows (at most 500).")
    st.dataframe(rows, hide_index=True)


def voice_of_customer(serving: Serving) -> None:
    # Every touchpoint together: summed counts, then the score (never an average of
    # the touchpoints' scores).
    scores = serving.frame(
        f"""
        with nps as (
            select
                month,
                100.0 * (sum(promoters) - sum(detractors)) / nullif(sum(responses), 0)
                    as nps,
                {PERIOD_STATUS_SQL} as status
            from marts.kpi_nps
            group by month
        ),
        csat as (
            select month, sum(satisfied_responses) / nullif(sum(responses), 0) as csat
            from marts.kpi_csat
            group by month
        ),
        ces as (
            select month, sum(avg_ces * responses) / nullif(sum(responses), 0) as avg_ces
            from marts.kpi_customer_effort_score
            group by month
        )
        select
            nps.month, nps.nps, csat.csat, ces.avg_ces, cxi.cxi, nps.status
        from nps
        left join csat on nps.month = csat.month
        left join ces on nps.month = ces.month
        left join marts.kpi_customer_experience_index as cxi on nps.month = cxi.month
        order by nps.month
        """
    )
    charts = [
        ("nps", "NPS (all touchpoints)", "NPS (-100 to 100)", ",.0f"),
        ("csat", "CSAT (all touchpoints)", "satisfied", "%"),
        (
            "avg_ces",
            "Customer effort score (all touchpoints)",
            "CES (1-7, higher is easier)",
            ",.2f",
        ),
        ("cxi", "Customer experience index", "CXI (0-100)", ",.1f"),
    ]
    panels: list[Panel] = []
    for measure, title, y_title, y_format in charts:
        series = scores.dropna(subset=[measure])
        panels.append(
            NoData(f"no {title} answers yet.")
            if series.empty
            else period_chart(
                series, "month", measure, title=title, y_title=y_title, y_format=y_format
            )
        )
    for start in range(0, len(panels), 2):
        show_side_by_side(*panels[start : start + 2])
    ratings = serving.series(
        "marts.kpi_resource_ratings", "resource_key, avg_rating, ratings", where="ratings > 0"
    )
    if ratings.empty:
        no_data("no resource was rated yet.")
    else:
        show(
            period_chart(
                ratings,
                "month",
                "avg_rating",
                title="Resource ratings",
                y_title="average rating",
                color="resource_key",
            )
        )
    with st.expander("Survey answers of a month"):
        drill_down(
            serving, "fct_survey_responses", "responded_at, response_id", key="answers_month"
        )


run_page("Support and voice of the customer", render)
