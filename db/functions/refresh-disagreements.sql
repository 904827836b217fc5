-- Keeps `disagreements` in step with some units' on-time ratings (product.md §9): a unit with ≥ 2 on-time
-- ratings whose max − min ≥ the project's disagreement_range is open; an open one that no longer
-- qualifies (the setting rose, or 0 turned adjudication off) leaves the set. A settled unit stays settled,
-- its adjudication holds; only its range follows the ratings. The submits and the ratings import call it
-- in their own transaction with the units they rated; p_units = null recomputes the whole project (the
-- setting changed). Returns the project's number of open units afterwards only for a whole-project run.
create or replace function rolecall_refresh_disagreements(p_project integer, p_units bigint[])
returns integer language plpgsql
set jit = off
as $$
declare
  v_range integer;
  v_units bigint[] := p_units;
  v_open integer;
begin
  select disagreement_range into v_range from projects where id = p_project;
  if v_units is null then
    v_units := array(select id from units where project_id = p_project);
  end if;
  if coalesce(cardinality(v_units), 0) = 0 then return 0; end if;
  with s as (
    select u.id as unit_id, u.response_id, u.metric_id, x.n, x.range
    from units u
    cross join lateral (select count(*)::int as n, (max(r.score) - min(r.score))::int as range
                        from ratings r where r.unit_id = u.id and not r.late) x
    where u.id = any (v_units) and u.project_id = p_project
  ), gone as (
    delete from disagreements d using s
    where d.unit_id = s.unit_id and d.resolved_at is null and (v_range = 0 or s.n < 2 or s.range < v_range)
  )
  insert into disagreements (unit_id, project_id, response_id, metric_id, range)
  select s.unit_id, p_project, s.response_id, s.metric_id, s.range from s
  where v_range > 0 and s.n >= 2 and s.range >= v_range
  on conflict (unit_id) do update set range = excluded.range where disagreements.range <> excluded.range;
  if p_units is not null then return null; end if;
  select count(*)::int into v_open from disagreements where project_id = p_project and resolved_at is null;
  return v_open;
end;
$$;
