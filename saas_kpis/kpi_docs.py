"""docs/kpis.md, generated from dbt's manifest: every mart with its grain, definition,
columns, checks, vars and config seeds.

A KPI's definition lives once, in its model's yml beside its SQL and the area's doc
blocks (models/marts/<area>/<model>.yml, _<area>__docs.md); this page only gathers
them (with links to every check of the mart), so it is never edited by hand.
Regenerate it after changing a mart's yml, a doc block, a check or a var
(`make kpi-docs`); tests/pytest/test_docs.py fails when it is stale.

    python -m saas_kpis.kpi_docs --manifest target/manifest.json --out docs/kpis.md
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
PACKAGE = "saas_kpis"
# The demo data's hand-checked KPI values (tests/pytest/test_known_answers.py).
KNOWN_ANSWERS = "tests/fixtures/known_answers.csv"

# Areas in the order a reader meets them (the README's table of marts).
AREAS: dict[str, str] = {
    "core": "Accounts",
    "onboarding": "Onboarding",
    "engagement": "Engagement and adoption",
    "revenue": "Revenue and retention",
    "support": "Support",
    "voice_of_customer": "Voice of the customer",
    "health": "Customer health",
}

# Vars that change how the project runs, never what a KPI means: the engine's spelling
# of a type, how far back an incremental run re-processes or picks up late loads,
# whether staging inspects the raw tables' columns.
NON_DEFINITION_VARS = {
    "saas_kpis_type_double",
    "saas_kpis_activity_lookback_days",
    "saas_kpis_late_load_days",
    "saas_kpis_staging_check_raw_columns",
}

# A var named by a literal; a name built from parts (config_relation's
# `saas_kpis_<seed>_relation`) is not one var, and its seed is listed as a seed.
VAR_CALL = re.compile(r"""\bvar\(\s*['"](\w+)['"]\s*[,)]""")

# A cite of docs/decisions.md in code or docs: "DECISIONS 19", "DECISIONS 3, 44",
# "DECISIONS 54/66", "DECISIONS 37-43", "DECISIONS 15 and 60", "decision 39", also
# broken over a comment line ("DECISIONS\n-- 17"). Group 1 holds the numbers.
DECISION_CITE = re.compile(
    r"\bdecisions?\b(?:\s|--|#)*(\d+(?:\s*(?:,|/|-|\band\b)\s*\d+)*)", re.IGNORECASE
)
DECISION_HEADING = re.compile(r"^### (\d+)\. (.+)$", re.MULTILINE)
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
HTML_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"", re.IGNORECASE)


