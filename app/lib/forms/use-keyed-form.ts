import { useForm } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import type { z, ZodTypeAny } from "zod";
import { type Message, translate } from "./message";
import { isFormReply, parseForm } from "./parse";

/** Conform's useForm with the route's schema checked in the browser as well (on blur, then on input),
 *  and the action's refusal (if the action data is one) as the last result. */
export function useKeyedForm<S extends ZodTypeAny>(schema: S, actionData: unknown, options: { id?: string } = {}) {
  return useForm<z.input<S>, z.output<S>, Message[]>({
    id: options.id,
    lastResult: isFormReply(actionData) ? actionData : undefined,
    onValidate: ({ formData }) => parseForm(formData, schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

/** Translates the first message of a field's or the form's errors. */
export function useMessageText() {
  const { t } = useTranslation();
  return (errors: Message[] | undefined | null) => translate(t, errors?.[0]);
}
