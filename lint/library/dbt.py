"""Stand-in for dbt's cross-database macros (`dbt.dateadd(...)`) while linting."""

from _placeholder import macro


def __getattr__(name: str):
    return macro(name)
