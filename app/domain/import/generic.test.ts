import { describe, expect, it } from "vitest";
import { bytesOf } from "./decode";
import { parseGenericBundle } from "./generic";

const KNOWN = ["Accuracy", "Fluency"];
const file = (name: string, text: string) => ({ file: name, chunks: bytesOf(text, 7) });

describe("parseGenericBundle", () => {
  it("reads dialogues, subsets and responses from JSONL and CSV alike", async () => {
    const plan = await parseGenericBundle({
      dialogues: file("dialogues.csv", 'id,role,context,novel_name\n1,Alice,"Bob: hi\nAlice: hello",Wonderland\nd-2,Bob,Alice: hey,\n'),
      subsets: file(
        "subsets.jsonl",
        '{"dialogue_id": 1, "metric": "Accuracy"}\n{"dialogue_id": "d-2", "metric": "Fluency"}\n{"dialogue_id": "1", "metric": "Fluency"}\n',
      ),
      responses: [
        file("a.csv", "dialogue_id,model,text\n1,m-a,Hi Bob.\nd-2,m-a,Hey.\n"),
        file("b.jsonl", '[{"dialogue_id": 1, "model": "m-b", "text": "Hello!"}, {"dialogue_id": "d-2", "model": "m-b", "text": null}]'),
      ],
      knownMetricKeys: KNOWN,
    });
    expect(plan.errors).toEqual([]);
    expect(plan.characters).toEqual([
      { name: "Alice", novelName: "Wonderland", profileJson: null },
      { name: "Bob", novelName: "", profileJson: null },
    ]);
    expect(plan.dialogues).toEqual([
      { externalId: "1", role: "Alice", novelName: "Wonderland", context: "Bob: hi\nAlice: hello", position: 0 },
      { externalId: "d-2", role: "Bob", novelName: "", context: "Alice: hey", position: 1 },
    ]);
    expect(plan.subsets).toEqual([
      { externalId: "1", metrics: ["Accuracy", "Fluency"] },
      { externalId: "d-2", metrics: ["Fluency"] },
    ]);
    expect(plan.responses).toEqual([
      { externalId: "1", model: "m-a", text: "Hi Bob.", position: 0 },
      { externalId: "d-2", model: "m-a", text: "Hey.", position: 1 },
      { externalId: "1", model: "m-b", text: "Hello!", position: 2 },
    ]);
    expect(plan.skipped).toEqual([
      { model: "m-a", null: 0, error: 0 },
      { model: "m-b", null: 1, error: 0 },
    ]);
  });

  it("checks roles against a profiles file when one is given, keeping its raw text", async () => {
    const plan = await parseGenericBundle({
      dialogues: file("d.jsonl", '{"id": 1, "role": "Alice", "context": "x"}\n{"id": 2, "role": "Carol", "context": "y"}\n'),
      profiles: file("p.json", '{"Alice": {"2": "b", "1": "a"}}'),
      knownMetricKeys: KNOWN,
    });
    expect(plan.errors.map((e) => e.message)).toEqual([
      'd.jsonl: record 2 (line 2), field "role": no profile for the role "Carol" in p.json',
    ]);
    const ok = await parseGenericBundle({
      dialogues: file("d.jsonl", '{"id": 1, "role": "Alice", "context": "x"}\n'),
      profiles: file("p.json", '{"Alice": {"2": "b", "1": "a"}}'),
      knownMetricKeys: KNOWN,
    });
    expect(ok.characters).toEqual([{ name: "Alice", novelName: "", profileJson: '{"2": "b", "1": "a"}' }]);
  });

  it("reports cross-file problems with their locations", async () => {
    const plan = await parseGenericBundle({
      dialogues: file("d.csv", "id,role,context\n1,A,x\n1,A,y\n2,A,z\n"),
      subsets: file("s.csv", "dialogue_id,metric\n1,Accuracy\n1,Accuracy\n9,Fluency\n2,Charm\n"),
      responses: [file("r.csv", "dialogue_id,model,text\n1,m,ok\n1,m,again\n3,m,x\n2,m,\n")],
      knownMetricKeys: KNOWN,
    });
    expect(plan.ok).toBe(false);
    expect(plan.errors.map((e) => e.message)).toEqual([
      'd.csv: record 2 (line 3), field "id": duplicate id "1" (first at record 1, line 2)',
      's.csv: record 2 (line 3), field "metric": metric "Accuracy" is listed twice for dialogue "1"',
      's.csv: record 3 (line 4), field "dialogue_id": no dialogue with id "9" in d.csv',
      's.csv: record 4 (line 5), field "metric": unknown metric "Charm" (this project\'s metrics: Accuracy, Fluency)',
      'r.csv: record 2 (line 3), field "dialogue_id": a second response of model "m" to dialogue "1" (first at record 1)',
      'r.csv: record 3 (line 4), field "dialogue_id": no dialogue with id "3" in d.csv',
      'r.csv: record 4 (line 5), field "text": must not be empty',
    ]);
    expect(plan.dialogues).toEqual([]);
  });

  it("does not report references to dialogues that were themselves invalid", async () => {
    const plan = await parseGenericBundle({
      dialogues: file("d.jsonl", '{"id": 1, "role": "A", "context": 5}\n{"id": 2, "role": "A", "context": "ok"}\n'),
      responses: [file("r.jsonl", '{"dialogue_id": 1, "model": "m", "text": "t"}\n')],
      knownMetricKeys: KNOWN,
    });
    expect(plan.errors.map((e) => e.message)).toEqual(['d.jsonl: record 1 (line 1), field "context": expected a string, found an integer']);
  });

  it("an empty dialogues file is an error", async () => {
    const plan = await parseGenericBundle({ dialogues: file("d.csv", "id,role,context\n"), knownMetricKeys: KNOWN });
    expect(plan.errors.map((e) => e.message)).toEqual(["d.csv: the file has no dialogues"]);
  });
});
