// What the pairwise report page hands its widgets: parts of the §11 document.
export type { PairwiseModel as StrengthRow, WinTieMatrix as Matrix } from "~/domain/pairwise/report-types";
export type { PairwiseAgreement as AgreementFigures, PositionalBias as BiasFigures } from "~/domain/pairwise";
