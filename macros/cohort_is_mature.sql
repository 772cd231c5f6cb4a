{#-
    Boolean SQL expression: the measurement window of a monthly cohort has fully
    elapsed by as_of_date, i.e. the last day of the cohort month plus `window_days`
    is on or before as_of_date (DECISIONS 18, 53).

    month_column: a date column holding the first day of the cohort month
    window_days:  the window in days (a number or a var's value)
-#}
{% macro cohort_is_mature(month_column, window_days) -%}
    cast(
        {{ dbt.dateadd(
            'day',
            (window_days | int) - 1,
            dbt.dateadd('month', 1, month_column)
        ) }}
        as date
    ) <= {{ as_of_date() }}
{%- endmacro %}
