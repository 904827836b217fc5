// The values the database functions take from their TypeScript home, so that a rule is written once:
// a file under db/functions/ writes {{NAME}} for a value below, and {{name(x)}} for the fragment in
// _name.sql with its {{arg}} replaced by x. db/migrate.ts expands them before applying the file.
import { capabilities } from "../../app/auth/capabilities";
import { ACTIVE_DIALOGUES, ACTIVE_HOURS, ACTIVE_RECENT_TASKS } from "../../app/domain/assignment/active-dialogues";

const sqlTextArray = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")}]::text[]`;

export const functionParams: Record<string, string> = {
  ACTIVE_RECENT_TASKS: String(ACTIVE_RECENT_TASKS),
  ACTIVE_DIALOGUES: String(ACTIVE_DIALOGUES),
  ACTIVE_HOURS: String(ACTIVE_HOURS),
  /** the project roles that are handed tasks (app/auth/capabilities.ts, "annotate") */
  ANNOTATE_ROLES: sqlTextArray(capabilities.annotate),
};
