/**
 * What changed between two results files (a baseline and a current run), per target: cells
 * that stopped passing, findings that appeared, undocumented status codes and media types,
 * strict warnings, slower p95 latency, and the same things the other way round as
 * improvements. Pure functions over two parsed files; `npm run compare` prints and exits.
 */
import type { CellResult, CellVerdict, ReportedFinding, RunResults } from './results.ts';

/** What a change is about. The order here is the order of the report. */
export const changeKinds = [
  'target',
  'cell',
  'finding',
  'undocumented_status',
  'undocumented_media_type',
  'warning',
  'latency',
] as const;

export type ChangeKind = (typeof changeKinds)[number];

/** One difference between the runs on one target. */
export interface Change {
  kind: ChangeKind;
  /** `regressed` counts for the exit code; `improved` and `info` are listed only. */
  direction: 'regressed' | 'improved' | 'info';
  target: string;
  /** What changed, e.g. `verifyOktaVerify 200` or `body_conforms verifyOktaVerify 200 /status`. */
  subject: string;
  /** How it changed, in one line. */
  detail: string;
}

/** Thresholds for the latency comparison. */
export interface CompareOptions {
  /** p95 must grow by more than this factor to count (2 = twice as slow). */
  latencyFactor: number;
  /** ...and by at least this many milliseconds, so 1 ms -> 3 ms is noise. */
  latencyFloorMs: number;
}

export const defaultCompareOptions: CompareOptions = { latencyFactor: 2, latencyFloorMs: 50 };

/** The changes on one target. */
export interface TargetComparison {
  name: string;
  presence: 'both' | 'baseline_only' | 'current_only';
  regressed: Change[];
  improved: Change[];
  info: Change[];
}

/** A one-line description of a run, for the header. */
export interface RunLabel {
  startedAt: string;
  toolVersion: string;
  specVersion: string;
  filtered: boolean;
  cells: number;
  hasLatency: boolean;
}

/** The whole comparison. */
export interface Comparison {
  baseline: RunLabel;
  current: RunLabel;
  options: CompareOptions;
  targets: TargetComparison[];
  /** Caveats about the comparison itself (a filtered run, no latency data). */
  notes: string[];
  regressions: number;
  improvements: number;
}

const verdictWords: Record<CellVerdict, string> = {
  passed: 'passed',
  failed: 'failed',
  not_exercised: 'not exercised',
  not_provokable: 'not provokable',
};

const detailLength = 160;

/** The first line of a reason or message, trimmed, so each change stays on one line. */
function oneLine(text: string): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? '';
  const flat = line.replace(/\s+/g, ' ').trim();

  return flat.length > detailLength ? `${flat.slice(0, detailLength)}...` : flat;
}

function labelOf(results: RunResults): RunLabel {
  return {
    startedAt: results.run.startedAt,
    toolVersion: results.run.tool.version,
    specVersion: results.run.spec.version,
    filtered: results.run.filtered,
    cells: results.cells.length,
    hasLatency: results.latency !== undefined,
  };
}

function targetNames(results: RunResults): Set<string> {
  return new Set([
    ...results.targets.map((target) => target.name),
    ...results.cells.map((cell) => cell.target),
  ]);
}

function cellKey(cell: Pick<CellResult, 'operationId' | 'status'>): string {
  return `${cell.operationId} ${cell.status}`;
}

/** Compares the verdicts of the cells both runs have; cells in one run only are info. */
function compareCells(target: string, before: CellResult[], after: CellResult[]): Change[] {
  const changes: Change[] = [];
  const beforeByKey = new Map(before.map((cell) => [cellKey(cell), cell]));
  const afterByKey = new Map(after.map((cell) => [cellKey(cell), cell]));

  for (const [key, was] of beforeByKey) {
    const now = afterByKey.get(key);
    const base = { kind: 'cell' as const, target, subject: key };
    if (!now) {
      changes.push({ ...base, direction: 'info', detail: 'cell only in the baseline' });
      continue;
    }
    if (was.verdict === now.verdict) continue;

    const transition = `${verdictWords[was.verdict]} -> ${verdictWords[now.verdict]}`;
    const why = now.reason ? ` (${oneLine(now.reason)})` : '';
    // A cell that stops passing lost its proof, whether it now fails or is no longer exercised
    // (a dead test or a filtered run would otherwise hide a failure). Any cell that starts
    // failing regresses too.
    if (now.verdict === 'failed' || was.verdict === 'passed') {
      changes.push({ ...base, direction: 'regressed', detail: `${transition}${why}` });
    } else if (now.verdict === 'passed') {
      changes.push({ ...base, direction: 'improved', detail: transition });
    } else {
      changes.push({ ...base, direction: 'info', detail: `${transition}${why}` });
    }
  }

  for (const [key, now] of afterByKey) {
    if (beforeByKey.has(key)) continue;
    const detail = `cell only in the current run (${verdictWords[now.verdict]})`;
    changes.push({ kind: 'cell', direction: 'info', target, subject: key, detail });
  }

  return changes;
}

