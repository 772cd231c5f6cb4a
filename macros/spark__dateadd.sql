{#-
    Spark variant of dbt's cross-database `dateadd`, overriding dbt-spark's.

    Why: dbt-spark 1.11 goes through to_unix_timestamp (whole seconds), so adding
    minutes to `10:30:00.250` gives `...:00` on Spark and `...:00.250` on DuckDB and
    PostgreSQL, and every duration built on such a timestamp differs. `timestampadd`
    (Spark 3.3+) keeps microseconds; months clamp to the month's last day like
    DuckDB's and PostgreSQL's intervals. A root-project macro named spark__dateadd
    wins over the adapter's for `dbt.dateadd`, no dispatch config needed.
-#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    timestampadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
