"""Render a macro call as a plain SQL function call, for linting only."""

# Types that dbt's `type_*` macros return appear inside `cast(... as <type>)`, where a
# function call would not parse, so they render as real type names.
TYPE_NAMES = {
    "type_string": "varchar",
    "type_int": "integer",
    "type_bigint": "bigint",
    "type_numeric": "numeric",
    "type_float": "double",
    # the project's own (macros/type_double.sql)
    "type_double": "double",
    "type_boolean": "boolean",
    "type_timestamp": "timestamp",
}

# Dispatched macros that render SQL keywords, e.g. `with x as not materialized (...)`.
KEYWORDS = {
    "not_materialized": "not materialized",
}


def render_call(name: str, *args: object, **kwargs: object) -> str:
    if name in TYPE_NAMES:
        return TYPE_NAMES[name]
    if name in KEYWORDS:
        return KEYWORDS[name]
    parts = [str(a).strip("'") for a in args] + [str(v) for v in kwargs.values()]
    return f"{name}({', '.join(parts)})"


def macro(name: str):
    return lambda *args, **kwargs: render_call(name, *args, **kwargs)
