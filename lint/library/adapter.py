"""Stand-in for dbt's `adapter` while linting: `adapter.dispatch(name, ns)(args)`."""

from _placeholder import macro


def dispatch(macro_name: str, macro_namespace: str | None = None):
    return macro(macro_name)


def get_relation(database: str | None = None, schema: str | None = None, identifier: str = ""):
    """Linting has no warehouse: no relation exists."""
    return None
