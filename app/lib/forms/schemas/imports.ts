import { z } from "zod";
import { text } from "../fields";
import { issueMessage, m, type Message } from "../message";

/** A judge's name, as the form, the CLI and the judge runner accept it. */
export const JUDGE_NAME = /^[\p{L}\p{N}._\-:/()+ ]{1,100}$/u;

/** A chosen file (Conform turns an empty file input into undefined). */
const file = (key: Parameters<typeof m>[0]) => z.custom<File>((v) => v instanceof Blob && v.size > 0, m(key));

/** The reports page's uploads: ratings made elsewhere, and a judge's scores. */
export const scoresImportSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("ratings"), file: file("reports.import.noFile") }),
  z.object({
    intent: z.literal("judge"),
    judge: z
      .string({ required_error: m("errors.judgeName") })
      .trim()
      .regex(JUDGE_NAME, m("errors.judgeName")),
    model: text(100).transform((s) => s.trim()),
    file: file("reports.import.noFile"),
  }),
]);

const chosen = (key: Parameters<typeof m>[0]) => z.boolean().refine((v) => v, m(key));

/** The Import page's fields, checked in the browser before the upload and by the upload's route:
 *  which files were chosen (true when a non-empty file is there) and the model named for each
 *  responses file (`index` is the row, the field is model_<index>). */
export const corpusImportSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("charactereval"),
    dialogues: chosen("errors.dialoguesFile"),
    profiles: chosen("errors.profilesFile"),
    responses: z.array(z.object({ index: z.number(), file: z.string(), model: z.string().trim() })).superRefine((rows, ctx) => {
      for (const r of rows) {
        if (!r.model) ctx.addIssue({ code: "custom", path: [`model_${r.index}`], message: m("errors.modelOfFile", { file: r.file }) });
      }
    }),
  }),
  z.object({ mode: z.literal("generic"), g_dialogues: chosen("errors.genericDialoguesFile") }),
]);

/** The first refusal of the Import page's fields, with the field it belongs to, or null. */
export function checkCorpusImport(input: z.input<typeof corpusImportSchema>): { field: string; message: Message } | null {
  const r = corpusImportSchema.safeParse(input);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return { field: String(issue.path[issue.path.length - 1]), message: issueMessage(issue) };
}
