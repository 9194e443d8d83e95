/**
 * The plan as Markdown for pull requests and job summaries: breaking changes first (once the
 * plan is classified), a summary table, changes with a compatibility warning, destructive
 * changes, then the details of each category in a collapsible section. Given a length budget it
 * drops details (never the summary) and says where the rest is.
 */
import type { Action, Operation, Plan, ResourceKind } from '../plan/types.js';
import { ACTION_ORDER, describeChange, formatChange, operationReason, pathText, SYMBOL } from './describe-operation.js';
import { emptyPlanHeadline, isNoOp, pacingLine, sharedDefinitionSummary, summaryLine } from './plan-summary-text.js';
import { checkLine, compatibilityCounts, deprecationNote, flaggedChecks, isBreaking } from './compatibility-note.js';
import { localChangesMarkdown } from './local-changes-text.js';
import { codeSpan, escapeCell, escapeHtml, escapeText, fenceFor } from './markdown-text.js';
import { groupOperations } from './operation-groups.js';
import { driftSummary, originNote } from './origin-note.js';
import { cutQuotedValues } from './quoted-values.js';
import type { DiffLine } from './text-diff.js';
import { withReferenceNames } from './reference-names.js';
import { appendAll } from '../arrays.js';

export { codeSpan } from './markdown-text.js';

export interface MarkdownOptions {
  /** Lines placed first (a status line, a heading). */
  readonly header?: readonly string[];
  /** Extra notes placed after the summary (e.g. the delete guard's verdict). */
  readonly notes?: readonly string[];
  /** Total characters allowed; details are dropped from the end to fit. */
  readonly maxLength?: number;
  /** Said where details had to be dropped, e.g. "The full plan is in the job summary." */
  readonly truncatedNote?: string;
}

const KINDS: readonly ResourceKind[] = ['category', 'event', 'property'];
const KIND_LABEL: Record<ResourceKind, string> = { category: 'Categories', event: 'Events', property: 'Properties' };
/** Rows of the breaking-changes table shown above the summary; the rest are in the details. */
const MAX_LEADING_ROWS = 50;

export function renderPlanMarkdown(given: Plan, options: MarkdownOptions = {}): string {
  // IDs shown by name (an owner's email, a tag's name): see reference-names.ts.
  const plan = withReferenceNames(given);
  const head: string[] = [...(options.header ?? [])];
  if (head.length > 0) head.push('');

  // A reviewer sees what breaks before anything else.
  const breaking = plan.operations.filter(isBreaking);
  if (breaking.length > 0) appendAll(head, compatibilitySection('Breaking changes', breaking, MAX_LEADING_ROWS), ['']);

  if (isNoOp(plan)) {
    head.push(`**${emptyPlanHeadline(plan)}**`);
  } else {
    head.push(`**${summaryLine(plan)}**`, '');
    const counts = compatibilityCounts(plan);
    if (counts !== null) head.push(counts, '');
    appendAll(head, summaryTable(plan));
    const pacing = pacingLine(plan);
    if (pacing) head.push('', pacing);
    const drift = driftSummary(plan);
    if (drift) head.push('', drift);
    // It quotes titles from the plan: text, never Markdown, HTML or a mention.
    const shared = sharedDefinitionSummary(plan);
    if (shared) head.push('', escapeText(shared));
  }
  for (const note of options.notes ?? []) head.push('', note);

  const sections: string[][] = [];
  const local = localChangesMarkdown(plan);
  if (local.length > 0) sections.push(local);
  const warned = plan.operations.filter((op) => op.compatibility?.level === 'warning');
  if (warned.length > 0) sections.push(compatibilitySection('Compatibility warnings', warned, Infinity));
  // In the order of the details: a replaced or deleted event, then its properties.
  const destructive = groupOperations(plan.operations)
    .flatMap((group) => [group.head, ...group.members])
    .filter((op) => op.action === 'delete' || op.action === 'replace');
  if (destructive.length > 0) sections.push(destructiveSection(destructive));
  if (plan.warnings.length > 0) {
    sections.push([
      `#### Warnings (${plan.warnings.length})`,
      '',
      ...plan.warnings.map(
        (w) => `- ⚠️ ${escapeText(cutQuotedValues(w.message))}  \n  _Manual step:_ ${escapeText(cutQuotedValues(w.hint))}`,
      ),
    ]);
  }
  const details = detailSections(plan);

  return fit(head, sections, details, options);
}

