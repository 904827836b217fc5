-- History: the functions this migration created now live in db/functions/ (one file each, applied by
-- db/migrate.ts). Their bodies below are what this migration applied then, not what runs now.
-- rolecall_claim's candidate window and siblings test the cap before the annotator's own probes
-- (docs/decisions/008-queue-in-plpgsql.md). Under load most units at the head of the queue are held
-- by other annotators' live leases; the walk past them ran two or four index probes per unit (rated?
-- skipped? group?) before the lease count that rejected it. The function is otherwise that of 0005
-- (create or replace needs the whole body).

-- Claims the next task of an annotator: resume their live lease, or lease the best response.
-- Returns {"task_id": n, "resumed": bool, "task": rolecall_task_payload(n)} or {"reason": "nothing-left" | "paused" | "not-annotator"}.
-- p_window / p_siblings bound the candidates: every candidate is locked while the claim runs, and
-- concurrent claims skip each other's, so large windows make each claim walk past the others' (at 200
-- annotators, 16 + 64 cost about 10 ms of database time per claim).
create or replace function rolecall_claim(p_project integer, p_annotator text, p_window integer default 4, p_siblings integer default 8)
returns json language plpgsql
-- generic plans, made once per connection: with the default, PostgreSQL kept re-planning the window query
-- on every call (custom plans looked cheaper), which cost more than the query itself. No JIT: at a
-- million units the window's estimated cost (it cannot see the LIMIT's effect) crosses jit_above_cost,
-- and compiling took 800 ms of each 1 ms claim.
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
as $$
declare
  v_k integer;
  v_group_mode boolean;
  v_lease integer;
  v_role text;
  v_group text;
  v_paused boolean;
  v_task bigint;
  v_expires timestamptz;
  v_active integer[];
  v_tried integer[] := '{}';
  v_response integer;
  v_locked bigint[];
  v_units bigint[];
  v_timeout text := current_setting('lock_timeout');
