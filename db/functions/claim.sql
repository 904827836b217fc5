-- Leases the best response for an annotator (rules 2-4 of app/domain/assignment/choose-next-task.ts;
-- claim-agreement.test.ts holds the two together). Returns {"task_id": n, "resumed": false} or
-- {"reason": "nothing-left"}, or {"reason": "retry"} when p_may_wait is false and the claim would have
-- had to wait (see rolecall_claim_many). Called by rolecall_claim_many only, which has locked the
-- membership, resumed a live lease (rule 1), closed the expired leases (unit_fill's counts are then
-- those of live leases) and read the annotator's group, cap (k, or the number of groups), lease length
-- and active dialogues (5 slots, unused ones null).
create or replace function rolecall_claim(p_project integer, p_annotator text, p_group text, p_k integer, p_group_mode boolean,
  p_lease integer, p_active integer[], p_may_wait boolean)
returns json language plpgsql
-- generic plans, made once per connection (re-planning cost more than running); no JIT (at a million
-- units the estimates cross jit_above_cost, and compiling cost 800 ms a claim); every lookup has its
-- index, reached by key lookups: no sequential, bitmap, merge or hash plans (plans made from tables
-- analysed empty or nearly so chose scans, a bitmap AND of both unit_fill indexes that read the whole
-- queue, and merge joins that walked a primary key from its start): docs/decisions/008 and 010.
-- "(x) is true" marks a test that must stay a filter: as a plain comparison it is also an index
-- condition of another index, and a generic plan made while the tables were (nearly) empty, which then
-- lasts as long as the connection, could read that index whole: the group probes' live lease
-- (tasks_expiry_idx: every live lease of every project, instead of the task by its id), the
-- annotator of a rating (ratings_project_annotator: all their ratings, instead of the unit's), the
-- recheck's cap (unit_fill_dialogue: every open unit, instead of the response's).
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_tried integer[] := '{}';
  v_response integer;
  v_dialogue integer;
  v_locked bigint[];
  v_units bigint[];
  v_task bigint;
  v_timeout text := current_setting('lock_timeout');
  v_holds boolean := false;
  v_swept boolean := false;
begin
  for attempt in 1..5 loop
    -- Rules 2 and 3: the best eligible unit by (fill desc, in an active dialogue, position), in one
    -- statement of two reads, each stopping at its first unit: the best unit of the active dialogues
    -- (s), then the best of the whole queue that is strictly fuller (h; at equal fill the active
    -- dialogue wins). Both read only units below the cap, in index order. Each unit read is taken with
    -- a transaction-scoped advisory lock on its id, so concurrent claims skip each other's candidates
    -- instead of all choosing the same one; then the annotator's own probes (rated, skipped, group).
    -- Each level ends in OFFSET 0, which keeps that order (the planner orders a WHERE's tests by cost)
    -- and keeps each "not exists" a per-unit probe of its index (as anti-joins, the generic plan read
    -- all the annotator's ratings).
    select coalesce(h.response_id, s.response_id), coalesce(h.dialogue_id, s.dialogue_id) into v_response, v_dialogue
    from (select 1) one
    left join lateral (
      select e.response_id, e.dialogue_id, e.fill from (
        select c.* from (
          select f.unit_id, f.response_id, f.dialogue_id, f.position, f.fill from unit_fill f
          where f.project_id = p_project and f.dialogue_id = any (p_active) and f.fill < p_k and f.response_id <> all (v_tried)
          order by f.fill desc, f.position offset 0) c
        where pg_try_advisory_xact_lock(c.unit_id)
        offset 0) e
      where {{unit_open_to(e)}}
      limit 1) s on true
    left join lateral (
      select e.response_id, e.dialogue_id from (
        select c.* from (
          select f.unit_id, f.response_id, f.dialogue_id, f.position from unit_fill f
          where f.project_id = p_project and f.fill < p_k and f.fill > coalesce(s.fill, -1) and f.response_id <> all (v_tried)
          order by f.fill desc nulls last, f.position offset 0) c
        where pg_try_advisory_xact_lock(c.unit_id)
        offset 0) e
      where {{unit_open_to(e)}}
      limit 1) h on true;

    if v_response is null then
      -- expired leases the sweep of rolecall_claim_many left for later (it takes 1,000 at a time, and
      -- skips rows in use) may hold the last open units
      if not v_swept then
        v_swept := true;
        if rolecall_expire_leases() > 0 then continue; end if;
      end if;
      -- every open unit may just be held by claims in flight: wait for the first one (briefly) rather
      -- than tell the annotator there is nothing left. Only while this transaction holds no unit locks:
      -- waiting while holding them could close a cycle with other claims (deadlock).
      exit when v_holds;
      -- in a batch, a later claim holds the unit locks of the earlier ones: it must not wait
      if not p_may_wait then return json_build_object('reason', 'retry'); end if;
      begin
        perform set_config('lock_timeout', '3s', true);
        select c.response_id, c.dialogue_id into v_response, v_dialogue from (
          select f.unit_id, f.response_id, f.dialogue_id from unit_fill f
          where f.project_id = p_project and f.fill < p_k and f.response_id <> all (v_tried)
            and {{unit_open_to(f)}}
          order by f.fill desc nulls last, f.position limit 1) c
        cross join lateral (select pg_advisory_xact_lock(c.unit_id)) w;
        perform set_config('lock_timeout', v_timeout, true);
      exception when lock_not_available then
        return json_build_object('reason', 'nothing-left');
      end;
      exit when v_response is null;
    end if;
    v_holds := true;

    -- rule 4: the response's units, locked (skipping those another claim holds) ...
    if v_response > 0 then
      select array_agg(x.id) into v_locked from (select u.id from units u where u.response_id = v_response offset 0) x
      where pg_try_advisory_xact_lock(x.id);
    else -- a pairwise comparison (rolecall_unit_fill_rows)
      select array_agg(x.id) into v_locked from (select u.id from units u where u.comparison_id = -v_response offset 0) x
      where pg_try_advisory_xact_lock(x.id);
    end if;
    -- ... then eligibility and the cap checked under the locks, in a new snapshot that sees leases
    -- committed meanwhile (a gold unit of the response is not the queue's: its row is parked outside
    -- the project, rolecall_claim_gold). A unit row another transaction is writing (a submit, a sweep) is skipped
    -- rather than waited for: a claim never waits on a row, so it cannot close a cycle with them.
    select array_agg(c.unit_id order by c.position) into v_units from (
      select f.unit_id, f.position from unit_fill f
      where f.unit_id = any (v_locked) and (f.project_id = p_project) is true and (f.fill < p_k) is true
        and {{unit_open_to(f)}}
      for no key update of f skip locked) c;
    if v_units is not null then
      -- the lease: the task, its units, and their fill, in one statement
      {{lease_units(p_group)}};
      return json_build_object('task_id', v_task, 'resumed', false);
    end if;
    v_tried := v_tried || v_response; -- taken by a concurrent claim: look again without it
    v_response := null;
  end loop;
  return json_build_object('reason', 'nothing-left');
end;
$$;
