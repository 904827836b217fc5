-- rolecall_recount_fill (migration 0008) counted ratings and open leases per unit by grouping the
-- project's rows, then joined those counts to the project's units. Bulk writers call it right after
-- writing their rows (the ratings import, in its transaction), when the statistics still describe the
-- tables before them: the planner then believed the project had one unit and one rating, and joined
-- the two by a nested loop that compared every unit with every unit's count. On 500,000 units with
-- 1,000,000 ratings (bench/export.ts) it ran for more than 26 minutes.
-- Now each unit's two counts are probes of its own index entries (a correlated subquery is run per
-- row, whatever the statistics say), and only the rows whose counts differ are written: the work is
-- one pass over the project's units, as in the queue functions, with plans of key lookups only. The
-- counts are written out twice (the new values and the test for a change) rather than computed once
-- and joined back to unit_fill: that join is what a plan from stale statistics can make quadratic.
create or replace function rolecall_recount_fill(p_project integer) returns integer language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_n integer;
begin
  perform rolecall_expire_leases();
  update unit_fill f
  set rating_count = (select count(*)::int from ratings r where r.unit_id = f.unit_id),
      leases = (select count(*)::int from task_units tu join tasks t on t.id = tu.task_id
                where tu.unit_id = f.unit_id and t.status = 'leased')
  where f.project_id = p_project
    and (f.rating_count, f.leases) is distinct from (
      (select count(*)::int from ratings r where r.unit_id = f.unit_id),
      (select count(*)::int from task_units tu join tasks t on t.id = tu.task_id
       where tu.unit_id = f.unit_id and t.status = 'leased'));
  get diagnostics v_n = row_count;
  return v_n;
end;
$$;
