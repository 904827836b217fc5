-- The API's task (product.md §6) for each of several tasks, in one query: the response to score and
-- its units in import order. The model is null when the project hides model names
-- (app/services/queue/task-view.server.ts leaves it out). A pairwise task (product.md §11) shows its two
-- responses as sides a and b, in the order the claim drew (tasks.swapped), and never the models.
-- Like every queue function it joins only by key lookups (no merge or hash joins): the generic plan
-- of the former one-task payload joined task_units to units by a merge join that walked units_pkey
-- from its first entry up to the task's units, up to all of a project's units per call (1.1-1.3 ms
-- under the queue benchmark, where an index probe per unit costs microseconds).
create or replace function rolecall_task_payloads(p_tasks bigint[]) returns table (task_id bigint, payload json) language plpgsql stable
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
begin
  return query
  select t.id, case when t.comparison_id is null then json_build_object(
      'id', t.id, 'dialogue_id', d.external_id, 'model', case when p.hide_model_names then null else mo.name end,
      'response_text', r.scored_text, 'lease_expires_at', t.expires_at,
      'units', (select coalesce(json_agg(json_build_object('unit_id', tu.unit_id, 'metric', m.key, 'min', m.scale_min, 'max', m.scale_max) order by u.position), '[]')
                from task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id where tu.task_id = t.id))
    else json_build_object(
      'id', t.id, 'kind', 'pairwise', 'dialogue_id', d.external_id,
      'a', json_build_object('response_text', case when t.swapped then rb.scored_text else r.scored_text end),
      'b', json_build_object('response_text', case when t.swapped then r.scored_text else rb.scored_text end),
      'units', (select coalesce(json_agg(json_build_object('unit_id', tu.unit_id, 'metric', m.key) order by u.position), '[]')
                from task_units tu join units u on u.id = tu.unit_id join metrics m on m.id = u.metric_id where tu.task_id = t.id),
      'lease_expires_at', t.expires_at)
    end
  from tasks t join responses r on r.id = t.response_id join dialogues d on d.id = r.dialogue_id
  join models mo on mo.id = r.model_id join projects p on p.id = t.project_id
  left join comparisons c on c.id = t.comparison_id left join responses rb on rb.id = c.response_b_id
  where t.id = any (p_tasks);
end;
$$;
