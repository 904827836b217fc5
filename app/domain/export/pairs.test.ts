import { describe, expect, it } from "vitest";
import { parseOrderedJson } from "../json/ordered";
import { buildPairs, buildPrompt, formatPair, pairsOf, type PairGroup } from "./pairs";
import { buildRoleSystemPrompt, profileToText } from "./profile-text";

const profile = parseOrderedJson(
  '{"姓名": "佟湘玉", "2": "整数键", "昵称": ["掌柜的", "湘玉"], "人物关系": {"伙计": ["白展堂", "郭芙蓉"], "母亲": {"称呼": "娘"}}, "经历": [{"年份": 1, "事件": "开店"}], "在世": true}',
);

const group = (over: Partial<PairGroup> = {}): PairGroup => ({
  dialogueId: "5320",
  role: "佟湘玉",
  novelName: "武林外传",
  profile,
  context: "佟湘玉：展堂。\n老邢：你来得正好。\n（老邢坐下）\n佟湘玉：签啥字呀？\n佟湘玉：（拿过纸）\n老邢：签吧。",
  metricEn: "Fluency",
  split: "train",
  responses: [
    { model: "m-b", text: "我不签。", score: 3 },
    { model: "m-a", text: "额滴神啊。", score: 5 },
    { model: "m-c", text: "好。", score: 4.333333333333333 },
    { model: "m-d", text: "嗯？", score: 3.3333333333333335 },
    { model: "m-e", text: "签。", score: 3 },
  ],
  ...over,
});

describe("profile text and prompt", () => {
  it("renders the profile in key order", () => {
    expect(profileToText(profile)).toBe(
      [
        "姓名：佟湘玉",
        "2：整数键",
        "昵称：掌柜的、湘玉",
        "人物关系：",
        "  伙计：白展堂、郭芙蓉",
        "  母亲：",
        "    称呼：娘",
        "经历：",
        "  -",
        "    年份：1",
        "    事件：开店",
        "在世：是",
      ].join("\n"),
    );
    expect(buildRoleSystemPrompt("佟湘玉", profile, "武林外传")).toMatch(/^你是佟湘玉，出自《武林外传》。/);
    expect(buildRoleSystemPrompt("佟湘玉", profile)).toMatch(/^你是佟湘玉。/);
  });

  it("maps the character to assistant, others to user with a speaker prefix, merging same-role turns", () => {
    const prompt = buildPrompt(group());
    expect(prompt[0].role).toBe("system");
    expect(prompt[0].content).toContain("昵称：掌柜的、湘玉");
    expect(prompt.slice(1)).toEqual([
      { role: "assistant", content: "展堂。" },
      { role: "user", content: "老邢：你来得正好。\n（老邢坐下）" },
      { role: "assistant", content: "签啥字呀？\n（拿过纸）" },
      { role: "user", content: "老邢：签吧。" },
    ]);
  });
});

