-- Claims for several API requests, each (token hash, project slug), in one transaction: a JSON array of
-- answers in order, each either {"status": 401 | 403 | 404} (refused, as the route's guards refuse:
-- 401 no such user, 404 no such project or not one of theirs, 403 a member who does not annotate) or
-- rolecall_claim_many's answer for the user (an admin who is no annotator of the project gets its
-- "not-annotator"). The claims of those let through run as one rolecall_claim_many.
create or replace function rolecall_token_claim_many(p_hashes text[], p_slugs text[])
returns json language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
declare
  v_status integer[];
  v_projects integer[];
  v_users text[];
  v_claims json;
  v_out json[] := '{}';
  v_next integer := 0;
begin
  if coalesce(cardinality(p_hashes), 0) = 0 then return '[]'; end if;
  select array_agg(case
           when t.user_id is null then 401
           when p.id is null or (t.token_project is not null and t.token_project <> p.id) or (pm.role is null and not t.is_admin) then 404
           when pm.role is not null and pm.role <> all ({{ANNOTATE_ROLES}}) and not t.is_admin then 403
           else 0 end order by t.i),
         array_agg(p.id order by t.i), array_agg(t.user_id order by t.i)
  into v_status, v_projects, v_users
  from rolecall_token_users(p_hashes) t
  left join projects p on p.slug = p_slugs[t.i]
  left join project_members pm on pm.project_id = p.id and pm.user_id = t.user_id;

  v_claims := rolecall_claim_many(
    array(select v_projects[i] from generate_subscripts(v_status, 1) i where v_status[i] = 0 order by i),
    array(select v_users[i] from generate_subscripts(v_status, 1) i where v_status[i] = 0 order by i));
  for i in 1 .. cardinality(v_status) loop
    if v_status[i] = 0 then
      v_out := v_out || (v_claims -> v_next);
      v_next := v_next + 1;
    else
      v_out := v_out || json_build_object('status', v_status[i]);
    end if;
  end loop;
  return array_to_json(v_out);
end;
$$;
