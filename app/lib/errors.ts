import { inEnglish } from "~/i18n/english";
import type { Message, MessageKey, MessageParams } from "./forms/message";

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 429;

/** Errors a service throws on purpose; routes, the API and the CLI map them to 400/403/404/409 and exit 2.
 *  `i18n` is what a page shows (docs/decisions/012); `message` is its English text for the CLI and API. */
export class AppError extends Error {
  constructor(
    readonly status: Status,
    message: string,
    readonly field?: string,
    readonly i18n?: Message,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** An error a person reads: the key and parameters travel, the English text is made from them. */
export function keyedError(status: Status, key: MessageKey, params?: MessageParams, field?: string) {
  const i18n: Message = params ? { key, params } : { key };
  return new AppError(status, inEnglish(i18n), field, i18n);
}
export const invalid = (key: MessageKey, params?: MessageParams, field?: string) => keyedError(400, key, params, field);

export const badRequest = (message: string, field?: string) => new AppError(400, message, field);
export const notFound = (message = "Not found") => new AppError(404, message);
export const forbidden = (message = "Forbidden") => new AppError(403, message);
export const conflict = (message: string) => new AppError(409, message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The database functions (migrations/*-queue-functions.sql) raise RC400/RC404/RC409 for bad input, with
 *  the field in DETAIL; this turns them into the AppError they stand for and rethrows anything else.
 *  drizzle may wrap the driver's error, so the cause is looked at too. */
export function fromDatabaseError(e: unknown): never {
  const err = e as { code?: string; message?: string; detail?: string; cause?: { code?: string; message?: string; detail?: string } };
  const db = err?.code?.startsWith("RC") ? err : err?.cause?.code?.startsWith("RC") ? err.cause : null;
  const status = db ? Number(db.code!.slice(2)) : NaN;
  if (db && (status === 400 || status === 404 || status === 409)) throw new AppError(status, db.message ?? "", db.detail || undefined);
  throw e;
}
