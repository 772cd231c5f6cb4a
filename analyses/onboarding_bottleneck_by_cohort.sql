-- The onboarding bottleneck of each mature signup cohort: the required step with the
-- highest drop-off rate (kpis.md, kpi_onboarding_funnel). Ties go to the earlier step.
-- Compile with `dbt compile --select onboarding_bottleneck_by_cohort` and run the SQL
-- in target/compiled, or paste it into a BI tool's SQL editor.
with

funnel as (
    select
        signup_month,
        step_order,
        step_key,
        step_name,
        accounts,
        accounts_reached,
        drop_off_rate
    from {{ ref('kpi_onboarding_funnel') }}
    where
        is_mature
        and drop_off_rate is not null
),

ranked as (
    select
        *,
        row_number() over (
            partition by signup_month
            order by drop_off_rate desc, step_order asc
        ) as bottleneck_rank
    from funnel
),

final as (
    select
        signup_month,
        step_order,
        step_key,
        step_name,
        accounts,
        accounts_reached,
        drop_off_rate
    from ranked
    where bottleneck_rank = 1
)

select * from final
order by signup_month
