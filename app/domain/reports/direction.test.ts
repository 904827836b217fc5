import { describe, expect, it } from "vitest";
import { lowerIsBetterScopes, rankModels } from "./leaderboard";

describe("leaderboard direction", () => {
  it("ranks a lower-is-better metric ascending, and a dimension or overall only when all their metrics are", () => {
    const metrics = [
      { key: "Warmth", dimension: "Persona", higherIsBetter: true },
      { key: "Toxicity", dimension: "Safety", higherIsBetter: false },
      { key: "Insults", dimension: "Safety", higherIsBetter: false },
    ];
    expect(lowerIsBetterScopes(metrics)).toEqual(["dimension:Safety", "metric:Toxicity", "metric:Insults"]);
    expect(lowerIsBetterScopes(metrics.slice(1))).toEqual(["overall", "dimension:Safety", "metric:Toxicity", "metric:Insults"]);
    expect(lowerIsBetterScopes(metrics.slice(0, 1))).toEqual([]);
    expect(rankModels([0.5, 2, null, 1], false)).toEqual([1, 3, null, 2]);
  });
});
