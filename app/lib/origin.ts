/** CSRF defence: a state-changing request whose Origin is present and not ours is refused.
 *  Non-browser clients (CLI scripts with a Bearer token) send no Origin and are not affected. */
export function isForeignOrigin(opts: {
  method: string;
  origin: string | undefined;
  host: string | undefined;
  protocol: string;
  configuredOrigin: string | null;
}): boolean {
  const m = opts.method.toUpperCase();
  if (m === "GET" || m === "HEAD" || m === "OPTIONS") return false;
  if (opts.origin === undefined) return false;
  if (opts.origin === "null") return true;
  const ours = opts.configuredOrigin ?? (opts.host ? `${opts.protocol}://${opts.host}` : null);
  if (!ours) return true;
  return opts.origin.toLowerCase() !== ours.toLowerCase();
}
