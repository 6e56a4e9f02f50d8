/**
 * A Map that forgets its oldest entries past a size, so a long benchmark or a fuzz run cannot
 * grow the mock's state without end.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #limit: number;
  readonly #batch: number;

  /** Holds at most `limit` entries; when full, the oldest tenth goes at once. */
  constructor(limit: number) {
    super();
    this.#limit = limit;
    this.#batch = Math.max(1, Math.ceil(limit / 10));
  }

  override set(key: K, value: V): this {
    if (this.size >= this.#limit && !this.has(key)) this.#forgetOldest();

    return super.set(key, value);
  }

  /**
   * Drops a batch from the front. One entry per insert would cost a walk over every deleted
   * slot the engine keeps at the front of the table until it rehashes, on every insert.
   */
  #forgetOldest(): void {
    let left = this.#batch;
    for (const key of this.keys()) {
      if (left === 0) break;
      this.delete(key);
      left -= 1;
    }
  }
}

/** Entries kept per kind of state (codes, outbox, verifications). */
export const stateLimit = 10_000;
