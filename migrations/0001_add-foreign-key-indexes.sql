CREATE INDEX "dialogue_metrics_metric_idx" ON "dialogue_metrics" USING btree ("metric_id");--> statement-breakpoint
CREATE INDEX "responses_model_idx" ON "responses" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "submissions_task_idx" ON "submissions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "tasks_response_idx" ON "tasks" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "units_metric_idx" ON "units" USING btree ("metric_id");--> statement-breakpoint
CREATE INDEX "flags_response_idx" ON "flags" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "judge_scores_unit" ON "judge_scores" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "ratings_task_idx" ON "ratings" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "skips_task_idx" ON "skips" USING btree ("task_id");