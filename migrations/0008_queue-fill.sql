-- History: the functions this migration created now live in db/functions/ (one file each, applied by
-- db/migrate.ts). Their bodies below are what this migration applied then, not what runs now.
-- The queue's state moves to its own narrow table, unit_fill (docs/decisions/010-queue-fill.md): a unit's
-- ratings and open leases, with fill = ratings + leases, kept by the claim and the submit. The claim reads
-- the units below the cap straight off the index (project, fill desc, position): it no longer counts
-- each candidate's live leases in task_units, nor walks past the units others' leases have filled, and
-- units (the corpus) are no longer updated by every submit. Leases are counted until their task is
-- closed; expired ones are closed by rolecall_expire_leases at the start of every claim.
CREATE TABLE "unit_fill" (
	"unit_id" bigint PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"response_id" integer NOT NULL,
	"dialogue_id" integer NOT NULL,
	"position" bigint NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"leases" integer DEFAULT 0 NOT NULL,
	"fill" integer GENERATED ALWAYS AS (rating_count + leases) STORED NOT NULL
);
--> statement-breakpoint
-- room on each page for the submit's update (it leaves fill and so the indexes unchanged: a HOT update)
ALTER TABLE "unit_fill" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "unit_fill" ADD CONSTRAINT "unit_fill_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- the units of projects made so far, with their ratings and live leases
INSERT INTO "unit_fill" ("unit_id", "project_id", "response_id", "dialogue_id", "position", "rating_count", "leases")
SELECT u.id, u.project_id, u.response_id, u.dialogue_id, u.position, u.rating_count,
  (SELECT count(*) FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE tu.unit_id = u.id AND t.status = 'leased')
FROM units u;--> statement-breakpoint
CREATE INDEX "unit_fill_queue" ON "unit_fill" USING btree ("project_id","fill" DESC NULLS LAST,"position");--> statement-breakpoint
CREATE INDEX "unit_fill_dialogue" ON "unit_fill" USING btree ("project_id","dialogue_id","fill");--> statement-breakpoint
DROP INDEX "task_units_unit_live";--> statement-breakpoint
DROP INDEX "units_queue_idx";--> statement-breakpoint
CREATE INDEX "task_units_unit" ON "task_units" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "task_units" DROP COLUMN "live_until";--> statement-breakpoint
-- the dialogue of a task's response, for the claim's recent dialogues (rule 3) without a join per task
ALTER TABLE "tasks" ADD COLUMN "dialogue_id" integer;--> statement-breakpoint
UPDATE "tasks" t SET "dialogue_id" = r.dialogue_id FROM "responses" r WHERE r.id = t.response_id;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "dialogue_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "units" DROP COLUMN "rating_count";--> statement-breakpoint

-- Every unit gets its queue row when it is made, whoever makes it (the importer, the ratings import's
-- extra units, test factories, benchmarks): one statement-level insert per statement.
create function rolecall_unit_fill_rows() returns trigger language plpgsql as $$
begin
  insert into unit_fill (unit_id, project_id, response_id, dialogue_id, position)
  select n.id, n.project_id, n.response_id, n.dialogue_id, n.position from new_units n;
  return null;
end;
$$;
--> statement-breakpoint
create trigger units_fill_rows after insert on units referencing new table as new_units
for each statement execute function rolecall_unit_fill_rows();
--> statement-breakpoint

-- Closes the leases of tasks that are still open: status becomes p_status ('submitted' is the submit's
-- own, see rolecall_submit), and each unit of each task loses its lease in unit_fill. The unit rows are
-- locked in id order, as the submit locks them, so two closers cannot wait on each other in a cycle.
-- Returns the tasks closed (a task already closed is left as it is).
create function rolecall_close_tasks(p_tasks bigint[], p_status text) returns integer language plpgsql
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
--> statement-breakpoint

-- Closes leases that have expired (status 'expired'), so their units count as open again; returns how
-- many. Runs at the start of every claim (rolecall_claim_many) and never waits: a task another
-- transaction holds (its owner submitting it, a heartbeat, another sweep), or one whose queue rows
-- another transaction is writing, is left for the next sweep. The claim that runs it may hold locks
-- others wait for; a sweep that waited could close a cycle with them. Along tasks_expiry_idx: one index
-- probe when nothing has expired.
create function rolecall_expire_leases() returns integer language plpgsql
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
--> statement-breakpoint

