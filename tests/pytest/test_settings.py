"""Every documented setting builds: the demo data with a non-default value of every var
in the README's configuration table (an as_of_date in the past among them), unit tests
included, and the marts move where those vars say they should. Every per-engine var
names a type for every adapter type profiles.example.yml offers."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import PROJECT_DIR, RAW_TABLES_BY_SYSTEM, DbtRun, copy_warehouse, query

# The demo raw tables are copied to this schema, each under a new name, so that the
# location vars (schemas, identifiers) are built with non-default values too.
LANDING_SCHEMA = "landing"
CONFIG_SEEDS = (
    "onboarding_steps",
    "product_features",
    "currency_rates",
    "health_score_components",
    "health_score_overrides",
)

# A non-default value for every var of the README's configuration table.
NON_DEFAULT_VARS = {
    "saas_kpis_as_of_date": "2026-01-31",
    "saas_kpis_activation_window_days": 3,
    "saas_kpis_onboarding_window_days": 10,
    "saas_kpis_onboarding_stage_days": 30,
    "saas_kpis_value_events": ["report_shared"],
    "saas_kpis_trial_conversion_window_days": 10,
    "saas_kpis_gross_margin": 0.6,
    "saas_kpis_first_response_sla_minutes": {"urgent": 30, "high": 60, "normal": 120, "low": 240},
    "saas_kpis_health_band_thresholds": {"healthy": 80, "at_risk": 50},
    "saas_kpis_reporting_currency": "EUR",
    "saas_kpis_activity_lookback_days": 7,
    "saas_kpis_late_load_days": 10,
    "saas_kpis_health_usage_window_days": 14,
    "saas_kpis_health_utilization_window_days": 14,
    "saas_kpis_health_support_window_days": 30,
    "saas_kpis_health_sentiment_window_days": 60,
    "saas_kpis_health_billing_window_days": 30,
    "saas_kpis_load_demo_data": True,
    # a relation of the project itself: the seed, named explicitly
    **{f"saas_kpis_{seed}_relation": seed for seed in CONFIG_SEEDS},
    **{f"saas_kpis_raw_{system}_schema": LANDING_SCHEMA for system in RAW_TABLES_BY_SYSTEM},
    # the DuckDB catalog of the test's warehouse file, named explicitly
    **{f"saas_kpis_raw_{system}_database": "warehouse" for system in RAW_TABLES_BY_SYSTEM},
    **{
        f"saas_kpis_raw_{table}_identifier": f"{system}_{table}"
        for system, tables in RAW_TABLES_BY_SYSTEM.items()
        for table in tables
    },
    "saas_kpis_raw_freshness_warn_after_days": 10000,
    "saas_kpis_raw_freshness_error_after_days": 20000,
    **{
        f"saas_kpis_raw_{system}_freshness_{level}_after_days": days
        for system in RAW_TABLES_BY_SYSTEM
        for level, days in (("warn", 10001), ("error", 20001))
    },
    "saas_kpis_as_of_date_max_load_lag_days": 400,
    "saas_kpis_staging_rejected_share_threshold": 0.5,
    "saas_kpis_staging_check_raw_columns": False,
}
# Per-engine types: one value per adapter type, checked below for every adapter.
PER_ENGINE_VARS = {
    "saas_kpis_type_double",
    "saas_kpis_type_string",
    "saas_kpis_loaded_at_field",
}


def _readme_configuration_vars() -> list[str]:
    """Every var named in the first cell of a row of the README's configuration table."""
    readme = (PROJECT_DIR / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    first_cells = re.findall(r"^\| (`saas_kpis_[^|]+)\|", section, flags=re.MULTILINE)
    return [name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)]


def _project_vars() -> dict:
    return yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]


def test_the_test_sets_every_var_of_the_readme_table() -> None:
    documented = _readme_configuration_vars()
    assert len(documented) >= 40, documented
    assert sorted(documented) == sorted([*NON_DEFAULT_VARS, *PER_ENGINE_VARS])
    defaults = _project_vars()
    for name, value in NON_DEFAULT_VARS.items():
        assert name in defaults, f"{name} is documented but not declared in dbt_project.yml"
        assert value != defaults[name], name


def _vars_read_by_macros() -> dict[str, set[str]]:
    """Each project macro that reads a var of the configuration table: macro -> vars."""
    reads: dict[str, set[str]] = {}
    for path in (PROJECT_DIR / "macros").rglob("*.sql"):
        for name, body in re.findall(
            r"{%-?\s*macro\s+(\w+)\(.*?%}(.*?){%-?\s*endmacro", path.read_text(), re.S
        ):
            found = set(re.findall(r"var\(['\"](\w+)['\"]", body)) & set(NON_DEFAULT_VARS)
            if found:
                reads[name] = found
    return reads


