-- Closes the leases of tasks that are still open: status becomes p_status ('submitted' is the submit's
-- own, see rolecall_submit), and each unit of each task loses its lease in unit_fill. The unit rows are
-- locked in id order, as the submit locks them, so two closers cannot wait on each other in a cycle.
-- Returns the tasks closed (a task already closed is left as it is).
create or replace function rolecall_close_tasks(p_tasks bigint[], p_status text) returns integer language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_closed bigint[];
begin
  with closed as (
    update tasks set status = p_status, closed_at = now() where id = any (p_tasks) and status = 'leased' returning id
  )
  select array_agg(id) into v_closed from closed;
  if v_closed is null then return 0; end if;
  with per_unit as (
    select tu.unit_id, count(*)::int as n from task_units tu where tu.task_id = any (v_closed) group by tu.unit_id
  ), locked as materialized (
    select f.unit_id from unit_fill f where f.unit_id in (select unit_id from per_unit) order by f.unit_id for no key update
  )
  update unit_fill f set leases = f.leases - p.n from per_unit p
  where f.unit_id = p.unit_id and f.unit_id in (select unit_id from locked);
  return cardinality(v_closed);
end;
$$;
