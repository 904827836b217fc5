// Reads the score out of a judge's reply. Judges answer in many shapes ("4", "评分：4", "Score: 4/5",
// {"score": 4}, full-width digits, a reasoning block before the answer); a reply without exactly one
// valid in-range integer is a failure, never a guess: a wrong score would silently bend the correlation
// with the humans, a failure is counted and can be audited.

export type ParsedScore =
  { ok: true; score: number } | { ok: false; reason: "empty" | "no_score" | "ambiguous" | "out_of_range" | "not_integer" };

const LABEL = String.raw`(?:score|rating|final\s+score|overall\s+score|评分|得分|分数|打分|最终评分|最终得分|评分结果)`;
const NUM = String.raw`([+-]?\d+(?:\.\d+)?)`;

/** Full-width digits, colons, slashes, braces and spaces as their ASCII forms. */
function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .replace(/<think>[\s\S]*?<\/think>/gi, " ")
    .replace(/[*_`#]/g, "")
    .trim();
}

function judgeNumbers(raw: string[], min: number, max: number, denominator?: string): ParsedScore {
  const values = [...new Set(raw.map(Number))];
  if (values.length !== 1) return { ok: false, reason: "ambiguous" };
  const v = values[0];
  if (!Number.isInteger(v)) return { ok: false, reason: "not_integer" };
  if (denominator !== undefined && Number(denominator) !== max) return { ok: false, reason: "out_of_range" };
  if (v < min || v > max) return { ok: false, reason: "out_of_range" };
  return { ok: true, score: v };
}

function fromJson(text: string, min: number, max: number): ParsedScore | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const entry = Object.entries(value).find(([k]) => /^(score|rating|评分|得分|分数)$/i.test(k));
  if (!entry) return { ok: false, reason: "no_score" };
  const v = entry[1];
  if (typeof v === "number") return judgeNumbers([String(v)], min, max);
  if (typeof v === "string" && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(v)) return judgeNumbers([v.trim()], min, max);
  return { ok: false, reason: "no_score" };
}

const BARE = new RegExp(String.raw`^${NUM}\s*(?:/\s*(\d+))?\s*(?:分|points?|pts?)?\s*[.。!！]?$`, "i");
const LABELLED = new RegExp(String.raw`${LABEL}\s*(?:is|为|是|=|-)?\s*:?\s*${NUM}\s*(?:/\s*(\d+))?`, "gi");
// "I would rate it a 4", "I give this reply 3/5", "给出4分", "打3分"
const VERBAL = new RegExp(
  String.raw`(?:\b(?:rate|give|score)\s+(?:it|this(?:\s+reply|\s+response)?)\s+(?:an?\s+)?${NUM}\s*(?:/\s*(\d+))?)|(?:(?:给出?|打)\s*${NUM}\s*分)`,
  "gi",
);

/** The score of a reply on the scale [min, max], or why there is none. */
export function parseScore(reply: string | null | undefined, min: number, max: number): ParsedScore {
  if (!reply || !reply.trim()) return { ok: false, reason: "empty" };
  const text = normalise(reply).replace(/^json\s*/i, "");
  if (!text) return { ok: false, reason: "empty" };

  const json = fromJson(text, min, max);
  if (json) return json;
  const lines = text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 1) {
    const bare = text.match(BARE);
    if (bare) return judgeNumbers([bare[1]], min, max, bare[2]);
  }

  // every score the reply states must agree: a bare first or last line, labelled or verbal numbers,
  // an embedded JSON object
  const found: { value: string; denominator?: string }[] = [];
  for (const line of new Set([lines[0], lines[lines.length - 1]])) {
    const bare = line.match(BARE);
    if (bare) found.push({ value: bare[1], denominator: bare[2] });
  }
  for (const m of text.matchAll(LABELLED)) found.push({ value: m[1], denominator: m[2] });
  for (const m of text.matchAll(VERBAL)) found.push({ value: m[1] ?? m[3], denominator: m[2] });
  // any other fraction is a stated score too ("4/5 or 8/10" hedges)
  for (const m of text.matchAll(/([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+)/g)) found.push({ value: m[1], denominator: m[2] });
  for (const m of text.matchAll(/\{[^{}]*\}/g)) {
    const r = fromJson(m[0], -Infinity, Infinity);
    if (r?.ok) found.push({ value: String(r.score) });
  }
  if (!found.length) return { ok: false, reason: "no_score" };
  const denominators = new Set(found.map((f) => f.denominator).filter((d) => d !== undefined));
  if (denominators.size > 1) return { ok: false, reason: "ambiguous" };
  return judgeNumbers(
    found.map((f) => f.value),
    min,
    max,
    [...denominators][0],
  );
}
