"""Documentation is part of the contract: every model, and every column of every mart,
has a description (checked against the columns the warehouse really has)."""

from __future__ import annotations

import json

from conftest import DbtRun


def test_every_model_and_mart_column_is_described(demo_dbt: DbtRun) -> None:
    demo_dbt("docs", "generate")
    manifest = json.loads((demo_dbt.workdir / "target" / "manifest.json").read_text())
    catalog = json.loads((demo_dbt.workdir / "target" / "catalog.json").read_text())

    missing: list[str] = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model":
            continue
        if not node["description"].strip():
            missing.append(f"{node['name']}: model description")
        if node["config"]["schema"] != "marts" and node.get("access") != "public":
            continue
        described = {
            name.lower()
            for name, column in node["columns"].items()
            if column["description"].strip()
        }
        built_columns = catalog["nodes"].get(unique_id, {}).get("columns", {})
        missing += [
            f"{node['name']}.{column}"
            for column in sorted(name.lower() for name in built_columns)
            if column not in described
        ]
    for source in manifest["sources"].values():
        if not source["description"].strip():
            missing.append(f"source {source['source_name']}.{source['name']}: description")
    assert not missing, "Undocumented:\n" + "\n".join(missing)
