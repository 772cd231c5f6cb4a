-- Reference health-score backtest (kpis.md 'Customer health', default weights), written
-- in DuckDB SQL straight on the raw tables, to check generated data before the dbt
-- models exist. Hard-wired to the default period (12 months ending 2026-03-31).
-- Run: duckdb warehouse/generated_10000.duckdb < saas_kpis/gen/reference_backtest.sql
create or replace macro tsp(x) as cast(try_cast(trim(x) as timestamptz) at time zone 'UTC' as timestamp);
create or replace temp table subs as select account_id, lower(trim(status)) status, try_cast(seats as int) seats, try_cast(amount as double) amount, tsp(valid_from) vf, coalesce(tsp(valid_to), timestamp '2100-01-01') vt from raw.subscriptions;
create or replace temp table days as select cast(d as date) d from range(date '2025-04-01', date '2026-04-01', interval 1 day) t(d);
create or replace temp table cust_days as select distinct s.account_id, days.d from days join subs s on s.status in ('trialing','active','past_due') and s.vf < days.d + interval 1 day and s.vt >= days.d + interval 1 day;
create or replace temp table snaps as select distinct last_day(d) snap from days where last_day(d) + 90 <= date '2026-03-31';
create or replace temp table base as select c.account_id, c.d snap from cust_days c join snaps on c.d = snaps.snap;
create or replace temp table pe as select distinct account_id, user_id, cast(tsp(occurred_at) as date) d from raw.product_events;
create or replace temp table f_usage as select b.account_id, b.snap, count(distinct pe.d) active_days, count(distinct pe.user_id) active_users from base b left join pe on pe.account_id=b.account_id and pe.d between b.snap-29 and b.snap group by all;
create or replace temp table f_seats as select b.account_id, b.snap, sum(seats) seats, max((status='past_due')::int) past_due from base b join subs s on s.account_id=b.account_id and s.vf < b.snap+1 and s.vt >= b.snap+1 and s.amount>0 and s.status in ('active','past_due') group by all;
create or replace temp table onb as select account_id, lower(trim(step_key)) step_key, min(cast(tsp(occurred_at) as date)) d from raw.onboarding_events where lower(trim(status))='completed' group by all;
create or replace temp table f_onb as select b.account_id, b.snap, count(o.step_key)/6.0 onboarding from base b left join onb o on o.account_id=b.account_id and o.d<=b.snap and o.step_key in ('create_workspace','invite_team','connect_data_source','product_training','build_first_dashboard','share_first_report') group by all;
create or replace temp table tk as select account_id, cast(tsp(created_at) as date) d from raw.tickets union all select t.account_id, cast(tsp(e.occurred_at) as date) from raw.ticket_events e join raw.tickets t using (ticket_id) where e.event_type='escalated';
create or replace temp table f_tk as select b.account_id, b.snap, count(tk.d) tickets from base b left join tk on tk.account_id=b.account_id and tk.d between b.snap-89 and b.snap group by all;
create or replace temp table nps as select account_id, try_cast(score as int) score, tsp(responded_at) r from raw.survey_responses where survey_type='nps' and responded_at is not null;
create or replace temp table f_nps as select b.account_id, b.snap, arg_max(n.score, n.r) nps from base b join nps n on n.account_id=b.account_id and cast(n.r as date) between b.snap-179 and b.snap group by all;
create or replace temp table churn as select b.account_id, b.snap, count(days.d) > count(c.d) churned from base b join days on days.d > b.snap and days.d <= b.snap+90 left join cust_days c on c.account_id=b.account_id and c.d=days.d group by all;
create or replace temp table feat as select b.*, u.active_days, u.active_users, s.seats, s.past_due, o.onboarding, t.tickets, n.nps, ch.churned, b.snap - cast(tsp(a.signed_up_at) as date) < 90 onboarding_stage
from base b join raw.accounts a using (account_id) join f_usage u using (account_id, snap) left join f_seats s using (account_id, snap) join f_onb o using (account_id, snap) join f_tk t using (account_id, snap) left join f_nps n using (account_id, snap) join churn ch using (account_id, snap)
where lower(trim(a.is_test)) not in ('true','1','yes','t');
create or replace temp table scored as select *,
  least(greatest(active_days/15.0,0),1)*100 u,
  case when seats>0 then least(greatest((active_users/seats-0.1)/0.7,0),1)*100 end ut,
  onboarding*100 o,
  case when seats>0 then least(greatest(1 - tickets/seats,0),1)*100 end su,
  nps*10 se,
  case when seats>0 then case when past_due=1 then 0 else 100 end end bi
from feat;
create or replace temp table hs as select *,
 case when onboarding_stage then
  (0.25*u + 0.10*coalesce(ut,0)+0.40*o+0.10*coalesce(su,0)+0.10*coalesce(se,0)+0.05*coalesce(bi,0))/(0.25+0.4+case when ut is null then 0 else .1 end+case when su is null then 0 else .1 end+case when se is null then 0 else .1 end+case when bi is null then 0 else .05 end)
 else (0.30*u + 0.20*coalesce(ut,0)+0.20*coalesce(su,0)+0.20*coalesce(se,0)+0.10*coalesce(bi,0))/(0.30+case when ut is null then 0 else .2 end+case when su is null then 0 else .2 end+case when se is null then 0 else .2 end+case when bi is null then 0 else .1 end) end score
from scored;
select case when score>=70 then 'healthy' when score>=40 then 'at_risk' else 'critical' end band, count(*) n, avg(churned::int) churn90, avg(onboarding_stage::int) onb_stage from hs group by 1 order by 1;