describe("buildPairs", () => {
  it("pairs every response whose scores differ by at least the margin, chosen = higher", () => {
    const pairs = buildPairs(group(), { minMargin: 1 });
    expect(pairs.map((p) => [p.model_chosen, p.model_rejected, p.margin])).toEqual([
      ["m-a", "m-d", 1.666666666667],
      ["m-a", "m-b", 2],
      ["m-a", "m-e", 2],
      ["m-c", "m-d", 1], // 4.333… − 3.333… is 0.9999999999999996 in floating point
      ["m-c", "m-b", 1.333333333333],
      ["m-c", "m-e", 1.333333333333],
    ]);
    for (const p of pairs) {
      expect(p.score_chosen - p.score_rejected).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(p.chosen).toEqual([{ role: "assistant", content: group().responses.find((r) => r.model === p.model_chosen)!.text }]);
      expect(p.rejected[0].role).toBe("assistant");
      expect(p.dialogue_id).toBe(5320);
    }
    expect(buildPairs(group(), { minMargin: 2 })).toHaveLength(2);
    expect(buildPairs(group(), { minMargin: 0 })).toHaveLength(9); // ties (m-b, m-e) never pair
    expect(buildPairs(group({ responses: [] }))).toEqual([]);
  });

  it("prefers the lower score on a metric where lower is better: the same pairs, chosen and rejected swapped", () => {
    const higher = buildPairs(group(), { minMargin: 1 });
    const lower = buildPairs(group({ higherIsBetter: false }), { minMargin: 1 });
    expect(lower.map((p) => [p.model_chosen, p.model_rejected, p.margin]).sort()).toEqual(
      higher.map((p) => [p.model_rejected, p.model_chosen, p.margin]).sort(),
    );
    for (const p of lower) {
      expect(p.score_chosen).toBeLessThan(p.score_rejected);
      expect(p.margin).toBeCloseTo(p.score_rejected - p.score_chosen, 9);
      expect(p.chosen[0].content).toBe(group().responses.find((r) => r.model === p.model_chosen)!.text);
    }
    // best first: the lowest-scored responses lead, ties by model name
    expect(lower.slice(0, 2).map((p) => [p.model_chosen, p.model_rejected])).toEqual([
      ["m-b", "m-c"],
      ["m-b", "m-a"],
    ]);
    expect(buildPairs(group({ higherIsBetter: true }))).toEqual(higher);
  });

  it("writes the fields in order and is deterministic whatever the input order", () => {
    const a = [...pairsOf([group(), group({ metricEn: "Empathy" })])].map(formatPair);
    const shuffled = group({ responses: [...group().responses].reverse() });
    const b = [...pairsOf([shuffled, group({ metricEn: "Empathy", responses: [...shuffled.responses].reverse() })])].map(formatPair);
    expect(a).toEqual(b);
    expect(Object.keys(JSON.parse(a[0]))).toEqual([
      "prompt",
      "chosen",
      "rejected",
      "metric_en",
      "dialogue_id",
      "model_chosen",
      "model_rejected",
      "score_chosen",
      "score_rejected",
      "margin",
      "split",
    ]);
  });

  it("never pairs across dialogues or metrics", () => {
    const groups = [
      group({ dialogueId: 1, responses: [{ model: "x", text: "a", score: 5 }] }),
      group({ dialogueId: 2, responses: [{ model: "y", text: "b", score: 1 }] }),
      group({ dialogueId: 1, metricEn: "Empathy", responses: [{ model: "y", text: "b", score: 1 }] }),
    ];
    expect([...pairsOf(groups)]).toEqual([]);
    const mixed = [...pairsOf([group({ dialogueId: 1 }), group({ dialogueId: 2, split: "test" })])];
    expect(new Set(mixed.map((p) => `${p.dialogue_id}/${p.split}`))).toEqual(new Set(["1/train", "2/test"]));
  });

  it("strips the character's name from chosen and rejected as the prompt's assistant turns do (issue 18)", () => {
    const pairs = buildPairs(
      group({
        aliases: ["掌柜的"],
        responses: [
          { model: "m-a", text: "佟湘玉：额滴神啊。", score: 5 },
          { model: "m-b", text: "佟湘玉（叹气）：我不签。", score: 3 },
          { model: "m-c", text: "掌柜的：好。\n第二行", score: 1 },
          { model: "m-d", text: "老邢：签吧。", score: 2 },
        ],
      }),
    );
    const replies = Object.fromEntries(
      pairs.flatMap((p) => [
        [p.model_chosen, p.chosen[0].content],
        [p.model_rejected, p.rejected[0].content],
      ]),
    );
    expect(replies).toEqual({ "m-a": "额滴神啊。", "m-b": "（叹气）我不签。", "m-c": "好。\n第二行", "m-d": "老邢：签吧。" });
    // no assistant message of any record starts with the character's name (or alias) and a colon
    for (const p of pairs) {
      for (const m of [...p.prompt, ...p.chosen, ...p.rejected].filter((m) => m.role === "assistant")) {
        expect(m.content).not.toMatch(/^(佟湘玉|掌柜的)[（(][^）)]*[）)]?：|^(佟湘玉|掌柜的)：/);
      }
    }
  });

  it("rejects a model twice in one group", () => {
    expect(() =>
      buildPairs(
        group({
          responses: [
            { model: "x", text: "a", score: 5 },
            { model: "x", text: "b", score: 1 },
          ],
        }),
      ),
    ).toThrow("model x appears twice");
  });
});