-- Recomputes unit_fill's counts of a project from ratings and open tasks (after expiring the leases that
-- have lapsed), for writers that add ratings in bulk (the ratings import, test and demo factories).
-- Returns the rows that changed.
create function rolecall_recount_fill(p_project integer) returns integer language plpgsql as $$
declare
  v_n integer;
begin
  perform rolecall_expire_leases();
  with r as (select unit_id, count(*)::int as n from ratings where project_id = p_project group by unit_id),
  l as (select tu.unit_id, count(*)::int as n from tasks t join task_units tu on tu.task_id = t.id
        where t.project_id = p_project and t.status = 'leased' group by tu.unit_id),
  want as (select f.unit_id, coalesce(r.n, 0) as rating_count, coalesce(l.n, 0) as leases from unit_fill f
           left join r on r.unit_id = f.unit_id left join l on l.unit_id = f.unit_id
           where f.project_id = p_project),
  changed as (
    update unit_fill f set rating_count = w.rating_count, leases = w.leases from want w
    where f.unit_id = w.unit_id and (f.rating_count <> w.rating_count or f.leases <> w.leases) returning 1)
  select count(*) into v_n from changed;
  return v_n;
end;
$$;
--> statement-breakpoint

drop function rolecall_claim(integer, text, integer, integer, boolean);
--> statement-breakpoint
-- The API's task (product.md §6) for each of several tasks, in one query: the response to score and
-- its units in import order. The model is null when the project hides model names
-- (app/services/queue/task-view.server.ts leaves it out).
-- Like every queue function it joins only by key lookups (no merge or hash joins): the generic plan
-- of the former one-task payload joined task_units to units by a merge join that walked units_pkey
-- from its first entry up to the task's units, up to all of a project's units per call (1.1-1.3 ms
-- under the queue benchmark, where an index probe per unit costs microseconds).
create function rolecall_task_payloads(p_tasks bigint[]) returns table (task_id bigint, payload json) language plpgsql stable
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
begin
  return query
  select t.id, json_build_object(
      'id', t.id, 'dialogue_id', d.external_id, 'model', case when p.hide_model_names then null else mo.name end,
      'response_text', r.scored_text, 'lease_expires_at', t.expires_at,
      'units', (select coalesce(json_agg(json_build_object('unit_id', tu.unit_id, 'metric', m.key, 'min', m.scale_min, 'max', m.scale_max) order by u.position), '[]')
                from task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id where tu.task_id = t.id))
  from tasks t join responses r on r.id = t.response_id join dialogues d on d.id = r.dialogue_id
  join models mo on mo.id = r.model_id join projects p on p.id = t.project_id
  where t.id = any (p_tasks);
end;
$$;
--> statement-breakpoint
create or replace function rolecall_task_payload(p_task bigint) returns json language sql stable as $$
  select payload from rolecall_task_payloads(array[p_task])
$$;
--> statement-breakpoint

