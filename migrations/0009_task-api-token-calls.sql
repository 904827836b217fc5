-- History: the functions this migration created now live in db/functions/ (one file each, applied by
-- db/migrate.ts). Their bodies below are what this migration applied then, not what runs now.
-- The task API's claims and submits authenticate inside their one database call (docs/decisions/010):
-- a request with an API token sends the token's keyed hash, and the call resolves it to its user (and
-- the project it is scoped to) with the same rules as app/auth/api-token.server.ts, the project by its
-- slug and the user's membership, then claims or submits for those that may. Before, each request made
-- its own token lookup (and a claim its project lookup) first: two thirds of the app's queries and of
-- its wake-ups of the database.

-- The users of several API tokens, by keyed hash: null for a token that is unknown or revoked or whose
-- user is disabled; with the project the token is scoped to (null: every project of the user).
-- last_used_at is written at most once a minute; a token another transaction is writing is left to it
-- (no waiting, so no cycle with another batch).
create function rolecall_token_users(p_hashes text[])
returns table (i integer, user_id text, is_admin boolean, token_project integer) language plpgsql
set plan_cache_mode = force_generic_plan
set jit = off
set enable_seqscan = off
set enable_mergejoin = off
set enable_hashjoin = off
set enable_bitmapscan = off
as $$
begin
  update api_tokens k set last_used_at = now()
  where k.id in (select t.id from api_tokens t
                 where t.token_hash = any (p_hashes) and t.revoked_at is null
                   and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute')
                 order by t.id for no key update skip locked);
  return query
  select x.i::integer, u.id, u.is_admin, k.project_id
  from unnest(p_hashes) with ordinality x(h, i)
  left join lateral (select k.user_id, k.project_id from api_tokens k where k.token_hash = x.h and k.revoked_at is null offset 0) k on true
  left join users u on u.id = k.user_id and u.disabled_at is null;
end;
$$;
--> statement-breakpoint

-- Claims for several API requests, each (token hash, project slug), in one transaction: a JSON array of
-- answers in order, each either {"status": 401 | 403 | 404} (refused, as the route's guards refuse:
-- 401 no such user, 404 no such project or not one of theirs, 403 a member who does not annotate) or
-- rolecall_claim_many's answer for the user (an admin who is no annotator of the project gets its
-- "not-annotator"). The claims of those let through run as one rolecall_claim_many.
create function rolecall_token_claim_many(p_hashes text[], p_slugs text[])
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
           when pm.role is not null and pm.role <> 'annotator' and not t.is_admin then 403
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
--> statement-breakpoint

-- Submits of several API requests in one transaction, each by token hash: rolecall_submit_many for the
-- tokens' users (each task looked up as the user's own, inside the token's project). All or nothing,
-- like rolecall_submit_many: a token that does not resolve raises RC499 too, and the app then submits
-- each alone, authenticating it as the route does (a 401 of its own).
create function rolecall_token_submit_many(p_hashes text[], p_tasks bigint[], p_keys text[],
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