/** A finding as compared: its kind, its identity, and how bad it is. */
interface FindingFacts {
  /** The cell the finding was filed under, `operationId status`. */
  cell: string;
  kind: 'finding' | 'undocumented_status' | 'undocumented_media_type' | 'warning';
  key: string;
  subject: string;
  severity: ReportedFinding['severity'];
  message: string;
}

/** The media type without parameters or case, so `Text/HTML; charset=x` equals `text/html`. */
function bareMediaType(received: string): string {
  return (received.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * How a finding is identified across runs: by check, operation, status and location, never by
 * its text (a message or a received value that differs between runs is the same finding). For
 * an undocumented media type the media type itself is part of the identity, since a different
 * one is a new observation.
 */
function factsOf(finding: ReportedFinding, cell: string): FindingFacts {
  const where = `${finding.operation} ${finding.status}`;
  const base = { cell, severity: finding.severity, message: oneLine(finding.message) };
  if (finding.check === 'status_documented') {
    return {
      ...base,
      kind: 'undocumented_status',
      key: `status_documented|${where}`,
      subject: `${where} (undocumented status)`,
    };
  }
  if (finding.check === 'content_type_documented' && finding.location === 'header:content-type') {
    const mediaType = bareMediaType(finding.received) || '(absent)';
    return {
      ...base,
      kind: 'undocumented_media_type',
      key: `content_type_documented|${where}|${mediaType}`,
      subject: `${where} ${mediaType}`,
    };
  }

  return {
    ...base,
    kind: finding.severity === 'warning' ? 'warning' : 'finding',
    key: `${finding.check}|${where}|${finding.location}`,
    subject: `${finding.check} ${where} ${finding.location}`,
  };
}

/** One entry per identity; a failure outranks a warning of the same identity. */
function findingIndex(cells: CellResult[]): Map<string, FindingFacts> {
  const index = new Map<string, FindingFacts>();
  for (const cell of cells) {
    for (const finding of cell.findings) {
      const facts = factsOf(finding, cellKey(cell));
      const known = index.get(facts.key);
      if (!known || (known.severity === 'warning' && facts.severity === 'failure')) {
        index.set(facts.key, facts);
      }
    }
  }

  return index;
}

function compareFindings(target: string, before: CellResult[], after: CellResult[]): Change[] {
  const changes: Change[] = [];
  const was = findingIndex(before);
  const now = findingIndex(after);

  for (const [key, facts] of now) {
    const old = was.get(key);
    const base = { target, subject: facts.subject };
    if (!old) {
      changes.push({ ...base, kind: facts.kind, direction: 'regressed', detail: facts.message });
    } else if (old.severity === 'warning' && facts.severity === 'failure') {
      const detail = `now a failure (was a warning): ${facts.message}`;
      changes.push({ ...base, kind: 'finding', direction: 'regressed', detail });
    } else if (old.severity === 'failure' && facts.severity === 'warning') {
      const detail = `now a warning (was a failure): ${facts.message}`;
      changes.push({ ...base, kind: 'finding', direction: 'improved', detail });
    }
  }

  const exercised = new Set(
    after.filter((cell) => cell.verdict === 'passed' || cell.verdict === 'failed').map(cellKey),
  );
  for (const [key, facts] of was) {
    if (now.has(key)) continue;
    const base = { target, subject: facts.subject, kind: facts.kind };
    // Gone only counts when the current run exercised the cell that held it.
    if (exercised.has(facts.cell)) {
      changes.push({ ...base, direction: 'improved', detail: `gone (was: ${facts.message})` });
    } else {
      const detail = `not seen: cell ${facts.cell} was not exercised in the current run`;
      changes.push({ ...base, direction: 'info', detail });
    }
  }

  return changes;
}

function round(ms: number): string {
  return `${Math.round(ms * 10) / 10} ms`;
}

/** p95 per operation: slower beyond the factor and the floor regresses, faster improves. */
function compareLatency(
  target: string,
  baseline: RunResults,
  current: RunResults,
  options: CompareOptions,
): Change[] {
  if (!baseline.latency || !current.latency) return [];
  const changes: Change[] = [];
  const before = new Map(
    baseline.latency.filter((l) => l.target === target).map((l) => [l.operationId, l]),
  );

  for (const now of current.latency.filter((l) => l.target === target)) {
    const was = before.get(now.operationId);
    if (!was) continue;
    const detail = `p95 ${round(was.p95Ms)} -> ${round(now.p95Ms)} (p50 ${round(was.p50Ms)} -> ${round(now.p50Ms)}, ${now.count} responses)`;
    const base = { kind: 'latency' as const, target, subject: now.operationId, detail };
    const delta = now.p95Ms - was.p95Ms;
    if (delta >= options.latencyFloorMs && now.p95Ms > was.p95Ms * options.latencyFactor) {
      changes.push({ ...base, direction: 'regressed' });
    } else if (-delta >= options.latencyFloorMs && was.p95Ms > now.p95Ms * options.latencyFactor) {
      changes.push({ ...base, direction: 'improved' });
    }
  }

  return changes;
}

function byKindThenSubject(a: Change, b: Change): number {
  const kind = changeKinds.indexOf(a.kind) - changeKinds.indexOf(b.kind);
  if (kind !== 0) return kind;

  return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
}

function compareTarget(
  name: string,
  baseline: RunResults,
  current: RunResults,
  options: CompareOptions,
): TargetComparison {
  const inBaseline = targetNames(baseline).has(name);
  const inCurrent = targetNames(current).has(name);
  const comparison: TargetComparison = {
    name,
    presence: inBaseline && inCurrent ? 'both' : inBaseline ? 'baseline_only' : 'current_only',
    regressed: [],
    improved: [],
    info: [],
  };

  if (comparison.presence === 'baseline_only') {
    // A tenant that dropped out of the run is no longer proven: a regression until the
    // baseline is updated.
    const detail = 'in the baseline, missing from the current run';
    comparison.regressed.push({
      kind: 'target',
      direction: 'regressed',
      target: name,
      subject: name,
      detail,
    });
    return comparison;
  }
  if (comparison.presence === 'current_only') {
    const detail = 'new in the current run, no baseline to compare with';
    comparison.info.push({
      kind: 'target',
      direction: 'info',
      target: name,
      subject: name,
      detail,
    });
    return comparison;
  }

  const before = baseline.cells.filter((cell) => cell.target === name);
  const after = current.cells.filter((cell) => cell.target === name);
  const changes = [
    ...compareCells(name, before, after),
    ...compareFindings(name, before, after),
    ...compareLatency(name, baseline, current, options),
  ].sort(byKindThenSubject);
  for (const change of changes) comparison[change.direction].push(change);

  return comparison;
}

function notesOf(baseline: RunResults, current: RunResults): string[] {
  const notes: string[] = [];
  if (current.run.filtered && !baseline.run.filtered) {
    notes.push(
      'the current run was filtered (--grep, --shard or a file filter): cells it left out count as no longer exercised',
    );
  }
  if (!baseline.latency || !current.latency) {
    const which = !baseline.latency ? 'the baseline' : 'the current file';
    notes.push(`latency not compared: ${which} has no per-operation percentiles (older format)`);
  }
  if (baseline.run.spec.version !== current.run.spec.version) {
    notes.push(`spec version changed: ${baseline.run.spec.version} -> ${current.run.spec.version}`);
  }

  return notes;
}

/** Compares a baseline results file with a current one, target by target (matched by name). */
export function compareResults(
  baseline: RunResults,
  current: RunResults,
  options: CompareOptions = defaultCompareOptions,
): Comparison {
  const names = [...new Set([...targetNames(baseline), ...targetNames(current)])].sort();
  const targets = names.map((name) => compareTarget(name, baseline, current, options));

  return {
    baseline: labelOf(baseline),
    current: labelOf(current),
    options,
    targets,
    notes: notesOf(baseline, current),
    regressions: targets.reduce((sum, target) => sum + target.regressed.length, 0),
    improvements: targets.reduce((sum, target) => sum + target.improved.length, 0),
  };
}
