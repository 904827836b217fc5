-- Disagreements of the ratings already stored (issue 19): from here on the submits and the imports keep
-- the table up to date (db/functions/refresh-disagreements.sql). Units already adjudicated count as settled.
INSERT INTO "disagreements" ("unit_id", "project_id", "response_id", "metric_id", "range", "resolved_at")
SELECT u."id", u."project_id", u."response_id", u."metric_id", x."range", a."created_at"
FROM (SELECT r."unit_id", count(*) AS n, max(r."score") - min(r."score") AS "range"
      FROM "ratings" r WHERE NOT r."late" GROUP BY r."unit_id") x
JOIN "units" u ON u."id" = x."unit_id"
JOIN "projects" p ON p."id" = u."project_id"
LEFT JOIN "adjudications" a ON a."unit_id" = u."id"
WHERE x.n >= 2 AND ((p."disagreement_range" > 0 AND x."range" >= p."disagreement_range") OR a."unit_id" IS NOT NULL)
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- an adjudicator's own live leases, looked up first by every "next"
CREATE INDEX "disagreements_lease" ON "disagreements" USING btree ("lease_holder","project_id") WHERE "resolved_at" IS NULL AND "lease_holder" IS NOT NULL;
