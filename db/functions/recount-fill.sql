-- Recomputes unit_fill's counts of a project from ratings and open leases, for bulk writers (the ratings
-- import, factories). Each unit's counts are probes of its own index entries, not a grouped join: bulk
-- writers call it before statistics describe their rows, and a join planned from stale statistics was
-- quadratic (the header of migration 0010 tells how). Only rows whose counts differ are written.
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
