// When to try a judge request again. 429 and 5xx are worth retrying (the endpoint is busy or restarting);
// other 4xx are not (the request itself is wrong, or the key is refused). The server's Retry-After wins
// over our own exponential backoff, within a ceiling so that a misconfigured proxy cannot park a run.

export const MAX_RETRY_AFTER_MS = 120_000;

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff with full jitter: attempt 1 waits up to base, attempt 2 up to 2·base, … ≤ cap. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
