-- Submits of several tasks in one transaction, set-based: a handful of statements for the whole batch
-- (rolecall_submit, one per task, ran seven each). Item i is (p_tasks[i], p_annotators[i],
-- p_token_projects[i], p_keys[i], p_active[i]) with p_counts[i] ratings, which follow each other in
-- p_units / p_scores / p_comments. Returns the JSON array of the items' answers, in order.
-- Anything but the plain case raises RC499 and rolls the whole batch back: a task that is not the
-- annotator's, a key already used (a replay, or twice in the batch), a task twice, a bad rating. The app then submits each
-- alone through rolecall_submit, so each gets exactly its own answer or error.
-- Locks, in the order every writer takes them: the tasks in id order, then their units' queue rows in
-- id order. Two batches, or a batch and a sweep, cannot wait on each other in a cycle.
create or replace function rolecall_submit_many(p_tasks bigint[], p_annotators text[], p_token_projects integer[], p_keys text[],
  p_active integer[], p_counts integer[], p_units bigint[], p_scores integer[], p_comments text[])
returns json language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_n integer := coalesce(cardinality(p_tasks), 0);
  v_item integer[];
  v_projects integer[];
  v_held boolean[];
  v_late boolean[];
  v_found integer;
  v_added_units bigint[];
  v_added_tasks bigint[];
  v_results json[];
begin
  if v_n = 0 then return '[]'; end if;
  -- the item of each rating
  v_item := array(select c.i from unnest(p_counts) with ordinality c(n, i) cross join lateral generate_series(1, c.n) g order by c.i, g);
  if cardinality(v_item) <> coalesce(cardinality(p_units), 0) or (select count(distinct x) from unnest(p_tasks) x) <> v_n then
    raise exception 'batch: run singly' using errcode = 'RC499';
  end if;

  -- the tasks, locked: each the item's annotator's, in a project they are still a member of (and the token's)
  with t as materialized (
    select t.id, t.project_id, t.annotator_id, t.status, t.expires_at from tasks t
    join project_members pm on pm.project_id = t.project_id and pm.user_id = t.annotator_id
    where t.id = any (p_tasks) order by t.id for no key update of t)
  select count(*), array_agg(t.project_id order by x.i), array_agg(t.status = 'leased' order by x.i),
         array_agg(t.expires_at <= now() or t.status <> 'leased' order by x.i)
  into v_found, v_projects, v_held, v_late
  from unnest(p_tasks, p_annotators, p_token_projects) with ordinality x(task, annotator, token_project, i)
  join t on t.id = x.task and t.annotator_id = x.annotator and (x.token_project is null or x.token_project = t.project_id);
  if v_found <> v_n then raise exception 'batch: run singly' using errcode = 'RC499'; end if;

  -- a key seen before is a replay, which rolecall_submit answers
  -- (each key probed by its index: a join could be planned the other way round, reading every key)
  perform 1 from unnest(p_annotators, p_keys) x(a, k)
  where exists (select 1 from submissions s where s.annotator_id = x.a and s.idempotency_key = x.k offset 0);
  if found then raise exception 'batch: run singly' using errcode = 'RC499'; end if;

  -- every rating is of a unit of its task, with a score on its metric's scale
  perform 1 from unnest(p_units, p_scores, v_item) x(unit_id, score, item)
  left join (task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id)
    on tu.task_id = p_tasks[x.item] and tu.unit_id = x.unit_id
  where tu.unit_id is null or x.score not between m.scale_min and m.scale_max;
  if found then raise exception 'batch: run singly' using errcode = 'RC499'; end if;

  update tasks set status = 'submitted', closed_at = now() where id = any (p_tasks) and status in ('leased', 'expired');
  with added as (
    insert into ratings (project_id, unit_id, annotator_id, task_id, score, comment, active_ms, late)
    select v_projects[x.item], x.unit_id, p_annotators[x.item], p_tasks[x.item], x.score, nullif(x.comment, ''), p_active[x.item], v_late[x.item]
    from unnest(p_units, p_scores, p_comments, v_item) x(unit_id, score, comment, item)
    on conflict (unit_id, annotator_id) do nothing
    returning unit_id, task_id)
  select coalesce(array_agg(unit_id), '{}'), coalesce(array_agg(task_id), '{}') into v_added_units, v_added_tasks from added;

  -- the queue's counts: each open lease closed, each rating added (fill stays where a lease turns into a
  -- rating: a HOT update)
  with d as (
    select x.u, sum(x.l)::integer as l, sum(x.r)::integer as r from (
      select tu.unit_id as u, 1 as l, 0 as r from task_units tu
      where tu.task_id = any (array(select h.task from unnest(p_tasks, v_held) h(task, held) where h.held))
      union all
      select a.u, 0, 1 from unnest(v_added_units) a(u)) x
    group by x.u
  ), locked as materialized (
    select f.unit_id from unit_fill f where f.unit_id in (select d.u from d) order by f.unit_id for no key update)
  update unit_fill f set rating_count = f.rating_count + d.r, leases = f.leases - d.l
  from d where f.unit_id = d.u and f.unit_id in (select unit_id from locked);

  -- the disagreements the on-time ratings open (product.md §9), per project, after the queue rows' locks
  -- as in a single submit
  perform rolecall_refresh_disagreements(g.project, g.units)
  from (select v_projects[y.i] as project, array_agg(a.u order by a.u) as units
        from unnest(v_added_units, v_added_tasks) a(u, t)
        join unnest(p_tasks) with ordinality y(t, i) on y.t = a.t
        where not v_late[y.i]
        group by v_projects[y.i]) g;

  select array_agg(json_build_object('accepted', coalesce(a.n, 0), 'late', v_late[x.i]) order by x.i) into v_results
  from unnest(p_tasks) with ordinality x(task, i)
  left join (select y.t, count(*)::integer as n from unnest(v_added_tasks) y(t) group by y.t) a on a.t = x.task;
  -- the keys and their answers (a key taken meanwhile, or twice in the batch: run singly)
  with k as (
    insert into submissions (annotator_id, idempotency_key, task_id, result)
    select x.a, x.k, x.t, x.r::text from unnest(p_annotators, p_keys, p_tasks, v_results) x(a, k, t, r)
    on conflict do nothing returning 1)
  select count(*) into v_found from k;
  if v_found <> v_n then raise exception 'batch: run singly' using errcode = 'RC499'; end if;
  return array_to_json(v_results);
end;
$$;
