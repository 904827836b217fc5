-- Schema for adjudication, annotator quality, custom metric sets and judge runs (issues 19, 20, 21, 23;
-- product.md §9, §10, §12). adjudication_spread is renamed to the spec's disagreement_range.
ALTER TABLE "projects" RENAME COLUMN "adjudication_spread" TO "disagreement_range";--> statement-breakpoint
CREATE TABLE "adjudication_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "adjudication_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" bigint NOT NULL,
	"project_id" integer NOT NULL,
	"adjudicator_id" text,
	"score" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'app' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" integer,
	"actor_id" text,
	"kind" text NOT NULL,
	"detail" text DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disagreements" (
	"unit_id" bigint PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"response_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"range" integer NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"lease_holder" text,
	"lease_expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "judge_failures" (
	"run_id" integer NOT NULL,
	"unit_id" bigint NOT NULL,
	"raw_reply" text,
	"error" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_failures_run_id_unit_id_pk" PRIMARY KEY("run_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "judge_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "judge_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"judge_id" integer NOT NULL,
	"endpoint" text NOT NULL,
	"model" text NOT NULL,
	"options" text DEFAULT '{}' NOT NULL,
	"prompt_version" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"requested" integer DEFAULT 0 NOT NULL,
	"scored" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"skipped_existing" integer DEFAULT 0 NOT NULL,
	"prompt_tokens" bigint DEFAULT 0 NOT NULL,
	"completion_tokens" bigint DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"error" text,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "project_members" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "gold_rate" double precision DEFAULT 0.05 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "gold_feedback" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "qualification_units" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "qualification_min_accuracy" double precision DEFAULT 0.8 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pause_below_accuracy" double precision;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "judge_template" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "judge_template_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "metric_sets" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics" ADD COLUMN "anchors" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "resolution_note" text;--> statement-breakpoint
ALTER TABLE "judge_scores" ADD COLUMN "run_id" integer;--> statement-breakpoint
ALTER TABLE "judge_scores" ADD COLUMN "prompt_version" text;--> statement-breakpoint
ALTER TABLE "judge_scores" ADD COLUMN "raw_reply" text;--> statement-breakpoint
ALTER TABLE "adjudication_history" ADD CONSTRAINT "adjudication_history_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjudication_history" ADD CONSTRAINT "adjudication_history_adjudicator_id_users_id_fk" FOREIGN KEY ("adjudicator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disagreements" ADD CONSTRAINT "disagreements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_failures" ADD CONSTRAINT "judge_failures_run_id_judge_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."judge_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_failures" ADD CONSTRAINT "judge_failures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adjudication_history_unit" ON "adjudication_history" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_project" ON "audit_log" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_kind" ON "audit_log" USING btree ("project_id","kind","id");--> statement-breakpoint
CREATE INDEX "disagreements_open" ON "disagreements" USING btree ("project_id","opened_at","unit_id") WHERE "disagreements"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "disagreements_response" ON "disagreements" USING btree ("project_id","response_id");--> statement-breakpoint
CREATE INDEX "judge_runs_project" ON "judge_runs" USING btree ("project_id","id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_disagreement_range_check" CHECK ("projects"."disagreement_range" between 0 and 100);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_gold_rate_check" CHECK ("projects"."gold_rate" between 0 and 1);