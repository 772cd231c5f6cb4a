"""Stand-in for dbt's `adapter` while linting: `adapter.dispatch(name, ns)(args)`."""

from _placeholder import macro


def dispatch(macro_name: str, macro_namespace: str | None = None):
    return macro(macro_name)


def get_relation(database: object, schema: object, identifier: object) -> None:
    """No warehouse while linting: no relation exists (the code that reads one is skipped)."""
    return None
