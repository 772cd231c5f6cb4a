"""The dashboards in a real browser (`make test-browser`, run by CI): the app server on a
free loopback port, driven by headless Chromium (Debian's package, through Playwright).
Every page renders a chart, no error and a figure of the demo data; the screenshots land
in docs/images/; a serving copy published while the server runs shows on the next load.

The pytest suite's helpers (tests/pytest/conftest.py) are on the path: make test-browser
sets PYTHONPATH. Every wait is bounded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import PROJECT_DIR, DbtRun, copy_warehouse, demo_warehouse_run
from dashboard.queries import PAGES, DashboardPage
from saas_kpis.serving import publish

CHROMIUM = os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium")
# Playwright cannot download its own browser here: Debian's chromium, with the flags a
# sandboxed, offline CI machine needs.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(os.environ.get("DASHBOARD_SCREENSHOTS", PROJECT_DIR / "docs" / "images"))
SERVER_START_SECONDS = 90
PAGE_TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1000}
# The later as_of_date the second published copy reports up to.
LATER_BY_DAYS = 3


def demo_figures(serving: Path) -> dict[str, str]:
    """A figure of the demo data each page shows as text, read from the marts."""
    with duckdb.connect(str(serving), read_only=True) as marts:

        def one(sql: str) -> tuple:
            row = marts.execute(sql).fetchone()
            assert row is not None, sql
            return row

        account_id, account_name, health_score = one(
            "select account_id, account_name, health_score from marts.customer_health_current"
            " order by health_risk_rank limit 1"
        )
        mrr = one(
            "select mrr from marts.kpi_mrr where is_complete_month order by month desc limit 1"
        )[0]
        cohort, accounts = one(
            "select signup_month, max(accounts) from marts.kpi_onboarding_funnel"
            " where is_mature and accounts > 0 group by signup_month"
            " order by signup_month desc limit 1"
        )
        tickets_month = one(
            "select month from marts.kpi_first_response_time where is_complete_month"
            " group by month order by month desc limit 1"
        )[0]
        rejected = one("select count(*) from audit.rejected_rows")[0]
    return {  # by page script
        "views/health.py": f"Riskiest account: {account_name} ({account_id}), health score"
        f" {health_score:.1f}",
        "views/revenue.py": f"{mrr:,.2f}",
        "views/onboarding.py": f"{cohort:%Y-%m} ({accounts} accounts)",
        "views/support.py": f"Tickets, {tickets_month:%Y-%m} (latest complete month)",
        "views/data_quality.py": f"{rejected} raw rows could not be used",
    }


def as_of_date(warehouse: Path) -> date:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        row = connection.execute("select max(date_day) from intermediate.int_day_spine").fetchone()
    assert row is not None
    return row[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """The demo warehouse: a copy of SAAS_KPIS_DEMO_WAREHOUSE (CI passes the one `make
    test` built), else seeded and built here."""
    return demo_warehouse_run(DbtRun(tmp_path_factory.mktemp("demo")), "run")


@pytest.fixture(scope="module")
def later_warehouse(demo: DbtRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse rebuilt a few days later (the saas_kpis_as_of_date var), as the next
    nightly build would leave it."""
    run = DbtRun(tmp_path_factory.mktemp("later"))
    copy_warehouse(demo.warehouse, run.warehouse)
    later = as_of_date(demo.warehouse) + timedelta(days=LATER_BY_DAYS)
    run("run", dbt_vars={"saas_kpis_as_of_date": later.isoformat()})
    return run.warehouse


@pytest.fixture(scope="module")
def serving(demo: DbtRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serving") / "saas_kpis.duckdb"
    publish(demo.warehouse, path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(serving: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app server (as `make dashboard` starts it) on a free loopback port."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "SAAS_KPIS_SERVING_PATH": str(serving)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            assert process.poll() is None, log.read_text()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"no server after {SERVER_START_SECONDS} s"
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.new_page(viewport=VIEWPORT)
    tab.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield tab
    finally:
        tab.close()


def wait_until_rendered(page: Page, title: str) -> None:
    """The page's script has run and a chart has been drawn."""
    expect(page.locator("h1")).to_contain_text(title)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_selector(
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
    )


def save_screenshot(page: Page, name: str) -> None:
    """The whole page (its content scrolls inside the app, so the viewport grows to it),
    scaled and reduced to a palette: small enough to commit."""
    height = page.evaluate(
        "document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight"
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(height) + 100})
    page.wait_for_timeout(1000)  # charts re-fit the new viewport
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target))
    with Image.open(target) as image:
        width, height = image.size
        small = image.convert("RGB").resize((width * 2 // 3, height * 2 // 3), Image.LANCZOS)
        small.quantize(colors=64).save(target, optimize=True)


@pytest.mark.parametrize("dashboard_page", PAGES, ids=[page.title for page in PAGES])
def test_every_page_renders_charts_and_demo_figures(
    server: str, serving: Path, page: Page, dashboard_page: DashboardPage
) -> None:
    page.goto(f"{server}/{dashboard_page.url_path}")
    wait_until_rendered(page, dashboard_page.title)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    expect(page.locator("body")).to_contain_text(demo_figures(serving)[dashboard_page.script])
    save_screenshot(page, Path(dashboard_page.script).stem)


def test_a_newly_published_copy_shows_on_the_next_page_load(
    server: str, serving: Path, demo: DbtRun, later_warehouse: Path, page: Page
) -> None:
    data_quality = PAGES[-1]
    page.goto(f"{server}/{data_quality.url_path}")
    wait_until_rendered(page, data_quality.title)
    before = as_of_date(demo.warehouse)
    expect(page.locator("body")).to_contain_text(f"Data as of {before:%Y-%m-%d}")

    publish(later_warehouse, serving)  # what `make build` does, while the server runs
    page.reload()
    wait_until_rendered(page, data_quality.title)
    expect(page.locator("body")).to_contain_text(
        f"Data as of {as_of_date(later_warehouse):%Y-%m-%d}"
    )
    assert page.locator('[data-testid="stException"]').count() == 0
