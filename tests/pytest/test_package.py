"""The project installed as a package (README, "Install it as a package").

`make test-package` builds integration_tests/ (a team's project with this one
installed) and compares its marts with the root build; these tests check what that
build cannot show: the README's vars example is the one integration_tests/ uses, every
var is documented, and, from dbt's parse of the team project, where the package's
models land, that the demo seeds stay off and that a replaced configuration seed is
read from the team's relation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import BIN_DIR, PROJECT_DIR, DbtRun

CONSUMER_DIR = PROJECT_DIR / "integration_tests"
VARS_START = "# --- team vars"
VARS_END = "# --- end team vars"


def _readme_section(title: str) -> str:
    readme = (PROJECT_DIR / "README.md").read_text()
    start = readme.index(f"\n## {title}\n")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end != -1 else None]


def test_readme_vars_example_is_the_one_integration_tests_uses() -> None:
    project = (CONSUMER_DIR / "dbt_project.yml").read_text()
    start = project.index("\n", project.index(VARS_START)) + 1
    consumer_vars = project[start : project.index(VARS_END)].rstrip("\n")
    blocks = re.findall(r"```yaml\n(.*?)\n```", _readme_section("Install it as a package"), re.S)
    assert consumer_vars in blocks, "README's vars example differs from integration_tests/"


def test_every_var_is_in_the_readme_table_and_prefixed() -> None:
    declared = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
    table = _readme_section("Configuration: the KPI definitions are vars and seeds")
    documented = set(re.findall(r"`(saas_kpis_[a-z0-9_]+)`", table))
    assert [name for name in declared if not name.startswith("saas_kpis_")] == []
    assert sorted(set(declared) - documented) == []


def _consumer_copy(tmp_path: Path, extra_files: dict[str, str]) -> Path:
    """integration_tests/ copied, installing this checkout by its absolute path."""
    consumer = tmp_path / "consumer"
    shutil.copytree(
        CONSUMER_DIR,
        consumer,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", "package-lock.yml"),
    )
    (consumer / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_DIR}\n")
    for name, text in extra_files.items():
        (consumer / name).parent.mkdir(parents=True, exist_ok=True)
        (consumer / name).write_text(text)
    return consumer


def _nodes(dbt: DbtRun) -> dict[str, dict]:
    """The team project's models, seeds and unit tests as dbt lists them."""
    # `dbt deps` takes no --target-path, which DbtRun passes to every command.
    subprocess.run(
        [str(BIN_DIR / "dbt"), "deps", "--project-dir", str(dbt.project_dir)],
        cwd=dbt.workdir,
        env={**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR / ".dbt")},
        check=True,
        capture_output=True,
    )
    listed = dbt(
        "--quiet",
        "ls",
        "--resource-type",
        "model",
        "seed",
        "unit_test",
        "--output",
        "json",
        "--output-keys",
        "unique_id",
        "schema",
        "depends_on",
    )
    nodes = [json.loads(line) for line in listed.stdout.splitlines() if line.startswith("{")]
    return {node["unique_id"]: node for node in nodes}


@pytest.fixture(scope="module")
def consumer_nodes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    tmp_path = tmp_path_factory.mktemp("consumer")
    return _nodes(DbtRun(tmp_path, project_dir=_consumer_copy(tmp_path, {})))


def test_installed_schemas_follow_dbt_default_naming(consumer_nodes: dict[str, dict]) -> None:
    schemas = {
        uid.split(".")[-1]: node["schema"]
        for uid, node in consumer_nodes.items()
        if uid.startswith(("model.saas_kpis.", "seed.saas_kpis."))
    }
    assert schemas["dim_accounts"] == "main_marts"
    assert schemas["stg_app__accounts"] == "main_staging"
    assert schemas["int_day_spine"] == "main_intermediate"
    assert schemas["rejected_rows"] == "main_audit"
    assert schemas["onboarding_steps"] == "main_config"


def test_demo_seeds_are_off_when_installed(consumer_nodes: dict[str, dict]) -> None:
    seeds = sorted(uid for uid in consumer_nodes if uid.startswith("seed."))
    assert seeds == [
        f"seed.saas_kpis.{name}"
        for name in (
            "currency_rates",
            "health_score_components",
            "health_score_overrides",
            "onboarding_steps",
            "product_features",
        )
    ]


def test_replaced_config_seed_is_read_from_the_team_relation(
    consumer_nodes: dict[str, dict],
) -> None:
    # every model reads the configuration through its cleaning view
    depends_on = consumer_nodes["model.saas_kpis.stg_config__onboarding_steps"]["depends_on"][
        "nodes"
    ]
    assert "model.saas_kpis_integration_tests.team_onboarding_steps" in depends_on
    assert "seed.saas_kpis.onboarding_steps" not in depends_on
    readers = [
        "model.saas_kpis.int_account_milestones_computed",
        "model.saas_kpis.int_onboarding_steps_required",
        "model.saas_kpis.base_app__onboarding_events",
    ]
    for reader in readers:
        depends_on = consumer_nodes[reader]["depends_on"]["nodes"]
        assert "model.saas_kpis.stg_config__onboarding_steps" in depends_on
        assert "seed.saas_kpis.onboarding_steps" not in depends_on
    # the unit tests feed the cleaning views (stg_config__*) or the models over them, not
    # the seed: all still run
    unit_tests = [uid for uid in consumer_nodes if uid.startswith("unit_test.")]
    assert [uid for uid in unit_tests if "int_account_milestones_computed" in uid]
    assert [uid for uid in unit_tests if "customer_health_daily" in uid]


def test_team_generate_schema_name_names_the_package_schemas(tmp_path: Path) -> None:
    macro = (
        "{% macro generate_schema_name(custom_schema_name, node) -%}\n"
        "    team_{{ custom_schema_name or target.schema }}\n"
        "{%- endmacro %}\n"
    )
    consumer = _consumer_copy(tmp_path, {"macros/generate_schema_name.sql": macro})
    nodes = _nodes(DbtRun(tmp_path, project_dir=consumer))
    assert nodes["model.saas_kpis.dim_accounts"]["schema"] == "team_marts"
    assert nodes["model.saas_kpis_integration_tests.team_onboarding_steps"]["schema"] == (
        "team_main"
    )
