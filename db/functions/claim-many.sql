-- Claims the next task for one or several annotators in one transaction, in order; returns a JSON
-- array of answers: {"task_id": n, "resumed": bool, "task": payload} or {"reason": "nothing-left" |
-- "paused" | "not-annotator" | "retry"}. What the claims need is read for all of them at once:
--  1. the membership rows, locked all in one order (two batches, two app processes, cannot wait on
--     each other in a cycle; the lock serialises the claims of one annotator: two tabs get one task),
--     with the projects' queue settings;
--  2. the annotators' live leases (rule 1, resume), locked in id order as every writer of tasks locks
--     them: a claim waits for a task row only here, while it holds no queue row;
--  3. expired leases are closed (rolecall_expire_leases, which never waits);
--  4. each annotator's active dialogues: the most recent among their latest tasks of the last hours (rule 3;
--     the numbers are app/domain/assignment/active-dialogues.ts's).
-- Then each claim in turn: a gold one (rolecall_claim_gold) when the project has gold and the claim is
-- due it (isGoldDue in app/domain/assignment/choose-next-task.ts: always in the annotator's
-- qualification round, otherwise when a draw seeded by the annotator and their latest task falls below
-- gold_rate), else, or when no gold is left for them, a normal one (rolecall_claim); then the payloads
-- of all the tasks in one query. Claims in
-- one transaction see each other's leases (the cap holds); a later claim can take the same unit locks
-- again (advisory locks are re-entrant in a session), and the cap re-check under them counts the
-- earlier claims' leases; the same annotator twice resumes the task of the first. Only the first claim
-- that looks for units may wait for a unit held by a claim in flight; a later one answers
-- {"reason": "retry"} and the app claims it alone.
create or replace function rolecall_claim_many(p_projects integer[], p_annotators text[])
returns json language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_n integer := coalesce(cardinality(p_annotators), 0);
  v_role text[];
  v_group text[];
  v_paused boolean[];
  v_k integer[];
  v_group_mode boolean[];
  v_lease integer[];
  v_gold_rate double precision[];
  v_in_round boolean[];
  v_has_gold boolean[];
  v_last bigint;
  v_own bigint[];
  v_active integer[];
  v_tasks bigint[];
  v_out json[] := '{}';
  v_resume bigint;
  v_claimed boolean := false;
  r json;
