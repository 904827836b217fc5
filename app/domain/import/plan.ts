// The validated, in-memory result of an import and the cross-file rules that build it. Files are streamed;
// what they describe (≈25k records for CharacterEval with 5 models) is small enough to hold here.
import { type ErrorList, type ErrorLocation, ImportError } from "./errors";
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

/** A project's metrics as the importer needs them: keys, or keys with their Chinese names. */
export type KnownMetrics = Iterable<string | { key: string; nameZh?: string }>;

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

  constructor(
    readonly errors: ErrorList,
    readonly dialoguesFile: string,
    known: KnownMetrics = [],
    readonly profilesFile = "the profiles file",
  ) {
    this.metrics = new Map();
    for (const m of known) {
      if (typeof m === "string") this.metrics.set(m, undefined);
      else this.metrics.set(m.key, m.nameZh);
    }
  }

  error(loc: ErrorLocation, problem: string) {
    this.errors.add(new ImportError(loc, problem));
  }

  addDialogue(d: Omit<PlanDialogue, "position">, loc: ErrorLocation) {
    const first = this.byId.get(d.externalId);
    if (first) {
      const at = first.record !== undefined ? ` (first at record ${first.record}, line ${first.line})` : "";
      return this.error({ ...loc, field: "id" }, `duplicate id ${shown(d.externalId)}${at}`);
    }
    this.byId.set(d.externalId, { role: d.role, novelName: d.novelName, context: d.context, record: loc.record, line: loc.line });
    if (this.profilesComplete && !this.profiles.has(d.role) && !this.badProfiles.has(d.role)) {
      return this.error({ ...loc, field: "role" }, `no profile for the role ${shown(d.role)} in ${this.profilesFile}`);
    }
    const seen = this.roleNovel.get(d.role);
    if (seen && seen.novelName !== d.novelName) {
      return this.error(
        { ...loc, field: "novel_name" },
        `the role ${shown(d.role)} already belongs to ${shown(seen.novelName)} (record ${seen.record}); found ${shown(d.novelName)}`,
      );
    }
    if (!seen) this.roleNovel.set(d.role, { novelName: d.novelName, record: loc.record });
    this.dialogues.push({ ...d, position: this.dialogues.length });
  }

  /** The dialogue with this id, or undefined (reported, unless the dialogue was itself invalid). */
  dialogue(externalId: string, loc: ErrorLocation): DialogueInfo | undefined {
    const d = this.byId.get(externalId);
    if (!d && this.dialoguesComplete && !this.rejectedIds.has(externalId)) {
      this.error(loc, `no dialogue with id ${shown(externalId)} in ${this.dialoguesFile}`);
    }
    return d;
  }

  /** Checks one metric against the project's set; `at` is the field path of the key. */
  checkMetric(key: string, nameZh: string | undefined, loc: ErrorLocation, keyField: string, zhField?: string): boolean {
    if (!this.metrics.has(key)) {
      const list = [...this.metrics.keys()].join(", ");
      this.error({ ...loc, field: keyField }, `unknown metric ${shown(key)} (this project's metrics: ${list || "none"})`);
      return false;
    }
    const zh = this.metrics.get(key);
    if (nameZh !== undefined && zh !== undefined && zh !== nameZh) {
      this.error({ ...loc, field: zhField }, `metric_zh ${shown(nameZh)} does not match ${shown(key)}, which is ${shown(zh)} in this project`);
      return false;
    }
    return true;
  }

  addSubsetMetric(externalId: string, metric: string, loc: ErrorLocation, field: string) {
    const list = this.subsets.get(externalId) ?? [];
    if (list.includes(metric)) return this.error({ ...loc, field }, `metric ${shown(metric)} is listed twice for dialogue ${shown(externalId)}`);
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
      const at = first !== undefined ? ` (first at record ${first})` : "";
      return this.error({ ...loc, field: idField }, `a second response of model ${shown(model)} to dialogue ${shown(externalId)}${at}`);
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
