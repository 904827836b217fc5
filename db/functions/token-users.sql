-- The users of several API tokens, by keyed hash: null for a token that is unknown or revoked or whose
-- user is disabled; with the project the token is scoped to (null: every project of the user).
-- last_used_at is written at most once a minute; a token another transaction is writing is left to it
-- (no waiting, so no cycle with another batch).
create or replace function rolecall_token_users(p_hashes text[])
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
