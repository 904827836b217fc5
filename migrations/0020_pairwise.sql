-- Pairwise comparison projects (issue 22, product.md §11). A comparison is two responses of one dialogue
-- (a = the response of the model with the lower id); its units are (comparison, subset metric) rows of
-- `units` with comparison_id set and response_id = the a response, so ratings, leases, skips and the
-- claim keep working per unit. A rating of a pairwise unit stores the choice in canonical order:
-- 1 = a preferred, 2 = tie, 3 = b preferred (docs/decisions/017).
ALTER TABLE "projects" ADD COLUMN "mode" text DEFAULT 'scoring' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pair_design" text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pair_reference_model" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pair_target" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_mode_check" CHECK ("projects"."mode" in ('scoring','pairwise'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_pair_design_check" CHECK ("projects"."pair_design" in ('all','reference','balanced'));--> statement-breakpoint
CREATE TABLE "comparisons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comparisons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"dialogue_id" integer NOT NULL,
	"response_a_id" integer NOT NULL,
	"response_b_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_response_a_id_responses_id_fk" FOREIGN KEY ("response_a_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_response_b_id_responses_id_fk" FOREIGN KEY ("response_b_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comparisons_pair" ON "comparisons" USING btree ("response_a_id","response_b_id");--> statement-breakpoint
CREATE INDEX "comparisons_project_dialogue" ON "comparisons" USING btree ("project_id","dialogue_id");--> statement-breakpoint
CREATE INDEX "comparisons_response_b_idx" ON "comparisons" USING btree ("response_b_id");--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "comparison_id" integer;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP INDEX "units_response_metric";--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_response_metric" UNIQUE NULLS NOT DISTINCT("response_id","metric_id","comparison_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_comparison_metric" ON "units" USING btree ("comparison_id","metric_id") WHERE "units"."comparison_id" is not null;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "comparison_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "swapped" boolean DEFAULT false NOT NULL;
