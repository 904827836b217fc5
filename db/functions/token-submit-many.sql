-- Submits of several API requests in one transaction, each by token hash: rolecall_submit_many for the
-- tokens' users (each task looked up as the user's own, inside the token's project). All or nothing,
-- like rolecall_submit_many: a token that does not resolve raises RC499 too, and the app then submits
-- each alone, authenticating it as the route does (a 401 of its own).
create or replace function rolecall_token_submit_many(p_hashes text[], p_tasks bigint[], p_keys text[],
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
  v_users text[];
  v_projects integer[];
begin
  select array_agg(t.user_id order by t.i), array_agg(t.token_project order by t.i) into v_users, v_projects
  from rolecall_token_users(p_hashes) t;
  if array_position(v_users, null) is not null then
    raise exception 'batch: run singly' using errcode = 'RC499';
  end if;
  return rolecall_submit_many(p_tasks, v_users, v_projects, p_keys, p_active, p_counts, p_units, p_scores, p_comments);
end;
$$;
