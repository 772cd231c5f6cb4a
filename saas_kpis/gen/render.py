"""Numeric rows -> the raw text tables of the contract, rendered by DuckDB SQL.

Every output column is text, as an extract-load tool may land it: timestamps in several
ISO 8601 spellings (Z, no offset, +02:00, -0500 with a fraction), enums in mixed case.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saas_kpis.gen import support, tables
from saas_kpis.gen.model import CHANNELS, COUNTRIES, INF, PLANS

MACROS = """
create or replace macro ts(s, v) as case
    when s is null then null
    when v < 70 then strftime(make_timestamp(s * 1000000), '%Y-%m-%dT%H:%M:%SZ')
    when v < 85 then strftime(make_timestamp(s * 1000000), '%Y-%m-%d %H:%M:%S')
    when v < 95 then strftime(make_timestamp((s + 7200) * 1000000), '%Y-%m-%dT%H:%M:%S+02:00')
    else strftime(make_timestamp((s - 18000) * 1000000), '%Y-%m-%dT%H:%M:%S.000-0500')
end;
create or replace macro padded_id(prefix, n, width) as
    prefix || lpad(cast(n as varchar), width, '0');
create or replace macro acc_id(a) as padded_id('acc_', a, 7);
create or replace macro usr_id(u) as padded_id('usr_', u, 8);
create or replace macro tk_id(t) as padded_id('tk_', t, 8);
create or replace macro pick(labels, code) as case when code < 0 then null
    else labels[code + 1] end;
"""


def _sql_list(values: tuple[str | None, ...] | list[str]) -> str:
    quoted = ["null" if v is None else "'" + v.replace("'", "''") + "'" for v in values]
    return "[" + ", ".join(quoted) + "]"


def _flat(variants: tuple[tuple[str, ...], ...]) -> str:
    return _sql_list([v for group in variants for v in group])


def render_sql(table: str, steps: tuple[str, ...], event_names: tuple[str, ...]) -> str:
    """Select list rendering one table's text columns (plus helper columns for faults)."""
    loaded = "ts(_loaded_s, (v * 7) % 100) as _loaded_at"
    countries = _sql_list([spelling for c in COUNTRIES for spelling in (c[0], c[0].lower())])
    currencies = "['USD', 'EUR', 'GBP']"
    if table == "accounts":
        return f"""
            acc_id(acc) as account_id,
            'Company ' || cast(acc as varchar) as account_name,
            pick({_flat(tables.SEGMENT_TEXT)}, segment) as segment,
            pick({_sql_list(tables.INDUSTRIES)}, industry) as industry,
            pick({countries}, country) as country_code,
            pick({_flat(tables.CHANNEL_TEXT)}, channel) as acquisition_channel,
            pick({_sql_list(tables.CSMS)}, csm) as csm_owner,
            ts(signup_s, v) as signed_up_at,
            pick(['false', '0', 'No', 'true', '1', 'TRUE'], is_test) as is_test,
            {loaded}"""
    if table == "users":
        return f"""
            usr_id(user) as user_id,
            acc_id(acc) as account_id,
            'user' || cast(user as varchar) || '@' || acc_id(acc) || '.example.com' as email,
            pick(['admin', 'member', 'viewer', 'Owner'], role) as role,
            ts(created_s, v) as created_at,
            case when _revealed then ts(deactivated_s, v) end as deactivated_at,
            {loaded}"""
    if table == "onboarding_events":
        upper = [s.upper() for s in steps]
        return f"""
            padded_id('onb_', eid, 9) as event_id,
            acc_id(acc) as account_id,
            case when user_null = 0 then usr_id(user) end as user_id,
            case when v < 95 then pick({_sql_list(steps)}, step)
                else ' ' || pick({_sql_list(upper)}, step) end as step_key,
            pick(['started', 'completed', 'skipped'], status) as status,
            ts(t, v) as occurred_at,
            {loaded}"""
    if table == "product_events":
        return f"""
            'ev_' || cast(acc as varchar) || '_' || cast(day as varchar) || '_'
                || cast(k as varchar) as event_id,
            acc_id(acc) as account_id,
            usr_id(user) as user_id,
            case when no_session = 0 then 'ss_' || cast(acc as varchar) || '_'
                || cast(day as varchar) || '_' || cast(sess as varchar) end as session_id,
            pick({_sql_list(event_names)}, name) as event_name,
            ts(t, v) as occurred_at,
            {loaded}"""
    if table == "subscriptions":
        return f"""
            padded_id('sub_', acc, 7) || '_' || cast(sub as varchar) as subscription_id,
            acc_id(acc) as account_id,
            pick({_sql_list(PLANS)}, plan) as plan_name,
            case when v < 95 then pick({_sql_list(tables.STATUS_TEXT)}, status)
                else upper(pick({_sql_list(tables.STATUS_TEXT)}, status)) end as status,
            case when plan = 0 then null
                when yearly = 1 then pick(['year', 'annual', 'Yearly'], v % 3)
                else pick(['month', 'monthly', 'Monthly'], v % 3) end as billing_interval,
            case when plan = 0 then '0' else printf('%.2f', amount) end as amount,
            case when plan = 0 then null when v < 90 then pick({currencies}, currency)
                else lower(pick({currencies}, currency)) end as currency,
            cast(seats as varchar) as seats,
            ts(valid_from_s, v) as valid_from,
            case when _revealed then ts(valid_to_s, v) end as valid_to,
            {loaded}"""
    if table == "survey_responses":
        return f"""
            padded_id('sr_', rid, 9) as response_id,
            acc_id(acc) as account_id,
            usr_id(user) as user_id,
            pick({_sql_list(support.SURVEY_TYPES)}, type) as survey_type,
            case when type = 3 then pick({_sql_list(support.CXI_KEYS)}, question)
                when type = 4 then pick({_sql_list(support.RESOURCES)}, question)
                end as question_key,
            pick({_sql_list(support.TOUCHPOINTS)}, touch) as touchpoint,
            case when _revealed then (case when v < 5 then ' ' else '' end)
                    || cast(score as varchar)
                when v % 3 = 0 then '' when v % 3 = 1 then 'N/A' end as score,
            case when _revealed then pick(['Great product', 'Too expensive',
                'Support was slow', 'Love the reports'], comment) end as comment,
            ts(sent_s, v) as sent_at,
            case when _revealed then ts(responded_s, v) end as responded_at,
            {loaded}"""
    if table == "tickets":
        return f"""
            tk_id(tid) as ticket_id,
            acc_id(acc) as account_id,
            usr_id(user) as requester_user_id,
            pick(['email', 'chat', 'phone', 'web', 'Fax'], channel) as channel,
            pick(['low', 'normal', 'high', 'urgent'], priority) as priority,
            pick({_sql_list(support.CATEGORY_TEXT)}, category) as category,
            ts(created_s, v) as created_at,
            {loaded}"""
    if table == "ticket_events":
        return f"""
            padded_id('te_', eid, 9) as event_id,
            tk_id(tid) as ticket_id,
            pick({_sql_list(support.EVENT_TYPES)}, type) as event_type,
            pick({_sql_list(support.ACTORS)}, actor) as actor_type,
            case when public = 1 then pick(['true', 'TRUE', '1'], v % 3)
                when public = 0 then pick(['false', 'False', '0'], v % 3) end as is_public,
            pick({_sql_list(support.STATUSES)}, status) as new_status,
            pick(['good', 'bad'], sat) as satisfaction,
            ts(t, v) as occurred_at,
            {loaded}"""
    if table == "marketing_spend":
        return f"""
            strftime(cast(make_timestamp(month_day * 86400000000) as date), '%Y-%m-%d')
                as spend_month,
            pick({_sql_list(CHANNELS)}, channel) as acquisition_channel,
            printf('%.2f', amount) as amount,
            pick({currencies}, currency) as currency,
            {loaded}"""
    raise KeyError(table)


