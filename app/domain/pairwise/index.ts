// Statistics of pairwise comparison projects (product.md §11, issue 22). Pure functions, no I/O.
export { OUTCOME, outcomeMatrix, weightedWins, type Comparisons, type OutcomeMatrix } from "./outcomes";
export { fitStrengths, type FitOptions, type StrengthFit } from "./mm";
export { bradleyTerry, ranksOf, type BradleyTerryFit } from "./bradley-terry";
export { bootstrapStrengths, type DialogueComparisons, type StrengthBootstrapOptions, type StrengthIntervals } from "./bootstrap";
export { pairwiseAgreement, positionalBias, type Choice, type PairwiseAgreement, type PositionalBias, type Side } from "./agreement";
export { wilsonInterval, Z95 } from "./wilson";
export { designPairs, type PairAssignment, type PairDesign } from "./design";
