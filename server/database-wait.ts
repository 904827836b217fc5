// Start-up beside a database that is still coming up (a container started with it, a host rebooting):
// instead of dying at once and waiting for a supervisor, retry with backoff for a while.
import { setTimeout as sleep } from "node:timers/promises";
import { databaseUnavailableCode } from "../app/lib/db-errors";

export class DatabaseWaitExpired extends Error {
  name = "DatabaseWaitExpired";
}

/** Runs `prepare` (the first queries: migrating), again and again while the database cannot be
 *  reached, backing off from 250 ms to 5 s, for up to `seconds`; one line when the wait begins, one when
 *  it ends. Any other error, or the time being up, is thrown. */
export async function waitForDatabase<T>(
  prepare: () => Promise<T>,
  opts: { seconds: number; where: string; log?: (line: string) => void },
): Promise<T> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  let delay = 250;
  let waiting = false;
  for (;;) {
    try {
      const result = await prepare();
      if (waiting) log(`Database ${opts.where} reachable after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    } catch (e) {
      const code = databaseUnavailableCode(e);
      if (!code) throw e;
      const left = started + opts.seconds * 1000 - Date.now();
      if (left <= 0) {
        throw new DatabaseWaitExpired(
          `the database ${opts.where} did not answer within ${opts.seconds} s (${code}); DATABASE_WAIT_SECONDS sets how long to wait.`,
        );
      }
      if (!waiting) log(`Database ${opts.where} not reachable yet (${code}); retrying for up to ${opts.seconds} s`);
      waiting = true;
      await sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, 5000);
    }
  }
}
