-- History: the functions this migration created now live in db/functions/ (one file each, applied by
-- db/migrate.ts). Their bodies below are what this migration applied then, not what runs now.
-- The queue's two hot paths as database functions: one round trip each, with their plans cached per
-- connection. rolecall_claim carries out app/domain/assignment/choose-next-task.ts (the specification;
-- app/services/queue/claim-agreement.test.ts holds the two together). docs/decisions/008-queue-in-plpgsql.md.

-- The API's task (product.md §6): the response to score and the units of it, in import order. The model
-- is null when the project hides model names (app/services/queue/task-view.server.ts leaves it out).
create function rolecall_task_payload(p_task bigint) returns json language sql stable as $$
  select json_build_object(
    'id', t.id, 'dialogue_id', d.external_id, 'model', case when p.hide_model_names then null else mo.name end,
    'response_text', r.scored_text, 'lease_expires_at', t.expires_at,
    'units', (select coalesce(json_agg(json_build_object('unit_id', tu.unit_id, 'metric', m.key, 'min', m.scale_min, 'max', m.scale_max) order by u.position), '[]')
              from task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id where tu.task_id = t.id))
  from tasks t join responses r on r.id = t.response_id join dialogues d on d.id = r.dialogue_id
  join models mo on mo.id = r.model_id join projects p on p.id = t.project_id
  where t.id = p_task
$$;
--> statement-breakpoint

-- Claims the next task of an annotator: resume their live lease, or lease the best response.
-- Returns {"task_id": n, "resumed": bool, "task": rolecall_task_payload(n)} or {"reason": "nothing-left" | "paused" | "not-annotator"}.
-- p_window / p_siblings bound the candidates: every candidate is locked while the claim runs, and
-- concurrent claims skip each other's, so large windows make each claim walk past the others' (at 200
-- annotators, 16 + 64 cost about 10 ms of database time per claim).
create function rolecall_claim(p_project integer, p_annotator text, p_window integer default 4, p_siblings integer default 8)
returns json language plpgsql
-- generic plans, made once per connection: with the default, PostgreSQL kept re-planning the window query
-- on every call (custom plans looked cheaper), which cost more than the query itself. No JIT: at a
-- million units the window's estimated cost (it cannot see the LIMIT's effect) crosses jit_above_cost,
-- and compiling took 800 ms of each 1 ms claim.
set plan_cache_mode = force_generic_plan
set jit = off
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
    with win as (
      select c.* from (
        select u.id, u.response_id, u.dialogue_id, u.position, u.rating_count + l.live as fill
        from units u cross join lateral (select count(*) as live from task_units tu where tu.unit_id = u.id and tu.live_until > now()) l
        where u.project_id = p_project and u.rating_count < v_k and u.rating_count + l.live < v_k and u.response_id <> all (v_tried)
        and not exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = p_annotator offset 0)
        and not exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = p_annotator offset 0)
        and (not v_group_mode or (v_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = u.id and pm.group_name = v_group offset 0)
          and not exists (select 1 from task_units tu where tu.unit_id = u.id and tu.group_name = v_group and tu.live_until > now() offset 0)))
        order by u.rating_count desc nulls last, u.position
        offset 0) c
      where pg_try_advisory_xact_lock(c.id)
      limit p_window
    ), sib as (
      select c.* from (
        select u.id, u.response_id, u.dialogue_id, u.position, u.rating_count + l.live as fill
        from units u cross join lateral (select count(*) as live from task_units tu where tu.unit_id = u.id and tu.live_until > now()) l
        where u.project_id = p_project and u.dialogue_id = any (v_active)
        and u.rating_count < v_k and u.rating_count + l.live < v_k and u.response_id <> all (v_tried)
        and not exists (select 1 from ratings r where r.unit_id = u.id and r.annotator_id = p_annotator offset 0)
        and not exists (select 1 from skips s where s.unit_id = u.id and s.annotator_id = p_annotator offset 0)
        and (not v_group_mode or (v_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = u.id and pm.group_name = v_group offset 0)
          and not exists (select 1 from task_units tu where tu.unit_id = u.id and tu.group_name = v_group and tu.live_until > now() offset 0)))
        order by u.position offset 0) c
      where pg_try_advisory_xact_lock(c.id)
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
--> statement-breakpoint