def test_every_unit_test_pins_the_vars_its_model_reads() -> None:
    """A unit test whose model reads a configuration var (directly or through a macro)
    sets it in `overrides: vars`, so that a team's own settings never break the build."""
    models = {path.stem: path.read_text() for path in (PROJECT_DIR / "models").rglob("*.sql")}
    macro_vars = _vars_read_by_macros()
    assert "as_of_date" in macro_vars
    problems = []
    # Unit tests sit in the area files of staging and intermediate, and in each mart's
    # own <model>.yml: read them from every yml.
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        for unit_test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests", []):
            sql = models[unit_test["model"]]
            read = set(re.findall(r"var\(['\"](\w+)['\"]", sql)) & set(NON_DEFAULT_VARS)
            for macro, found in macro_vars.items():
                if re.search(rf"\b{macro}\(", sql):
                    read |= found
            pinned = set((unit_test.get("overrides") or {}).get("vars") or {})
            if read - pinned:
                problems.append(f"{unit_test['name']}: pin {sorted(read - pinned)}")
    assert not problems, "\n".join(problems)


def test_every_per_engine_var_covers_every_profile_type() -> None:
    profiles = yaml.safe_load((PROJECT_DIR / "profiles.example.yml").read_text())
    adapter_types = {
        output["type"]
        for profile in profiles.values()
        if isinstance(profile, dict)
        for output in profile.get("outputs", {}).values()
    }
    assert {"duckdb", "postgres", "spark"} <= adapter_types
    per_engine = {
        name: value
        for name, value in _project_vars().items()
        if isinstance(value, dict) and "duckdb" in value
    }
    assert set(per_engine) >= PER_ENGINE_VARS
    for name, mapping in per_engine.items():
        missing = adapter_types - set(mapping)
        assert not missing, f"var {name} has no value for adapter type(s) {sorted(missing)}"
        assert all(str(mapping[t]).strip() for t in adapter_types), name


def _scalar(warehouse: Path, sql: str) -> object:
    rows = query(warehouse, sql)
    assert rows
    return rows[0][0]


@pytest.fixture(scope="module")
def non_default_build(tmp_path_factory: pytest.TempPathFactory, demo_warehouse: Path) -> Path:
    """The demo data built with every non-default var: models, data tests, unit tests."""
    run = DbtRun(tmp_path_factory.mktemp("non_default"))
    copy_warehouse(demo_warehouse, run.warehouse)
    with duckdb.connect(str(run.warehouse)) as con:
        con.execute(f"create schema {LANDING_SCHEMA}")
        for system, tables in RAW_TABLES_BY_SYSTEM.items():
            for table in tables:
                con.execute(
                    f"create table {LANDING_SCHEMA}.{system}_{table} as select * from raw.{table}"
                )
    run(
        "build",
        "--full-refresh",
        "--exclude",
        "resource_type:seed",
        dbt_vars=NON_DEFAULT_VARS,
    )
    return run.warehouse


# (what moves, SQL on a warehouse; the value with the defaults != the value here)
MOVES = {
    "as_of_date ends the month spine": "select max(month) from marts.kpi_mrr",
    "reporting_currency re-prices MRR": (
        "select mrr from marts.kpi_mrr where month = date '2025-11-01'"
    ),
    "saas_kpis_activation_window_days": (
        "select sum(activated_accounts) from marts.kpi_activation_rate"
    ),
    "saas_kpis_onboarding_window_days": (
        "select sum(accounts_reached) from marts.kpi_onboarding_funnel"
    ),
    "saas_kpis_value_events": (
        "select sum(accounts_reached_value) from marts.kpi_time_to_first_value"
    ),
    "saas_kpis_trial_conversion_window_days": (
        "select sum(converted) from marts.kpi_trial_conversion"
    ),
    "saas_kpis_gross_margin": "select max(gross_margin) from marts.kpi_customer_lifetime_value",
    "saas_kpis_first_response_sla_minutes": (
        "select sum(responded_within_sla) from marts.kpi_first_response_time"
    ),
    "saas_kpis_health_band_thresholds": (
        "select count(*) from marts.customer_health_daily where health_band = 'healthy'"
        " and score_date <= date '2026-01-31'"
    ),
    "saas_kpis_onboarding_stage_days": (
        "select count(*) from marts.customer_health_daily where lifecycle_stage = 'onboarding'"
        " and score_date <= date '2026-01-31'"
    ),
    "health windows": (
        "select sum(usage_score) + sum(support_score) + sum(sentiment_score)"
        " from marts.customer_health_daily where score_date <= date '2026-01-31'"
    ),
}


@pytest.mark.parametrize("what", sorted(MOVES))
def test_a_non_default_var_moves_its_marts(
    what: str, non_default_build: Path, demo_warehouse: Path
) -> None:
    sql = MOVES[what]
    assert _scalar(non_default_build, sql) != _scalar(demo_warehouse, sql), what


def test_the_past_as_of_date_ends_every_mart(non_default_build: Path) -> None:
    assert _scalar(
        non_default_build, "select max(score_date) from marts.customer_health_daily"
    ) == (_scalar(non_default_build, "select date '2026-01-31'"))
    assert (
        _scalar(
            non_default_build,
            "select count(*) from marts.customer_health_daily where health_band = 'healthy'"
            " and health_score < 80",
        )
        == 0
    )
