-- Gold units served in the claim (issue 20, product.md §9): the gold units of a project in key order,
-- walked by the claim from a seeded point; and when an annotator's qualification round ended (null: not
-- yet, while the project has a round), read with the membership the claim already locks.
CREATE INDEX "gold_units_project" ON "gold_units" USING btree ("project_id","unit_id");--> statement-breakpoint
ALTER TABLE "project_members" ADD COLUMN "qualified_at" timestamp with time zone;
