import { describe, expect, it } from "vitest";
import { ACTIVE_DIALOGUES, ACTIVE_HOURS, ACTIVE_RECENT_TASKS, activeDialogues } from "./active-dialogues";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("active dialogues (rule 3)", () => {
  it("are the dialogues of the latest tasks, the most recently worked on first, each once", () => {
    const tasks = [
      { taskId: 1, dialogueId: "a", createdAt: ago(30) },
      { taskId: 2, dialogueId: "b", createdAt: ago(20) },
      { taskId: 3, dialogueId: "a", createdAt: ago(10) },
    ];
    expect(activeDialogues(tasks, now)).toEqual(["a", "b"]);
  });
  it(`forget work older than ${ACTIVE_HOURS} hours`, () => {
    const tasks = [
      { taskId: 1, dialogueId: "old", createdAt: ago(ACTIVE_HOURS * 60 + 1) },
      { taskId: 2, dialogueId: "new", createdAt: ago(1) },
    ];
    expect(activeDialogues(tasks, now)).toEqual(["new"]);
  });
  it(`keep at most ${ACTIVE_DIALOGUES} dialogues, among the last ${ACTIVE_RECENT_TASKS} tasks only`, () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ taskId: i + 1, dialogueId: `d${i % 8}`, createdAt: ago(40 - i) }));
    expect(activeDialogues(many, now)).toEqual(["d7", "d6", "d5", "d4", "d3"]);
    // a dialogue seen only in tasks older than the last ACTIVE_RECENT_TASKS does not count
    const crowded = [
      { taskId: 1, dialogueId: "early", createdAt: ago(50) },
      ...Array.from({ length: ACTIVE_RECENT_TASKS }, (_, i) => ({ taskId: i + 2, dialogueId: "busy", createdAt: ago(40) })),
    ];
    expect(activeDialogues(crowded, now)).toEqual(["busy"]);
  });
});
