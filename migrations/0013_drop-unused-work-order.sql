-- work_order was never read: the order of work is the claim's (db/functions/claim.sql)
ALTER TABLE "projects" DROP COLUMN "work_order";