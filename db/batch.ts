// Group commit for the queue's hot calls (docs/decisions/009-queue-batches.md). Claims (and submits) that
// arrive while this process's previous batch is still in the database wait for it, then go together as
// one call: one transaction, one round trip. A lone call is never held back: with nothing in flight it
// runs alone, at once, through the single-call path. When a batch fails as a whole (one bad submit rolls
// it back), each of its calls runs alone, so each gets its own answer or error.

export type BatchRunner<I, O> = {
  /** one call of the batch function; answers in the order of `items` */
  many: (items: I[]) => Promise<O[]>;
  /** the same call alone; also the fallback */
  one: (item: I) => Promise<O>;
  /** a batched answer that asks to be run alone (a claim that would have had to wait) */
  again?: (out: O) => boolean;
};

type Waiting<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

export class Batcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  /** what was sent: batches (of one or more calls), calls, the largest batch */
  readonly sent = { batches: 0, calls: 0, largest: 0 };

  constructor(
    private readonly runner: BatchRunner<I, O>,
    /** at most 32 calls per batch: a bigger transaction holds its locks longer */
    private readonly maxSize = 32,
    /** batches of this process in the database at once */
    private readonly maxInFlight = 1,
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.waiting.length && this.inFlight < this.maxInFlight) {
      const batch = this.waiting.splice(0, this.maxSize);
      this.inFlight++;
      this.sent.batches++;
      this.sent.calls += batch.length;
      this.sent.largest = Math.max(this.sent.largest, batch.length);
      this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Waiting<I, O>[]) {
    if (batch.length === 1) return settle(batch[0], () => this.runner.one(batch[0].item));
    let outs: O[];
    try {
      outs = await this.runner.many(batch.map((w) => w.item));
    } catch {
      await Promise.all(batch.map((w) => settle(w, () => this.runner.one(w.item))));
      return;
    }
    await Promise.all(
      batch.map((w, i) => (this.runner.again?.(outs[i]) ? settle(w, () => this.runner.one(w.item)) : (w.resolve(outs[i]), undefined))),
    );
  }
}

async function settle<I, O>(w: Waiting<I, O>, run: () => Promise<O>) {
  try {
    w.resolve(await run());
  } catch (e) {
    w.reject(e);
  }
}

/** One batcher per database handle (or transaction) and kind of call. */
export function batcherFor<K extends object, I, O>(cache: WeakMap<K, Batcher<I, O>>, key: K, make: () => Batcher<I, O>) {
  let b = cache.get(key);
  if (!b) cache.set(key, (b = make()));
  return b;
}
