-- Every unit gets its queue row when it is made, whoever makes it (the importer, the ratings import's
-- extra units, test factories, benchmarks): one statement-level insert per statement. The queue hands
-- out a response's units together; a pairwise unit's "response" for the queue is its comparison, kept
-- as the comparison's id negated so the two kinds never collide (rolecall_claim).
create or replace function rolecall_unit_fill_rows() returns trigger language plpgsql as $$
begin
  insert into unit_fill (unit_id, project_id, response_id, dialogue_id, position)
  select n.id, n.project_id, coalesce(-n.comparison_id, n.response_id), n.dialogue_id, n.position from new_units n;
  return null;
end;
$$;
