/**
 * A whole-number setting of a script (STABILITY_RUNS, BENCH_DURATION, ...): its default when
 * unset or blank; anything but digits, or out of range, prints one line and exits 2.
 */
export function readCount(
  tool: string,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    console.error(
      `${tool}: ${name} must be a whole number between ${min} and ${max}, got "${raw}"`,
    );
    process.exit(2);
  }

  return value;
}
