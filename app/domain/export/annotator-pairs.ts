// Per-annotator preference pairs (product.md §11, for personalised reward models such as P-GenRM):
// each annotator's own pairs, built from that annotator's scores only, and a small profile per
// annotator. Annotators arrive as opaque ids (docs/decisions/016); nothing here sees an e-mail or a name.
import { buildPairs, type PairGroup, type PairOptions, type PairResponse, type PreferencePair } from "./pairs";

/** One response of the group with its consensus score (`score`) and every annotator's own score. */
export type RatedResponse = PairResponse & { ratings: readonly { annotator: string; score: number }[] };

export type RatedGroup = Omit<PairGroup, "responses"> & { responses: readonly RatedResponse[] };

export type AnnotatorPair = PreferencePair & { annotator: string };

/** How one annotator's pair compares with the consensus order of its two responses. */
export type Agreement = "agrees" | "disagrees" | "consensus-tie";

const EPS = 1e-9;

/**
 * For each annotator (by id), the pairs between two responses of the group that this annotator scored,
 * from this annotator's scores, with margin ≥ minMargin (default 1) and the metric's direction, exactly
 * as `buildPairs` does for consensus scores. Each pair comes with its agreement with the consensus.
 */
export function buildAnnotatorPairs(group: RatedGroup, options: PairOptions = {}): { pair: AnnotatorPair; agreement: Agreement }[] {
  const byAnnotator = new Map<string, PairResponse[]>();
  const consensus = new Map<string, number>();
  for (const r of group.responses) {
    consensus.set(r.model, r.score);
    for (const { annotator, score } of r.ratings) {
      const own = byAnnotator.get(annotator) ?? [];
      own.push({ model: r.model, text: r.text, score });
      byAnnotator.set(annotator, own);
    }
  }
  const sign = group.higherIsBetter === false ? -1 : 1;
  const out: { pair: AnnotatorPair; agreement: Agreement }[] = [];
  for (const annotator of [...byAnnotator.keys()].sort()) {
    const responses = byAnnotator.get(annotator)!;
    if (responses.length < 2) continue;
    for (const p of buildPairs({ ...group, responses }, options)) {
      const diff = sign * (consensus.get(p.model_chosen)! - consensus.get(p.model_rejected)!);
      const agreement: Agreement = Math.abs(diff) <= EPS ? "consensus-tie" : diff > 0 ? "agrees" : "disagrees";
      out.push({ pair: { ...p, annotator }, agreement });
    }
  }
  return out;
}

export type AnnotatorProfile = {
  annotator: string;
  group: string | null;
  /** the annotator's pairs in this export */
  pairs: number;
  /** pairs whose two responses differ in consensus (the denominator of agreement) */
  compared: number;
  /** of those, pairs whose preferred side is the consensus's */
  agreeing: number;
  /** agreeing / compared, null when nothing could be compared */
  agreement_with_majority: number | null;
};

/** Counts per annotator while the pairs stream; memory grows with the annotators, not the pairs. */
export class AnnotatorTally {
  private readonly counts = new Map<string, { pairs: number; compared: number; agreeing: number }>();

  /** An annotator who scored units of the export, even with no pair yet (0 pairs is worth knowing). */
  see(annotator: string) {
    if (!this.counts.has(annotator)) this.counts.set(annotator, { pairs: 0, compared: 0, agreeing: 0 });
    return this.counts.get(annotator)!;
  }

  add(annotator: string, agreement: Agreement) {
    const c = this.see(annotator);
    c.pairs++;
    if (agreement !== "consensus-tie") c.compared++;
    if (agreement === "agrees") c.agreeing++;
  }

  /** One record per annotator, ordered by id; `groupOf` gives the annotator's group in the project. */
  profiles(groupOf: (annotator: string) => string | null): AnnotatorProfile[] {
    return [...this.counts.keys()].sort().map((annotator) => {
      const c = this.counts.get(annotator)!;
      return {
        annotator,
        group: groupOf(annotator),
        pairs: c.pairs,
        compared: c.compared,
        agreeing: c.agreeing,
        agreement_with_majority: c.compared ? Number((c.agreeing / c.compared).toFixed(6)) : null,
      };
    });
  }
}
