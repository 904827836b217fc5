import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v3";
import type { ZodTypeAny } from "zod";
import { formatIssues, type Message } from "./message";

/** What an action answers when a form is refused: Conform's result, every error a Message. */
export type FormReply = SubmissionResult<Message[]>;

/** One parse for the browser (Conform's onValidate) and the action: the same schema, the same keys. */
export const parseForm = <S extends ZodTypeAny>(payload: FormData | URLSearchParams, schema: S) =>
  parseWithZod(payload, { schema, formatError: formatIssues });

/** Action data that is a refused form's reply rather than the action's own result. */
export const isFormReply = (d: unknown): d is FormReply =>
  !!d && typeof d === "object" && "status" in d && (d as FormReply).status === "error" && "initialValue" in d;
