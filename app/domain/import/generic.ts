// Generic import: dialogues, responses and metric subsets as JSON arrays, JSONL or CSV (optionally with a
// profiles file shaped like CharacterEval's), validated into the same plan as a CharacterEval import.
//   dialogues: id, role, context, novel_name?      responses: dialogue_id, model, text
//   subsets:   dialogue_id, metric (one row per pair)
import type { ByteSource } from "./decode";
import { DEFAULT_ERROR_LIMIT, ErrorList } from "./errors";
import { type ImportPlan, type KnownMetrics, PlanBuilder } from "./plan";
import { problem } from "./problems";
import { readObjectEntries } from "./records";
import { csvSchemas, idOf, jsonSchemas, profileSchema, validate } from "./schemas";
import { eachRecord, type FileFormat } from "./table";

export type GenericFile = { chunks: ByteSource; file: string; format?: FileFormat };

export type GenericInput = {
  dialogues: GenericFile;
  /** a JSON object role → profile, as CharacterEval's character_profiles.json; when given, every role needs one */
  profiles?: GenericFile;
  /** one or more files; each row names its model */
  responses?: ReadonlyArray<GenericFile>;
  subsets?: GenericFile;
  knownMetricKeys: KnownMetrics;
  errorLimit?: number;
  maxDepth?: number;
};

export async function parseGenericBundle(input: GenericInput): Promise<ImportPlan> {
  const errors = new ErrorList(input.errorLimit ?? DEFAULT_ERROR_LIMIT);
  const plan = new PlanBuilder(errors, input.dialogues.file, input.knownMetricKeys, input.profiles?.file);
  const opts = (f: GenericFile) => ({ file: f.file, format: f.format, errors, maxDepth: input.maxDepth });
  const schemas = (csv: boolean) => (csv ? csvSchemas : jsonSchemas);

  if (input.profiles) {
    const file = input.profiles.file;
    plan.profilesComplete = await errors.capture(async () => {
      for await (const e of readObjectEntries(input.profiles!.chunks, { file, errors, maxDepth: input.maxDepth })) {
        const loc = { file, key: e.key, line: e.line };
        if (validate(profileSchema, e.value, loc, errors) === null) plan.badProfiles.add(e.key);
        else plan.profiles.set(e.key, e.raw);
      }
    });
    if (errors.truncated) return plan.finish();
  }

  const dialogues = await eachRecord(input.dialogues.chunks, opts(input.dialogues), (value, loc, csv) => {
    const d = validate(schemas(csv).dialogue, value, loc, errors);
    if (!d) {
      const id = idOf(value, "id");
      if (id !== undefined) plan.rejectedIds.add(id);
      return id !== undefined;
    }
    plan.addDialogue({ externalId: d.id, role: d.role, novelName: d.novel_name ?? "", context: d.context }, loc);
  });
  plan.dialoguesComplete = dialogues.complete;
  if (errors.truncated) return plan.finish();
  if (dialogues.complete && dialogues.count === 0) plan.error({ file: input.dialogues.file }, problem("noDialogues"));

  if (input.subsets) {
    await eachRecord(input.subsets.chunks, opts(input.subsets), (value, loc, csv) => {
      const s = validate(schemas(csv).subset, value, loc, errors);
      if (!s || !plan.dialogue(s.dialogue_id, { ...loc, field: "dialogue_id" })) return;
      const key = plan.resolveMetric(s.metric, undefined, loc, "metric");
      if (key !== null) plan.addSubsetMetric(s.dialogue_id, key, loc, "metric");
    });
    if (errors.truncated) return plan.finish();
  }

  for (const f of input.responses ?? []) {
    await eachRecord(f.chunks, opts(f), (value, loc, csv) => {
      const r = validate(schemas(csv).response, value, loc, errors);
      if (!r || !plan.dialogue(r.dialogue_id, { ...loc, field: "dialogue_id" })) return;
      plan.addResponse(r.dialogue_id, r.model, r.text, loc, "dialogue_id");
    });
    if (errors.truncated) return plan.finish();
  }
  return plan.finish();
}
