// CharacterEval's files → one validated import plan: test_data.jsonl (dialogues), character_profiles.json,
// id2metric.jsonl (metric subsets) and one generation.jsonl per model (responses). Each file is streamed;
// every problem is reported with its file, record or key, line and field; the plan is empty unless ok.
import type { ByteSource } from "./decode";
import { DEFAULT_ERROR_LIMIT, ErrorList } from "./errors";
import { type ImportPlan, type KnownMetrics, PlanBuilder } from "./plan";
import { problem } from "./problems";
import { readObjectEntries } from "./records";
import { ceDialogueSchema, generationSchema, id2metricEntrySchema, idOf, profileSchema, shown, validate } from "./schemas";
import { eachRecord } from "./table";

export type CharacterEvalResponses = { model: string; chunks: ByteSource; file?: string };

export type CharacterEvalInput = {
  dialogues: ByteSource;
  profiles: ByteSource;
  metrics?: ByteSource;
  responses?: ReadonlyArray<CharacterEvalResponses>;
  /** the project's metrics: keys, or { key, nameZh } to also check id2metric's metric_zh */
  knownMetricKeys: KnownMetrics;
  /** names used in error messages */
  fileNames?: { dialogues?: string; profiles?: string; metrics?: string; responses?: Record<string, string> };
  errorLimit?: number;
  maxDepth?: number;
};

export const CHARACTEREVAL_FILE_NAMES = {
  dialogues: "test_data.jsonl",
  profiles: "character_profiles.json",
  metrics: "id2metric.jsonl",
};

export async function parseCharacterEvalBundle(input: CharacterEvalInput): Promise<ImportPlan> {
  const errors = new ErrorList(input.errorLimit ?? DEFAULT_ERROR_LIMIT);
  const names = input.fileNames ?? {};
  const files = {
    dialogues: names.dialogues ?? CHARACTEREVAL_FILE_NAMES.dialogues,
    profiles: names.profiles ?? CHARACTEREVAL_FILE_NAMES.profiles,
    metrics: names.metrics ?? CHARACTEREVAL_FILE_NAMES.metrics,
  };
  const plan = new PlanBuilder(errors, files.dialogues, input.knownMetricKeys, files.profiles);
  const opts = (file: string) => ({ file, errors, maxDepth: input.maxDepth, format: "json" as const });

  // profiles: role → exact source text (key order preserved)
  plan.profilesComplete = await errors.capture(async () => {
    for await (const e of readObjectEntries(input.profiles, opts(files.profiles))) {
      const loc = { file: files.profiles, key: e.key, line: e.line };
      if (validate(profileSchema, e.value, loc, errors) === null) plan.badProfiles.add(e.key);
      else plan.profiles.set(e.key, e.raw);
    }
  });
  if (errors.truncated) return plan.finish();

  // dialogues
  const dialogues = await eachRecord(input.dialogues, opts(files.dialogues), (value, loc) => {
    const d = validate(ceDialogueSchema, value, loc, errors);
    if (!d) {
      const id = idOf(value, "id");
      if (id !== undefined) plan.rejectedIds.add(id);
      return id !== undefined;
    }
    plan.addDialogue({ externalId: d.id, role: d.role, novelName: d.novel_name, context: d.context }, loc);
    return true;
  });
  plan.dialoguesComplete = dialogues.complete;
  if (errors.truncated) return plan.finish();
  if (dialogues.complete && dialogues.count === 0) plan.error({ file: files.dialogues }, problem("noDialogues"));

  // metric subsets: dialogue id → [[metric_en, metric_zh], …], in file order
  if (input.metrics) {
    await errors.capture(async () => {
      for await (const e of readObjectEntries(input.metrics!, opts(files.metrics))) {
        const loc = { file: files.metrics, key: e.key, line: e.line };
        const pairs = validate(id2metricEntrySchema, e.value, loc, errors);
        if (!pairs) continue;
        const id = e.key.trim();
        if (!plan.dialogue(id, loc)) continue;
        pairs.forEach(([en, zh], i) => {
          const key = plan.resolveMetric(en, zh, loc, `[${i}][0]`, `[${i}][1]`);
          if (key !== null) plan.addSubsetMetric(id, key, loc, `[${i}][0]`);
        });
      }
    });
    if (errors.truncated) return plan.finish();
  }

  // responses, one file per model
  const models = new Set<string>();
  for (const r of input.responses ?? []) {
    const file = r.file ?? input.fileNames?.responses?.[r.model] ?? `${r.model}.jsonl`;
    if (r.model.trim() === "" || models.has(r.model)) {
      plan.error({ file }, r.model.trim() === "" ? problem("modelEmpty") : problem("modelTwice", { model: shown(r.model) }));
      continue;
    }
    models.add(r.model);
    await eachRecord(r.chunks, opts(file), (value, loc) => {
      const g = validate(generationSchema, value, loc, errors);
      if (!g) return true;
      const d = plan.dialogue(g.id, { ...loc, field: "id" });
      if (!d) return true;
      const same: Array<[string, string | undefined, string]> = [
        ["role", g.role, d.role],
        ["novel_name", g.novel_name, d.novelName],
        ["context", g.context, d.context],
      ];
      const diff = same.find(([, mine, theirs]) => mine !== undefined && mine !== theirs);
      if (diff) plan.error({ ...loc, field: diff[0] }, problem("differs", { field: diff[0], id: shown(g.id), file: files.dialogues }));
      else plan.addResponse(g.id, r.model, g.model_output, loc, "id");
      return true;
    });
    if (errors.truncated) return plan.finish();
  }
  return plan.finish();
}
