"""`make test` must fail when a lint rule, a data test or a unit test fails: each check
below runs one failing case through the same tool and configuration."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import BIN_DIR, COPY_IGNORE, PROJECT_DIR, DbtRun


def test_sqlfluff_rejects_a_badly_styled_model(tmp_path: Path) -> None:
    model = tmp_path / "bad_model.sql"
    model.write_text("SELECT A,b FROM {{ ref('x') }} GROUP BY 1\n")
    result = subprocess.run(
        [str(BIN_DIR / "sqlfluff"), "lint", "--config", str(PROJECT_DIR / ".sqlfluff"), str(model)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0, result.stdout
    assert "capitalisation" in result.stdout


def test_dbt_build_fails_on_a_failing_data_test_and_unit_test(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=COPY_IGNORE)
    # One model whose data test fails, one whose unit test fails (a failing unit test
    # skips its model, and with it the model's data tests, so they need two models).
    (project / "models" / "probe_data_test.sql").write_text("select 1 as probe_value\n")
    (project / "models" / "probe_unit_test.sql").write_text("select 1 as probe_value\n")
    (project / "models" / "_probes.yml").write_text(
        "version: 2\n"
        "models:\n"
        "  - name: probe_data_test\n"
        "    columns:\n"
        "      - name: probe_value\n"
        "        data_tests:\n"
        "          - accepted_range:\n"
        "              arguments: {min_value: 2}\n"
        "unit_tests:\n"
        "  - name: probe_wrong_expectation\n"
        "    model: probe_unit_test\n"
        "    given: []\n"
        "    expect:\n"
        "      rows:\n"
        "        - {probe_value: 2}\n"
    )
    result = DbtRun(tmp_path, project_dir=project)(
        "build", "--select", "probe_data_test", "probe_unit_test", check=False
    )
    assert result.returncode != 0
    assert "accepted_range_probe_data_test" in result.stdout
    assert "probe_wrong_expectation" in result.stdout
