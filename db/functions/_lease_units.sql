-- The lease of a claim (rolecall_claim, rolecall_claim_gold): the task, its units and their queue rows'
-- lease counts, in one statement, into v_task. Reads p_project, p_annotator, p_lease, v_response,
-- v_dialogue and v_units; {{arg}} is the units' group (null for gold, outside the groups' shares).
-- A negative v_response is a pairwise comparison (rolecall_unit_fill_rows): the task keeps its a
-- response and the comparison, and which side is shown left is drawn here, once per task.
with t as (
  insert into tasks (project_id, annotator_id, response_id, dialogue_id, status, expires_at, comparison_id, swapped)
  select p_project, p_annotator, coalesce(c.response_a_id, v_response), v_dialogue, 'leased',
         now() + make_interval(secs => p_lease), c.id, c.id is not null and random() < 0.5
  from (select 1) one left join comparisons c on c.id = -v_response
  returning id
), tu as (
  insert into task_units (task_id, unit_id, project_id, annotator_id, group_name)
  select t.id, x.id, p_project, p_annotator, {{arg}} from t cross join unnest(v_units) as x(id)
), f as (
  update unit_fill set leases = leases + 1 where unit_id = any (v_units)
)
select t.id into v_task from t
