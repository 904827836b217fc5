// The prompt an LLM judge gets for one unit (product.md §12), CharacterEval-style: the character's
// profile, the dialogue context, the scored text, the metric's definition and scale, and "answer with
// one integer". Built-in templates are versioned per metric set so that a score can always be traced to
// the exact wording that produced it; a project may store its own template, versioned by a counter.
import { parseOrderedJson } from "../json/ordered";
import { profileToText } from "../export/profile-text";
import type { MetricDefinition } from "../metrics/types";

export type PromptLanguage = "zh" | "en";

/** What a template may use; {{name}} placeholders, each replaced verbatim. */
export const TEMPLATE_FIELDS = [
  "character",
  "novel",
  "profile",
  "context",
  "response",
  "metric",
  "definition",
  "scale_min",
  "scale_max",
  "anchor_low",
  "anchor_high",
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** The fields a template must contain, or the judge would score without seeing what it scores. */
export const REQUIRED_FIELDS: TemplateField[] = ["context", "response", "definition", "scale_min", "scale_max"];

export const MAX_TEMPLATE_CHARS = 20_000;

const ZH = `你是一名严格、公正的角色扮演对话评审员。请根据下面的角色资料和对话上文，评价{{character}}的最新回复在指定维度上的表现。

【角色】{{character}}{{novel}}
【角色资料】
{{profile}}

【对话上文】
{{context}}

【待评价的回复】
{{character}}：{{response}}

【评价维度】{{metric}}
【维度定义】{{definition}}
【评分标准】{{scale_min}} 到 {{scale_max}} 的整数，分数越高越好。
{{scale_min}} 分：{{anchor_low}}
{{scale_max}} 分：{{anchor_high}}

只回答一个 {{scale_min}} 到 {{scale_max}} 之间的整数，不要输出任何其他内容。`;

const EN = `You are a strict and fair judge of role-play dialogue. Using the character profile and the dialogue so far, rate the latest reply of {{character}} on the metric below.

[Character] {{character}}{{novel}}
[Profile]
{{profile}}

[Dialogue so far]
{{context}}

[Reply to rate]
{{character}}: {{response}}

[Metric] {{metric}}
[Definition] {{definition}}
[Scale] an integer from {{scale_min}} to {{scale_max}}; higher is better.
{{scale_min}}: {{anchor_low}}
{{scale_max}}: {{anchor_high}}

Answer with one integer from {{scale_min}} to {{scale_max}} and nothing else.`;

/** Built-in templates per metric set; a new wording gets a new version string, never an edit in place. */
const BUILTIN: Record<string, { version: string; zh: string; en: string }> = {
  charactereval: { version: "charactereval-v1", zh: ZH, en: EN },
  "characterbench-mixed": { version: "characterbench-mixed-v1", zh: ZH, en: EN },
};
const GENERIC = { version: "generic-v1", zh: ZH, en: EN };

export type JudgeTemplate = { version: string; text: Record<PromptLanguage, string> };

/** The template a project uses: its own (version "project-vN") when it stored one, else its set's. */
export function templateFor(metricSetKey: string, override: { text: string | null; version: number } | null): JudgeTemplate {
  if (override?.text) return { version: `project-v${override.version}`, text: { zh: override.text, en: override.text } };
  const b = BUILTIN[metricSetKey] ?? GENERIC;
  return { version: b.version, text: { zh: b.zh, en: b.en } };
}

export function builtinTemplate(metricSetKey: string): JudgeTemplate {
  return templateFor(metricSetKey, null);
}

/** The problems of a project's own template, as i18n-free codes with the field named; empty when usable. */
export function templateProblems(text: string): { code: "tooLong" | "missingField" | "unknownField"; field?: string }[] {
  const problems: { code: "tooLong" | "missingField" | "unknownField"; field?: string }[] = [];
  if (text.length > MAX_TEMPLATE_CHARS) problems.push({ code: "tooLong" });
  const used = new Set([...text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]));
  for (const f of used) if (!(TEMPLATE_FIELDS as readonly string[]).includes(f)) problems.push({ code: "unknownField", field: f });
  for (const f of REQUIRED_FIELDS) if (!used.has(f)) problems.push({ code: "missingField", field: f });
  return problems;
}

/** What a prompt needs of a metric: the project's copy of it (the metrics table's columns). */
export type PromptMetric = Pick<
  MetricDefinition,
  | "key"
  | "nameEn"
  | "nameZh"
  | "definitionEn"
  | "definitionZh"
  | "scaleMin"
  | "scaleMax"
  | "anchorLowEn"
  | "anchorLowZh"
  | "anchorHighEn"
  | "anchorHighZh"
>;

export type PromptUnit = {
  character: string;
  novel: string;
  profileJson: string;
  context: string;
  scoredText: string;
  metric: PromptMetric;
};

/** A metric is judged in its own language: Chinese when it has a Chinese definition (the CharacterEval
 *  sets), English when only English was written (custom English sets). */
export function languageOf(metric: PromptMetric): PromptLanguage {
  return metric.definitionZh.trim() ? "zh" : "en";
}

/** The languages a metric can be shown in (the dry run prints each). */
export function languagesOf(metric: PromptMetric): PromptLanguage[] {
  return metric.definitionZh.trim() && metric.definitionEn.trim() ? ["zh", "en"] : [languageOf(metric)];
}

// a run renders the same few profiles thousands of times: remember the latest ones
const profileCache = new Map<string, string>();

function profileText(json: string): string {
  let text = profileCache.get(json);
  if (text === undefined) {
    try {
      text = profileToText(parseOrderedJson(json));
    } catch {
      text = json;
    }
    if (profileCache.size >= 256) profileCache.delete(profileCache.keys().next().value!);
    profileCache.set(json, text);
  }
  return text;
}

export function renderPrompt(template: JudgeTemplate, unit: PromptUnit, language: PromptLanguage = languageOf(unit.metric)): string {
  const m = unit.metric;
  const zh = language === "zh";
  const values: Record<TemplateField, string> = {
    character: unit.character,
    novel: unit.novel ? (zh ? `（出自《${unit.novel}》）` : ` (from ${unit.novel})`) : "",
    profile: profileText(unit.profileJson) || "—",
    context: unit.context,
    response: unit.scoredText,
    metric: zh ? `${m.nameZh}（${m.key}）` : m.nameEn,
    definition: (zh ? m.definitionZh : m.definitionEn) || m.definitionEn,
    scale_min: String(m.scaleMin),
    scale_max: String(m.scaleMax),
    anchor_low: (zh ? m.anchorLowZh : m.anchorLowEn) || "—",
    anchor_high: (zh ? m.anchorHighZh : m.anchorHighEn) || "—",
  };
  // one pass, so a value that happens to contain "{{…}}" (a dialogue quoting a template) stays as written
  return template.text[language].replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, f: string) => (f in values ? values[f as TemplateField] : all));
}
