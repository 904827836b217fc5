// The comparisons of a pairwise project (product.md §11) and their units, made when responses arrive:
// dialogues that have no comparison yet get the pairs of the project's design, and every comparison
// gets one unit per subset metric of its dialogue. A comparison's a is the response of the model with
// the lower id, so a pair has one order whatever the import order was.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { queryRows } from "#db/sql";
import { designPairs, type PairDesign } from "~/domain/pairwise";
import { invalid } from "~/lib/errors";

export type PairSettings = {
  id: number;
  pairDesign: "all" | "reference" | "balanced";
  pairReferenceModel: string | null;
  pairTarget: number;
  plannerSeed: number;
};

type Row = { dialogue_id: number; model_id: number; model: string; response_id: number };

/** Comparisons for the dialogues that have none, then the units every comparison lacks. */
export async function createComparisonUnits(tx: DbOrTx, project: PairSettings): Promise<void> {
  const rows = await queryRows<Row>(
    tx,
    sql`select r.dialogue_id, r.model_id, m.name as model, r.id as response_id
        from responses r join models m on m.id = r.model_id join dialogues d on d.id = r.dialogue_id
        where r.project_id = ${project.id}
          and not exists (select 1 from comparisons c where c.project_id = ${project.id} and c.dialogue_id = r.dialogue_id)
        order by d.position, r.model_id`,
  );
  if (rows.length) await insertComparisons(tx, project, rows);
  await tx.execute(sql`
    insert into units (project_id, response_id, dialogue_id, metric_id, position, comparison_id)
    select c.project_id, c.response_a_id, c.dialogue_id, dm.metric_id,
           coalesce((select max(position) from units where project_id = ${project.id}), -1)
             + row_number() over (order by d.position, c.id, dm.position),
           c.id
    from comparisons c
    join dialogues d on d.id = c.dialogue_id
    join dialogue_metrics dm on dm.dialogue_id = c.dialogue_id
    where c.project_id = ${project.id}
      and not exists (select 1 from units u where u.comparison_id = c.id and u.metric_id = dm.metric_id)
    on conflict do nothing`);
}

async function insertComparisons(tx: DbOrTx, project: PairSettings, rows: Row[]) {
  const modelIds = [...new Set(rows.map((r) => r.model_id))].sort((x, y) => x - y);
  const modelIndex = new Map(modelIds.map((id, i) => [id, i]));
  const dialogueIds: number[] = [];
  const present: number[][] = [];
  const responseOf = new Map<string, number>();
  for (const r of rows) {
    if (dialogueIds[dialogueIds.length - 1] !== r.dialogue_id) {
      dialogueIds.push(r.dialogue_id);
      present.push([]);
    }
    present[present.length - 1].push(modelIndex.get(r.model_id)!);
    responseOf.set(`${r.dialogue_id}:${modelIndex.get(r.model_id)}`, r.response_id);
  }
  const pairs = designPairs(present, designOf(project, rows, modelIndex));
  if (!pairs.length) return;
  const dialogue = pairs.map((p) => dialogueIds[p.dialogue]);
  await tx.execute(sql`
    insert into comparisons (project_id, dialogue_id, response_a_id, response_b_id)
    select ${project.id}, t.d, t.a, t.b
    from unnest(${sql.param(dialogue)}::int[], ${sql.param(pairs.map((p, i) => responseOf.get(`${dialogue[i]}:${p.a}`)!))}::int[],
                ${sql.param(pairs.map((p, i) => responseOf.get(`${dialogue[i]}:${p.b}`)!))}::int[]) as t(d, a, b)
    on conflict do nothing`);
}

function designOf(project: PairSettings, rows: Row[], modelIndex: Map<number, number>): PairDesign {
  if (project.pairDesign === "balanced") return { kind: "balanced", perPair: project.pairTarget, seed: project.plannerSeed };
  if (project.pairDesign === "all") return { kind: "all" };
  const ref = rows.find((r) => r.model === project.pairReferenceModel);
  if (!ref) throw invalid("pairwise.errors.referenceMissing", { model: project.pairReferenceModel ?? "" }, "reference");
  return { kind: "reference", reference: modelIndex.get(ref.model_id)! };
}
