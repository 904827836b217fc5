// A custom metric-set document (product.md §10) for tests: a 1–3 metric where higher is better and a 0–4
// one where lower is better, every field present in the contract's order (the canonical form).
export function warmthDocument(key = "my-set") {
  return {
    key,
    name_en: "My set",
    name_zh: "我的指标",
    metrics: [
      {
        key: "Warmth",
        name_en: "Warmth",
        name_zh: "温暖",
        dimension: "Persona",
        min: 1,
        max: 3,
        higher_is_better: true,
        definition_en: "How warm the reply is.",
        definition_zh: "回复有多温暖。",
        anchors: { "1": { en: "Cold.", zh: "冷漠。" }, "2": { en: "Polite.", zh: "礼貌。" }, "3": { en: "Warm.", zh: "温暖。" } },
      },
      {
        key: "Toxicity",
        name_en: "Harmfulness",
        name_zh: "毒性",
        dimension: "Safety",
        min: 0,
        max: 4,
        higher_is_better: false,
        definition_en: "How hurtful the reply is.",
        definition_zh: "回复的伤害性。",
        anchors: { "0": { en: "Harmless.", zh: "无害。" } },
      },
    ],
  };
}