def to_arrow(cols: dict[str, np.ndarray]) -> pa.Table:
    """Numeric columns; int64 values at INF (never happened) become null."""
    arrays = {}
    for name, values in cols.items():
        if values.dtype == np.bool_:
            arrays[name] = pa.array(values)
        elif np.issubdtype(values.dtype, np.integer):
            values = values.astype(np.int64)
            mask = values >= INF
            arrays[name] = pa.array(values, mask=mask if mask.any() else None)
        else:
            arrays[name] = pa.array(values.astype(np.float64))
    if "v" not in arrays:
        arrays["v"] = pa.array(np.zeros(len(next(iter(cols.values()))), dtype=np.int64))
    return pa.table(arrays)


def connect(threads: int = 2) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"set threads = {threads}")
    con.execute("set preserve_insertion_order = true")
    con.execute(MACROS)
    return con


# Fast path for the big table: strings assembled as byte matrices in NumPy and handed
# to Arrow as buffers (per-row SQL or Arrow string kernels cost ~2 us/row; this ~0.2).
_TS_SHIFT = np.array([0, 0, 7200, -18000], dtype=np.int64)
_TS_SEP = np.frombuffer(b"T TT", dtype=np.uint8)
_TS_SUFFIX = ("Z", "", "+02:00", ".000-0500")
_TS_WIDTH = 19 + max(len(x) for x in _TS_SUFFIX)


