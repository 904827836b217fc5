// The validated, in-memory result of an import and the cross-file rules that build it. Files are streamed;
// what they describe (≈25k records for CharacterEval with 5 models) is small enough to hold here.
import { type ErrorList, type ErrorLocation, ImportError } from "./errors";
import { type Problem, problem } from "./problems";
import { shown } from "./schemas";

export type PlanCharacter = { name: string; novelName: string; profileJson: string | null };
export type PlanDialogue = { externalId: string; role: string; novelName: string; context: string; position: number };
export type PlanSubset = { externalId: string; metrics: string[] };
export type PlanResponse = { externalId: string; model: string; text: string; position: number };
export type PlanSkipped = { model: string; null: number; error: number };

export type ImportPlan = {
  /** true when there is no error; when false, every list but `errors` is empty */
  ok: boolean;
  characters: PlanCharacter[];
  dialogues: PlanDialogue[];
  subsets: PlanSubset[];
  responses: PlanResponse[];
  /** per model: responses left out because model_output was null or "ERROR" */
  skipped: PlanSkipped[];
  /** profiles that no dialogue uses (not imported) */
  unusedProfiles: string[];
  errors: ImportError[];
  /** more errors existed than `errors` holds */
  errorsTruncated: boolean;
};

/** A project's metrics as the importer needs them: keys, or keys with their names (a file may name a
 *  metric by its key or by either name; product.md §10). */
export type KnownMetrics = Iterable<string | { key: string; nameZh?: string; nameEn?: string }>;

type DialogueInfo = { role: string; novelName: string; context: string; record?: number; line?: number };

export class PlanBuilder {
  readonly profiles = new Map<string, string>();
  /** names whose profile was present but invalid: no "missing profile" error for them */
  readonly badProfiles = new Set<string>();
  /** false when there is no profiles file or it could not be read completely */
  profilesComplete = false;
  readonly dialogues: PlanDialogue[] = [];
  private readonly byId = new Map<string, DialogueInfo>();
  /** ids of dialogue records that were invalid: references to them are not reported again */
  readonly rejectedIds = new Set<string>();
  dialoguesComplete = true;
  private readonly roleNovel = new Map<string, { novelName: string; record?: number }>();
  private readonly subsets = new Map<string, string[]>();
  readonly responses: PlanResponse[] = [];
  private readonly responseAt = new Map<string, number | undefined>();
  private readonly skipped = new Map<string, PlanSkipped>();
  readonly metrics: Map<string, string | undefined>;
  /** key, English name or Chinese name → key; a key always wins over another metric's name */
  private readonly metricNames = new Map<string, string>();

  constructor(
    readonly errors: ErrorList,
    readonly dialoguesFile: string,
    known: KnownMetrics = [],
    readonly profilesFile = "the profiles file",
  ) {
    this.metrics = new Map();
    const names: [string, string][] = [];
    for (const m of known) {
      if (typeof m === "string") this.metrics.set(m, undefined);
      else {
        this.metrics.set(m.key, m.nameZh);
        for (const n of [m.nameEn, m.nameZh]) if (n) names.push([n, m.key]);
      }
    }
    for (const k of this.metrics.keys()) this.metricNames.set(k, k);
    for (const [n, k] of names) if (!this.metricNames.has(n)) this.metricNames.set(n, k);
  }

  error(loc: ErrorLocation, why: Problem) {
    this.errors.add(new ImportError(loc, why));
  }

  addDialogue(d: Omit<PlanDialogue, "position">, loc: ErrorLocation) {
    const first = this.byId.get(d.externalId);
    if (first) {
      const id = shown(d.externalId);
      const why =
        first.record !== undefined
          ? problem("duplicateIdAt", { id, record: first.record, line: String(first.line) })
          : problem("duplicateId", { id });
      return this.error({ ...loc, field: "id" }, why);
    }
    this.byId.set(d.externalId, { role: d.role, novelName: d.novelName, context: d.context, record: loc.record, line: loc.line });
    if (this.profilesComplete && !this.profiles.has(d.role) && !this.badProfiles.has(d.role)) {
      return this.error({ ...loc, field: "role" }, problem("noProfile", { role: shown(d.role), file: this.profilesFile }));
    }
    const seen = this.roleNovel.get(d.role);
    if (seen && seen.novelName !== d.novelName) {
      return this.error(
        { ...loc, field: "novel_name" },
        problem("roleNovel", { role: shown(d.role), novel: shown(seen.novelName), record: String(seen.record), found: shown(d.novelName) }),
      );
    }
    if (!seen) this.roleNovel.set(d.role, { novelName: d.novelName, record: loc.record });
    this.dialogues.push({ ...d, position: this.dialogues.length });
  }