-- Leases the best response for an annotator (rules 2-4 of app/domain/assignment/choose-next-task.ts;
-- claim-agreement.test.ts holds the two together). Returns {"task_id": n, "resumed": false} or
-- {"reason": "nothing-left"}, or {"reason": "retry"} when p_may_wait is false and the claim would have
-- had to wait (see rolecall_claim_many). Called by rolecall_claim_many only, which has locked the
-- membership, resumed a live lease (rule 1), closed the expired leases (unit_fill's counts are then
-- those of live leases) and read the annotator's group, cap (k, or the number of groups), lease length
-- and active dialogues (5 slots, unused ones null).
create function rolecall_claim(p_project integer, p_annotator text, p_group text, p_k integer, p_group_mode boolean,
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
      where not exists (select 1 from ratings r where r.unit_id = e.unit_id and (r.annotator_id = p_annotator) is true offset 0)
        and not exists (select 1 from skips x where x.unit_id = e.unit_id and x.annotator_id = p_annotator offset 0)
        and (not p_group_mode or (p_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = e.unit_id and pm.group_name = p_group offset 0)
          and not exists (select 1 from task_units tu join tasks t on t.id = tu.task_id
                          where tu.unit_id = e.unit_id and tu.group_name = p_group and t.status = 'leased' and (t.expires_at > now()) is true offset 0)))
      limit 1) s on true
    left join lateral (
      select e.response_id, e.dialogue_id from (
        select c.* from (
          select f.unit_id, f.response_id, f.dialogue_id, f.position from unit_fill f
          where f.project_id = p_project and f.fill < p_k and f.fill > coalesce(s.fill, -1) and f.response_id <> all (v_tried)
          order by f.fill desc nulls last, f.position offset 0) c
        where pg_try_advisory_xact_lock(c.unit_id)
        offset 0) e
      where not exists (select 1 from ratings r where r.unit_id = e.unit_id and (r.annotator_id = p_annotator) is true offset 0)
        and not exists (select 1 from skips x where x.unit_id = e.unit_id and x.annotator_id = p_annotator offset 0)
        and (not p_group_mode or (p_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = e.unit_id and pm.group_name = p_group offset 0)
          and not exists (select 1 from task_units tu join tasks t on t.id = tu.task_id
                          where tu.unit_id = e.unit_id and tu.group_name = p_group and t.status = 'leased' and (t.expires_at > now()) is true offset 0)))
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
            and not exists (select 1 from ratings r where r.unit_id = f.unit_id and (r.annotator_id = p_annotator) is true offset 0)
            and not exists (select 1 from skips x where x.unit_id = f.unit_id and x.annotator_id = p_annotator offset 0)
            and (not p_group_mode or (p_group is not null
              and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                              where r.unit_id = f.unit_id and pm.group_name = p_group offset 0)
              and not exists (select 1 from task_units tu join tasks t on t.id = tu.task_id
                              where tu.unit_id = f.unit_id and tu.group_name = p_group and t.status = 'leased' and (t.expires_at > now()) is true offset 0)))
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
    select array_agg(x.id) into v_locked from (select u.id from units u where u.response_id = v_response offset 0) x
    where pg_try_advisory_xact_lock(x.id);
    -- ... then eligibility and the cap checked under the locks, in a new snapshot that sees leases
    -- committed meanwhile. A unit row another transaction is writing (a submit, a sweep) is skipped
    -- rather than waited for: a claim never waits on a row, so it cannot close a cycle with them.
    select array_agg(c.unit_id order by c.position) into v_units from (
      select f.unit_id, f.position from unit_fill f
      where f.unit_id = any (v_locked) and (f.fill < p_k) is true
        and not exists (select 1 from ratings r where r.unit_id = f.unit_id and (r.annotator_id = p_annotator) is true offset 0)
        and not exists (select 1 from skips x where x.unit_id = f.unit_id and x.annotator_id = p_annotator offset 0)
        and (not p_group_mode or (p_group is not null
          and not exists (select 1 from ratings r join project_members pm on pm.project_id = p_project and pm.user_id = r.annotator_id
                          where r.unit_id = f.unit_id and pm.group_name = p_group offset 0)
          and not exists (select 1 from task_units tu join tasks t on t.id = tu.task_id
                          where tu.unit_id = f.unit_id and tu.group_name = p_group and t.status = 'leased' and (t.expires_at > now()) is true offset 0)))
      for no key update of f skip locked) c;
    if v_units is not null then
      -- the lease: the task, its units, and their fill, in one statement
      with t as (
        insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at)
        values (p_project, p_annotator, v_response, v_dialogue, 'leased', now() + make_interval(secs => p_lease))
        returning id
      ), tu as (
        insert into task_units (task_id, unit_id, project_id, annotator_id, group_name)
        select t.id, x.id, p_project, p_annotator, p_group from t cross join unnest(v_units) as x(id)
      ), f as (
        update unit_fill set leases = leases + 1 where unit_id = any (v_units)
      )
      select t.id into v_task from t;
      return json_build_object('task_id', v_task, 'resumed', false);
    end if;
    v_tried := v_tried || v_response; -- taken by a concurrent claim: look again without it
    v_response := null;
  end loop;
  return json_build_object('reason', 'nothing-left');
end;
$$;
--> statement-breakpoint

