// The real CharacterEval files, read where they live (../shared), never copied, plus made-up model outputs.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

export const fixtureDir = process.env.CHARACTEREVAL_FIXTURES || path.resolve(import.meta.dirname, "../../shared/fixtures/charactereval");
export const fixturePath = (name: string) => path.join(fixtureDir, name);
export const fixtureStream = (name: string) => fs.createReadStream(fixturePath(name));

type Dialogue = { id: number; role: string; novel_name: string; context: string };
export const fixtureDialogues = (): Dialogue[] => JSON.parse(fs.readFileSync(fixturePath("test_data.jsonl"), "utf8"));

/** A generation.jsonl for a made-up model: every 97th output null, every 101st "ERROR", the rest two lines. */
export function madeUpGeneration(model: string, dialogues = fixtureDialogues()) {
  const records = dialogues.map((d, i) => ({
    ...d,
    model_output: i % 97 === 0 ? null : i % 101 === 0 ? "ERROR" : `（${model}）第${i}句回复\n续写的第二行`,
  }));
  return Readable.from([Buffer.from(JSON.stringify(records))]);
}

export function madeUpSkips(n: number) {
  let nul = 0, err = 0;
  for (let i = 0; i < n; i++) i % 97 === 0 ? nul++ : i % 101 === 0 ? err++ : 0;
  return { null: nul, error: err };
}
