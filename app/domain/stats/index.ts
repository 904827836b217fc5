// Statistics of product.md §4: agreement, correlation, ceilings, intervals. Pure functions, no I/O.
export { krippendorffAlpha, encodeColumns, type AlphaLevel, type EncodedUnits } from "./krippendorff";
export { fleissKappa } from "./fleiss";
export { pairAgreement, agreementSummary, agreementOf, type PairAgreement, type AgreementSummary } from "./agreement";
export { pearson, spearman, correlationSummary, type Correlation, type PearsonResult, type CorrelationSummary } from "./correlation";
export { kendallTauB, type KendallResult } from "./kendall";
export { averageRanks } from "./ranking";
export { createRng, shuffleInPlace, randomIndex, type Rng } from "../random";
export { humanCeiling, humanCeilingOf } from "./human-ceiling";
export { bootstrapAlphaCI, bootstrapAlphaCIOf, type BootstrapOptions } from "./bootstrap";
export {
  groupMeanUnits,
  betweenGroupAlpha,
  betweenGroupAlphaCI,
  type GroupAlpha,
  type GroupAlphaIntervals,
  type GroupRatings,
} from "./group-agreement";
export { meanWithCI, type MeanWithCI } from "./mean-ci";
export {
  annotatorAgreement,
  annotatorAgreementByUnit,
  type AnnotatorRating,
  type RatingsByUnit,
  type AnnotatorAgreement,
} from "./annotator-agreement";
export { studentTQuantile, studentTUpperTail } from "./special-functions";
