-- One running judge run per (project, judge), settled by the database (issue 23): a second start of the
-- same judge fails on this index instead of racing a check in application code.
CREATE UNIQUE INDEX "judge_runs_one_running" ON "judge_runs" USING btree ("project_id","judge_id") WHERE "status" = 'running';