begin
  select p.overlap_k, p.group_mode, p.lease_seconds into v_k, v_group_mode, v_lease from projects p where p.id = p_project;
  -- the lock on the membership row serialises the claims of one annotator (two tabs cannot take two tasks)
  select pm.role, pm.group_name, pm.paused into v_role, v_group, v_paused
  from project_members pm where pm.project_id = p_project and pm.user_id = p_annotator for update;
  if v_role is distinct from 'annotator' then return json_build_object('reason', 'not-annotator'); end if;
  if v_paused then return json_build_object('reason', 'paused'); end if;
  if v_group_mode then
    select count(distinct pm.group_name) into v_k from project_members pm
    where pm.project_id = p_project and pm.role = 'annotator' and pm.group_name is not null;
  end if;

  -- rule 1, resume. Each statement of this function takes a new snapshot, so a second tab that waited on
  -- the lock above sees the lease the first tab just took.
  select t.id into v_task from tasks t
  where t.project_id = p_project and t.annotator_id = p_annotator and t.status = 'leased' and t.expires_at > now()
  order by t.id limit 1;
  if v_task is not null then
    update tasks set expires_at = now() + make_interval(secs => v_lease) where id = v_task returning expires_at into v_expires;
    update task_units set live_until = v_expires where task_units.task_id = v_task;
    return json_build_object('task_id', v_task, 'resumed', true, 'task', rolecall_task_payload(v_task));
  end if;

  -- the dialogues the annotator worked on lately: their sibling responses come next (rule 3)
  select array_agg(a.dialogue_id) into v_active from (
    select r.dialogue_id from tasks t join responses r on r.id = t.response_id
    where t.project_id = p_project and t.annotator_id = p_annotator and t.created_at > now() - interval '3 hours'
    group by r.dialogue_id order by max(t.id) desc limit 5) a;

  for attempt in 1..4 loop
    -- The "not exists" tests end in OFFSET 0, which keeps each one a per-unit probe of its unique index:
    -- as anti-joins, the generic plan was free to read all of the annotator's ratings for every unit.
    -- The candidate window and the siblings. Each candidate is claimed with a transaction-scoped advisory
    -- lock on its unit id, taken in order after the eligibility test, so concurrent claimants skip each
    -- other's candidates instead of all choosing the same unit. (Row locks did the same, but every
    -- submit's rating_count update then made PostgreSQL re-check locked rows, and submits waited on
    -- windows.) Rule 2 (eligibility) in the WHERE, rule 3 in the ORDER BY; OFFSET 0 keeps the lock
    -- outside the scan's filter, so only eligible units are locked.
    -- Three levels, innermost first: the queue order and the cap (ratings + live leases < k), which is
    -- what rejects most units at the head of the queue, since they are held by others' leases; then the
    -- annotator's own probes (rated, skipped, group), only for units under the cap; then the lock. Each
    -- level ends in OFFSET 0, so the planner keeps that order (it orders a WHERE's tests by cost, and
    -- the probes were run first, on every unit the walk passed).
    with win as (
      select e.* from (
        select c.* from (
          select u.id, u.response_id, u.dialogue_id, u.position, u.rating_count + l.live as fill
          from units u cross join lateral (select count(*) as live from task_units tu where tu.unit_id = u.id and tu.live_until > now()) l
          where u.project_id = p_project and u.rating_count < v_k and u.rating_count + l.live < v_k and u.response_id <> all (v_tried)
          order by u.rating_count desc nulls last, u.position
          offset 0) c
        where not exists (select 1 from ratings r where r.unit_id = c.id and r.annotator_id = p_annotator offset 0)
          and not exists (select 1 from skips s where s.unit_id = c.id and s.annotator_id = p_annotator offset 0)
          and (not v_group_mode or (v_group is not null
            and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                            where r.unit_id = c.id and pm.group_name = v_group offset 0)
            and not exists (select 1 from task_units tu where tu.unit_id = c.id and tu.group_name = v_group and tu.live_until > now() offset 0)))
        offset 0) e
      where pg_try_advisory_xact_lock(e.id)
      limit p_window
    ), sib as (
      select e.* from (
        select c.* from (
          select u.id, u.response_id, u.dialogue_id, u.position, u.rating_count + l.live as fill
          from units u cross join lateral (select count(*) as live from task_units tu where tu.unit_id = u.id and tu.live_until > now()) l
          where u.project_id = p_project and u.dialogue_id = any (v_active)
          -- "+ 0": only the dialogue index (migration 0005)
          and u.rating_count + 0 < v_k and u.rating_count + l.live < v_k and u.response_id <> all (v_tried)
          order by u.position offset 0) c
        where not exists (select 1 from ratings r where r.unit_id = c.id and r.annotator_id = p_annotator offset 0)
          and not exists (select 1 from skips s where s.unit_id = c.id and s.annotator_id = p_annotator offset 0)
          and (not v_group_mode or (v_group is not null
            and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                            where r.unit_id = c.id and pm.group_name = v_group offset 0)
            and not exists (select 1 from task_units tu where tu.unit_id = c.id and tu.group_name = v_group and tu.live_until > now() offset 0)))
        offset 0) e
      where pg_try_advisory_xact_lock(e.id)
      limit p_siblings
    )
    select c.response_id into v_response from (select * from win union all select * from sib) c
    order by c.fill desc, coalesce(c.dialogue_id = any (v_active), false) desc, c.position, c.id
    limit 1;

    if v_response is null then
      -- every open unit may just be held by claims in flight: wait for the first one (briefly) rather
      -- than tell the annotator there is nothing left. Only on the first attempt, while this claim holds
      -- no unit locks: waiting while holding them could close a cycle with other claims (deadlock).
      exit when attempt > 1;
      begin
        perform set_config('lock_timeout', '3s', true);
        select c.response_id into v_response from (
          select u.id, u.response_id from units u
          where u.project_id = p_project and u.rating_count < v_k and u.response_id <> all (v_tried)
          and u.rating_count + (select count(*) from task_units tu where tu.unit_id = u.id and tu.live_until > now()) < v_k
          and not exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = p_annotator offset 0)
        and not exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = p_annotator offset 0)
        and (not v_group_mode or (v_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = u.id and pm.group_name = v_group offset 0)
          and not exists (select 1 from task_units tu where tu.unit_id = u.id and tu.group_name = v_group and tu.live_until > now() offset 0)))
          order by u.rating_count desc nulls last, u.position limit 1) c
        cross join lateral (select pg_advisory_xact_lock(c.id)) w;
        perform set_config('lock_timeout', v_timeout, true);
      exception when lock_not_available then
        return json_build_object('reason', 'nothing-left');
      end;
      exit when v_response is null;
    end if;

    -- rule 4: the response's units, locked (skipping those another claim holds) ...
    select array_agg(x.id) into v_locked from (select u.id from units u where u.response_id = v_response and u.project_id = p_project) x
    where pg_try_advisory_xact_lock(x.id);
    -- ... then eligibility and the cap checked under the locks, in a new snapshot that sees leases
    -- committed meanwhile
    select array_agg(u.id order by u.position) into v_units from units u
    where u.id = any (v_locked) and u.rating_count < v_k
      and u.rating_count + (select count(*) from task_units tu where tu.unit_id = u.id and tu.live_until > now()) < v_k
      and not exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = p_annotator offset 0)
        and not exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = p_annotator offset 0)
        and (not v_group_mode or (v_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = u.id and pm.group_name = v_group offset 0)
          and not exists (select 1 from task_units tu where tu.unit_id = u.id and tu.group_name = v_group and tu.live_until > now() offset 0)));
    if v_units is not null then
      insert into tasks (project_id, annotator_id, response_id, status, expires_at)
      values (p_project, p_annotator, v_response, 'leased', now() + make_interval(secs => v_lease))
      returning id, expires_at into v_task, v_expires;
      insert into task_units (task_id, unit_id, project_id, annotator_id, group_name, live_until)
      select v_task, x.id, p_project, p_annotator, v_group, v_expires from unnest(v_units) as x(id);
      return json_build_object('task_id', v_task, 'resumed', false, 'task', rolecall_task_payload(v_task));
    end if;
    v_tried := v_tried || v_response; -- taken by a concurrent claim: look again without it
    v_response := null;
  end loop;
  return json_build_object('reason', 'nothing-left');
end;
$$;