function fit(head: string[], sections: string[][], details: string[][], options: MarkdownOptions): string {
  const join = (blocks: string[][]) => blocks.map((b) => b.join('\n')).join('\n\n');
  const all = [head, ...sections, ...(details.length > 0 ? [['#### Details'], ...details] : [])];
  const full = join(all) + '\n';
  const max = options.maxLength;
  if (max === undefined || full.length <= max) return full;

  const note = options.truncatedNote ?? 'The plan is too long to show in full here.';
  const notice = (hidden: number, what: string) => [
    `> [!NOTE]`,
    `> ${hidden} ${what} not shown to stay within GitHub's size limit. ${note}`,
  ];
  // Keep as many detail sections as fit, in order.
  const kept: string[][] = [];
  const base = [head, ...sections];
  for (let i = 0; i < details.length; i++) {
    const detail = details[i] ?? [];
    const candidate = [...base, ['#### Details'], ...kept, detail, notice(details.length - i - 1, 'categories')];
    if (join(candidate).length + 1 > max) break;
    kept.push(detail);
  }
  const hiddenDetails = details.length - kept.length;
  const withDetails = [
    ...base,
    ...(kept.length > 0 ? [['#### Details'], ...kept] : []),
    notice(hiddenDetails, hiddenDetails === 1 ? 'category' : 'categories'),
  ];
  if (join(withDetails).length + 1 <= max) return join(withDetails) + '\n';

  // Even without details it is too long: shorten the sections line by line.
  const lines = join([...base]).split('\n');
  const tail = notice(0, 'lines').join('\n');
  let text = '';
  for (const line of lines) {
    if (text.length + line.length + 1 + tail.length + 2 > max) break;
    text += `${line}\n`;
  }
  const cut = `> [!NOTE]\n> The rest of the plan is not shown to stay within GitHub's size limit. ${note}`;
  return `${text}\n${cut}\n`.slice(0, max);
}

function summaryTable(plan: Plan): string[] {
  const count = (kind: ResourceKind, action: Action) => plan.operations.filter((op) => op.kind === kind && op.action === action).length;
  const rows = KINDS.filter((kind) => plan.operations.some((op) => op.kind === kind)).map(
    (kind) => `| ${KIND_LABEL[kind]} | ${ACTION_ORDER.map((action) => count(kind, action) || '·').join(' | ')} |`,
  );
  return ['| | Create | Update | Replace | Delete |', '|---|---:|---:|---:|---:|', ...rows];
}

/** Drift (a change that undoes an edit made in Secoda) last, labelled, so the pull request is not blamed for it. */
function compatibilitySection(title: string, ops: Operation[], maxRows: number): string[] {
  const ordered = [...ops.filter((op) => op.origin !== 'secoda'), ...ops.filter((op) => op.origin === 'secoda')];
  const drift = ops.length - ops.filter((op) => op.origin !== 'secoda').length;
  const shown = ordered.slice(0, maxRows);
  const rows = shown.map((op) => {
    const checks = flaggedChecks(op);
    const origin = originNote(op);
    const what = checks.map((c) => messageCell(c.message)).join('<br>') + (origin ? ` _(${escapeCell(origin)})_` : '');
    return `| \`${SYMBOL[op.action]}\` ${op.action} | ${op.kind} ${codeSpan(pathText(op.path))} | ${what} | ${checks.map((c) => `\`${c.id}\``).join(' ')} |`;
  });
  const more = ordered.length - shown.length;
  return [
    `#### ${title} (${ops.length}${drift > 0 ? `, ${drift} from drift` : ''})`,
    '',
    '| | Resource | What breaks, for whom | Check |',
    '|---|---|---|---|',
    ...rows,
    ...(more > 0 ? ['', `… and ${more} more, marked in the details below.`] : []),
  ];
}

/** A check's message in a table cell: its code spans (quoted names and values) kept, the rest escaped. */
function messageCell(message: string): string {
  let cell = '';
  let rest = 0;
  for (const match of message.matchAll(/(`+)( ?)(.+?)\2\1(?!`)/g)) {
    cell += escapeCell(message.slice(rest, match.index)) + codeSpan(match[3] ?? '');
    rest = match.index + match[0].length;
  }
  return cell + escapeCell(message.slice(rest));
}

