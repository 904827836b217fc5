-- Gold served at most once per annotator (issue 20, product.md §9). The claim asks whether an annotator
-- ever took a lease on a gold unit: task_units by (unit, annotator) answers in one lookup, and it serves
-- every lookup of the former unit-only index, which it replaces (one index to keep up, not two).
-- resumed_at: when a manager last resumed the member; the automatic pause below the running gold
-- accuracy counts only gold ratings made after it.
CREATE INDEX "task_units_unit_annotator" ON "task_units" USING btree ("unit_id","annotator_id");--> statement-breakpoint
DROP INDEX "task_units_unit";--> statement-breakpoint
ALTER TABLE "project_members" ADD COLUMN "resumed_at" timestamp with time zone;
