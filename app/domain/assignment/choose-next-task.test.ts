import { describe, expect, it } from "vitest";
import { type Candidate, type ChooseInput, type ChooseResult, chooseNextTask, isGoldDue } from "./choose-next-task";

/** Candidate shorthand: unit "<response>:<n>", dialogue from the response id's letter ("rA1" → "dA"). */
function u(unitId: string, position: number, ratings = 0, liveLeases = 0, groupsFilled?: string[]): Candidate {
  const responseId = unitId.split(":")[0];
  return { unitId, responseId, dialogueId: `d${responseId[1]}`, position, ratings, liveLeases, groupsFilled };
}

function input(candidates: Candidate[], over: Partial<ChooseInput> = {}): ChooseInput {
  return {
    annotatorId: "ann1",
    annotatorGroup: null,
    k: 2,
    groupMode: false,
    ownLiveLease: null,
    doneByAnnotator: new Set(),
    activeDialogues: new Set(),
    candidates,
    ...over,
  };
}

const none: ChooseResult = { kind: "none" };
const task = (responseId: string, ...unitIds: string[]): ChooseResult => ({ kind: "new", responseId, unitIds });

type Row = [name: string, input: ChooseInput, expected: ChooseResult];

const rows: Row[] = [
  // rule 1: resume
  [
    "own live lease is resumed before anything else",
    input([u("rA1:1", 1, 1)], { ownLiveLease: { taskId: "t9" } }),
    { kind: "resume", taskId: "t9" },
  ],
  ["own live lease is resumed even with no candidates", input([], { ownLiveLease: { taskId: "t1" } }), { kind: "resume", taskId: "t1" }],
  [
    "own live lease is resumed in group mode without a group",
    input([u("rA1:1", 1)], { groupMode: true, ownLiveLease: { taskId: "t2" } }),
    { kind: "resume", taskId: "t2" },
  ],
  ["a null ownLiveLease does not resume", input([u("rA1:1", 1)], { ownLiveLease: null }), task("rA1", "rA1:1")],

  // empty
  ["no candidates → none", input([]), none],

  // never a unit already rated or skipped
  [
    "units done by the annotator are never handed out",
    input([u("rA1:1", 1), u("rA1:2", 2)], { doneByAnnotator: new Set(["rA1:1", "rA1:2"]) }),
    none,
  ],
  [
    "a done unit is dropped from its response's task",
    input([u("rA1:1", 1), u("rA1:2", 2), u("rA1:3", 3)], { doneByAnnotator: new Set(["rA1:2"]) }),
    task("rA1", "rA1:1", "rA1:3"),
  ],
  [
    "a done unit that is closest to completion does not pull its response first",
    input([u("rA1:1", 1, 1), u("rB1:1", 2, 0)], { doneByAnnotator: new Set(["rA1:1"]) }),
    task("rB1", "rB1:1"),
  ],

  // k cap
  ["ratings + live leases = k → not eligible", input([u("rA1:1", 1, 1, 1), u("rA1:2", 2, 2, 0)]), none],
  ["ratings + live leases > k → not eligible", input([u("rA1:1", 1, 3, 0)]), none],
  ["k − 1 filled is eligible and preferred", input([u("rA1:1", 1, 0), u("rB1:1", 2, 0, 1)]), task("rB1", "rB1:1")],
  [
    "k = 1: any rating or lease fills the unit",
    input([u("rA1:1", 1, 0, 1), u("rB1:1", 2, 1, 0), u("rC1:1", 3)], { k: 1 }),
    task("rC1", "rC1:1"),
  ],
  ["k = 3 allows two prior ratings", input([u("rA1:1", 1, 2)], { k: 3 }), task("rA1", "rA1:1")],
  ["k = 0 gives nothing", input([u("rA1:1", 1)], { k: 0 }), none],
  ["a full unit is dropped from its response's task", input([u("rA1:1", 1, 2), u("rA1:2", 2, 1)]), task("rA1", "rA1:2")],

  // rule 3a: closest to completion first
  ["higher ratings + live leases wins over import order", input([u("rA1:1", 1, 0), u("rB1:1", 2, 1)], { k: 3 }), task("rB1", "rB1:1")],
  ["live leases count toward completion like ratings", input([u("rA1:1", 1, 1, 0), u("rB1:1", 2, 0, 2)], { k: 5 }), task("rB1", "rB1:1")],
  [
    "completion beats an active dialogue",
    input([u("rA1:1", 1, 0), u("rB1:1", 2, 1)], { activeDialogues: new Set(["dA"]) }),
    task("rB1", "rB1:1"),
  ],

  // rule 3b: sibling of an active dialogue
  [
    "at equal completion, a sibling of an active dialogue beats import order",
    input([u("rA1:1", 1), u("rB2:1", 5)], { activeDialogues: new Set(["dB"]) }),
    task("rB2", "rB2:1"),
  ],
  [
    "active dialogue only matters among equally complete units",
    input([u("rA1:1", 1, 1), u("rB2:1", 5, 1), u("rC1:1", 0, 0)], { k: 3, activeDialogues: new Set(["dB"]) }),
    task("rB2", "rB2:1"),
  ],
  [
    "several active dialogues: import order among them",
    input([u("rA1:1", 1), u("rB2:1", 7), u("rC1:1", 4)], { activeDialogues: new Set(["dB", "dC"]) }),
    task("rC1", "rC1:1"),
  ],

  // rule 3c: import order
  ["all else equal, lowest position first", input([u("rB1:1", 9), u("rA1:1", 3), u("rC1:1", 5)]), task("rA1", "rA1:1")],
  ["exact ties fall back to unit id", input([u("rB1:1", 1), u("rA1:1", 1)]), task("rA1", "rA1:1")],

  // rule 4: the task is the response with all of its eligible units, by position
  [
    "the task gathers all eligible units of the best unit's response, ordered by position",
    input([u("rA1:3", 30), u("rB1:1", 5), u("rA1:1", 10, 1), u("rA1:2", 20)], { k: 3 }),
    task("rA1", "rA1:1", "rA1:2", "rA1:3"),
  ],
  [
    "units of other responses of the same dialogue are not included",
    input([u("rA1:1", 1), u("rA2:1", 2), u("rA1:2", 3)]),
    task("rA1", "rA1:1", "rA1:2"),
  ],
  ["duplicate candidate rows are listed once", input([u("rA1:1", 1), u("rA1:1", 1)]), task("rA1", "rA1:1")],

  // group mode
  ["group mode: an annotator without a group gets nothing", input([u("rA1:1", 1)], { groupMode: true, annotatorGroup: null }), none],
  ["group mode: an empty group name counts as no group", input([u("rA1:1", 1)], { groupMode: true, annotatorGroup: "" }), none],
  [
    "group mode: units filled by the annotator's group are skipped",
    input([u("rA1:1", 1, 1, 0, ["g1"]), u("rB1:1", 2, 1, 0, ["g2"])], { groupMode: true, annotatorGroup: "g1" }),
    task("rB1", "rB1:1"),
  ],
  [
    "group mode: a live lease of the own group also fills it",
    input([u("rA1:1", 1, 0, 1, ["g2"])], { groupMode: true, annotatorGroup: "g2" }),
    none,
  ],
  [
    "group mode: missing groupsFilled means no group has it",
    input([u("rA1:1", 1)], { groupMode: true, annotatorGroup: "g1" }),
    task("rA1", "rA1:1"),
  ],
  [
    "group mode: the k cap still applies",
    input([u("rA1:1", 1, 2, 0, ["g2", "g3"])], { groupMode: true, annotatorGroup: "g1", k: 2 }),
    none,
  ],
  [
    "group mode: the task leaves out units the own group has filled",
    input([u("rA1:1", 1, 1, 0, ["g2"]), u("rA1:2", 2, 1, 0, ["g1"]), u("rA1:3", 3)], { groupMode: true, annotatorGroup: "g1" }),
    task("rA1", "rA1:1", "rA1:3"),
  ],
  ["outside group mode, groupsFilled is ignored", input([u("rA1:1", 1, 1, 0, ["g1"])], { annotatorGroup: "g1" }), task("rA1", "rA1:1")],
];

