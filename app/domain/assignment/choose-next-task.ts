// Next-task choice (product.md §4 "Annotate") as a pure function over plain data. This is the
// specification: the database layer feeds it a bounded candidate window, and the SQL version of the
// same rules must agree with it.

export type Candidate = {
  unitId: string;
  responseId: string;
  dialogueId: string;
  /** import order of the unit */
  position: number;
  /** ratings the unit already has (all annotators) */
  ratings: number;
  /** live leases held on the unit (all annotators) */
  liveLeases: number;
  /** group mode: groups that have a rating or a live lease on this unit */
  groupsFilled?: string[];
};

export type ChooseInput = {
  annotatorId: string;
  annotatorGroup?: string | null;
  /** overlap k; in group mode the caller passes the number of groups */
  k: number;
  groupMode: boolean;
  ownLiveLease?: { taskId: string } | null;
  /** unit ids rated or skipped by this annotator */
  doneByAnnotator: Set<string>;
  /** dialogues this annotator is working on (rated or leased a sibling recently) */
  activeDialogues: Set<string>;
  candidates: Candidate[];
  /** the project's gold units (product.md §9), never among the candidates: they do not count toward k */
  gold?: GoldInput;
};

/** A gold unit as the claim sees it: open to the annotator until it has been served to them once. */
export type GoldCandidate = { unitId: string; responseId: string; position: number };

export type GoldInput = {
  /** the project's gold units in key order (unit id ascending, as the claim walks them) */
  units: GoldCandidate[];
  /** units the annotator ever took a lease on, whatever became of it (submitted, skipped, released,
   *  expired): a gold unit among them was served and is not served again */
  leasedByAnnotator: Set<string>;
  /** this claim is a gold one: see isGoldDue */
  due: boolean;
};

export type ChooseResult =
  | { kind: "resume"; taskId: string }
  | { kind: "new"; responseId: string; unitIds: string[] }
  | { kind: "gold"; responseId: string; unitIds: string[] }
  | { kind: "none" };

/**
 * Is this claim a gold one? Always during the annotator's qualification round; otherwise when the
 * claim's draw falls below the project's gold_rate. The draw is seeded by the annotator and their
 * latest task, so it is the same however often the state is read, and changes with every task:
 * draw = (first 8 hex digits of md5("<annotator id>:<latest task id, 0 if none>")) / 2^32
 * (db/functions/claim-many.sql computes it; claim-agreement.test.ts recomputes it here).
 */
export function isGoldDue(g: { hasGold: boolean; inRound: boolean; rate: number; draw: number }): boolean {
  return g.hasGold && (g.inRound || g.draw < g.rate);
}

/** The gold task: the first gold unit in key order never served to the annotator (no lease of theirs on
 *  it, and neither rated nor skipped: an imported rating has no lease), with the other such gold units
 *  of its response, in import order. Null when none is left for them. So each gold unit is served at
 *  most once per annotator, even when that one lease expired or was released. */
export function chooseGold(
  gold: GoldCandidate[],
  done: Set<string>,
  leased: Set<string>,
): { responseId: string; unitIds: string[] } | null {
  const open = gold.filter((g) => !done.has(g.unitId) && !leased.has(g.unitId));
  if (open.length === 0) return null;
  const responseId = open[0].responseId;
  const units = open.filter((g) => g.responseId === responseId).sort((a, b) => a.position - b.position);
  return { responseId, unitIds: units.map((g) => g.unitId) };
}

/** Rule 2: may this annotator be handed this unit? */
export function isEligible(c: Candidate, input: ChooseInput): boolean {
  if (input.doneByAnnotator.has(c.unitId)) return false;
  if (c.ratings + c.liveLeases >= input.k) return false;
  if (input.groupMode) {
    const g = input.annotatorGroup;
    if (!g) return false;
    if (c.groupsFilled?.includes(g)) return false;
  }
  return true;
}

/**
 * Rule 3 as a comparator (negative = a comes first): closest to completion (ratings + live leases,
 * descending), then units of a dialogue in activeDialogues, then import order (position ascending),
 * then unitId as a final deterministic tie-break.
 */
export function compareCandidates(a: Candidate, b: Candidate, activeDialogues: Set<string>): number {
  const fill = b.ratings + b.liveLeases - (a.ratings + a.liveLeases);
  if (fill !== 0) return fill;
  const act = Number(activeDialogues.has(b.dialogueId)) - Number(activeDialogues.has(a.dialogueId));
  if (act !== 0) return act;
  if (a.position !== b.position) return a.position - b.position;
  return a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0;
}

const byPosition = (a: Candidate, b: Candidate) => a.position - b.position || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);

/**
 * Chooses what to hand the annotator next:
 * 1. their own live lease → resume it;
 * 2. otherwise only eligible units count (not rated/skipped by them, ratings + live leases < k; in
 *    group mode their group must not have filled the unit, and without a group nothing is eligible);
 * 3. the best eligible unit by compareCandidates;
 * 4. the task is that unit's response with all of its eligible units, ordered by position.
 * Between 1 and 2, gold (product.md §9): when the claim is a gold one and a gold unit is left for the
 * annotator, the task is chooseGold's; gold units are never candidates of rules 2-4, so they neither
 * fill up towards k nor take a normal unit's place.
 */
export function chooseNextTask(input: ChooseInput): ChooseResult {
  if (input.ownLiveLease) return { kind: "resume", taskId: input.ownLiveLease.taskId };
  if (input.gold?.due) {
    const g = chooseGold(input.gold.units, input.doneByAnnotator, input.gold.leasedByAnnotator);
    if (g) return { kind: "gold", ...g };
  }

  const eligible = input.candidates.filter((c) => isEligible(c, input));
  if (eligible.length === 0) return { kind: "none" };

  let best = eligible[0];
  for (const c of eligible) if (compareCandidates(c, best, input.activeDialogues) < 0) best = c;

  const seen = new Set<string>();
  const units = eligible.filter((c) => c.responseId === best.responseId && !seen.has(c.unitId) && seen.add(c.unitId)).sort(byPosition);
  return { kind: "new", responseId: best.responseId, unitIds: units.map((c) => c.unitId) };
}
