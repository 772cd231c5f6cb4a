"""Documentation is part of the contract: every model, and every column of every mart,
has a description (checked against the columns the warehouse really has); the
repository explains itself: its markdown links resolve inside it, every decision the
code cites is in docs/decisions.md, and the generated docs/kpis.md is current."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import yaml

from conftest import PROJECT_DIR, DbtRun
from saas_kpis import kpi_docs

DECISIONS_DOC = PROJECT_DIR / "docs" / "decisions.md"
# Folders that are not the project's own text: tool chain, build output, data.
NOT_SOURCE = {
    ".git", ".venv", ".dbt", "target", "logs", "warehouse", "generated", "scratch",
    "dbt_packages", "__pycache__", ".pytest_cache", ".ruff_cache",
}  # fmt: skip
# Where the code cites decisions: models, macros, tests, seeds' yml and notes, Python.
CITING_SUFFIXES = {".sql", ".yml", ".yaml", ".md", ".py", ".csv"}

# docs/ cites rules of decisions.md as "rule 5" / "rules 3, 54".
RULE_CITE = re.compile(r"\brules?\s+(\d+(?:\s*(?:,|/|-|\band\b)\s*\d+)*)", re.IGNORECASE)
# Files of the team's inputs outside the repository, which nothing here may need.
OUTSIDE_INPUTS = re.compile(r"\.\./shared|shared/spec|\bDECISIONS\.md|\bCONVENTIONS\.md")

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def project_files(suffixes: set[str]) -> list[Path]:
    found: list[Path] = []
    for folder, subfolders, files in os.walk(PROJECT_DIR):
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_SOURCE)
        found += [Path(folder) / name for name in files if Path(name).suffix in suffixes]
    return sorted(found)


def decision_numbers() -> list[int]:
    headings = kpi_docs.DECISION_HEADING.findall(DECISIONS_DOC.read_text())
    return [int(number) for number, _ in headings]


def test_every_model_and_mart_column_is_described(demo_dbt: DbtRun) -> None:
    # Descriptions come from the parse's manifest, built columns from the catalog:
    # compiling every node's SQL (docs generate's default) would add nothing here.
    demo_dbt("parse")
    demo_dbt("docs", "generate", "--no-compile")
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


def test_decisions_are_numbered_without_gaps() -> None:
    numbers = decision_numbers()
    assert numbers == list(range(1, len(numbers) + 1)), (
        "docs/decisions.md: headings `### n. ...` must run 1, 2, 3, ... once each "
        f"(a number is never reused or skipped); found {numbers}"
    )


def test_every_cited_decision_exists() -> None:
    known = set(decision_numbers())
    unresolved: list[str] = []
    for path in project_files(CITING_SUFFIXES):
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(errors="replace")
        cites = list(kpi_docs.DECISION_CITE.finditer(text))
        if path.parent == DECISIONS_DOC.parent:
            cites += RULE_CITE.finditer(text)
        for match in cites:
            missing = sorted(set(kpi_docs.cited_numbers(match.group(1))) - known)
            if missing:
                line = text.count("\n", 0, match.start()) + 1
                where = f"{path.relative_to(PROJECT_DIR)}:{line}"
                unresolved.append(f"{where}: {' '.join(match.group(0).split())!r} -> {missing}")
    assert not unresolved, "Cites of decisions docs/decisions.md lacks:\n" + "\n".join(unresolved)


def test_cite_forms_are_read() -> None:
    """The cite pattern reads every form the code uses (a cite it missed would go
    unchecked)."""
    samples = {
        "(DECISIONS 19)": [19],
        "DECISIONS 3, 4, 44": [3, 4, 44],
        "DECISIONS 54/66, byte order": [54, 66],
        "DECISIONS 37-39, 52": [37, 38, 39, 52],
        "DECISIONS 15 and 60": [15, 60],
        "(DECISIONS\n-- 17: zero counts": [17],
        "(DECISIONS\n      8). Its": [8],
        "decision 39": [39],
        "(DECISIONS 16, kpis.md)": [16],
    }
    for text, expected in samples.items():
        matches = kpi_docs.DECISION_CITE.findall(text)
        assert [n for found in matches for n in kpi_docs.cited_numbers(found)] == expected, text


def test_markdown_links_stay_inside_the_repository_and_resolve() -> None:
    root = PROJECT_DIR.resolve()
    broken: list[str] = []
    for page in project_files({".md"}):
        text = CODE_SPAN.sub("code", kpi_docs.FENCE.sub("", page.read_text()))
        targets = LINK.findall(text) + REFERENCE_LINK.findall(text)
        for target in targets:
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                continue  # http(s), mailto: not checked offline
            path_part, _, anchor = target.partition("#")
            linked = (page.parent / path_part).resolve() if path_part else page.resolve()
            where = f"{page.relative_to(PROJECT_DIR)}: ({target})"
            if not linked.is_relative_to(root):
                broken.append(f"{where} points outside the repository")
            elif not linked.exists():
                broken.append(f"{where} points to a missing file")
            elif (
                anchor
                and linked.suffix == ".md"
                and anchor.lower() not in kpi_docs.markdown_anchors(linked.read_text())
            ):
                broken.append(f"{where} names a missing heading")
    assert not broken, "Broken links:\n" + "\n".join(broken)


def test_nothing_needs_the_team_inputs_outside_the_repository() -> None:
    mentions: list[str] = []
    for path in project_files(CITING_SUFFIXES | {".toml", ".txt", ""}):
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(errors="replace")
        for match in OUTSIDE_INPUTS.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            mentions.append(f"{path.relative_to(PROJECT_DIR)}:{line}: {match.group(0)}")
    assert not mentions, (
        "These name files outside the repository; point them at docs/ instead:\n"
        + "\n".join(mentions)
    )


def test_each_mart_has_its_yml_beside_its_sql() -> None:
    """A KPI in one place: models/marts/<area>/<mart>.sql sits beside <mart>.yml, which
    holds that model (description, columns, data tests) and its unit tests, and nothing
    else; the area's only other file is its doc blocks (_<area>__docs.md)."""
    problems: list[str] = []
    for area in sorted(
        path for path in (PROJECT_DIR / "models" / "marts").iterdir() if path.is_dir()
    ):
        marts = {path.stem for path in area.glob("*.sql")}
        for path in sorted(area.iterdir()):
            where = path.relative_to(PROJECT_DIR)
            if path.suffix == ".sql" or path.name == f"_{area.name}__docs.md":
                continue
            if path.suffix != ".yml" or path.stem not in marts:
                problems.append(f"{where}: not a mart's .sql/.yml or the area's doc blocks")
                continue
            content = yaml.safe_load(path.read_text()) or {}
            models = [model["name"] for model in content.get("models", [])]
            tested = {test["model"] for test in content.get("unit_tests", [])}
            if models != [path.stem] or tested - {path.stem}:
                problems.append(f"{where}: models {models}, unit tests of {sorted(tested)}")
            others = sorted(set(content) - {"version", "models", "unit_tests"})
            if others:
                problems.append(f"{where}: also declares {others}")
        problems += [
            f"{area.relative_to(PROJECT_DIR)}/{mart}.sql: no {mart}.yml beside it"
            for mart in sorted(marts)
            if not (area / f"{mart}.yml").exists()
        ]
    assert not problems, "\n".join(problems)


def test_kpi_docs_are_generated_from_the_current_project(dbt: DbtRun) -> None:
    """docs/kpis.md is what `make kpi-docs` writes from the marts' yml and doc blocks
    (and `dbt parse` accepts every markdown file under docs-paths)."""
    dbt("parse")
    manifest = json.loads((dbt.workdir / "target" / "manifest.json").read_text())
    project = kpi_docs.yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    expected = kpi_docs.render(manifest, project.get("vars", {}), DECISIONS_DOC.read_text())
    current = (PROJECT_DIR / "docs" / "kpis.md").read_text()
    assert current == expected, "docs/kpis.md is stale: run `make kpi-docs` and commit it"