def cited_numbers(numbers: str) -> list[int]:
    """'3, 44' -> [3, 44]; '37-39' -> [37, 38, 39]; '54/66' -> [54, 66]."""
    cited: list[int] = []
    for part in re.split(r"\s*(?:,|/|\band\b)\s*", numbers):
        first, _, last = re.sub(r"\s", "", part).partition("-")
        cited += range(int(first), int(last or first) + 1)
    return cited


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to
    hyphens (`### 19. Windows are ...` -> `19-windows-are-...`)."""
    text = re.sub(r"[^\w\- ]", "", re.sub(r"<[^>]+>", "", heading).strip().lower())
    return text.replace(" ", "-")


def markdown_anchors(markdown: str) -> set[str]:
    """Every anchor of a page: its headings' (repeats numbered -1, -2, ... as GitHub
    does) and explicit <a id/name> anchors."""
    anchors: set[str] = set(HTML_ANCHOR.findall(markdown))
    seen: dict[str, int] = {}
    for heading in MARKDOWN_HEADING.findall(FENCE.sub("", markdown)):
        anchor = heading_anchor(heading)
        anchors.add(anchor if anchor not in seen else f"{anchor}-{seen[anchor]}")
        seen[anchor] = seen.get(anchor, 0) + 1
    return anchors


def decision_anchors(decisions_markdown: str) -> dict[int, str]:
    """Number -> anchor of each `### n. ...` heading of docs/decisions.md."""
    return {
        int(number): heading_anchor(f"{number}. {title}")
        for number, title in DECISION_HEADING.findall(decisions_markdown)
    }


def link_decisions(text: str, anchors: dict[int, str]) -> str:
    """Each number of each cite in `text` as a link into decisions.md."""

    def link_numbers(cite: re.Match) -> str:
        start, end = cite.span(1)
        numbers = re.sub(
            r"\d+",
            lambda number: (
                f"[{number.group(0)}](decisions.md#{anchors[int(number.group(0))]})"
                if int(number.group(0)) in anchors
                else number.group(0)
            ),
            cite.group(1),
        )
        whole = cite.group(0)
        return whole[: start - cite.start()] + numbers + whole[end - cite.start() :]

    return DECISION_CITE.sub(link_numbers, text)


def one_line(text: str) -> str:
    """A description as one table cell: whitespace collapsed, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def format_default(value: object) -> str:
    if value is None:
        return "unset"
    text = yaml.safe_dump(value, default_flow_style=True, width=1000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def is_staging(node: dict) -> bool:
    """A model that reads raw data. The config seeds' cleaning views (staging/config) are
    not: a mart's definition runs through them to its configuration seeds."""
    path = node["original_file_path"]
    return path.startswith("models/staging/") and not path.startswith("models/staging/config/")


def upstream(manifest: dict, node_id: str) -> tuple[set[str], set[str]]:
    """The models (staging excluded) and macros a mart is computed from, itself included:
    the code whose vars define it."""
    models: set[str] = set()
    macros: set[str] = set()
    pending = [node_id]
    while pending:
        current = pending.pop()
        if current in models:
            continue
        models.add(current)
        node = manifest["nodes"][current]
        pending += [
            parent
            for parent in node["depends_on"]["nodes"]
            if parent.startswith("model.") and not is_staging(manifest["nodes"][parent])
        ]
        macros |= macro_closure(manifest, node["depends_on"]["macros"])
    return models, macros


def macro_closure(manifest: dict, macro_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    pending = [macro_id for macro_id in macro_ids if macro_id in manifest["macros"]]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        pending += [
            parent
            for parent in manifest["macros"][current]["depends_on"]["macros"]
            if parent in manifest["macros"]
        ]
    return found


def vars_and_seeds(manifest: dict, node_id: str) -> tuple[list[str], list[str]]:
    models, macros = upstream(manifest, node_id)
    code = [manifest["nodes"][model]["raw_code"] for model in models]
    code += [manifest["macros"][macro]["macro_sql"] for macro in macros]
    used_vars = {name for text in code for name in VAR_CALL.findall(text)}
    seeds = {
        parent.split(".")[-1]
        for model in models
        for parent in manifest["nodes"][model]["depends_on"]["nodes"]
        if parent.startswith("seed.")
    }
    return sorted(used_vars - NON_DEFINITION_VARS), sorted(seeds)


def tests_by_column(manifest: dict, node_id: str) -> tuple[list[str], dict[str, list[str]]]:
    """The grain (the columns of the mart's uniqueness test) and each column's checks."""
    grain: list[str] = []
    unique_columns: list[str] = []
    checks: dict[str, list[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or node.get("attached_node") != node_id:
            continue
        name = node["test_metadata"]["name"]
        kwargs = node["test_metadata"]["kwargs"]
        column = node.get("column_name")
        if name == "unique_combination_of_columns":
            grain = list(kwargs["combination_of_columns"])
        elif name == "unique" and column:
            unique_columns.append(column)
            checks.setdefault(column, []).append("unique")
        elif name == "not_null" and column:
            checks.setdefault(column, []).append("not null")
        elif name == "accepted_range" and column:
            low, high = kwargs.get("min_value"), kwargs.get("max_value")
            if low is None or high is None:
                bounds = f">= {low}" if high is None else f"<= {high}"
            else:
                bounds = f"in [{low}, {high}]"
            checks.setdefault(column, []).append(bounds)
        elif name == "accepted_values" and column:
            values = kwargs.get("values") or kwargs.get("arguments", {}).get("values", [])
            checks.setdefault(column, []).append("one of " + ", ".join(map(str, values)))
        elif column:
            checks.setdefault(column, []).append(name)
    if not grain and unique_columns:
        order = list(manifest["nodes"][node_id]["columns"])
        grain = [min(unique_columns, key=lambda c: order.index(c) if c in order else len(order))]
    return grain, {column: sorted(found) for column, found in checks.items()}


def marts(manifest: dict) -> dict[str, list[dict]]:
    by_area: dict[str, list[dict]] = {area: [] for area in AREAS}
    for node in manifest["nodes"].values():
        path = node["original_file_path"]
        if node["resource_type"] != "model" or not path.startswith("models/marts/"):
            continue
        area = path.split("/")[2]
        if area not in by_area:
            raise SystemExit(f"{path}: area {area!r} has no title in saas_kpis.kpi_docs.AREAS")
        by_area[area].append(node)
    for nodes in by_area.values():
        # fct_/dim_ and other base marts first, then the kpi_ tables, by name.
        nodes.sort(key=lambda node: (node["name"].startswith("kpi_"), node["name"]))
    return by_area


def render(manifest: dict, project_vars: dict, decisions_markdown: str) -> str:
    """docs/kpis.md, with every cite of a decision linked to its heading."""
    anchors = decision_anchors(decisions_markdown)
    return link_decisions(render_plain(manifest, project_vars), anchors)


def render_plain(manifest: dict, project_vars: dict) -> str:
    by_area = marts(manifest)
    conventions = manifest["docs"][f"doc.{PACKAGE}.kpi_conventions"]["block_contents"]
    lines = [
        "# KPI dictionary",
        "",
        "<!-- Generated by `make kpi-docs` (python -m saas_kpis.kpi_docs) from the marts'",
        "     yml and doc blocks: edit those, then regenerate; never edit this file. -->",
        "",
        "Every mart the project publishes in the `marts` schema: its grain, what it means,",
        "its columns (names and types are a contract: a rename breaks dashboards), the",
        "checks `make test` runs on them, and the vars and configuration seeds that define",
        "it. Each definition is written once, in the mart's yml beside its SQL",
        "(`models/marts/<area>/<mart>.yml`) and the area's doc blocks",
        "(`_<area>__docs.md`); this page is generated from them, and `make docs` shows the",
        "same text with the lineage. A cite such as (DECISIONS 19) links to that rule of",
        "[decisions.md](decisions.md); the raw tables are in",
        "[raw_contract.md](raw_contract.md).",
        "",
        "## Conventions of every mart",
        "",
        conventions.strip(),
        "",
        "## The marts",
        "",
        "| area | mart | grain |",
        "|---|---|---|",
    ]
    for area, nodes in by_area.items():
        for node in nodes:
            grain, _ = tests_by_column(manifest, node["unique_id"])
            lines.append(
                f"| {AREAS[area]} | [`{node['name']}`](#{node['name']}) "
                f"| {', '.join(f'`{column}`' for column in grain)} |"
            )
    lines.append("")
    for area, nodes in by_area.items():
        if not nodes:
            continue
        lines += [f"## {AREAS[area]}", ""]
        for node in nodes:
            lines += render_mart(manifest, node, project_vars)
    return "\n".join(lines).rstrip() + "\n"


def render_mart(manifest: dict, node: dict, project_vars: dict) -> list[str]:
    grain, checks = tests_by_column(manifest, node["unique_id"])
    used_vars, seeds = vars_and_seeds(manifest, node["unique_id"])
    sql_path = node["original_file_path"]
    yml_path = node["patch_path"].split("://", 1)[-1]
    docs_path = Path(sql_path).parent / f"_{Path(sql_path).parent.name}__docs.md"
    code = [link(sql_path), link(yml_path)]
    if (PROJECT_DIR / docs_path).exists():
        code.append(f"doc blocks in {link(str(docs_path))}")
    var_list = ", ".join(
        f"`{name}` (default {format_default(project_vars.get(name))})" for name in used_vars
    )
    lines = [
        f"### {node['name']}",
        "",
        node["description"].strip(),
        "",
        f"- Grain: one row per {', '.join(f'`{column}`' for column in grain)}.",
        f"- Vars read by it or the intermediate models it is built from: {var_list or 'none'}.",
        f"- Configuration seeds: {', '.join(f'`{seed}`' for seed in seeds) or 'none'}.",
        f"- Code: {', '.join(code)}.",
        f"- Checks besides the column tests below: {other_checks(manifest, node)}.",
        "",
        "| column | type | checks | definition |",
        "|---|---|---|---|",
    ]
    for name, column in node["columns"].items():
        data_type = "double" if column["data_type"] == "double precision" else column["data_type"]
        lines.append(
            f"| `{name}` | {data_type} | {'; '.join(checks.get(name, []))} "
            f"| {one_line(column['description'])} |"
        )
    lines.append("")
    return lines


def link(path: str) -> str:
    """A markdown link from docs/ to a file of the project, named by its file name."""
    return f"[{Path(path).name}](../{path})"


def other_checks(manifest: dict, node: dict) -> str:
    """Where the mart's other checks are: its unit tests, the singular tests that read
    it, its known answers; so a reader finds every check of a KPI from here."""
    found: list[str] = []
    unit_tests = [
        test for test in manifest.get("unit_tests", {}).values() if test["model"] == node["name"]
    ]
    if unit_tests:
        files = sorted({test["original_file_path"] for test in unit_tests})
        count = f"{len(unit_tests)} unit test{'s' * (len(unit_tests) > 1)}"
        found.append(f"{count} in {', '.join(link(path) for path in files)}")
    singular = sorted(
        test["original_file_path"]
        for test in manifest["nodes"].values()
        if test["resource_type"] == "test"
        and not test.get("test_metadata")
        and node["unique_id"] in test["depends_on"]["nodes"]
    )
    if singular:
        found.append("singular tests " + ", ".join(link(path) for path in singular))
    with (PROJECT_DIR / KNOWN_ANSWERS).open(newline="") as answers:
        known = sum(row["model"] == node["name"] for row in csv.DictReader(answers))
    if known:
        found.append(f"{known} known answer{'s' * (known > 1)} in {link(KNOWN_ANSWERS)}")
    return "; ".join(found) or "none"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=PROJECT_DIR / "target/manifest.json")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "docs/kpis.md")
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    decisions = (PROJECT_DIR / "docs" / "decisions.md").read_text()
    args.out.write_text(render(manifest, project.get("vars", {}), decisions))
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
