"""The semantic layer (models/semantic) says what the marts say: every metric, queried
with MetricFlow (the engine of `mf query`) on the demo warehouse at month grain (and at
the mart's other grain, where it has one), equals its KPI mart's column to 1e-9; a cut
by account segment equals a hand sum of the account-grain tables; every saved query
runs; and the README's metric table is the one generated from the metrics' yml."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from dbt_metricflow.cli.cli_configuration import CLIConfiguration
from metricflow.engine.metricflow_engine import MetricFlowQueryRequest

from conftest import COPY_IGNORE, PROJECT_DIR, DbtRun, copy_warehouse
from saas_kpis import semantic_docs

RELATIVE_TOLERANCE = 1e-9
MONTH = "metric_time__month"
SAVED_QUERIES_YML = PROJECT_DIR / "models" / "semantic" / "_saved_queries.yml"
# fct_mrr's categories of an account paying at the start of the month.
AT_START_CATEGORIES = ("expansion", "contraction", "unchanged", "churn")

# Each query: the group-by of one `mf query` call, and for each of its metrics the SQL
# over the warehouse that returns the same keys (month first, then the dimensions) and
# the value the metric must equal. Most are a mart's column as it is; the comments say
# which are not (a month's figure over a mart with a finer grain, summed parts over
# its rows, or a table other than a KPI mart).
QUERIES: dict[tuple[str, ...], dict[str, str]] = {
    (MONTH,): {
        # Onboarding cohorts: metric_time__month of the signup date = signup_month.
        "signed_up_accounts": "select signup_month, accounts from marts.kpi_activation_rate",
        "activated_accounts": (
            "select signup_month, activated_accounts from marts.kpi_activation_rate"
        ),
        "activation_rate": "select signup_month, activation_rate from marts.kpi_activation_rate",
        "onboarding_completed_accounts": (
            "select signup_month, completed_accounts from marts.kpi_onboarding_completion"
        ),
        "onboarding_completion_rate": (
            "select signup_month, completion_rate from marts.kpi_onboarding_completion"
        ),
        "median_days_to_onboard": (
            "select signup_month, median_days_to_onboard from marts.kpi_onboarding_completion"
        ),
        "accounts_reached_value": (
            "select signup_month, accounts_reached_value from marts.kpi_time_to_first_value"
        ),
        "reached_value_rate": (
            "select signup_month, reached_value_rate from marts.kpi_time_to_first_value"
        ),
        "median_days_to_first_value": (
            "select signup_month, median_days_to_first_value from marts.kpi_time_to_first_value"
        ),
        "p90_days_to_first_value": (
            "select signup_month, p90_days_to_first_value from marts.kpi_time_to_first_value"
        ),
        "avg_days_to_first_value": (
            "select signup_month, avg_days_to_first_value from marts.kpi_time_to_first_value"
        ),
        "training_completed_accounts": (
            "select signup_month, training_completed_accounts from marts.kpi_customer_progress"
        ),
        "training_completion_rate": (
            "select signup_month, training_completion_rate from marts.kpi_customer_progress"
        ),
        "median_days_to_complete_training": (
            "select signup_month, median_days_to_complete_training from marts.kpi_customer_progress"
        ),
        # Engagement
        "customers": "select month, customers from marts.kpi_customer_engagement",
        "active_customers": "select month, active_customers from marts.kpi_customer_engagement",
        "engagement_rate": "select month, engagement_rate from marts.kpi_customer_engagement",
        "seats_purchased": "select month, seats_purchased from marts.kpi_license_utilization",
        "licensed_active_users": "select month, active_users from marts.kpi_license_utilization",
        "license_utilization": (
            "select month, license_utilization from marts.kpi_license_utilization"
        ),
        "sessions": "select month, sessions from marts.kpi_time_in_product",
        "total_session_minutes": (
            "select month, total_session_minutes from marts.kpi_time_in_product"
        ),
        "monthly_active_users": "select month, active_users from marts.kpi_time_in_product",
        "avg_session_minutes": "select month, avg_session_minutes from marts.kpi_time_in_product",
        "avg_minutes_per_active_user": (
            "select month, avg_minutes_per_active_user from marts.kpi_time_in_product"
        ),
        # Revenue
        **{
            metric: f"select month, {metric} from marts.kpi_mrr"
            for metric in (
                "mrr",
                "arr",
                "paying_customers",
                "arpu",
                "new_mrr",
                "expansion_mrr",
                "reactivation_mrr",
                "contraction_mrr",
                "churned_mrr",
                "net_new_mrr",
                "fx_adjustment_mrr",
                "gained_mrr",
                "lost_mrr",
                "quick_ratio",
            )
        },
        # Not a kpi_mrr column: the month's new customers over every acquisition
        # channel of kpi_customer_acquisition_cost.
        "new_customers": (
            "select month, sum(new_customers) from marts.kpi_customer_acquisition_cost"
            " group by month"
        ),
        "customers_at_start": "select month, customers_at_start from marts.kpi_customer_churn",
        "churned_customers": "select month, churned_customers from marts.kpi_customer_churn",
        "customer_churn_rate": "select month, customer_churn_rate from marts.kpi_customer_churn",
        # kpi_customer_retention's month rows (its quarter rows compare the quarter's ends).
        "retained_customers": (
            "select period_start, retained_customers from marts.kpi_customer_retention"
            " where period_grain = 'month'"
        ),
        "customer_retention_rate": (
            "select period_start, customer_retention_rate from marts.kpi_customer_retention"
            " where period_grain = 'month'"
        ),
        "retention_starting_mrr": "select month, starting_mrr from marts.kpi_revenue_retention",
        **{
            metric: f"select month, {metric} from marts.kpi_revenue_retention"
            for metric in (
                "net_retained_mrr",
                "gross_retained_mrr",
                "net_revenue_retention",
                "gross_revenue_retention",
                "gross_revenue_churn_rate",
                "starting_mrr_12m",
                "retained_mrr_12m",
                "net_revenue_retention_12m",
            )
        },
        "trials_started": (
            "select trial_start_month, trials_started from marts.kpi_trial_conversion"
        ),
        "trials_converted": "select trial_start_month, converted from marts.kpi_trial_conversion",
        "trial_conversion_rate": (
            "select trial_start_month, conversion_rate from marts.kpi_trial_conversion"
        ),
        "customer_lifetime_value": (
            "select month, customer_lifetime_value from marts.kpi_customer_lifetime_value"
        ),
        "trailing_3m_customer_churn_rate": (
            "select month, trailing_3m_customer_churn_rate from marts.kpi_customer_lifetime_value"
        ),
        # kpi_customer_acquisition_cost is month x channel: the month's spend and new
        # customers over every channel, and their quotient.
        "marketing_spend": (
            "select month, sum(marketing_spend) from marts.kpi_customer_acquisition_cost"
            " group by month"
        ),
        "acquired_customers": (
            "select month, sum(new_customers) from marts.kpi_customer_acquisition_cost"
            " group by month"
        ),
        "cac": (
            "select month, sum(marketing_spend) / nullif(sum(new_customers), 0)"
            " from marts.kpi_customer_acquisition_cost group by month"
        ),
        # Support (month of creation)
        **{
            metric: f"select month, {metric} from marts.kpi_escalation_response_time"
            for metric in (
                "escalated_tickets",
                "responded_escalations",
                "median_escalation_response_minutes",
                "avg_escalation_response_minutes",
            )
        },
        "customer_tickets": "select month, tickets from marts.kpi_tickets_per_customer",
        "tickets_per_customer": (
            "select month, tickets_per_customer from marts.kpi_tickets_per_customer"
        ),
        # Voice of the customer (month of the answer)
        "cxi_respondents": "select month, respondents from marts.kpi_customer_experience_index",
        "effort_score": "select month, effort_score from marts.kpi_customer_experience_index",
        "empathy_score": "select month, empathy_score from marts.kpi_customer_experience_index",
        "understanding_score": (
            "select month, understanding_score from marts.kpi_customer_experience_index"
        ),
        "efficiency_score": (
            "select month, efficiency_score from marts.kpi_customer_experience_index"
        ),
        "cxi": "select month, cxi from marts.kpi_customer_experience_index",
        # The parts of the CXI components: counts and sums of the mart's answers
        # (fct_survey_responses), which kpi_customer_experience_index averages.
        **{
            f"cxi_{component}_{part}": (
                f"select month, {aggregate} from marts.fct_survey_responses"
                f" where survey_type = 'cxi' and question_key = '{component}' group by month"
            )
            for component in ("effort", "empathy", "understanding", "efficiency")
            for part, aggregate in (
                ("answers", "count(*)"),
                ("score_total", "sum(normalized_score)"),
            )
        },
        # kpi_csat and kpi_resource_ratings are month x touchpoint / resource: the
        # month's parts summed over their rows, and the rates of those sums.
        "csat_responses": "select month, sum(responses) from marts.kpi_csat group by month",
        "csat_satisfied_responses": (
            "select month, sum(satisfied_responses) from marts.kpi_csat group by month"
        ),
        "csat": (
            "select month, sum(satisfied_responses) / nullif(sum(responses), 0)"
            " from marts.kpi_csat group by month"
        ),
        "resource_ratings": (
            "select month, sum(ratings) from marts.kpi_resource_ratings group by month"
        ),
        "resource_rating_score_total": (
            "select month, sum(avg_rating * ratings) from marts.kpi_resource_ratings group by month"
        ),
        "avg_resource_rating": (
            "select month, sum(avg_rating * ratings) / sum(ratings)"
            " from marts.kpi_resource_ratings group by month"
        ),
        "helpful_ratings": (
            "select month, sum(helpful_ratings) from marts.kpi_resource_ratings group by month"
        ),
        "helpful_rate": (
            "select month, sum(helpful_ratings) / sum(ratings) from marts.kpi_resource_ratings"
            " group by month"
        ),
        # Health: no KPI mart publishes the mean over account-days; it is the mean of
        # customer_health_daily's scores of the month.
        "avg_health_score": (
            "select date_trunc('month', score_date), avg(health_score)"
            " from marts.customer_health_daily group by 1"
        ),
        # Data quality: the audit table's rows by month of load.
        "rejected_rows": (
            "select date_trunc('month', _loaded_at), count(*) from audit.rejected_rows group by 1"
        ),
    },
    (MONTH, "ticket__priority"): {
        **{
            metric: f"select month, priority, {column} from marts.kpi_first_response_time"
            for metric, column in (
                ("tickets", "tickets"),
                ("responded_tickets", "responded_tickets"),
                ("median_first_response_minutes", "median_first_response_minutes"),
                ("p90_first_response_minutes", "p90_first_response_minutes"),
                ("avg_first_response_minutes", "avg_first_response_minutes"),
                ("responded_within_sla", "responded_within_sla"),
                ("sla_attainment_rate", "sla_attainment_rate"),
            )
        },
        **{
            metric: f"select month, priority, {metric} from marts.kpi_resolution_time"
            for metric in (
                "solved_tickets",
                "median_first_resolution_minutes",
                "median_full_resolution_minutes",
                "reopened_tickets",
                "reopen_rate",
                "one_touch_tickets",
                "one_touch_rate",
            )
        },
    },
    (MONTH, "survey_response__touchpoint"): {
        "nps_responses": "select month, touchpoint, responses from marts.kpi_nps",
        "promoters": "select month, touchpoint, promoters from marts.kpi_nps",
        "detractors": "select month, touchpoint, detractors from marts.kpi_nps",
        "nps": "select month, touchpoint, nps from marts.kpi_nps",
        "ces_responses": (
            "select month, touchpoint, responses from marts.kpi_customer_effort_score"
        ),
        # The sum of the answers kpi_customer_effort_score averages.
        "ces_score_total": (
            "select month, touchpoint, avg_ces * responses from marts.kpi_customer_effort_score"
        ),
        "avg_ces": "select month, touchpoint, avg_ces from marts.kpi_customer_effort_score",
        "low_effort_responses": (
            "select month, touchpoint, low_effort_responses from marts.kpi_customer_effort_score"
        ),
        "low_effort_rate": (
            "select month, touchpoint, low_effort_rate from marts.kpi_customer_effort_score"
        ),
    },
    (MONTH, "onboarding_funnel_step__step_key"): {
        metric: f"select signup_month, step_key, {column} from marts.kpi_onboarding_funnel"
        for metric, column in (
            ("funnel_cohort_accounts", "accounts"),
            ("funnel_accounts_reached", "accounts_reached"),
            ("funnel_previous_accounts_reached", "previous_accounts_reached"),
            ("funnel_accounts_dropped", "previous_accounts_reached - accounts_reached"),
            ("funnel_conversion_from_start", "conversion_from_start"),
            ("funnel_conversion_from_previous", "conversion_from_previous"),
            ("funnel_drop_off_rate", "drop_off_rate"),
        )
    },
    (MONTH, "product_adoption_month__feature_key"): {
        metric: f"select month, feature_key, {column} from marts.kpi_product_adoption"
        for metric, column in (
            ("adopting_customers", "adopting_customers"),
            ("adoption_active_customers", "active_customers"),
            ("adoption_rate", "adoption_rate"),
        )
    },
    (MONTH, "ticket_issue_type_month__category"): {
        metric: f"select month, category, {column} from marts.kpi_ticket_issue_types"
        for metric, column in (
            ("issue_type_tickets", "tickets"),
            ("issue_type_month_tickets", "month_tickets"),
            ("share_of_tickets", "share_of_tickets"),
        )
    },
    (MONTH, "customer_health_day__health_band"): {
        metric: f"select month, health_band, {column} from marts.kpi_health_score_summary"
        for metric, column in (
            ("month_end_scored_accounts", "accounts"),
            ("month_end_health_score_total", "total_health_score"),
            ("month_end_avg_health_score", "avg_health_score"),
        )
    },
    (MONTH, "health_backtest_month__health_band"): {
        metric: f"select month, health_band, {column} from marts.kpi_health_score_backtest"
        for metric, column in (
            ("backtest_accounts", "accounts"),
            ("churned_within_90d", "churned_within_90d"),
            ("churn_rate_90d", "churn_rate_90d"),
        )
    },
}


@pytest.fixture(scope="module")
def metricflow(tmp_path_factory: pytest.TempPathFactory, demo_warehouse: Path) -> MetricFlow:
    """MetricFlow in this process (the engine behind `mf query`; its start-up costs
    seconds, a query well under one) on a copy of the demo warehouse with its own dbt
    artifacts, in a folder MetricFlow reads as the project: a link to dbt_project.yml
    and target/ (as the Makefile's TEST_PROJECT_DIR)."""
    run = DbtRun(tmp_path_factory.mktemp("semantic"))
    copy_warehouse(demo_warehouse, run.warehouse)
    run("parse")
    (run.workdir / "dbt_project.yml").symlink_to(PROJECT_DIR / "dbt_project.yml")
    return MetricFlow(run.workdir, run.warehouse)


class MetricFlow:
    """Metric queries, and plain SQL over the same connection (DuckDB lets one process
    open a file with one configuration only)."""

    def __init__(self, project_dir: Path, warehouse: Path) -> None:
        profile_env = {"DBT_DUCKDB_PATH": str(warehouse), "DBT_TARGET": "duckdb"}
        saved_env = {name: os.environ.get(name) for name in profile_env}
        os.environ.update(profile_env)  # the profile reads them when it is loaded
        try:
            self._configuration = CLIConfiguration()
            self._configuration.setup(
                dbt_profiles_path=PROJECT_DIR / ".dbt",
                dbt_project_path=project_dir,
                configure_file_logging=False,
            )
        finally:
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def query(self, request: MetricFlowQueryRequest) -> list[dict]:
        table = self._configuration.mf.query(request).result_df
        return [dict(zip(table.column_names, row, strict=True)) for row in table.rows]

    def metrics(self, metrics: list[str], group_by: tuple[str, ...]) -> list[dict]:
        """What `mf query --metrics ... --group-by ...` prints, one dict per row."""
        return self.query(
            MetricFlowQueryRequest.create(metric_names=metrics, group_by_names=group_by)
        )

    def sql(self, sql: str) -> list[tuple]:
        return list(self._configuration.sql_client.query(sql).rows)


def _key(values: list) -> tuple[str, ...]:
    # A month comes back as a timestamp from MetricFlow and as a date from the marts.
    texts = [str(value) for value in values]
    return (texts[0][:10], *texts[1:])


def _number(value: object) -> float | None:
    return None if value is None else float(value)


def _same(actual: float | None, expected: float | None) -> bool:
    # MetricFlow has no row (null) where a fact table has none; the marts have a row
    # for every month with zero counts.
    if actual is None or expected is None:
        return (actual or 0) == (expected or 0)
    return math.isclose(actual, expected, rel_tol=RELATIVE_TOLERANCE, abs_tol=RELATIVE_TOLERANCE)


def _mismatches(
    expected: dict[str, dict[tuple, float | None]], rows: list[dict], group_by: tuple[str, ...]
) -> list[tuple]:
    mismatches = []
    for metric, values in expected.items():
        actual = {_key([row[column] for column in group_by]): _number(row[metric]) for row in rows}
        for key in values.keys() | actual.keys():
            if not _same(actual.get(key), values.get(key)):
                mismatches.append((metric, key, actual.get(key), values.get(key)))
    return mismatches


def test_every_metric_is_checked_against_the_marts() -> None:
    metrics = {metric["name"] for metric in semantic_docs.load_metrics()}
    checked = {metric for queries in QUERIES.values() for metric in queries}
    assert metrics - checked == set(), "metrics without a check in QUERIES"
    assert checked - metrics == set(), "checks of metrics that do not exist"


@pytest.mark.parametrize("group_by", list(QUERIES), ids=lambda group_by: ",".join(group_by))
def test_metrics_equal_the_marts(metricflow: MetricFlow, group_by: tuple[str, ...]) -> None:
    checks = QUERIES[group_by]
    expected = {
        metric: {_key(row[:-1]): _number(row[-1]) for row in metricflow.sql(sql)}
        for metric, sql in checks.items()
    }
    rows = metricflow.metrics(list(checks), group_by)
    assert rows, "MetricFlow returned no rows"
    mismatches = _mismatches(expected, rows, group_by)
    assert not mismatches, f"(metric, {group_by}, MetricFlow, mart):\n" + "\n".join(
        map(str, mismatches[:40])
    )


def test_a_cut_by_segment_is_a_hand_sum_of_the_account_tables(metricflow: MetricFlow) -> None:
    """MRR, churn and activation per month and account segment, through the `account`
    entity (dim_accounts), equal sums over fct_mrr and fct_account_onboarding."""
    segments = dict(metricflow.sql("select account_id, segment from marts.dim_accounts"))
    expected: dict[str, dict[tuple, float | None]] = defaultdict(lambda: defaultdict(float))
    for account_id, month, mrr, category in metricflow.sql(
        "select account_id, month, mrr, change_category from marts.fct_mrr"
    ):
        key = _key([month, segments[account_id]])
        expected["mrr"][key] += mrr
        expected["customers_at_start"][key] += category in AT_START_CATEGORIES
        expected["churned_customers"][key] += category == "churn"
    for account_id, signup_month, is_activated in metricflow.sql(
        "select account_id, signup_month, is_activated from marts.fct_account_onboarding"
    ):
        key = _key([signup_month, segments[account_id]])
        expected["signed_up_accounts"][key] += 1
        expected["activated_accounts"][key] += is_activated
    for key, churned in expected["churned_customers"].items():
        at_start = expected["customers_at_start"][key]
        expected["customer_churn_rate"][key] = churned / at_start if at_start else None
    for key, activated in expected["activated_accounts"].items():
        expected["activation_rate"][key] = activated / expected["signed_up_accounts"][key]

    group_by = (MONTH, "account__segment")
    rows = metricflow.metrics(list(expected), group_by)
    assert len({row["account__segment"] for row in rows}) > 1, "the demo data has several segments"
    mismatches = _mismatches(expected, rows, group_by)
    assert not mismatches, "\n".join(map(str, mismatches[:40]))


def test_every_saved_query_runs(metricflow: MetricFlow) -> None:
    """`mf validate-configs` checks the saved queries' names, not that they run."""
    saved_queries = yaml.safe_load(SAVED_QUERIES_YML.read_text())["saved_queries"]
    for saved_query in saved_queries:
        request = MetricFlowQueryRequest.create(saved_query_name=saved_query["name"])
        assert metricflow.query(request), f"saved query {saved_query['name']} returned no rows"


def test_readme_lists_every_metric_from_the_metrics_yml() -> None:
    readme = (PROJECT_DIR / "README.md").read_text()
    assert semantic_docs.render_readme(readme) == readme, (
        "README's metric table is out of date: run `.venv/bin/python -m saas_kpis.semantic_docs`"
    )


def _readme_semantic_section() -> str:
    readme = (PROJECT_DIR / "README.md").read_text()
    return readme.split("\n## Semantic layer\n", 1)[1].split("\n## ", 1)[0]


def _code_blocks(section: str) -> list[str]:
    return section.split("```")[1::2]


def test_readme_semantic_commands_work_after_a_generated_build(
    tmp_path: Path, demo_warehouse: Path
) -> None:
    """The README's commands in any order (issue 21): after `make build`, a generated
    build must leave the built warehouse's artifacts alone, so the README's `mf`
    commands still query the built warehouse (and print what the README shows), and the
    README's command for the generated warehouse queries that one. A copy of the
    project; `make build` is stood in for by the demo warehouse and `dbt parse`, which
    leave target/ as it would; the generated data is tiny (200 accounts, 3 months)."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=COPY_IGNORE)
    (project / ".venv").symlink_to(PROJECT_DIR / ".venv")
    built = project / "warehouse" / "saas_kpis.duckdb"
    built.parent.mkdir()
    copy_warehouse(demo_warehouse, built)
    # The copy's Makefile sets its own dbt variables; a parent make's flags stay out.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DBT_", "MAKE", "MFLAGS"))
    }
    env["DBT_PROFILES_DIR"] = str(project / ".dbt")

    def run(command: str) -> str:
        result = subprocess.run(
            command, shell=True, cwd=project, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{command}\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
        return result.stdout

    run("make setup && .venv/bin/dbt parse")
    run("make generate ACCOUNTS=200 MONTHS=3 && make build-generated ACCOUNTS=200")

    section = _readme_semantic_section()
    commands, printed, *_, generated = _code_blocks(section)
    mf_commands = [line for line in commands.splitlines() if line.startswith(".venv/bin/mf ")]
    first_query = next(
        command for command in mf_commands if command.startswith(".venv/bin/mf query")
    )
    outputs = {command: run(command) for command in mf_commands}
    # "The first query on the demo warehouse prints:" and the README shows the table.
    for line in printed.strip().splitlines():
        assert line in outputs[first_query], (
            f"README shows {line!r}; {first_query} printed:\n{outputs[first_query]}"
        )
    run(generated.replace("bash\n", "", 1).replace("10000", "200").replace("\\\n", " "))