describe("chooseNextTask", () => {
  it.each(rows)("%s", (_name, inp, expected) => {
    expect(chooseNextTask(inp)).toEqual(expected);
  });

  it("does not depend on candidate order", () => {
    const cands = [u("rA1:1", 4), u("rB1:1", 2, 1), u("rB1:2", 3), u("rC1:1", 1, 1), u("rC1:2", 6)];
    const active = new Set(["dC"]);
    const expected = task("rC1", "rC1:1", "rC1:2");
    for (let i = 0; i < cands.length; i++) {
      const rotated = [...cands.slice(i), ...cands.slice(0, i)];
      expect(chooseNextTask(input(rotated, { activeDialogues: active }))).toEqual(expected);
      expect(chooseNextTask(input([...rotated].reverse(), { activeDialogues: active }))).toEqual(expected);
    }
  });

  it("does not mutate its input", () => {
    const cands = [u("rA1:2", 2), u("rA1:1", 1)];
    const snapshot = JSON.stringify(cands);
    chooseNextTask(input(cands));
    expect(JSON.stringify(cands)).toBe(snapshot);
  });
});

describe("gold in the claim (product.md §9)", () => {
  const g = (unitId: string, position: number) => ({ unitId, responseId: unitId.split(":")[0], position });
  const gold = [g("rG1:5", 2), g("rG1:7", 1), g("rH1:9", 3)];
  const gtask = (responseId: string, ...unitIds: string[]): ChooseResult => ({ kind: "gold", responseId, unitIds });
  const neverLeased = new Set<string>();

  it("a due claim gets the first open gold unit's response with its open gold units, by position", () => {
    expect(chooseNextTask(input([u("rA1:1", 1)], { gold: { units: gold, due: true, leasedByAnnotator: neverLeased } }))).toEqual(
      gtask("rG1", "rG1:7", "rG1:5"),
    );
  });
  it("gold the annotator rated or skipped is never served again", () => {
    const done = new Set(["rG1:5", "rG1:7"]);
    expect(
      chooseNextTask(input([u("rA1:1", 1)], { doneByAnnotator: done, gold: { units: gold, due: true, leasedByAnnotator: neverLeased } })),
    ).toEqual(gtask("rH1", "rH1:9"));
    const partly = new Set(["rG1:5"]);
    expect(
      chooseNextTask(input([], { doneByAnnotator: partly, gold: { units: gold, due: true, leasedByAnnotator: neverLeased } })),
    ).toEqual(gtask("rG1", "rG1:7"));
  });
  it("gold is served at most once: a lease of theirs that expired or was released still counts", () => {
    // the annotator took rG1:7 once and let the lease go without rating it: the next gold claim passes it
    const leased = new Set(["rG1:7"]);
    expect(chooseNextTask(input([], { gold: { units: gold, due: true, leasedByAnnotator: leased } }))).toEqual(gtask("rG1", "rG1:5"));
    // every gold unit leased once: the normal queue, though none of them was rated or skipped
    const all = new Set(gold.map((x) => x.unitId));
    expect(chooseNextTask(input([u("rA1:1", 1)], { gold: { units: gold, due: true, leasedByAnnotator: all } }))).toEqual(
      task("rA1", "rA1:1"),
    );
  });
  it("no gold left, or not due: the normal queue, in which gold never appears", () => {
    const done = new Set(gold.map((x) => x.unitId));
    expect(
      chooseNextTask(input([u("rA1:1", 1)], { doneByAnnotator: done, gold: { units: gold, due: true, leasedByAnnotator: neverLeased } })),
    ).toEqual(task("rA1", "rA1:1"));
    expect(chooseNextTask(input([u("rA1:1", 1)], { gold: { units: gold, due: false, leasedByAnnotator: neverLeased } }))).toEqual(
      task("rA1", "rA1:1"),
    );
    expect(chooseNextTask(input([], { gold: { units: gold, due: false, leasedByAnnotator: neverLeased } }))).toEqual(none);
  });
  it("gold does not count toward k: a due claim is served even when every normal unit is full", () => {
    expect(chooseNextTask(input([u("rA1:1", 1, 2)], { gold: { units: gold, due: true, leasedByAnnotator: neverLeased } }))).toEqual(
      gtask("rG1", "rG1:7", "rG1:5"),
    );
  });
  it("resume comes before gold", () => {
    expect(
      chooseNextTask(input([], { ownLiveLease: { taskId: "t3" }, gold: { units: gold, due: true, leasedByAnnotator: neverLeased } })),
    ).toEqual({
      kind: "resume",
      taskId: "t3",
    });
  });
  it("isGoldDue: always in the qualification round, else draw below the rate, never without gold", () => {
    expect(isGoldDue({ hasGold: true, inRound: true, rate: 0, draw: 0.99 })).toBe(true);
    expect(isGoldDue({ hasGold: true, inRound: false, rate: 0.05, draw: 0.049 })).toBe(true);
    expect(isGoldDue({ hasGold: true, inRound: false, rate: 0.05, draw: 0.05 })).toBe(false);
    expect(isGoldDue({ hasGold: false, inRound: true, rate: 1, draw: 0 })).toBe(false);
  });
});
