-- Leases a gold task (product.md §9; chooseGold in app/domain/assignment/choose-next-task.ts): the first
-- gold unit of the project in key order that was never served to the annotator, with the other such gold
-- units of its response. Served = the annotator has taken a lease on it (a task_units row of theirs,
-- whatever became of the lease: submitted, skipped, released or expired) or has a rating on it (`import
-- ratings` writes ratings without a lease); a skip always came with a lease. So a gold unit is served at
-- most once per annotator. Returns {"task_id": n, "resumed": false}, or null when no gold unit is left
-- for them (the caller then claims a normal task). Called by rolecall_claim_many only, for a claim that
-- is due gold, with the membership locked (two claims of one annotator cannot both take a unit).
-- Gold does not count toward k: a gold unit's queue row is parked outside its project's queue
-- (unit_fill.project_id = -project, app/services/gold.server.ts), so no normal claim reads it, while the
-- submit, the sweep and releases keep its counts as for any unit. The walk reads the project's gold
-- units only (gold_units_project), never the project's queue; every gold unit is open to every
-- annotator once, so no advisory lock is needed. Each probe is one lookup of (unit, annotator):
-- task_units_unit_annotator, then ratings_unit_annotator; the lease probe comes first (OFFSET 0 keeps
-- the order), since it answers for every unit served through the queue. A queue row another transaction
-- is writing is skipped, not waited for, as in rolecall_claim.
create or replace function rolecall_claim_gold(p_project integer, p_annotator text, p_lease integer)
returns json language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_first bigint;
  v_response integer;
  v_dialogue integer;
  v_units bigint[];
  v_task bigint;
begin
  select c.unit_id into v_first from (
    select c.unit_id from (
      select g.unit_id from gold_units g where g.project_id = p_project order by g.unit_id offset 0) c
    where not exists (select 1 from task_units tu where tu.unit_id = c.unit_id and tu.annotator_id = p_annotator offset 0)
    offset 0) c
  where not exists (select 1 from ratings r where r.unit_id = c.unit_id and (r.annotator_id = p_annotator) is true offset 0)
  limit 1;
  if v_first is null then return null; end if;
  select u.response_id, u.dialogue_id into v_response, v_dialogue from units u where u.id = v_first;

  select array_agg(c.unit_id order by c.position) into v_units from (
    select f.unit_id, f.position from units u
    join gold_units g on g.unit_id = u.id
    join unit_fill f on f.unit_id = u.id
    where u.response_id = v_response and (g.project_id = p_project) is true
      and not exists (select 1 from task_units tu where tu.unit_id = u.id and tu.annotator_id = p_annotator offset 0)
      and not exists (select 1 from ratings r where r.unit_id = u.id and (r.annotator_id = p_annotator) is true offset 0)
    for no key update of f skip locked) c;
  if v_units is null then return null; end if;

  {{lease_units(null)}};
  return json_build_object('task_id', v_task, 'resumed', false);
end;
$$;
