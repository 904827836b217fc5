// A bounded hand-over between a producer that is called back (postgres.js `cursor(rows, fn)`, which
// asks for the next batch as soon as fn returns or its promise settles) and a consumer that pulls
// (an async generator). Up to `limit` batches wait here, so the database works on the next batches
// while Node formats this one, and memory stays bounded when Node is the slower side.

export class BatchQueue<T, Stop> {
  private items: T[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private closed = false;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  /** `stop` is what put() answers once the consumer has gone (postgres.js: sql.CLOSE). */
  constructor(
    private readonly limit: number,
    private readonly stop: Stop,
  ) {}

  /** Hands a batch over. Returns at once while there is room, else a promise that settles when there is;
   *  returns (or settles with) `stop` after close(). */
  put(item: T): Stop | undefined | Promise<Stop | undefined> {
    if (this.closed) return this.stop;
    this.items.push(item);
    this.wake("consumer");
    if (this.items.length < this.limit) return undefined;
    return new Promise<void>((resolve) => (this.wakeProducer = resolve)).then(() => (this.closed ? this.stop : undefined));
  }

  /** The producer has no more batches. */
  end() {
    this.ended = true;
    this.wake("consumer");
  }

  fail(error: unknown) {
    this.failure = { error };
    this.wake("consumer");
  }

  /** The next batch, or null at the end; throws the producer's error. */
  async take(): Promise<T | null> {
    for (;;) {
      if (this.items.length) {
        const item = this.items.shift()!;
        this.wake("producer");
        return item;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }

  /** The consumer has gone: a waiting or later put() answers `stop`; queued batches are dropped. */
  close() {
    this.closed = true;
    this.items = [];
    this.wake("producer");
  }

  private wake(side: "consumer" | "producer") {
    const f = side === "consumer" ? this.wakeConsumer : this.wakeProducer;
    if (side === "consumer") this.wakeConsumer = null;
    else this.wakeProducer = null;
    f?.();
  }
}
