// Agreement between annotators on pairwise units, and positional bias (issue 22, product.md §11).
import { fleissKappa } from "../stats/fleiss";
import { wilsonInterval } from "./wilson";

/** One judgment of a unit, oriented to the unit's canonical model order (a = the first model). */
export type Choice = "a" | "tie" | "b";

export type PairwiseAgreement = {
  /** Units with ≥ 2 judgments: the only ones that enter agreement. */
  units: number;
  judgments: number;
  /** Fleiss' κ over the three choices; null unless every such unit has the same number of judgments. */
  fleiss_kappa: number | null;
  /**
   * The share of those units whose judgments have a strict majority for one choice: more than half of
   * the unit's judgments are the same choice ([a, a, b] and [tie, tie] count; [a, b] and [a, a, b, b]
   * do not). Null when there is no such unit.
   */
  majority_share: number | null;
};

const CODE: Record<Choice, number> = { a: 0, tie: 1, b: 2 };

function codeOf(choice: Choice, unit: number): number {
  const code = CODE[choice];
  if (code === undefined) throw new RangeError(`unit ${unit}: choice ${String(choice)} is not a, tie or b`);
  return code;
}

/** Fleiss' κ by product.md §4's rule (equal numbers of judgments per unit), and the majority share. */
export function pairwiseAgreement(units: readonly (readonly Choice[])[]): PairwiseAgreement {
  const coded = units.map((unit, u) => unit.map((choice) => codeOf(choice, u))).filter((unit) => unit.length >= 2);
  let majorities = 0;
  let judgments = 0;
  for (const unit of coded) {
    const counts = [0, 0, 0];
    for (const code of unit) counts[code]++;
    if (2 * Math.max(...counts) > unit.length) majorities++;
    judgments += unit.length;
  }
  return {
    units: coded.length,
    judgments,
    fleiss_kappa: fleissKappa(coded, [0, 1, 2]),
    majority_share: coded.length ? majorities / coded.length : null,
  };
}

/** Where the chosen response was shown: left (A), right (B), or a tie. */
export type Side = "left" | "right" | "tie";

export type PositionalBias = {
  judgments: number;
  left: number;
  right: number;
  ties: number;
  /** left / (left + right): 0.5 when annotators do not favour a side. Null without a non-tie choice. */
  left_share: number | null;
  /** Wilson 95% interval of left_share. */
  left_ci95: [number, number] | null;
  /** ties / judgments; null without judgments. */
  tie_share: number | null;
};

export function positionalBias(sides: readonly Side[]): PositionalBias {
  let left = 0;
  let right = 0;
  let ties = 0;
  sides.forEach((side, k) => {
    if (side === "left") left++;
    else if (side === "right") right++;
    else if (side === "tie") ties++;
    else throw new RangeError(`judgment ${k}: side ${String(side)} is not left, right or tie`);
  });
  const decided = left + right;
  return {
    judgments: sides.length,
    left,
    right,
    ties,
    left_share: decided ? left / decided : null,
    left_ci95: wilsonInterval(left, decided),
    tie_share: sides.length ? ties / sides.length : null,
  };
}
