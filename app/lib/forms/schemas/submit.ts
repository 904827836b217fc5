import { z, type ZodIssue } from "zod";
import { INT4 } from "~/lib/form";
import { issueMessage, m, type Message } from "../message";

// The body of POST /api/tasks/:id/submit (docs/api.md): built by the workspace, read by the API route
// (both ways a submit arrives: Remix and server/hot-api.ts). A refusal names the field as the API has
// always done (`ratings[0].score`); its English text is the API's `error`.

const noNul = (s: string) => !s.includes("\u0000");
const integer = m("errors.submit.integer");

const rating = z.preprocess(
  (r) => r ?? {},
  z.object({
    unit_id: z.number({ required_error: integer, invalid_type_error: integer }).int(integer).safe(integer),
    // the scale is checked in the database; the int4 range here, where it would be a cast error (500)
    score: z.number({ required_error: integer, invalid_type_error: integer }).int(integer).min(INT4.min, integer).max(INT4.max, integer),
    comment: z
      .string({ invalid_type_error: m("errors.submit.comment") })
      .max(5000, m("errors.submit.comment"))
      .refine(noNul, m("errors.submit.comment"))
      .nullish()
      .transform((c) => c ?? null),
  }),
);

/** A pairwise unit's choice by the side shown (product.md §11); the database stores it in the
 *  comparison's own order (db/functions/submit.sql), which the client never sees. */
export const CHOICE_SCORE = { a: -1, tie: -2, b: -3 } as const;
const choiceMessage = m("errors.submit.choice");
const preference = z.preprocess(
  (r) => r ?? {},
  z.object({
    unit_id: z.number({ required_error: integer, invalid_type_error: integer }).int(integer).safe(integer),
    choice: z.enum(["a", "b", "tie"], { errorMap: () => ({ message: choiceMessage }) }),
  }),
);
const distinctUnits = (rs: { unit_id: number }[]) => new Set(rs.map((r) => r.unit_id)).size === rs.length;

const bodySchema = z.object(
  {
    idempotency_key: z
      .string({ required_error: m("errors.submit.key"), invalid_type_error: m("errors.submit.key") })
      .min(8, m("errors.submit.key"))
      .max(100, m("errors.submit.key"))
      .refine(noNul, m("errors.submit.key")),
    ratings: z
      .array(rating, { required_error: m("errors.submit.ratings"), invalid_type_error: m("errors.submit.ratings") })
      .min(1, m("errors.submit.ratings"))
      .max(50, m("errors.submit.ratings"))
      .refine(distinctUnits, m("errors.submit.ratedTwice"))
      .optional(),
    preferences: z
      .array(preference, { invalid_type_error: m("errors.submit.ratings") })
      .min(1, m("errors.submit.ratings"))
      .max(50, m("errors.submit.ratings"))
      .refine(distinctUnits, m("errors.submit.ratedTwice"))
      .optional(),
    // time on the task as the page measured it; anything else is not recorded rather than refused
    active_ms: z
      .unknown()
      .optional()
      .transform((v) => (Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < 86_400_000 ? (v as number) : null)),
  },
  { invalid_type_error: m("errors.submit.body"), required_error: m("errors.submit.body") },
);

/** Either ratings or preferences; preferences become ratings whose score is the choice's code. */
export const submitBodySchema = bodySchema
  .superRefine((b, ctx) => {
    if (b.ratings && b.preferences) ctx.addIssue({ code: "custom", path: ["preferences"], message: m("errors.submit.oneKind") });
    else if (!b.ratings && !b.preferences) ctx.addIssue({ code: "custom", path: ["ratings"], message: m("errors.submit.ratings") });
  })
  .transform(({ preferences, ratings, ...rest }) => ({
    ...rest,
    ratings: ratings ?? (preferences ?? []).map((p) => ({ unit_id: p.unit_id, score: CHOICE_SCORE[p.choice], comment: null })),
  }));

export type SubmitBody = z.input<typeof submitBodySchema>;
export type Submission = z.output<typeof submitBodySchema>;

/** `ratings[0].score` for the path ["ratings", 0, "score"]; the whole body is "body". */
export const fieldOf = (path: ZodIssue["path"]) =>
  path.reduce<string>((f, p) => (typeof p === "number" ? `${f}[${p}]` : f ? `${f}.${p}` : p), "") || "body";

export function parseSubmitBody(body: unknown): { ok: true; value: Submission } | { ok: false; field: string; message: Message } {
  const r = submitBodySchema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const field = fieldOf(issue.path);
  const msg = issueMessage(issue);
  return { ok: false, field, message: { key: msg.key, params: { ...msg.params, field } } };
}
