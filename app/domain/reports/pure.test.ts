// The pure parts of the reports: packed-column parsing, grouping, sorting, CSV, number formats.
import { describe, expect, it } from "vitest";
import { consensus, groupRatings, numbering, parseNumberList, unitIndexer, type ReportData } from "./data";
import { reportCsv } from "./csv";
import { interval, num, pValue } from "./format";
import { computeLeaderboard, rankModels } from "./leaderboard";
import { parseSort, sortRows } from "./sort";
import type { JudgesReport } from "./types";

describe("report data", () => {
  it("parses string_agg columns: integers, negatives, decimals, exponents and empty fields", () => {
    expect(Array.from(parseNumberList("12,-3,,4.25,1e-7,9007199254740993"))).toEqual([12, -3, NaN, 4.25, 1e-7, 9007199254740992]);
    expect(parseNumberList(null)).toHaveLength(0);
    expect(parseNumberList("")).toHaveLength(0);
  });

  it("maps sparse and dense unit ids, and groups ratings by unit keeping their order", () => {
    const dense = unitIndexer(Float64Array.from([10, 12, 11]));
    expect([dense(10), dense(11), dense(12), dense(13)]).toEqual([0, 2, 1, -1]);
    const sparse = unitIndexer(Float64Array.from([5, 1e12]));
    expect([sparse(1e12), sparse(5), sparse(6)]).toEqual([1, 0, -1]);
    const g = groupRatings(Float64Array.from([7, 8]), { unitId: [8, 7, 8, 99], annotator: [0, 1, 2, 3], score: [1, 2, 3, 4] });
    expect(Array.from(g.start)).toEqual([0, 1, 3]);
    expect(Array.from(g.score)).toEqual([2, 1, 3]);
    expect(Array.from(g.annotator)).toEqual([1, 0, 2]);
  });

  it("numbers distinct values by first appearance, dense (negative too) or sparse", () => {
    expect(Array.from(numbering(Float64Array.from([7, 5, 7, -3, 5, -3, 9])))).toEqual([0, 1, 0, 2, 1, 2, 3]);
    expect(Array.from(numbering(Float64Array.from([1e12, 4, 1e12, -1e12])))).toEqual([0, 1, 0, 2]);
    expect(numbering(new Float64Array(0))).toHaveLength(0);
  });

  it("takes the adjudicated score as consensus, else the mean; no score → NaN", () => {
    const d = {
      unitCount: 3,
      adjudicated: Float64Array.from([NaN, 5, NaN]),
      start: Int32Array.from([0, 2, 3, 3]),
      score: Float64Array.from([2, 3, 1]),
    } as unknown as ReportData;
    expect(Array.from(consensus(d))).toEqual([2.5, 5, NaN]);
  });
});

describe("leaderboard ranks", () => {
  it("ranks with ties sharing a place, lower-is-better metrics ascending, missing means unranked", () => {
    expect(rankModels([3, 4, 4, null, 1], true)).toEqual([3, 1, 1, null, 4]);
    expect(rankModels([3, 4, 1], false)).toEqual([2, 3, 1]);
  });

  it("gives every model every scope even without scores", () => {
    const d: ReportData = {
      metrics: [{ key: "Fluency", dimension: "conv", scaleMin: 1, scaleMax: 5, higherIsBetter: true }],
      models: ["a", "b"],
      annotators: [],
      judges: ["j"],
      unitCount: 1,
      unitMetric: Int32Array.from([0]),
      unitModel: Int32Array.from([0]),
      adjudicated: Float64Array.from([4]),
      start: Int32Array.from([0, 0]),
      score: new Float64Array(0),
      annotator: new Int32Array(0),
      judgeScore: [Float64Array.from([NaN])],
    };
    const r = computeLeaderboard("p", d);
    expect(r.models[0].overall).toEqual({
      human: { n: 1, mean: 4, ci95: null, rank: 1, rank_range: [1, 1] },
      judges: [{ judge: "j", n: 0, mean: null, ci95: null, rank: null, rank_range: null }],
    });
    expect(r.models[1].dimensions[0]).toMatchObject({ dimension: "conv", human: { n: 0, mean: null, rank: null } });
    // the CSV carries the ranks the intervals allow beside the rank by mean, empty where there is none
    const lines = reportCsv("leaderboard", r, "scores").text.replace("\ufeff", "").split("\r\n");
    expect(lines[0]).toBe("model,scope,key,scorer,n,mean,ci_low,ci_high,rank,rank_low,rank_high");
    expect(lines[1]).toBe("a,overall,overall,human,1,4,,,1,1,1");
    expect(lines[2]).toBe("a,overall,overall,j,0,,,,,,");
  });
});

describe("sorting", () => {
  const q = (s: string) => new URLSearchParams(s);
  it("allows listed keys only", () => {
    expect(parseSort(q("sort=pearson&sortdir=desc"), "sort", ["pearson"])).toEqual({ key: "pearson", desc: true });
    expect(parseSort(q(""), "sort", ["pearson"])).toBeNull();
    expect(() => parseSort(q("sort=user.password_hash"), "sort", ["pearson"])).toThrow(/Cannot sort by/);
    expect(() => parseSort(q("sort=pearson&sortdir=sideways"), "sort", ["pearson"])).toThrow(/asc or desc/);
  });
  it("puts nulls last both ways and keeps ties in order", () => {
    const rows = [{ v: 2 }, { v: null }, { v: 3 }, { v: 2 }];
    const get = (r: { v: number | null }) => r.v;
    expect(sortRows(rows, { key: "v", desc: true }, get)).toEqual([{ v: 3 }, { v: 2 }, { v: 2 }, { v: null }]);
    expect(sortRows(rows, { key: "v", desc: false }, get).map((r) => r.v)).toEqual([2, 2, 3, null]);
  });
});

describe("report CSV and number formats", () => {
  it("neutralises formula-like names and writes numbers as numbers", () => {
    const c = {
      n: 3,
      pearson: -0.5,
      pearson_p: 0.2,
      pearson_ci95: null,
      spearman: null,
      spearman_p: null,
      kendall_tau_b: null,
      kendall_p: null,
    };
    const report: JudgesReport = {
      project: "p",
      judges: [{ judge: '=HYPERLINK("x")', overall: c, metrics: [{ metric: "+Fluency", ...c }] }],
      human_ceiling: { overall: c, metrics: [{ metric: "+Fluency", ...c }] },
    };
    const { text } = reportCsv("judges", report, "pearson");
    expect(text).toBe('\ufeffmetric,"\'=HYPERLINK(""x"")",human_ceiling\r\noverall,-0.5,-0.5\r\n\'+Fluency,-0.5,-0.5\r\n');
    expect(() => reportCsv("judges", report, "secrets")).toThrow(/Unknown table/);
  });

  it("shows 3 decimals, a dash for undefined values, tiny p-values in scientific notation", () => {
    expect([num(0.12345), num(null), num(-0.0001), interval([0.1, 0.25]), interval(null)]).toEqual([
      "0.123",
      "—",
      "0.000",
      "[0.100, 0.250]",
      "—",
    ]);
    expect([pValue(0.04), pValue(0.00001234), pValue(0), pValue(null)]).toEqual(["0.040", "1.2e-5", "<1e-300", "—"]);
  });
});