  /** The dialogue with this id, or undefined (reported, unless the dialogue was itself invalid). */
  dialogue(externalId: string, loc: ErrorLocation): DialogueInfo | undefined {
    const d = this.byId.get(externalId);
    if (!d && this.dialoguesComplete && !this.rejectedIds.has(externalId)) {
      this.error(loc, problem("noDialogue", { id: shown(externalId), file: this.dialoguesFile }));
    }
    return d;
  }

  /** The project's key for a metric named by key or by either name, or null (reported); a second name
   *  given (id2metric's metric_zh) must name the same metric. `keyField`/`zhField` are the field paths. */
  resolveMetric(name: string, nameZh: string | undefined, loc: ErrorLocation, keyField: string, zhField?: string): string | null {
    const key = this.metricNames.get(name) ?? this.metricNames.get(name.trim());
    if (key === undefined) {
      const list = [...this.metrics.keys()].join(", ");
      const metric = shown(name);
      this.error({ ...loc, field: keyField }, list ? problem("unknownMetric", { metric, list }) : problem("unknownMetricNone", { metric }));
      return null;
    }
    const zh = this.metrics.get(key);
    if (nameZh !== undefined && zh !== undefined && zh !== nameZh && this.metricNames.get(nameZh) !== key) {
      this.error({ ...loc, field: zhField }, problem("metricZh", { zh: shown(nameZh), key: shown(key), projectZh: shown(zh) }));
      return null;
    }
    return key;
  }

  addSubsetMetric(externalId: string, metric: string, loc: ErrorLocation, field: string) {
    const list = this.subsets.get(externalId) ?? [];
    if (list.includes(metric))
      return this.error({ ...loc, field }, problem("metricTwiceForDialogue", { metric: shown(metric), dialogue: shown(externalId) }));
    list.push(metric);
    this.subsets.set(externalId, list);
  }

  hasSubset(externalId: string) {
    return this.subsets.has(externalId);
  }

  /** null and "ERROR" are counted as skipped, the CharacterEval convention for a missing answer. */
  addResponse(externalId: string, model: string, text: string | null, loc: ErrorLocation, idField: string) {
    const skipped = this.skipped.get(model) ?? { model, null: 0, error: 0 };
    this.skipped.set(model, skipped);
    const key = `${model}\u0000${externalId}`;
    if (this.responseAt.has(key)) {
      const first = this.responseAt.get(key);
      const params = { model: shown(model), dialogue: shown(externalId) };
      const why = first !== undefined ? problem("secondResponseAt", { ...params, first }) : problem("secondResponse", params);
      return this.error({ ...loc, field: idField }, why);
    }
    this.responseAt.set(key, loc.record);
    if (text === null) skipped.null++;
    else if (text === "ERROR") skipped.error++;
    else this.responses.push({ externalId, model, text, position: this.responses.length });
  }

  finish(): ImportPlan {
    const used = new Set(this.dialogues.map((d) => d.role));
    const characters: PlanCharacter[] = [];
    for (const [role, { novelName }] of this.roleNovel) {
      if (used.has(role)) characters.push({ name: role, novelName, profileJson: this.profiles.get(role) ?? null });
    }
    // a profile no dialogue uses is still a character of the study (CharacterEval ships 78 for 77 roles)
    for (const [role, profileJson] of this.profiles) {
      if (!used.has(role)) characters.push({ name: role, novelName: "", profileJson });
    }
    // profile file order for CharacterEval (roles are looked up there), first use otherwise
    if (this.profiles.size) {
      const order = new Map([...this.profiles.keys()].map((k, i) => [k, i]));
      characters.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
    }
    const ok = this.errors.count === 0;
    const subsets = [...this.subsets].map(([externalId, metrics]) => ({ externalId, metrics }));
    return {
      ok,
      characters: ok ? characters : [],
      dialogues: ok ? this.dialogues : [],
      subsets: ok ? subsets : [],
      responses: ok ? this.responses : [],
      skipped: ok ? [...this.skipped.values()] : [],
      unusedProfiles: ok ? [...this.profiles.keys()].filter((k) => !used.has(k)) : [],
      errors: this.errors.errors,
      errorsTruncated: this.errors.truncated,
    };
  }
}
