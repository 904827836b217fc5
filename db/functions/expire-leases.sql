-- Closes leases that have expired (status 'expired'), so their units count as open again; returns how
-- many. Runs at the start of every claim (rolecall_claim_many) and never waits: a task another
-- transaction holds (its owner submitting it, a heartbeat, another sweep), or one whose queue rows
-- another transaction is writing, is left for the next sweep. The claim that runs it may hold locks
-- others wait for; a sweep that waited could close a cycle with them. Along tasks_expiry_idx: one index
-- probe when nothing has expired.
create or replace function rolecall_expire_leases() returns integer language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
-- the expiry index is in the order asked for; without this the generic plan may sort the leased tasks
-- of another partial index instead
set enable_sort = off
as $$
declare
  v_tasks bigint[];
  v_free bigint[];
  v_closed bigint[];
begin
  select array_agg(x.id) into v_tasks from (
    select t.id from tasks t where t.status = 'leased' and t.expires_at <= now()
    order by t.expires_at limit 1000 for no key update skip locked) x;
  if v_tasks is null then return 0; end if;
  select array_agg(x.unit_id) into v_free from (
    select f.unit_id from unit_fill f where f.unit_id in (select tu.unit_id from task_units tu where tu.task_id = any (v_tasks))
    order by f.unit_id for no key update skip locked) x;
  -- the tasks whose every unit row is now held by this transaction
  select array_agg(t.id) into v_closed from unnest(v_tasks) t(id)
  where not exists (select 1 from task_units tu where tu.task_id = t.id and tu.unit_id <> all (coalesce(v_free, '{}')));
  if v_closed is null then return 0; end if;
  update tasks set status = 'expired', closed_at = now() where id = any (v_closed);
  update unit_fill f set leases = f.leases - p.n
  from (select tu.unit_id, count(*)::int as n from task_units tu where tu.task_id = any (v_closed) group by tu.unit_id) p
  where f.unit_id = p.unit_id;
  return cardinality(v_closed);
end;
$$;
