// Pure lease-time helpers. A lease is live while now < expiresAt and it has not been released;
// a submission at or after expiresAt is late (it is kept, never dropped — the caller records it).

export type Instant = Date | string | number;

export type LeaseTimes = {
  expiresAt: Instant;
  /** set when the lease was given up (submitted, skipped, released) */
  releasedAt?: Instant | null;
};

const ms = (t: Instant): number => {
  const v = t instanceof Date ? t.getTime() : typeof t === "number" ? t : Date.parse(t);
  if (!Number.isFinite(v)) throw new Error(`invalid time: ${String(t)}`);
  return v;
};

function checkSeconds(leaseSeconds: number): void {
  if (!Number.isFinite(leaseSeconds) || leaseSeconds <= 0) {
    throw new Error(`leaseSeconds must be a positive number (got ${leaseSeconds})`);
  }
}

/** When a lease taken at `now` for `leaseSeconds` expires. */
export function leaseExpiry(now: Instant, leaseSeconds: number): Date {
  checkSeconds(leaseSeconds);
  return new Date(ms(now) + leaseSeconds * 1000);
}

/** The expiry after renewing at `now` (page still active): never earlier than the current one. */
export function extendedExpiry(currentExpiresAt: Instant, now: Instant, leaseSeconds: number): Date {
  checkSeconds(leaseSeconds);
  return new Date(Math.max(ms(currentExpiresAt), ms(now) + leaseSeconds * 1000));
}

/** Whether the lease still holds its units at `now`. */
export function isLive(lease: LeaseTimes, now: Instant): boolean {
  if (lease.releasedAt != null) return false;
  return ms(now) < ms(lease.expiresAt);
}

/** Whether a submission at `submittedAt` came after the lease expired (exactly at expiry counts as late). */
export function isLate(lease: Pick<LeaseTimes, "expiresAt">, submittedAt: Instant): boolean {
  return ms(submittedAt) >= ms(lease.expiresAt);
}
