{#-
    DECISIONS 13 and 58: an ISO 8601 text -> UTC `timestamp` (without time zone), or
    null when the text is not one of the accepted shapes:

        YYYY-MM-DD                                  midnight UTC
        YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][offset] offset: Z, +hh:mm, +hhmm, -...

    Strict: upper-case `T` and `Z` only, no space before the offset, no bare `+hh`, no
    comma fraction, hours 00-23, and the date must exist (`2025-02-29` is null). A
    fraction beyond microseconds is truncated. `text` must be a trimmed text
    expression (a column); it is repeated in the generated SQL.

    One regular expression checks the shape on every engine; `utc_from_iso_text`
    turns shaped text into the UTC timestamp. Its portable variant checks the day of
    the month with integer arithmetic, reads the offset from the end of the text and
    subtracts it with dbt.dateadd; its cast only ever sees validated
    `YYYY-MM-DD hh:mm:ss[.ffffff]` text, so it cannot fail on any engine. DuckDB's
    variant lets the engine's own casts do that work, several times faster on the
    largest tables.
-#}
{% macro parse_timestamp(text) -%}
    {%- set shape = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
        ~ '([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?'
        ~ '(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$' -%}
    case
        when {{ regexp_like(text, shape) }}
            then {{ utc_from_iso_text(text) }}
    end
{%- endmacro %}

{#- Text of the accepted shape (checked by parse_timestamp) -> UTC timestamp, null when
    the date does not exist. -#}
{% macro utc_from_iso_text(text) -%}
    {{ return(adapter.dispatch('utc_from_iso_text', 'saas_kpis')(text)) }}
{%- endmacro %}

{% macro default__utc_from_iso_text(text) -%}
    {%- set year = 'cast(substring(' ~ text ~ ', 1, 4) as ' ~ dbt.type_int() ~ ')' -%}
    {%- set month = 'cast(substring(' ~ text ~ ', 6, 2) as ' ~ dbt.type_int() ~ ')' -%}
    {%- set day = 'cast(substring(' ~ text ~ ', 9, 2) as ' ~ dbt.type_int() ~ ')' -%}
    {#-
        Length of the offset suffix: Z = 1, +hh:mm = 6, +hhmm = 5, none = 0. Read from
        single characters, not regular expressions (this runs on every timestamp of the
        largest tables): once the shape matched, a `+`/`-` five or four characters from
        the end can only start an offset, because an offset follows hh:mm (length > 16).
    -#}
    {%- set offset_length -%}
        case
            when {{ char_from_end(text, 0) }} = 'Z' then 1
            when length({{ text }}) > 16 and {{ char_from_end(text, 5) }} in ('+', '-') then 6
            when length({{ text }}) > 16 and {{ char_from_end(text, 4) }} in ('+', '-') then 5
            else 0
        end
    {%- endset -%}
    {#- the offset east of UTC in minutes (0 for Z or none): sign, hours, minutes -#}
    {%- set offset_minutes -%}
        case
            when ({{ offset_length }}) >= 5
                then
                    (case when substring({{ text }}, length({{ text }}) - ({{ offset_length }}) + 1, 1) = '-' then -1 else 1 end)
                    * (
                        cast(substring({{ text }}, length({{ text }}) - ({{ offset_length }}) + 2, 2) as {{ dbt.type_int() }}) * 60
                        + cast(substring({{ text }}, length({{ text }}) - 1, 2) as {{ dbt.type_int() }})
                    )
            else 0
        end
    {%- endset -%}
    {#- local date and time, `T` -> space, seconds added when absent, fraction cut to 6 digits -#}
    {%- set local_part = dbt.replace(
        'substring(' ~ text ~ ', 1, length(' ~ text ~ ') - (' ~ offset_length ~ '))', "'T'", "' '"
    ) -%}
    {%- set local_text -%}
        case length({{ local_part }})
            when 10 then {{ local_part }} || ' 00:00:00'
            when 16 then {{ local_part }} || ':00'
            else substring({{ local_part }}, 1, 26)
        end
    {%- endset -%}
    case
        when {{ day }} <= case {{ month }}
                when 2 then
                    case
                        when ({{ year }} % 4 = 0 and {{ year }} % 100 <> 0) or {{ year }} % 400 = 0
                            then 29
                        else 28
                    end
                when 4 then 30
                when 6 then 30
                when 9 then 30
                when 11 then 30
                else 31
            end
            then {{ dbt.dateadd(
                'minute',
                '-1 * (' ~ offset_minutes ~ ')',
                try_cast(local_text, dbt.type_timestamp())
            ) }}
    end
{%- endmacro %}

{#-
    DuckDB's own casts read every accepted shape (fractions truncated to microseconds,
    impossible dates null). Text without an offset (or with `Z`) is UTC: the timestamp
    cast reads it as it is (it ignores a `Z`). Text with an offset goes through the
    timestamptz cast, which applies it, and back to a timestamp by its epoch, not
    through the session's time zone (`timezone()` costs as much as the cast itself).
    An offset is found from single characters as in the portable variant: a regular
    expression per value doubled the cost of parsing the largest tables.
-#}
{% macro duckdb__utc_from_iso_text(text) -%}
    case
        when {{ text }} not like '%Z' and length({{ text }}) > 16
            and ({{ char_from_end(text, 5) }} in ('+', '-') or {{ char_from_end(text, 4) }} in ('+', '-'))
            then make_timestamp(epoch_us(try_cast({{ text }} as timestamptz)))
        else try_cast({{ text }} as timestamp)
    end
{%- endmacro %}