# "00".."99" as little-endian uint16 pairs of ASCII digits.
_PAIRS16 = (
    np.array([[48 + i // 10, 48 + i % 10] for i in range(100)], dtype=np.uint8)
    .view(np.uint16)
    .ravel()
)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """n x width matrix of the zero-padded decimal digits (ASCII) of values.

    Two digits at a time from a lookup table. Integer division is slow in NumPy, so the
    quotient comes from float division (exact: values < 2**52, offset by 0.5).
    """
    rest = values.astype(np.float64)
    pairs = np.empty((len(rest), (width + 1) // 2), dtype=np.uint16)
    for col in range(pairs.shape[1] - 1, -1, -1):
        quotient = np.floor((rest + 0.5) / 100.0)
        pairs[:, col] = np.take(_PAIRS16, (rest - quotient * 100.0).astype(np.intp))
        rest = quotient
    matrix = pairs.view(np.uint8)
    return matrix[:, matrix.shape[1] - width :]


def _literal(text: str, n: int) -> np.ndarray:
    return np.broadcast_to(np.frombuffer(text.encode(), dtype=np.uint8), (n, len(text)))


def _to_arrow_text(matrix: np.ndarray, widths: np.ndarray | None = None) -> pa.Array:
    """Rows of a byte matrix (each cut to its width) as an Arrow string array."""
    n, full = matrix.shape
    if widths is None:
        data = np.ascontiguousarray(matrix).tobytes()
        offsets = np.arange(0, (n + 1) * full, full, dtype=np.int32)
    else:
        data = matrix[np.arange(full) < widths[:, None]].tobytes()
        offsets = np.concatenate([[0], np.cumsum(widths)]).astype(np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data))


def fast_ts(seconds: np.ndarray, variant: np.ndarray) -> pa.Array:
    """ISO 8601 text of epoch seconds, spelled like the ts() macro (same variants)."""
    n = len(seconds)
    cls = np.select([variant < 70, variant < 85, variant < 95], [0, 1, 2], 3)
    local = seconds + _TS_SHIFT[cls]
    days = (local // 86_400).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    year = months.astype(np.int64) // 12 + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    second = local % 86_400
    matrix = np.zeros((n, _TS_WIDTH), dtype=np.uint8)
    dash, colon = ord("-"), ord(":")
    matrix[:, 0:4] = _digits(year, 4)
    matrix[:, 4] = dash
    matrix[:, 5:7] = _digits(month, 2)
    matrix[:, 7] = dash
    matrix[:, 8:10] = _digits(day, 2)
    matrix[:, 10] = _TS_SEP[cls]
    matrix[:, 11:13] = _digits(second // 3600, 2)
    matrix[:, 13] = colon
    matrix[:, 14:16] = _digits(second // 60 % 60, 2)
    matrix[:, 16] = colon
    matrix[:, 17:19] = _digits(second % 60, 2)
    for code, suffix in enumerate(_TS_SUFFIX):
        if suffix:
            rows = cls == code
            matrix[rows, 19 : 19 + len(suffix)] = _literal(suffix, 1)
    widths = 19 + np.array([len(x) for x in _TS_SUFFIX])[cls]
    return _to_arrow_text(matrix, widths)


def _padded(prefix: str, values: np.ndarray, width: int) -> pa.Array:
    n = len(values)
    return _to_arrow_text(np.hstack([_literal(prefix, n), _digits(values, width)]))


def _composite(prefix: str, acc: np.ndarray, day: np.ndarray, rank: np.ndarray) -> pa.Array:
    """prefix + acc(7) + '_' + day(5) + '_' + rank(5): fixed width, unique per event."""
    n = len(acc)
    parts = [_literal(prefix, n), _digits(acc, 7), _literal("_", n), _digits(day, 5)]
    parts += [_literal("_", n), _digits(rank, 5)]
    return _to_arrow_text(np.hstack(parts))


def render_product_events(rows: dict[str, np.ndarray], event_names: tuple[str, ...]) -> pa.Table:
    """product_events text columns (+ helper columns _rn, _loaded_s, v), no SQL per row."""
    session = _composite("ss_", rows["acc"], rows["day"], rows["sess"])
    session = pc.if_else(pa.array(rows["no_session"] == 0), session, pa.scalar(None, pa.string()))
    v = rows["v"]
    return pa.table(
        {
            "event_id": _composite("ev_", rows["acc"], rows["day"], rows["k"]),
            "account_id": _padded("acc_", rows["acc"], 7),
            "user_id": _padded("usr_", rows["user"], 8),
            "session_id": session,
            "event_name": pa.array(event_names).take(pa.array(rows["name"])),
            "occurred_at": fast_ts(rows["t"], v),
            "_loaded_at": fast_ts(rows["_loaded_s"], (v * 7) % 100),
            "_rn": pa.array(rows["_rn"]),
            "_loaded_s": pa.array(rows["_loaded_s"]),
            "v": pa.array(v),
        }
    )
