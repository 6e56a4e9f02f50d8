/**
 * The mock's state stays bounded under load: a BoundedMap holds at most its limit, forgets the
 * oldest entries first, and never drops an entry because it was set again.
 */
import { expect, test } from '@playwright/test';
import { BoundedMap } from '../../src/mock/state/bounded.ts';

test('holds at most its limit and forgets the oldest entries first', () => {
  const map = new BoundedMap<number, string>(50);
  for (let key = 0; key < 1000; key += 1) {
    map.set(key, `value ${key}`);
    expect(map.size).toBeLessThanOrEqual(50);
  }

  const kept = [...map.keys()];
  // Whatever it kept is the newest run of keys, in insertion order, the last one included.
  expect(kept.at(-1)).toBe(999);
  expect(kept).toEqual(kept.map((_, index) => 1000 - kept.length + index));
  expect(kept.length).toBeGreaterThanOrEqual(45);
  expect(map.get(999)).toBe('value 999');
});

test('setting a key it already holds replaces the value and forgets nothing', () => {
  const map = new BoundedMap<string, number>(3);
  map.set('a', 1).set('b', 2).set('c', 3);
  map.set('a', 10);

  expect([...map.entries()]).toEqual([
    ['a', 10],
    ['b', 2],
    ['c', 3],
  ]);
});

test('a limit of one still holds the newest entry', () => {
  const map = new BoundedMap<string, number>(1);
  map.set('a', 1).set('b', 2);

  expect([...map.entries()]).toEqual([['b', 2]]);
});