function destructiveSection(ops: Operation[]): string[] {
  return [
    `#### Destructive changes (${ops.length})`,
    '',
    '| | Resource | Why |',
    '|---|---|---|',
    ...ops.map(
      (op) => `| \`${SYMBOL[op.action]}\` ${op.action} | ${op.kind} ${codeSpan(pathText(op.path))} | ${escapeCell(describeWhy(op))} |`,
    ),
  ];
}

function describeWhy(op: Operation): string {
  const reason = operationReason(op) ?? '';
  const origin = originNote(op);
  const deprecated = deprecationNote(op);
  const notes = [...(deprecated ? [deprecated] : []), ...(origin ? [origin] : [])];
  if (op.action !== 'replace') return [reason, ...notes].filter((part) => part !== '').join('; ');
  const forcing = op.changes.filter((c) => op.forced_by.includes(c.field)).map((c) => `${c.field}: ${formatChange(c, op.action, 80)}`);
  return [reason, ...forcing, ...notes].join('; ');
}

/**
 * One collapsible section per category, with its changes as a diff block. A replaced or deleted
 * event's properties are shown under it (indented), in the section of the event's category.
 */
function detailSections(plan: Plan): string[][] {
  const groups = new Map<string, Operation[][]>();
  for (const group of groupOperations(plan.operations)) {
    const key = group.head.path[0] ?? '';
    const ops = [group.head, ...group.members];
    const list = groups.get(key);
    if (list) list.push(ops);
    else groups.set(key, [ops]);
  }
  return [...groups.entries()].map(([category, opGroups]) => {
    const ops = opGroups.flat();
    const counts = ACTION_ORDER.map((action) => [action, ops.filter((op) => op.action === action).length] as const)
      .filter(([, n]) => n > 0)
      .map(([action, n]) => `${n} to ${action}`)
      .join(', ');
    const body: string[] = [];
    for (const [head, ...members] of opGroups) {
      if (head !== undefined) appendAll(body, detailLines(head, ''));
      for (const member of members) appendAll(body, detailLines(member, '    '));
    }
    const fence = fenceFor(body.join('\n'));
    return [`<details><summary><b>${escapeHtml(category)}</b> — ${counts}</summary>`, '', `${fence}diff`, ...body, fence, '', '</details>'];
  });
}

/**
 * An operation's lines in a `diff` block: the first character is the marker GitHub colours
 * (`+` green, `-` red), so a create's fields are green, and a text diff's lines red and green.
 */
function detailLines(op: Operation, indent: string): string[] {
  const reason = operationReason(op);
  const origin = originNote(op);
  const deprecated = deprecationNote(op);
  const marker = SYMBOL[op.action].charAt(0);
  const title = `${op.kind} ${pathText(op.path)}${reason ? `  (${reason})` : ''}${deprecated ? `  (${deprecated})` : ''}${origin ? `  (${origin})` : ''}`;
  const lines = [indent === '' ? `${SYMBOL[op.action]} ${title}` : `${marker}${indent}${SYMBOL[op.action]} ${title}`];
  const fieldMarker = op.action === 'create' ? '+' : op.action === 'delete' ? '-' : ' ';
  const pad = `${indent}     `;
  for (const change of op.changes) {
    const shown = describeChange(change, op.action);
    if ('inline' in shown) {
      lines.push(`${fieldMarker}${pad}${change.field}: ${shown.inline}`);
      continue;
    }
    lines.push(`${fieldMarker}${pad}${change.field}: ${shown.header}`);
    for (const line of shown.diff.lines) lines.push(diffLine(line, `${pad}  `));
  }
  for (const check of flaggedChecks(op)) lines.push(`!${pad}${checkLine(check)}`);
  return lines;
}

function diffLine(line: DiffLine, pad: string): string {
  switch (line.kind) {
    case 'removed':
      return `-${pad}${line.text}`;
    case 'added':
      return `+${pad}${line.text}`;
    case 'context':
    case 'gap':
      // A blank line of the text stays blank (no trailing spaces); in a diff block it is context.
      return line.text === '' ? '' : ` ${pad}${line.text}`;
  }
}
