-- Stores an annotator's scores for the units of their task, once per idempotency key; a submit after
-- the lease expired is kept and marked late. Returns {"accepted": n, "late": bool}. Bad input raises
-- RC404 / RC409 / RC400 (message, and the field in DETAIL), which rolls back the whole call.
-- Locks: the task row first (a concurrent duplicate waits there, then replays the stored answer; the
-- sweep of expired leases skips a task being submitted), then the task's unit_fill rows in id order.
-- The key is stored last, with its answer. A pairwise unit (product.md §11) takes a choice as the side
-- shown: -1 = side A, -2 = tie, -3 = side B (app/services/queue/submit.server.ts maps "a"/"tie"/"b"),
-- stored in the comparison's own order (1 = its a preferred, 2 = tie, 3 = its b) through tasks.swapped.
-- rolecall_submit_many refuses negative scores, so a batch holding a choice is run here, singly.
create or replace function rolecall_submit(p_task bigint, p_annotator text, p_token_project integer, p_key text,
  p_units bigint[], p_scores integer[], p_comments text[], p_active_ms integer)
returns json language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_project integer;
  v_status text;
  v_expires timestamptz;
  v_prev_task bigint;
  v_prev_result text;
  v_bad integer;
  v_foreign boolean;
  v_min integer;
  v_max integer;
  v_late boolean;
  v_held integer;
  v_added bigint[];
  v_result json;
  v_swapped boolean;
  v_pairwise boolean;
begin
  -- a task of this annotator, in a project they are still a member of (and the token's project)
  select t.project_id, t.status, t.expires_at, t.swapped into v_project, v_status, v_expires, v_swapped from tasks t
  join project_members pm on pm.project_id = t.project_id and pm.user_id = t.annotator_id
  where t.id = p_task and t.annotator_id = p_annotator
  for no key update of t;
  if v_project is null or (p_token_project is not null and p_token_project <> v_project) then
    raise exception 'No such task' using errcode = 'RC404';
  end if;

  -- a key seen before: the stored answer (a concurrent duplicate of this submit waited on the task's
  -- lock above, and finds it here)
  select s.task_id, s.result into v_prev_task, v_prev_result from submissions s
  where s.annotator_id = p_annotator and s.idempotency_key = p_key;
  if v_prev_task is not null then
    if v_prev_task <> p_task then
      raise exception 'This idempotency_key was used for another task' using errcode = 'RC409';
    end if;
    return v_prev_result::json;
  end if;

  -- the first bad rating, in order: a unit that is not part of this task, or a score off its metric's
  -- scale (a choice, for a pairwise unit)
  select x.i, tu.unit_id is null, m.scale_min, m.scale_max, u.comparison_id is not null into v_bad, v_foreign, v_min, v_max, v_pairwise
  from unnest(p_units, p_scores) with ordinality as x(unit_id, score, i)
  left join (task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id)
    on tu.task_id = p_task and tu.unit_id = x.unit_id
  where tu.unit_id is null
     or (u.comparison_id is null and x.score not between m.scale_min and m.scale_max)
     or (u.comparison_id is not null and x.score not between -3 and -1)
  order by x.i limit 1;
  if v_foreign then
    raise exception 'Unit % is not part of this task', p_units[v_bad]
      using errcode = 'RC409', detail = format('ratings[%s].unit_id', v_bad - 1);
  elsif v_pairwise then
    raise exception 'Unit % compares two responses: send preferences with a choice of a, b or tie', p_units[v_bad]
      using errcode = 'RC400', detail = format('preferences[%s].choice', v_bad - 1);
  elsif v_bad is not null and p_scores[v_bad] < 0 then
    raise exception 'Unit % scores one response: send ratings with a score', p_units[v_bad]
      using errcode = 'RC400', detail = format('ratings[%s].score', v_bad - 1);
  elsif v_bad is not null then
    raise exception 'ratings[%].score must be from % to %', v_bad - 1, v_min, v_max
      using errcode = 'RC400', detail = format('ratings[%s].score', v_bad - 1);
  end if;

  v_late := v_expires <= now() or v_status <> 'leased';
  -- an open lease is counted in its units' fill until this submit closes it
  v_held := (v_status = 'leased')::integer;
  if v_status in ('leased', 'expired') then
    update tasks set status = 'submitted', closed_at = now() where id = p_task;
  end if;
  -- no write to the project row: it would serialise every submit of a project; report caches notice new
  -- ratings by the newest rating id (app/services/reports/cache.server.ts)
  with added as (
    insert into ratings (project_id, unit_id, annotator_id, task_id, score, comment, active_ms, late)
    select v_project, x.unit_id, p_annotator, p_task,
           case when x.score > 0 then x.score when x.score = -2 then 2 when (x.score = -1) = v_swapped then 3 else 1 end,
           nullif(x.comment, ''), p_active_ms, v_late
    from unnest(p_units, p_scores, p_comments) as x(unit_id, score, comment)
    on conflict (unit_id, annotator_id) do nothing
    returning unit_id
  )
  select coalesce(array_agg(unit_id), '{}') into v_added from added;
  if v_held = 1 or cardinality(v_added) > 0 then
    -- fill stays as it was where a lease turns into a rating: the update is HOT
    update unit_fill f set rating_count = f.rating_count + (f.unit_id = any (v_added))::integer, leases = f.leases - v_held
    where f.unit_id in (select l.unit_id from unit_fill l
                        where l.unit_id in (select tu.unit_id from task_units tu where tu.task_id = p_task)
                        order by l.unit_id for no key update);
  end if;
  -- a late rating does not count toward a disagreement (product.md §9: on-time ratings)
  if not v_late and cardinality(v_added) > 0 then
    perform rolecall_refresh_disagreements(v_project, v_added);
  end if;
  v_result := json_build_object('accepted', cardinality(v_added), 'late', v_late);
  -- the key and its answer; taken meanwhile by a submit of another task (which held another task's
  -- lock), it is that task's: this submit is refused and rolled back
  insert into submissions (annotator_id, idempotency_key, task_id, result) values (p_annotator, p_key, p_task, v_result::text)
  on conflict do nothing;
  if not found then
    raise exception 'This idempotency_key was used for another task' using errcode = 'RC409';
  end if;
  return v_result;
end;
$$;
