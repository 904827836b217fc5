import crypto from "node:crypto";
import type { Db } from "#db/client";
import { scoredText } from "~/domain/export/scored-text";
import { insertCorpus } from "~/services/corpus.server";
import { addMember, createProject } from "~/services/projects.server";
import { createUser } from "~/services/users.server";
import { demoCharacters, demoDialogues, demoModels } from "./demo-data";

export type DemoLogin = { role: string; email: string; password: string };

const password = () => crypto.randomBytes(9).toString("base64url");

/** The demo: an admin, two annotators (passwords generated now), and a CharacterEval-style project. */
export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [
    { role: "admin", email: "admin@demo.rolecall", password: password() },
    { role: "annotator", email: "annotator1@demo.rolecall", password: password() },
    { role: "annotator", email: "annotator2@demo.rolecall", password: password() },
  ];
  const [admin] = [await createUser(db, { email: logins[0].email, password: logins[0].password, name: "Demo Admin", isAdmin: true })];
  await createUser(db, { email: logins[1].email, password: logins[1].password, name: "小林" });
  await createUser(db, { email: logins[2].email, password: logins[2].password, name: "Alex" });
  const project = await createProject(
    db,
    {
      slug: "demo",
      name: "演示：角色扮演评测 (demo)",
      description: "A small CharacterEval-style study written for the demo.",
      metricSetKey: "charactereval",
      overlapK: 2,
    },
    admin.id,
  );
  await addMember(db, project.id, logins[1].email, "annotator", "A");
  await addMember(db, project.id, logins[2].email, "annotator", "B");
  // the same corpus as a pairwise study (product.md §11): which of two replies is better, per metric
  const pairwise = await createProject(
    db,
    {
      slug: "demo-pairwise",
      name: "演示：成对比较 (demo, pairwise)",
      description: "The demo's dialogues, every pair of the three models compared.",
      metricSetKey: "charactereval",
      overlapK: 2,
      mode: "pairwise",
      pairs: { design: "all" },
    },
    admin.id,
  );
  await addMember(db, pairwise.id, logins[1].email, "annotator");
  await addMember(db, pairwise.id, logins[2].email, "annotator");
  for (const p of [project, pairwise]) await db.transaction((tx) => insertCorpus(tx, p.id, demoCorpus()));
  return logins;
}

function demoCorpus() {
  return {
    characters: demoCharacters.map((c) => ({ name: c.name, novelName: c.novelName, profileJson: JSON.stringify(c.profile) })),
    dialogues: demoDialogues.map((d) => ({
      externalId: d.id,
      role: d.role,
      novelName: demoCharacters.find((c) => c.name === d.role)!.novelName,
      context: d.context,
    })),
    subsets: demoDialogues.map((d) => ({ externalId: d.id, metrics: d.metrics })),
    responses: demoDialogues.flatMap((d) =>
      d.responses.map((text, i) => ({ externalId: d.id, model: demoModels[i], text, scoredText: scoredText(text) })),
    ),
  };
}
