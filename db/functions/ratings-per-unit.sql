-- How many ratings a unit of a project needs, as the claim counts it (the fragment
-- _ratings_per_unit.sql is shared with rolecall_claim_many): progress shown to managers and
-- annotators uses the same figure, so "done" means what the queue means by it.
create or replace function rolecall_ratings_per_unit(p_project integer) returns integer language sql stable as $$
  select {{ratings_per_unit(p)}} from projects p where p.id = p_project
$$;
