import { data } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { isAppError, type AppError } from "~/lib/errors";
import type { Message } from "./message";
import { type FormReply, parseForm } from "./parse";

// passwords are never sent back to the page that typed them
const SECRET_FIELD = /password|current|confirm|token/i;

type Submission = ReturnType<typeof parseForm>;

/** The one place an action turns refused input into an answer: the schema's issues, or a service's
 *  AppError, become a Conform reply with keyed messages (beside the field the error names, else above
 *  the form) and the error's status. Anything else (redirects, thrown Responses, bugs) is rethrown. */
export async function formAction<S extends ZodTypeAny, R>(form: FormData, schema: S, run: (value: z.output<S>) => Promise<R> | R) {
  const submission = parseForm(form, schema);
  const hideFields = Object.keys(submission.payload).filter((k) => SECRET_FIELD.test(k));
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  try {
    return await run(submission.value);
  } catch (e) {
    if (!isAppError(e) || e.status === 401) throw e;
    return refusal(submission, e, hideFields);
  }
}

function refusal(submission: Submission, e: AppError, hideFields: string[]) {
  const msg: Message = e.i18n ?? { key: "errors.service", params: { detail: e.message } };
  const onField = e.field !== undefined && e.field in submission.payload;
  const reply: FormReply = submission.reply(
    onField ? { fieldErrors: { [e.field!]: [msg] }, hideFields } : { formErrors: [msg], hideFields },
  );
  return data(reply, { status: e.status });
}
