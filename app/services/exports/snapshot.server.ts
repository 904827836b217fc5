// One consistent snapshot for an export, read in batches with bounded memory.
//
// PostgreSQL: a reserved connection holds a REPEATABLE READ READ ONLY transaction for the whole export;
// each query is read through a server-side cursor (postgres.js `.cursor(n)`), so rows arrive as the
// client consumes them and the first bytes go out at once.
// PGlite: one process, one session, one transaction at a time; holding a transaction open while a
// browser downloads would stall every annotator. So all queries of the export are declared as
// `CURSOR WITH HOLD` inside one short REPEATABLE READ transaction: at commit PostgreSQL materialises
// them from that transaction's snapshot (in its own memory/temp files, not in Node), and the export then
// FETCHes batches between other requests' queries. See docs/decisions/007-streaming-exports.md.
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { DatabaseHandle } from "#db/client";
import { BatchQueue } from "./batch-queue";

/** A SELECT with $1… placeholders ($1 is always the project id), and planner settings for it alone. */
export type Query = { text: string; params: unknown[]; settings?: string[] };

/** `set local` before the query is planned, and back to the defaults after. */
const setLocal = (q: Query) => (q.settings ?? []).map((s) => `set local ${s}`);
const resetLocal = (q: Query) => (q.settings ?? []).map((s) => `set local ${s.split("=")[0].trim()} to default`);

export type Snapshot = {
  /** The rows of a declared query, in order, `batchSize` at a time. Each query is read once. */
  batches<T>(name: string): AsyncGenerator<T[]>;
  /** All rows of a small declared query (counts, metrics, characters). */
  all<T>(name: string): Promise<T[]>;
  /** Ends the snapshot; idempotent. */
  close(): Promise<void>;
};

/** Rows handed out at a time: small enough that a batch's formatted lines die young in V8's heap. */
export const DEFAULT_BATCH_SIZE = 250;
/** PostgreSQL sends FETCH_BATCHES handed-out batches per cursor round trip (2,000 rows by default):
 *  fewer, larger round trips cost the server and Node less CPU (docs/decisions/007). */
const FETCH_BATCHES = 8;
/** Round trips PostgreSQL may run ahead of the one being formatted (memory: a few thousand rows). */
const PREFETCH_FETCHES = 2;

export async function openSnapshot(
  handle: DatabaseHandle,
  queries: Record<string, Query>,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<Snapshot> {
  // drizzle keeps the driver's own client as $client (postgres.js Sql or the PGlite instance)
  const client = (handle.db as unknown as { $client: unknown }).$client;
  return handle.driver === "postgres"
    ? openPostgresSnapshot(client as Sql, queries, batchSize)
    : openPgliteSnapshot(client as PGlite, queries, batchSize);
}

function lookup(queries: Record<string, Query>, name: string): Query {
  const q = queries[name];
  if (!q) throw new Error(`export query "${name}" was not declared`);
  return q;
}

async function openPostgresSnapshot(client: Sql, queries: Record<string, Query>, batchSize: number): Promise<Snapshot> {
  const conn = await client.reserve();
  let open = true;
  try {
    await conn.unsafe("begin isolation level repeatable read read only");
    // Plan cursors for the whole result (hash joins) rather than for the first 10% of rows.
    await conn.unsafe("set local cursor_tuple_fraction = 1.0");
    await conn.unsafe("select 1"); // the snapshot is taken by the first query, i.e. now
  } catch (e) {
    conn.release();
    throw e;
  }
  const close = async () => {
    if (!open) return;
    open = false;
    try {
      await conn.unsafe("rollback");
    } finally {
      conn.release();
    }
  };
  return {
    async *batches<T>(name: string) {
      const q = lookup(queries, name);
      for (const s of setLocal(q)) await conn.unsafe(s);
      // postgres.js sends the next Execute as soon as the callback returns (or its promise settles):
      // the server reads ahead up to PREFETCH_FETCHES while Node parses and formats.
      const queue = new BatchQueue<T[], typeof client.CLOSE>(PREFETCH_FETCHES, client.CLOSE);
      const query = conn
        .unsafe(q.text, q.params as never[])
        .cursor(batchSize * FETCH_BATCHES, (rows) => queue.put(rows as unknown as T[]) as never);
      const finished = query.then(
        () => queue.end(),
        (e) => queue.fail(e),
      );
      let done = false;
      try {
        for (let rows = await queue.take(); rows !== null; rows = await queue.take()) {
          for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
        }
        done = true;
      } finally {
        // Abandoned: the batch in flight lands, the portal is closed, and only then is the connection free.
        queue.close();
        await finished;
        if (done) for (const s of resetLocal(q)) await conn.unsafe(s);
      }
    },
    async all<T>(name: string) {
      const q = lookup(queries, name);
      return (await conn.unsafe(q.text, q.params as never[])) as unknown as T[];
    },
    close,
  };
}

let cursorSeq = 0;

async function openPgliteSnapshot(pg: PGlite, queries: Record<string, Query>, batchSize: number): Promise<Snapshot> {
  const cursors = new Map<string, string>();
  const declared: string[] = [];
  const closeCursors = async () => {
    for (const c of declared.splice(0)) await pg.exec(`close ${c}`).catch(() => {});
  };
  try {
    await pg.transaction(async (tx) => {
      await tx.exec("set transaction isolation level repeatable read");
      for (const [name, q] of Object.entries(queries)) {
        const cursor = `rc_export_${++cursorSeq}`;
        for (const s of setLocal(q)) await tx.exec(s);
        await tx.query(`declare ${cursor} no scroll cursor with hold for ${q.text}`, q.params);
        for (const s of resetLocal(q)) await tx.exec(s);
        cursors.set(name, cursor);
      }
    });
    declared.push(...cursors.values());
  } catch (e) {
    await closeCursors();
    throw e;
  }
  const fetchAll = async function* <T>(name: string, size: number) {
    const cursor = cursors.get(name);
    if (!cursor) throw new Error(`export query "${name}" was not declared`);
    for (;;) {
      const { rows } = await pg.query<T>(`fetch forward ${size} from ${cursor}`);
      if (rows.length) yield rows;
      if (rows.length < size) return;
    }
  };
  return {
    batches: <T>(name: string) => fetchAll<T>(name, batchSize),
    async all<T>(name: string) {
      const out: T[] = [];
      for await (const rows of fetchAll<T>(name, 10_000)) out.push(...rows);
      return out;
    },
    close: closeCursors,
  };
}
