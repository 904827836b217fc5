import { z } from "zod";
import { checkbox, requiredText, text, wholeNumber } from "../fields";
import { m } from "../message";

/** Used in URLs and the CLI; the service checks it again for callers that are not forms. */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const OVERLAP = { min: 1, max: 20 } as const;

export const PER_PAIR = { min: 1, max: 1_000_000 } as const;

export const newProjectSchema = z
  .object({
    name: requiredText(200, "errors.nameEmpty"),
    slug: z
      .string({ required_error: m("errors.slugRule") })
      .trim()
      .regex(SLUG, m("errors.slugRule")),
    description: text(2000),
    metricSet: z.string().default("charactereval"),
    overlap: wholeNumber(OVERLAP.min, OVERLAP.max).default(2),
    showModels: checkbox(),
    // product.md §11: a pairwise project compares two responses per unit, on the model pairs of its design
    mode: z.enum(["scoring", "pairwise"], { errorMap: () => ({ message: m("errors.mode") }) }).default("scoring"),
    pairDesign: z.enum(["all", "reference", "balanced"]).default("all"),
    pairReference: text(200),
    pairTarget: wholeNumber(PER_PAIR.min, PER_PAIR.max).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== "pairwise") return;
    if (v.pairDesign === "reference" && !v.pairReference.trim())
      ctx.addIssue({ code: "custom", path: ["pairReference"], message: m("pairwise.errors.reference") });
    if (v.pairDesign === "balanced" && v.pairTarget === undefined)
      ctx.addIssue({ code: "custom", path: ["pairTarget"], message: m("pairwise.errors.perPair", PER_PAIR) });
  });
