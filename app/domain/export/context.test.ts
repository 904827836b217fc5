import { describe, expect, it } from "vitest";
import { parseContext } from "./context";
import { itWithFixtures, readFixture } from "../../../test/charactereval-fixture";

describe("parseContext", () => {
  it("splits speaker lines on the full-width colon and marks the character's turns", () => {
    const turns = parseContext("佟湘玉：展堂。（下楼）老邢。\n老邢：（拿出一张纸）你来得正好：签字。\n佟湘玉：展堂呢？", "佟湘玉");
    expect(turns).toEqual([
      { speaker: "佟湘玉", text: "展堂。（下楼）老邢。", isCharacter: true },
      { speaker: "老邢", text: "（拿出一张纸）你来得正好：签字。", isCharacter: false },
      { speaker: "佟湘玉", text: "展堂呢？", isCharacter: true },
    ]);
  });

  it("moves a direction in the speaker label into the text and honours aliases", () => {
    expect(parseContext("小郭（忍着）：我不笑。\n老白：哈哈", "郭芙蓉", { aliases: ["小郭"] })).toEqual([
      { speaker: "小郭", text: "（忍着）我不笑。", isCharacter: true },
      { speaker: "老白", text: "哈哈", isCharacter: false },
    ]);
  });

  it("treats lines without a speaker as narration or as the previous turn's continuation", () => {
    const turns = parseContext("夜深了，客栈里很安静。\n白展堂：掌柜的，\n我想说……\n\n（两人沉默）\n佟湘玉：说嘛。\r", "佟湘玉");
    expect(turns).toEqual([
      { speaker: null, text: "夜深了，客栈里很安静。", isCharacter: false },
      { speaker: "白展堂", text: "掌柜的，\n我想说……", isCharacter: false },
      { speaker: null, text: "（两人沉默）", isCharacter: false },
      { speaker: "佟湘玉", text: "说嘛。", isCharacter: true },
    ]);
    expect(parseContext("：无名", "x")).toEqual([{ speaker: null, text: "：无名", isCharacter: false }]);
    expect(parseContext("", "x")).toEqual([]);
  });

  itWithFixtures("gives every line of the real contexts a speaker", () => {
    const dialogues = JSON.parse(readFixture("test_data.jsonl")) as { role: string; context: string }[];
    let lines = 0;
    let turns = 0;
    let characterTurns = 0;
    for (const d of dialogues) {
      lines += d.context.split("\n").length;
      const t = parseContext(d.context, d.role);
      turns += t.length;
      characterTurns += t.filter((x) => x.isCharacter).length;
      expect(t.every((x) => x.speaker !== null)).toBe(true);
    }
    expect(turns).toBe(lines);
    expect(characterTurns).toBeGreaterThan(turns / 3);
  });
});
