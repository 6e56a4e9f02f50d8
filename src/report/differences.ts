/**
 * Where targets of one run disagree: for each documented cell, a different verdict or different
 * findings than on the reference target (the embedded mock when it took part, else the first
 * target). The matrix page lists them as "mock versus live" differences.
 */
import type { CellResult, CellVerdict, RunResults, TargetResult } from './results.ts';

/** One cell on which a target differs from the reference. */
export interface TargetDifference {
  operationId: string;
  status: number;
  reference: { target: string; verdict: CellVerdict };
  other: { target: string; verdict: CellVerdict };
  /** Findings (`severity check at location`) seen only on the reference target. */
  onlyOnReference: string[];
  /** Findings seen only on the other target. */
  onlyOnOther: string[];
}

/** The target the others are compared with: the mock if one took part, else the first. */
export function referenceTarget(results: RunResults): TargetResult | undefined {
  return results.targets.find((target) => target.kind === 'mock') ?? results.targets[0];
}

/** A finding reduced to what should match across targets (not its message or received text). */
function findingKeys(cell: CellResult | undefined): Set<string> {
  return new Set(
    (cell?.findings ?? []).map((f) => `${f.severity} ${f.check} at ${f.location}`).sort(),
  );
}

/** Every cell where a target differs from the reference, in cell order then target order. */
export function targetDifferences(results: RunResults): TargetDifference[] {
  const reference = referenceTarget(results);
  if (!reference) return [];
  const cellOf = (target: string, operationId: string, status: number) =>
    results.cells.find(
      (c) => c.target === target && c.operationId === operationId && c.status === status,
    );
  const differences: TargetDifference[] = [];

  for (const base of results.cells.filter((cell) => cell.target === reference.name)) {
    const wanted = findingKeys(base);
    for (const target of results.targets) {
      if (target.name === reference.name) continue;
      const other = cellOf(target.name, base.operationId, base.status);
      const seen = findingKeys(other);
      const onlyOnReference = [...wanted].filter((key) => !seen.has(key));
      const onlyOnOther = [...seen].filter((key) => !wanted.has(key));
      const verdict = other?.verdict ?? 'not_exercised';
      if (verdict === base.verdict && onlyOnReference.length + onlyOnOther.length === 0) continue;

      differences.push({
        operationId: base.operationId,
        status: base.status,
        reference: { target: reference.name, verdict: base.verdict },
        other: { target: target.name, verdict },
        onlyOnReference,
        onlyOnOther,
      });
    }
  }

  return differences;
}
