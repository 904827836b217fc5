// Rule 3's "a dialogue they are already on" (product.md §4), as the queue reads it: the dialogues of
// the annotator's most recent tasks. The claim's SQL (db/functions/claim-many.sql) is given these
// numbers by db/functions/params.ts, so this file is the one place to change them.

/** how many of the annotator's latest tasks are looked at */
export const ACTIVE_RECENT_TASKS = 25;
/** how many distinct dialogues among them count as active (the most recent first) */
export const ACTIVE_DIALOGUES = 5;
/** tasks older than this do not make a dialogue active */
export const ACTIVE_HOURS = 3;

export type RecentTask = { taskId: number; dialogueId: string; createdAt: Date };

/** The annotator's active dialogues, most recent first: among the latest ACTIVE_RECENT_TASKS tasks
 *  (by id) made within ACTIVE_HOURS, the ACTIVE_DIALOGUES dialogues last worked on. */
export function activeDialogues(tasks: RecentTask[], now: Date): string[] {
  const since = now.getTime() - ACTIVE_HOURS * 3600_000;
  const recent = tasks
    .filter((t) => t.createdAt.getTime() > since)
    .sort((a, b) => b.taskId - a.taskId)
    .slice(0, ACTIVE_RECENT_TASKS);
  const lastTask = new Map<string, number>();
  for (const t of recent) if (!lastTask.has(t.dialogueId)) lastTask.set(t.dialogueId, t.taskId);
  return [...lastTask.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, ACTIVE_DIALOGUES)
    .map(([d]) => d);
}
