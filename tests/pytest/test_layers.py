"""The layers keep their homes (README, "Layout"): a mart reads only intermediate models
and other marts, never staging, a seed or a source; money is converted into the
reporting currency in intermediate models only, through the macro
to_reporting_currency, so that the conversion rule is written once."""

from __future__ import annotations

import json
import re

from conftest import DbtRun

RATES_MODEL = "int_currency_rates_filled"
REF_CALL = re.compile(r"""\bref\(\s*['"]([^'"]+)['"]\s*\)""")
SOURCE_CALL = re.compile(r"\bsource\(")
CONFIG_CALL = re.compile(r"\bconfig_relation\(")
# The conversion formula written out (a division by the reporting currency's rate)
# instead of the macro.
CONVERSION_WRITTEN = re.compile(r"/\s*[\w.]*reporting_rate_to_usd")


def _models(dbt: DbtRun) -> tuple[dict, list[dict]]:
    dbt("parse")
    manifest = json.loads((dbt.workdir / "target" / "manifest.json").read_text())
    models = [node for node in manifest["nodes"].values() if node["resource_type"] == "model"]
    return manifest, models


def _layer(node: dict) -> str:
    """staging, intermediate or marts: the folder under models/."""
    return node["original_file_path"].split("/")[1]


def test_marts_read_only_intermediate_models_and_marts(dbt: DbtRun) -> None:
    """What a mart's SQL reads. Its incremental bookkeeping (macros/incremental_changes.sql)
    also depends on the base models, for the raw tables' load times, not their rows."""
    manifest, models = _models(dbt)
    by_name = {node["name"]: node for node in models}
    by_name.update(
        (node["name"], node)
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("seed", "snapshot")
    )
    marts = [node for node in models if _layer(node) == "marts"]
    assert len(marts) >= 35, [node["name"] for node in marts]

    problems: list[str] = []
    for mart in sorted(marts, key=lambda node: node["name"]):
        sql = mart["raw_code"]
        problems += [f"{mart['name']} reads a source" for _ in SOURCE_CALL.findall(sql)]
        problems += [f"{mart['name']} reads a config table" for _ in CONFIG_CALL.findall(sql)]
        for name in REF_CALL.findall(sql):
            parent = by_name.get(name)
            if parent is None or parent["resource_type"] != "model":
                problems.append(f"{mart['name']} reads {name}")
            elif _layer(parent) not in ("intermediate", "marts"):
                problems.append(f"{mart['name']} reads {_layer(parent)} model {name}")
    assert not problems, "A mart reads below intermediate:\n" + "\n".join(problems)


def test_money_is_converted_only_in_intermediate_models_through_one_macro(
    dbt: DbtRun,
) -> None:
    manifest, models = _models(dbt)
    problems: list[str] = []
    for node in sorted(models, key=lambda node: node["name"]):
        reads_rates = any(
            manifest["nodes"].get(parent, {}).get("name") == RATES_MODEL
            for parent in node["depends_on"]["nodes"]
        )
        if reads_rates and _layer(node) != "intermediate":
            problems.append(f"{node['name']} ({_layer(node)}) reads {RATES_MODEL}")
        if CONVERSION_WRITTEN.search(node["raw_code"]):
            problems.append(f"{node['name']} writes the conversion instead of the macro")
        if "to_reporting_currency(" in node["raw_code"] and not reads_rates:
            problems.append(f"{node['name']} converts without joining {RATES_MODEL}")
    assert not problems, "\n".join(problems)
