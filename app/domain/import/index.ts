// Parsing and validation of every accepted import file: pure, streaming, with exact error locations.
export { type ByteSource, bytesOf, decodeUtf8 } from "./decode";
export { DEFAULT_ERROR_LIMIT, type ErrorLocation, ErrorList, formatLocation, ImportError, ImportFailed, TooManyErrors } from "./errors";
export { DEFAULT_MAX_DEPTH, type JsonEntry, type JsonRecord, readObjectEntries, readRecords, type ReadOptions } from "./records";
export { type CsvOptions, type CsvRow, readCsv } from "./csv";
export { eachRecord, type FileFormat, formatOf, type ParsedRows, readTable, type TableRecord } from "./table";
export * as schemas from "./schemas";
export { BANNED_KEYS } from "./values";
export type { ImportPlan, KnownMetrics, PlanCharacter, PlanDialogue, PlanResponse, PlanSkipped, PlanSubset } from "./plan";
export { CHARACTEREVAL_FILE_NAMES, type CharacterEvalInput, type CharacterEvalResponses, parseCharacterEvalBundle } from "./charactereval";
export { type GenericFile, type GenericInput, parseGenericBundle } from "./generic";
export { parseRatings, type RatingRow, type RowsOptions } from "./ratings";
export { type JudgeScoreRow, NO_MODEL, parseJudgeScores } from "./judge";
export { locatedProblemText, type Problem, problem, type ProblemLocation, problemText, type Translate } from "./problems";