begin
  if v_n = 0 then return '[]'; end if;
  v_tasks := array_fill(null::bigint, array[v_n]);
  -- (each membership probed by its key, in key order: a join of the arrays with the table could be
  -- planned the other way round, reading all of project_members for the batch)
  with m as materialized (
    select pm.project_id, pm.user_id, pm.role, pm.group_name, pm.paused, pm.qualified_at
    from (select distinct x.project_id, x.annotator_id from unnest(p_projects, p_annotators) x(project_id, annotator_id)
          order by 1, 2) x
    cross join lateral (select pm.* from project_members pm where pm.project_id = x.project_id and pm.user_id = x.annotator_id
                        for update) pm)
  select array_agg(m.role order by x.i), array_agg(m.group_name order by x.i), array_agg(m.paused order by x.i),
    array_agg({{ratings_per_unit(p)}} order by x.i),
    array_agg(p.group_mode order by x.i), array_agg(p.lease_seconds order by x.i),
    array_agg(p.gold_rate order by x.i), array_agg(p.qualification_units > 0 and m.qualified_at is null order by x.i),
    array_agg(exists (select 1 from gold_units g where g.project_id = x.project_id) order by x.i)
  into v_role, v_group, v_paused, v_k, v_group_mode, v_lease, v_gold_rate, v_in_round, v_has_gold
  from unnest(p_projects, p_annotators) with ordinality x(project_id, annotator_id, i)
  left join m on m.project_id = x.project_id and m.user_id = x.annotator_id
  left join projects p on p.id = x.project_id;

  -- the annotators' open leases (each probed by its key), then locked in id order; the live lease is
  -- checked after the lock: a lease the sweep has just closed is not revived
  with l as materialized (
    select t.id, t.project_id, t.annotator_id, t.expires_at from tasks t
    where t.id = any (array(
      select o.id from unnest(p_projects, p_annotators) x(project_id, annotator_id)
      cross join lateral (select t.id from tasks t where t.project_id = x.project_id and t.annotator_id = x.annotator_id and t.status = 'leased' offset 0) o))
      and t.status = 'leased'
    order by t.id
    for no key update)
  select array_agg((select min(l.id) from l where l.project_id = x.project_id and l.annotator_id = x.annotator_id and l.expires_at > now()) order by x.i)
  into v_own
  from unnest(p_projects, p_annotators) with ordinality x(project_id, annotator_id, i);

  perform rolecall_expire_leases();

  -- (each annotator's list made once, padded with nulls to its slots)
  select array_agg(s.dialogue_id order by x.i, s.j) into v_active
  from unnest(p_projects, p_annotators) with ordinality x(project_id, annotator_id, i)
  cross join lateral unnest((array(
      select d.dialogue_id from (
        select t.dialogue_id, max(t.id) as last from (
          select t.id, t.dialogue_id from tasks t
          where t.project_id = x.project_id and t.annotator_id = x.annotator_id and t.created_at > now() - interval '{{ACTIVE_HOURS}} hours'
          order by t.id desc limit {{ACTIVE_RECENT_TASKS}}) t
        group by t.dialogue_id order by last desc limit {{ACTIVE_DIALOGUES}}) d) || array_fill(null::integer, array[{{ACTIVE_DIALOGUES}}]))[1:{{ACTIVE_DIALOGUES}}]) with ordinality s(dialogue_id, j);

  for i in 1 .. v_n loop
    if not coalesce(v_role[i] = any ({{ANNOTATE_ROLES}}), false) then
      r := json_build_object('reason', 'not-annotator');
    elsif v_paused[i] then
      r := json_build_object('reason', 'paused');
    else
      -- rule 1: their live lease, or the task this batch gave them a moment ago
      v_resume := v_own[i];
      for j in 1 .. i - 1 loop
        if p_projects[j] = p_projects[i] and p_annotators[j] = p_annotators[i] and v_tasks[j] is not null then v_resume := v_tasks[j]; end if;
      end loop;
      if v_resume is not null then
        update tasks set expires_at = now() + make_interval(secs => v_lease[i]) where id = v_resume;
        r := json_build_object('task_id', v_resume, 'resumed', true);
      else
        r := null;
        if v_has_gold[i] then
          -- the draw (isGoldDue): seeded by the annotator and their latest task, including this batch's
          select max(t.id) into v_last from tasks t where t.project_id = p_projects[i] and t.annotator_id = p_annotators[i];
          if v_in_round[i] or ('x' || substr(md5(p_annotators[i] || ':' || coalesce(v_last, 0)), 1, 8))::bit(32)::bigint / 4294967296.0 < v_gold_rate[i] then
            -- (holds no unit's advisory lock: it does not count as this batch's claim that may wait)
            r := rolecall_claim_gold(p_projects[i], p_annotators[i], v_lease[i]);
          end if;
        end if;
        if r is null then
          r := rolecall_claim(p_projects[i], p_annotators[i], v_group[i], v_k[i], v_group_mode[i], v_lease[i],
                              v_active[(i - 1) * 5 + 1 : i * 5], not v_claimed);
          v_claimed := true;
        end if;
      end if;
      v_tasks[i] := (r ->> 'task_id')::bigint;
    end if;
    v_out := v_out || r;
  end loop;

  select array_agg(case when v_tasks[x.i] is null then x.r
                        else json_build_object('task_id', v_tasks[x.i], 'resumed', (x.r ->> 'resumed')::boolean, 'task', p.payload) end
                   order by x.i)
  into v_out
  from unnest(v_out) with ordinality x(r, i)
  left join rolecall_task_payloads(v_tasks) p on p.task_id = v_tasks[x.i];
  return array_to_json(v_out);
end;
$$;
