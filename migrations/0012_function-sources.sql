-- The database functions now live in db/functions/ (one file each), applied by db/migrate.ts after the
-- migrations whenever a file's text changes; this table keeps the hash of what was applied.
create table if not exists rolecall_function_sources (
  name text primary key,
  sha256 text not null,
  applied_at timestamptz not null default now()
);
--> statement-breakpoint
-- the one-task wrapper of rolecall_task_payloads had one caller, which now calls the latter
drop function if exists rolecall_task_payload(bigint);
