/** Errors a service throws on purpose; routes, the API and the CLI map them to 400/403/404/409 and exit 2. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, message, field);
export const notFound = (message = "Not found") => new AppError(404, message);
export const forbidden = (message = "Forbidden") => new AppError(403, message);
export const conflict = (message: string) => new AppError(409, message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
