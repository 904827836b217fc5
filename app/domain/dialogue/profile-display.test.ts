import { describe, expect, it } from "vitest";
import { profileEntries, splitDirections } from "./profile-display";

describe("profileEntries", () => {
  it("keeps the original key order, integer-like keys included, and flattens values", () => {
    const e = profileEntries('{"姓名":"林晚秋","2":"b","1":"a","口头禅":["哎哟","喝茶"],"关系":{"弟弟":"小川"}}');
    expect(e.map((x) => x.key)).toEqual(["姓名", "2", "1", "口头禅", "关系"]);
    expect(e[3].value).toBe("哎哟、喝茶");
    expect(e[4].value).toBe("弟弟：小川");
    expect(e.filter((x) => x.key_fact).map((x) => x.key)).toEqual(["姓名", "口头禅"]);
  });
  it("shows unparseable text as it is instead of failing", () => {
    expect(profileEntries("{oops")).toEqual([{ key: "profile", value: "{oops", key_fact: true }]);
  });
});

describe("splitDirections", () => {
  it("separates stage directions in full- and half-width brackets", () => {
    expect(splitDirections("（笑）好啊(点头)走吧")).toEqual([
      { text: "（笑）", direction: true },
      { text: "好啊", direction: false },
      { text: "(点头)", direction: true },
      { text: "走吧", direction: false },
    ]);
    expect(splitDirections("没有动作")).toEqual([{ text: "没有动作", direction: false }]);
  });
});
