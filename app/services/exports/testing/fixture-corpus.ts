// Test-only: the real CharacterEval files (read where they live, never copied) turned into a CorpusPlan
// with made-up model outputs, written with insertCorpus like an import would.
import type { Db } from "#db/client";
import { scoredText, type GenerationRecord } from "~/domain/export";
import { parseOrderedJson, stringifyOrdered, type OrderedValue } from "~/domain/json/ordered";
import { insertCorpus, type CorpusPlan } from "~/services/corpus.server";
import { readFixture } from "../../../../test/charactereval-fixture";

type FixtureDialogue = { id: number; role: string; novel_name: string; context: string };

/** Awkward outputs in rotation: multi-line, null and "ERROR" (skipped at import), CR, quotes, emoji. */
export const MADE_UP_OUTPUTS: ((i: number, model: string) => string | null)[] = [
  (i, m) => `（笑）${m}的第${i}句回答\n继续生成的第二行\n第三行`,
  () => null,
  () => "ERROR",
  () => "ERROR\n后面还有",
  (i) => `带回车的${i}\r\n第二行`,
  () => "引号\"双\"'单' 反斜杠\\ 制表\t 控制\u0001\u007f 分隔\u2028 表情😀 𠀀",
  () => "\n开头就换行",
  (i, m) => `${m} 单行回答 ${i}`,
];

export const fixtureDialogues = (): FixtureDialogue[] => JSON.parse(readFixture("test_data.jsonl"));

/** role → the profile's own JSON text, key order kept (the import stores exactly this). */
export function fixtureProfiles(): Map<string, OrderedValue> {
  const root = parseOrderedJson(readFixture("character_profiles.json"));
  if (root.type !== "object") throw new Error("character_profiles.json: expected an object");
  return new Map(root.entries);
}

/** A model's generation.jsonl records: the dialogues with made-up outputs (shifted per model). */
export function fixtureGeneration(model: string, shift = 0): GenerationRecord[] {
  return fixtureDialogues().map((d, i) => ({ ...d, model_output: MADE_UP_OUTPUTS[(i + shift) % MADE_UP_OUTPUTS.length](i, model) }));
}

export function fixturePlan(generations: { model: string; records: GenerationRecord[] }[]): CorpusPlan {
  const dialogues = fixtureDialogues();
  const novelOf = new Map(dialogues.map((d) => [d.role, d.novel_name]));
  const id2metric = parseOrderedJson(readFixture("id2metric.jsonl"));
  if (id2metric.type !== "object") throw new Error("id2metric.jsonl: expected an object");
  const known = new Set(dialogues.map((d) => String(d.id)));
  return {
    characters: [...fixtureProfiles()].map(([name, profile]) => ({
      name,
      novelName: novelOf.get(name) ?? "",
      profileJson: stringifyOrdered(profile),
    })),
    dialogues: dialogues.map((d) => ({ externalId: String(d.id), role: d.role, novelName: d.novel_name, context: d.context })),
    subsets: id2metric.entries
      .filter(([id]) => known.has(id))
      .map(([id, list]) => ({
        externalId: id,
        metrics:
          list.type === "array" ? list.items.map((p) => (p.type === "array" && p.items[0].type === "string" ? p.items[0].value : "")) : [],
      })),
    responses: generations.flatMap(({ model, records }) =>
      records
        .filter((r) => r.model_output !== null && r.model_output !== "ERROR")
        .map((r) => ({ externalId: String(r.id), model, text: r.model_output!, scoredText: scoredText(r.model_output!) })),
    ),
  };
}

export async function loadFixture(db: Db, projectId: number, generations: { model: string; records: GenerationRecord[] }[]) {
  return db.transaction((tx) => insertCorpus(tx, projectId, fixturePlan(generations)));
}
