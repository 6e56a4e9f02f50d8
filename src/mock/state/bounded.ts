/**
 * A Map that forgets its oldest entries past a size, so a long benchmark or a fuzz run cannot
 * grow the mock's state without end.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #limit: number;

  constructor(limit: number) {
    super();
    this.#limit = limit;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.#limit) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }

    return super.set(key, value);
  }
}

/** Entries kept per kind of state (codes, outbox, verifications). */
export const stateLimit = 10_000;
