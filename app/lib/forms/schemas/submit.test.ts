// The submit body's refusals keep the API's English `error` and `field` (docs/api.md), now from one schema.
import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/config";
import { inEnglish } from "~/i18n/english";
import { translate } from "../message";
import { parseSubmitBody } from "./submit";

const ok = { idempotency_key: "key-12345", ratings: [{ unit_id: 1, score: 3 }] };
const refusal = (body: unknown) => {
  const r = parseSubmitBody(body);
  if (r.ok) throw new Error("accepted");
  return [r.field, inEnglish(r.message)];
};

describe("submit body", () => {
  it("accepts a good body, fills comment and active_ms", () => {
    expect(parseSubmitBody({ ...ok, active_ms: 1200 })).toEqual({
      ok: true,
      value: { idempotency_key: "key-12345", ratings: [{ unit_id: 1, score: 3, comment: null }], active_ms: 1200 },
    });
    const r = parseSubmitBody({ ...ok, active_ms: -5 });
    expect(r.ok && r.value.active_ms).toBeNull();
  });

  it("names the field with the API's English message", () => {
    expect(refusal(null)).toEqual(["body", "The body must be a JSON object"]);
    expect(refusal([])).toEqual(["body", "The body must be a JSON object"]);
    expect(refusal({ ...ok, idempotency_key: "short" })).toEqual([
      "idempotency_key",
      "idempotency_key must be a string of 8–100 characters",
    ]);
    expect(refusal({ ...ok, idempotency_key: "key-\u0000-12345" })[0]).toBe("idempotency_key");
    expect(refusal({ idempotency_key: "key-12345", ratings: [] })).toEqual(["ratings", "ratings must be a non-empty list"]);
    expect(refusal({ ...ok, ratings: Array.from({ length: 51 }, (_, i) => ({ unit_id: i, score: 1 })) })[0]).toBe("ratings");
    expect(refusal({ ...ok, ratings: [{ unit_id: 1, score: 2147483648 }] })).toEqual([
      "ratings[0].score",
      "ratings[0].score must be an integer",
    ]);
    expect(
      refusal({
        ...ok,
        ratings: [
          { unit_id: 1, score: 2 },
          { unit_id: 1.5, score: 2 },
        ],
      }),
    ).toEqual(["ratings[1].unit_id", "ratings[1].unit_id must be an integer"]);
    expect(refusal({ ...ok, ratings: [null] })).toEqual(["ratings[0].unit_id", "ratings[0].unit_id must be an integer"]);
    expect(refusal({ ...ok, ratings: [{ unit_id: 1, score: 2, comment: "x".repeat(5001) }] })).toEqual([
      "ratings[0].comment",
      "ratings[0].comment must be text up to 5000 characters",
    ]);
    expect(refusal({ ...ok, ratings: [ok.ratings[0], ok.ratings[0]] })).toEqual(["ratings", "A unit is rated twice"]);
  });

  it("reads in Chinese where a page shows it", () => {
    const r = parseSubmitBody({ ...ok, ratings: [{ unit_id: 1, score: "3" }] });
    expect(!r.ok && translate(createI18n("zh").t, r.message)).toBe("ratings[0].score 必须是整数");
  });
});