-- Claims the next task for one or several annotators in one transaction, in order; returns a JSON
-- array of answers: {"task_id": n, "resumed": bool, "task": payload} or {"reason": "nothing-left" |
-- "paused" | "not-annotator" | "retry"}. What the claims need is read for all of them at once:
--  1. the membership rows, locked all in one order (two batches, two app processes, cannot wait on
--     each other in a cycle; the lock serialises the claims of one annotator: two tabs get one task),
--     with the projects' queue settings;
--  2. the annotators' live leases (rule 1, resume), locked in id order as every writer of tasks locks
--     them: a claim waits for a task row only here, while it holds no queue row;
--  3. expired leases are closed (rolecall_expire_leases, which never waits);
--  4. each annotator's active dialogues: the 5 most recent among their last 25 tasks of the last three
--     hours (rule 3).
-- Then each claim in turn (rolecall_claim), and the payloads of all the tasks in one query. Claims in
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
    select pm.project_id, pm.user_id, pm.role, pm.group_name, pm.paused
    from (select distinct x.project_id, x.annotator_id from unnest(p_projects, p_annotators) x(project_id, annotator_id)
          order by 1, 2) x
    cross join lateral (select pm.* from project_members pm where pm.project_id = x.project_id and pm.user_id = x.annotator_id
                        for update) pm)
  select array_agg(m.role order by x.i), array_agg(m.group_name order by x.i), array_agg(m.paused order by x.i),
    array_agg(case when p.group_mode
                then (select count(distinct g.group_name)::integer from project_members g
                      where g.project_id = p.id and g.role = 'annotator' and g.group_name is not null)
                else p.overlap_k end order by x.i),
    array_agg(p.group_mode order by x.i), array_agg(p.lease_seconds order by x.i)
  into v_role, v_group, v_paused, v_k, v_group_mode, v_lease
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

  -- (each annotator's list made once, padded with nulls to its 5 slots)
  select array_agg(s.dialogue_id order by x.i, s.j) into v_active
  from unnest(p_projects, p_annotators) with ordinality x(project_id, annotator_id, i)
  cross join lateral unnest((array(
      select d.dialogue_id from (
        select t.dialogue_id, max(t.id) as last from (
          select t.id, t.dialogue_id from tasks t
          where t.project_id = x.project_id and t.annotator_id = x.annotator_id and t.created_at > now() - interval '3 hours'
          order by t.id desc limit 25) t
        group by t.dialogue_id order by last desc limit 5) d) || array_fill(null::integer, array[5]))[1:5]) with ordinality s(dialogue_id, j);

  for i in 1 .. v_n loop
    if v_role[i] is distinct from 'annotator' then
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
        r := rolecall_claim(p_projects[i], p_annotators[i], v_group[i], v_k[i], v_group_mode[i], v_lease[i],
                            v_active[(i - 1) * 5 + 1 : i * 5], not v_claimed);
        v_claimed := true;
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
--> statement-breakpoint

-- Stores an annotator's scores for the units of their task, once per idempotency key; a submit after
-- the lease expired is kept and marked late. Returns {"accepted": n, "late": bool}. Bad input raises
-- RC404 / RC409 / RC400 (message, and the field in DETAIL), which rolls back the whole call.
-- Locks: the task row first (a concurrent duplicate waits there, then replays the stored answer; the
-- sweep of expired leases skips a task being submitted), then the task's unit_fill rows in id order.
-- The key is stored last, with its answer.
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
begin
  -- a task of this annotator, in a project they are still a member of (and the token's project)
  select t.project_id, t.status, t.expires_at into v_project, v_status, v_expires from tasks t
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
    select v_project, x.unit_id, p_annotator, p_task, x.score, nullif(x.comment, ''), p_active_ms, v_late
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
--> statement-breakpoint

drop function rolecall_submit_many(json);
--> statement-breakpoint
-- Submits of several tasks in one transaction, set-based: a handful of statements for the whole batch
-- (rolecall_submit, one per task, ran seven each). Item i is (p_tasks[i], p_annotators[i],
-- p_token_projects[i], p_keys[i], p_active[i]) with p_counts[i] ratings, which follow each other in
-- p_units / p_scores / p_comments. Returns the JSON array of the items' answers, in order.
-- Anything but the plain case raises RC499 and rolls the whole batch back: a task that is not the
-- annotator's, a key already used (a replay, or twice in the batch), a task twice, a bad rating. The app then submits each
-- alone through rolecall_submit, so each gets exactly its own answer or error.
-- Locks, in the order every writer takes them: the tasks in id order, then their units' queue rows in
-- id order. Two batches, or a batch and a sweep, cannot wait on each other in a cycle.
create function rolecall_submit_many(p_tasks bigint[], p_annotators text[], p_token_projects integer[], p_keys text[],
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
