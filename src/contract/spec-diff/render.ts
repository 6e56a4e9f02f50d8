/** Lays a spec diff out for the terminal and as Markdown. Returns text; never prints. */
import { classLabels, isBreaking } from './classify.ts';
import type { ChangeClass, ChangeLocation, SpecChange, SpecDiff } from './types.ts';

const classes = Object.keys(classLabels) as ChangeClass[];

/** `POST /mfa/token/send response 200 /status`, or `info.version` for the document. */
export function formatLocation(location: ChangeLocation): string {
  return [location.method, location.path, location.part, location.pointer]
    .filter((piece) => piece !== undefined && piece !== '')
    .join(' ');
}

function countBy(diff: SpecDiff): Record<ChangeClass, SpecChange[]> {
  const groups = Object.fromEntries(classes.map((name) => [name, [] as SpecChange[]]));
  for (const change of diff.changes) groups[change.class]?.push(change);

  return groups as Record<ChangeClass, SpecChange[]>;
}

/** Whether any change breaks clients or the tenant (exit code 1). */
export function hasBreaking(diff: SpecDiff): boolean {
  return diff.changes.some((change) => isBreaking(change.class));
}

function describeSide(side: SpecDiff['base']): string {
  return `${side.source} (${side.title} ${side.version})`;
}

/** Plain text for the terminal: a summary line, then the changes grouped by class. */
export function renderText(diff: SpecDiff): string {
  const groups = countBy(diff);
  const lines = [
    `base:  ${describeSide(diff.base)}`,
    `other: ${describeSide(diff.other)}`,
    classes.map((name) => `${classLabels[name]}: ${groups[name].length}`).join(', '),
  ];

  for (const name of classes) {
    const changes = groups[name];
    if (changes.length === 0) continue;

    lines.push('', `${classLabels[name]} (${changes.length})`);
    for (const change of changes) {
      lines.push(`  ${formatLocation(change.location)}: ${change.detail} [${change.rule}]`);
    }
  }

  if (diff.outOfScope.length > 0) {
    lines.push('', `not compared, outside the API base (${diff.outOfScope.length})`);
    for (const skipped of diff.outOfScope) {
      lines.push(
        `  ${skipped.method} ${skipped.path}: only in ${skipped.in}, served from ${skipped.server}`,
      );
    }
  }
  if (diff.changes.length === 0) lines.push('', 'no differences');

  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function code(text: string): string {
  return `\`${cell(text).replaceAll('`', "'")}\``;
}

/** Markdown: the two documents, counts per class, then one table per class. */
export function renderMarkdown(diff: SpecDiff): string {
  const groups = countBy(diff);
  const lines = [
    '# Spec drift',
    '',
    '| | document | title | version |',
    '| --- | --- | --- | --- |',
    `| base | ${code(diff.base.source)} | ${cell(diff.base.title)} | ${cell(diff.base.version)} |`,
    `| other | ${code(diff.other.source)} | ${cell(diff.other.title)} | ${cell(diff.other.version)} |`,
    '',
    '| class | changes |',
    '| --- | --- |',
    ...classes.map((name) => `| ${classLabels[name]} | ${groups[name].length} |`),
  ];

  for (const name of classes) {
    const changes = groups[name];
    const title = classLabels[name];
    lines.push('', `## ${title[0]?.toUpperCase()}${title.slice(1)} (${changes.length})`, '');
    if (changes.length === 0) {
      lines.push('None.');
      continue;
    }

    lines.push('| location | change | rule |', '| --- | --- | --- |');
    for (const change of changes) {
      const location = code(formatLocation(change.location));
      lines.push(`| ${location} | ${cell(change.detail)} | ${code(change.rule)} |`);
    }
  }

  if (diff.outOfScope.length > 0) {
    lines.push('', `## Not compared: outside the API base (${diff.outOfScope.length})`, '');
    lines.push('| operation | only in | served from |', '| --- | --- | --- |');
    for (const skipped of diff.outOfScope) {
      const operation = code(`${skipped.method} ${skipped.path}`);
      lines.push(`| ${operation} | ${skipped.in} | ${code(skipped.server)} |`);
    }
  }

  return `${lines.join('\n')}\n`;
}
