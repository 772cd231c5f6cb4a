"""The dashboards (dashboard/), run in process with Streamlit's app testing: every page on
the demo serving copy, on a warehouse whose support, survey and marketing tables were
delivered empty, and with no serving copy at all. The browser test is tests/browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from conftest import PROJECT_DIR, DbtRun, copy_warehouse
from dashboard.queries import PAGES as DASHBOARD_PAGES
from saas_kpis.serving import publish

APP = PROJECT_DIR / "dashboard" / "app.py"
PAGES = [page.script for page in DASHBOARD_PAGES]
# Raw tables of the systems a team may not have (DECISIONS: optional sources).
OPTIONAL_RAW_TABLES = ["tickets", "ticket_events", "survey_responses", "marketing_spend"]
# A page run on the demo data takes well under a second; this bounds a slow machine.
RUN_TIMEOUT = 60


def run_page(page: str) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT).run()
    if page != PAGES[0]:  # the first page is the default one
        app.switch_page(page).run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def page_text(app: AppTest) -> str:
    """Every text a page shows outside its charts and tables."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning"):
        texts += [str(element.value) for element in getattr(app, kind)]
    texts += [f"{metric.label} {metric.value}" for metric in app.metric]
    texts += [str(box.value) for box in app.selectbox]
    return "\n".join(texts)


def charts(app: AppTest) -> int:
    return len(app.get("vega_lite_chart"))


@pytest.fixture(scope="module")
def demo_serving(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    serving = tmp_path_factory.mktemp("serving") / "saas_kpis.duckdb"
    publish(demo_warehouse, serving)
    return serving


@pytest.fixture
def served(demo_serving: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SAAS_KPIS_SERVING_PATH", str(demo_serving))
    yield demo_serving


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_serving_copy(served: Path, page: str) -> None:
    app = run_page(page)
    assert charts(app) >= 1
    with duckdb.connect(str(served), read_only=True) as serving:
        row = serving.execute("select as_of_date from audit.serving_publication").fetchone()
    as_of_date = row[0]
    assert f"Data as of {as_of_date:%Y-%m-%d}" in page_text(app)
    assert "No data" not in page_text(app)


def test_revenue_shows_the_latest_complete_months_mrr(served: Path) -> None:
    with duckdb.connect(str(served), read_only=True) as serving:
        month, mrr = serving.execute(
            "select month, mrr from marts.kpi_mrr where is_complete_month"
            " order by month desc limit 1"
        ).fetchone()
    app = run_page("views/revenue.py")
    metric = app.metric[0]
    assert metric.label == f"MRR, {month:%Y-%m} (latest complete month)"
    assert metric.value == f"{mrr:,.2f}"


def test_worklist_starts_with_the_riskiest_account(served: Path) -> None:
    with duckdb.connect(str(served), read_only=True) as serving:
        first = serving.execute(
            "select account_id, account_name, health_score from marts.customer_health_current"
            " order by health_risk_rank limit 1"
        ).fetchone()
        accounts = serving.execute("select count(*) from marts.customer_health_current").fetchone()
    app = run_page(PAGES[0])
    worklist = app.dataframe[0].value
    assert len(worklist) == accounts[0]
    assert tuple(worklist.iloc[0][["account_id", "account_name", "health_score"]]) == first
    assert f"Riskiest account: **{first[1]}** ({first[0]})" in page_text(app)
    # The account chosen for the 90-day history is the first of the worklist.
    assert app.selectbox(key="account").value == first[0]


def test_worklist_filters_by_band(served: Path) -> None:
    app = run_page(PAGES[0])
    app.multiselect(key="filter_health_band").select("healthy").run()
    assert not app.exception
    assert set(app.dataframe[0].value["health_band"]) == {"healthy"}


def test_switching_grain_and_month_reaggregates_without_error(served: Path) -> None:
    app = run_page("views/revenue.py")
    app.radio(key="retention_grain").set_value("quarter").run()
    months = app.selectbox(key="bridge_month")
    months.select_index(len(months.options) - 1).run()  # the first month: no start MRR
    assert not app.exception, [exception.value for exception in app.exception]
    assert charts(app) >= 1


def test_data_quality_shows_the_rejected_rows_and_a_stalled_feed(served: Path) -> None:
    with duckdb.connect(str(served), read_only=True) as serving:
        rejected = serving.execute("select count(*) from audit.rejected_rows").fetchone()[0]
    app = run_page("views/data_quality.py")
    assert f"{rejected} raw rows could not be used" in page_text(app)
    # The demo data ends in March 2026, long before the day this test runs.
    assert any("Stalled feed" in str(error.value) for error in app.error)


@pytest.fixture(scope="module")
def empty_sources_serving(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse rebuilt after its support, survey and marketing tables were
    delivered empty (the demo seeds emptied in place), then published."""
    run = DbtRun(tmp_path_factory.mktemp("empty_sources"))
    copy_warehouse(demo_warehouse, run.warehouse)
    with duckdb.connect(str(run.warehouse)) as connection:
        for table in OPTIONAL_RAW_TABLES:
            connection.execute(f"delete from raw.{table}")
    run("run", "--full-refresh")
    serving = run.workdir / "serving" / "saas_kpis.duckdb"
    publish(run.warehouse, serving)
    return serving


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_support_survey_or_marketing_data(
    empty_sources_serving: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("SAAS_KPIS_SERVING_PATH", str(empty_sources_serving))
    app = run_page(page)
    text = page_text(app)
    if page == "views/support.py":
        assert "No data: no support tickets were delivered" in text
        assert "No data: no survey answers were delivered" in text
    elif page == "views/revenue.py":
        assert "No data: no marketing spend was delivered" in text
        assert charts(app) >= 1
    else:
        assert charts(app) >= 1


@pytest.mark.parametrize("page", PAGES)
def test_without_a_serving_copy_every_page_says_to_run_make_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("SAAS_KPIS_SERVING_PATH", str(tmp_path / "missing.duckdb"))
    app = run_page(page)
    assert "Run `make build`" in app.warning[0].value
    assert charts(app) == 0


def test_each_exposure_links_to_its_page() -> None:
    exposures = yaml.safe_load((PROJECT_DIR / "models" / "marts" / "_exposures.yml").read_text())
    page_paths = {page.url_path for page in DASHBOARD_PAGES}
    for exposure in exposures["exposures"]:
        url = urlparse(exposure["url"])
        assert (url.hostname, url.port) == ("127.0.0.1", 8501), exposure["name"]
        assert url.path.strip("/") in page_paths, exposure["name"]
