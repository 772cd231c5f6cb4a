"""What every page shares: the serving copy, read-only queries, and the charts that mark
incomplete months and immature cohorts.

Each page run opens its own read-only connection to the serving copy and closes it when
the run ends, so a copy that `make build` publishes (an atomic rename) is what the next
page load reads, without a restart. The file is attached to a fresh in-memory DuckDB
instance rather than opened with `duckdb.connect(path)`: DuckDB caches the database
instance of a path within a process, and a cached instance would keep serving the
replaced file to every session while any one of them still had it open.

Queries aggregate in DuckDB and return small frames; a page never loads an
account-by-day table into Python.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

PROJECT_DIR = Path(__file__).resolve().parents[1]
# `make dashboard` sets it from the Makefile's SERVING_PATH; tests point it elsewhere.
SERVING_PATH_ENV = "SAAS_KPIS_SERVING_PATH"
DEFAULT_SERVING_PATH = PROJECT_DIR / "warehouse" / "serving" / "saas_kpis.duckdb"

# Legend labels of the markers every time chart carries.
COMPLETE_MONTH = "complete month"
INCOMPLETE_MONTH = "incomplete month"
MATURE_COHORT = "mature cohort"
IMMATURE_COHORT = "immature cohort"
STATUS_DOMAIN = [COMPLETE_MONTH, INCOMPLETE_MONTH, MATURE_COHORT, IMMATURE_COHORT]
STATUS_OPACITY = [1.0, 0.35, 1.0, 0.35]
STATUS_SHAPE = ["circle", "triangle-up", "circle", "triangle-up"]

# SQL for the `status` column of a chart, from a mart's is_complete_month or is_mature.
MONTH_STATUS_SQL = (
    f"case when is_complete_month then '{COMPLETE_MONTH}' else '{INCOMPLETE_MONTH}' end"
)
# The same over a group of months (a quarter): complete only if every month is.
PERIOD_STATUS_SQL = (
    f"case when bool_and(is_complete_month) then '{COMPLETE_MONTH}' else '{INCOMPLETE_MONTH}' end"
)
COHORT_STATUS_SQL = f"case when is_mature then '{MATURE_COHORT}' else '{IMMATURE_COHORT}' end"
# Each signup cohort's is_mature (its onboarding window has closed), for a cohort mart
# that has no is_mature of its own: join it on signup_month.
COHORT_MATURITY_SQL = "(select distinct signup_month, is_mature from marts.kpi_onboarding_funnel)"


@dataclass(frozen=True)
class DashboardPage:
    script: str  # relative to dashboard/
    title: str
    url_path: str  # its address under the server's root: an exposure's `url` ends in it


PAGES = [
    DashboardPage("views/health.py", "Customer health worklist", ""),
    DashboardPage("views/revenue.py", "Revenue", "revenue"),
    DashboardPage("views/onboarding.py", "Onboarding and engagement", "onboarding"),
    DashboardPage("views/support.py", "Support and voice of the customer", "support"),
    DashboardPage("views/data_quality.py", "Data quality", "data-quality"),
]


def serving_path() -> Path:
    """The serving copy this app reads (README, "BI: the serving copy")."""
    configured = os.environ.get(SERVING_PATH_ENV, "").strip()
    return Path(configured) if configured else DEFAULT_SERVING_PATH


@dataclass(frozen=True)
class Publication:
    published_at: datetime
    as_of_date: date


class Serving:
    """One page run's read-only view of the serving copy."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection

    def frame(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """The result of a query as a (small) data frame."""
        return self._connection.execute(sql, list(params or [])).df()

    def value(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """The first column of the first row of a query (None without rows)."""
        row = self._connection.execute(sql, list(params or [])).fetchone()
        return None if row is None else row[0]

    def has_table(self, schema: str, table: str) -> bool:
        return bool(
            self.value(
                "select count(*) from information_schema.tables"
                " where table_catalog = 'serving' and table_schema = ? and table_name = ?",
                [schema, table],
            )
        )

    def publication(self) -> Publication | None:
        """When this copy was published and the as_of_date it reports up to
        (audit.serving_publication, written by saas_kpis.serving)."""
        if not self.has_table("audit", "serving_publication"):
            return None  # a copy published before the table existed
        row = self._connection.execute(
            "select published_at, as_of_date from audit.serving_publication"
        ).fetchone()
        return None if row is None else Publication(published_at=row[0], as_of_date=row[1])

    def series(
        self,
        mart: str,
        columns: str,
        *,
        where: str = "true",
        params: Sequence[Any] | None = None,
        period: str = "month",
        status: str = MONTH_STATUS_SQL,
    ) -> pd.DataFrame:
        """A chart's rows of one mart, in `period` order: the `period` column, `columns`
        and the `status` that marks incomplete months (COHORT_STATUS_SQL: immature
        cohorts), as period_chart and month_bars read them."""
        return self.frame(
            f"select {period}, {columns}, {status} as status"
            f" from {mart} where {where} order by {period}",
            params,
        )

    def options(self, table: str, column: str) -> list[str]:
        """The distinct non-null values of a text column, sorted (for a filter)."""
        frame = self.frame(
            f"select distinct {column} as value from {table}"
            f" where {column} is not null order by value"
        )
        return [str(value) for value in frame["value"]]


@contextmanager
def open_serving(path: Path) -> Iterator[Serving]:
    """A fresh read-only connection to the serving copy at `path`, closed on exit."""
    connection = duckdb.connect(":memory:")
    try:
        quoted = "'" + str(path).replace("'", "''") + "'"
        connection.execute(f"attach {quoted} as serving (read_only)")
        connection.execute("use serving")
        yield Serving(connection)
    finally:
        connection.close()


def run_page(title: str, render: Callable[[Serving], None]) -> None:
    """Render a page over the serving copy, or say how to create one."""
    st.title(title)
    path = serving_path()
    if not path.exists():
        st.warning(
            f"No serving copy at `{path}`. Run `make build` to build the warehouse and"
            " publish it, then reload this page."
        )
        return
    with open_serving(path) as serving:
        publication = serving.publication()
        if publication is not None:
            st.caption(
                f"Data as of {publication.as_of_date:%Y-%m-%d}, published"
                f" {publication.published_at:%Y-%m-%d %H:%M} UTC."
            )
        render(serving)


def no_data(what: str) -> None:
    """The message a section shows instead of a chart when its source delivered nothing."""
    st.info(f"No data: {what}")


@dataclass(frozen=True)
class NoData:
    """A chart's place when its source delivered nothing: show() says `what` instead."""

    what: str


Panel = alt.Chart | alt.LayerChart | NoData


def period_chart(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    title: str,
    y_title: str,
    y_format: str = ",.2f",
    color: str | None = None,
    x_title: str = "month",
    status: str = "status",
) -> alt.Chart:
    """A line over months or cohorts, its points marked by `status` (complete /
    incomplete month, mature / immature cohort), optionally one line per `color`."""
    base = alt.Chart(frame, title=title).encode(
        x=alt.X(f"{x}:T", title=x_title, axis=alt.Axis(format="%Y-%m", tickCount="month")),
        y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
    )
    tooltip = [
        alt.Tooltip(f"{x}:T", title=x_title, format="%Y-%m"),
        alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
        alt.Tooltip(f"{status}:N", title="status"),
    ]
    if color is not None:
        base = base.encode(color=alt.Color(f"{color}:N"))
        tooltip.insert(0, alt.Tooltip(f"{color}:N"))
    line = base.mark_line(strokeWidth=1.5)
    points = base.mark_point(filled=True, size=60).encode(
        shape=status_shape(frame, status),
        opacity=status_opacity(frame, status),
        tooltip=tooltip,
    )
    return line + points


def _status_scale(frame: pd.DataFrame, status: str, marks: list[Any]) -> alt.Scale:
    # Only the statuses present, so a month chart's legend never lists cohort ones.
    present = set(frame[status])
    pairs = [
        (name, mark) for name, mark in zip(STATUS_DOMAIN, marks, strict=True) if name in present
    ]
    return alt.Scale(domain=[name for name, _ in pairs], range=[mark for _, mark in pairs])


def status_shape(frame: pd.DataFrame, status: str = "status") -> alt.Shape:
    """The point shape that marks incomplete months and immature cohorts."""
    return alt.Shape(
        f"{status}:N", title="status", scale=_status_scale(frame, status, STATUS_SHAPE)
    )


def status_opacity(frame: pd.DataFrame, status: str = "status") -> alt.Opacity:
    """The opacity that marks incomplete months and immature cohorts (faded)."""
    return alt.Opacity(
        f"{status}:N", title="status", scale=_status_scale(frame, status, STATUS_OPACITY)
    )


def month_bars(
    frame: pd.DataFrame,
    y: str,
    color: str,
    *,
    title: str,
    y_title: str,
    color_title: str,
    color_scale: alt.Scale | None = None,
    share: str | None = None,
) -> alt.Chart:
    """Bars per month stacked by `color`, faded in incomplete months (the `status`
    column); the tooltip adds the `share` column, as a percentage, when given."""
    tooltip: list[Any] = ["month:T", f"{color}:N", f"{y}:Q"]
    if share is not None:
        tooltip.append(alt.Tooltip(f"{share}:Q", format=".0%"))
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):O", title="month"),
            y=alt.Y(f"{y}:Q", title=y_title),
            color=alt.Color(f"{color}:N", title=color_title, scale=color_scale or alt.Undefined),
            opacity=status_opacity(frame),
            tooltip=[*tooltip, "status:N"],
        )
    )


def select_period(
    label: str, labels: dict[date, str], statuses: Iterable[str], *, key: str
) -> date:
    """A select box of periods (newest first) shown by their `labels`; it starts on the
    newest complete month or mature cohort (`statuses`, in the same order), else on the
    newest period."""
    periods = list(labels)
    settled = [
        period
        for period, status in zip(periods, statuses, strict=True)
        if status in (COMPLETE_MONTH, MATURE_COHORT)
    ]
    default = periods.index(settled[0]) if settled else 0
    return st.selectbox(label, periods, index=default, format_func=labels.__getitem__, key=key)


def show(panel: Panel) -> None:
    """A chart, or the no-data message in its place."""
    if isinstance(panel, NoData):
        no_data(panel.what)
        return
    # Legends below the plot: beside it, a long label squeezes a half-width chart.
    st.altair_chart(panel.configure_legend(orient="bottom", columns=3), width="stretch")


def show_side_by_side(left: Panel, right: Panel) -> None:
    """Two charts in two equal columns: the pages' usual row of a pair of charts."""
    left_column, right_column = st.columns(2)
    with left_column:
        show(left)
    with right_column:
        show(right)