-- Stores an annotator's scores for the units of their task, once per idempotency key; a submit after
-- the lease expired is kept and marked late. Returns {"accepted": n, "late": bool}. Bad input raises
-- RC404 / RC409 / RC400 (message, and the field in DETAIL), which rolls back the whole call.
create function rolecall_submit(p_task bigint, p_annotator text, p_token_project integer, p_key text,
  p_units bigint[], p_scores integer[], p_comments text[], p_active_ms integer)
returns json language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
as $$
declare
  v_project integer;
  v_prev_task bigint;
  v_prev_result text;
  v_bad integer;
  v_foreign boolean;
  v_min integer;
  v_max integer;
  v_late boolean;
  v_accepted integer;
  v_result json;
begin
  -- a task of this annotator, in a project they are still a member of (and the token's project)
  select t.project_id into v_project from tasks t
  join project_members pm on pm.project_id = t.project_id and pm.user_id = t.annotator_id
  where t.id = p_task and t.annotator_id = p_annotator;
  if v_project is null or (p_token_project is not null and p_token_project <> v_project) then
    raise exception 'No such task' using errcode = 'RC404';
  end if;

  -- the key is claimed first: a concurrent duplicate waits here, then finds the stored answer
  insert into submissions (annotator_id, idempotency_key, task_id, result) values (p_annotator, p_key, p_task, '')
  on conflict do nothing;
  if not found then
    select s.task_id, s.result into v_prev_task, v_prev_result from submissions s
    where s.annotator_id = p_annotator and s.idempotency_key = p_key;
    if v_prev_task <> p_task then
      raise exception 'This idempotency_key was used for another task' using errcode = 'RC409';
    end if;
    return v_prev_result::json;
  end if;

  -- the first bad rating, in order: a unit that is not part of this task, or a score off its metric's scale
  select x.i, tu.unit_id is null, m.scale_min, m.scale_max into v_bad, v_foreign, v_min, v_max
  from unnest(p_units, p_scores) with ordinality as x(unit_id, score, i)
  left join (task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id)
    on tu.task_id = p_task and tu.unit_id = x.unit_id
  where tu.unit_id is null or x.score not between m.scale_min and m.scale_max
  order by x.i limit 1;
  if v_foreign then
    raise exception 'Unit % is not part of this task', p_units[v_bad]
      using errcode = 'RC409', detail = format('ratings[%s].unit_id', v_bad - 1);
  elsif v_bad is not null then
    raise exception 'ratings[%].score must be from % to %', v_bad - 1, v_min, v_max
      using errcode = 'RC400', detail = format('ratings[%s].score', v_bad - 1);
  end if;

  select (t.expires_at <= now() or t.status <> 'leased') into v_late from tasks t where t.id = p_task;
  -- no write to the project row: it would serialise every submit of a project; report caches notice new
  -- ratings by the newest rating id (app/services/reports/cache.server.ts)
  with added as (
    insert into ratings (project_id, unit_id, annotator_id, task_id, score, comment, active_ms, late)
    select v_project, x.unit_id, p_annotator, p_task, x.score, nullif(x.comment, ''), p_active_ms, v_late
    from unnest(p_units, p_scores, p_comments) as x(unit_id, score, comment)
    on conflict (unit_id, annotator_id) do nothing
    returning unit_id
  ), counted as (
    -- rows locked in id order, so two submits sharing units cannot wait on each other in a cycle
    update units set rating_count = rating_count + 1
    where id in (select id from units where id in (select unit_id from added) order by id for no key update)
    returning id
  )
  select count(*) into v_accepted from counted;

  update tasks set status = 'submitted', closed_at = now() where id = p_task and status = 'leased';
  update task_units set live_until = null where task_units.task_id = p_task and live_until is not null;
  v_result := json_build_object('accepted', v_accepted, 'late', v_late);
  update submissions set result = v_result::text where annotator_id = p_annotator and idempotency_key = p_key;
  return v_result;
end;
$$;
