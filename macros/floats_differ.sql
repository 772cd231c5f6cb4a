{#-
    Whether two double-precision amounts differ by more than rounding: a relative
    1e-9 of the larger one, and at least 1e-6 (near zero, where sums cancel out).
    Sums of millions of money amounts come out a few units in the last digits apart
    when added in another order (a month's MRR at 100,000 accounts is ~6e7, so an
    absolute 1e-6 is below its rounding), which no KPI reader could see.
-#}
{% macro floats_differ(left, right) -%}
    abs(({{ left }}) - ({{ right }}))
    >= greatest(0.000001, 0.000000001 * greatest(abs({{ left }}), abs({{ right }})))
{%- endmacro %}
