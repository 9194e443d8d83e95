/**
 * Runs the configured rules over one plan file's data: one walk of its nodes (shared
 * definitions, events, their properties), each node meeting only the rules for its kind, so
 * the cost is linear in the size of the plan. A position is looked up only for a violation.
 */
import type { Issue } from '../errors.js';
import { describe } from '../tracking-plan/plan-paths.js';
import type { DefinitionLookup } from '../tracking-plan/plan-file-check.js';
import type { PathSegment, SourceFile } from '../tracking-plan/source-file.js';
import type { RulesConfig } from './rules-config.js';
import { isRecord, type Finding, type RuleContext, type RuleNode } from './rule.js';

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The violations of `config`'s rules in one file; `definitions`: the plan's shared definitions, for `use:` entries. */
export function checkRules(source: SourceFile, config: RulesConfig, definitions: DefinitionLookup): Issue[] {
  const issues: Issue[] = [];
  const data = source.data;
  if (config.active.length === 0 || !isRecord(data)) return issues;
  const context: RuleContext = {
    describe: (path) => describe(data, path),
    isDefined: (title) => definitions.has(title),
  };
  const visit = (node: RuleNode): void => {
    for (const { rule, level, options } of config.byKind[node.kind]) {
      for (const finding of rule.check(node, options, context)) issues.push(locateFinding(source, finding, rule.id, level));
    }
  };

  listOf(data['properties']).forEach((definition, d) => {
    if (isRecord(definition)) visit({ kind: 'definition', path: ['properties', d], data: definition });
  });
  listOf(data['categories']).forEach((category, c) => {
    if (!isRecord(category)) return;
    listOf(category['events']).forEach((event, e) => {
      if (!isRecord(event)) return;
      const eventPath: PathSegment[] = ['categories', c, 'events', e];
      visit({ kind: 'event', path: eventPath, data: event });
      // One path for all of the event's properties, its index set for each: a finding is located
      // (and its path done with) before the next property is visited.
      const path: PathSegment[] = [...eventPath, 'properties', 0];
      listOf(event['properties']).forEach((property, p) => {
        if (!isRecord(property)) return;
        path[5] = p;
        const used = property['use'];
        if (used === undefined) visit({ kind: 'property', path, data: property });
        else if (typeof used === 'string') visit({ kind: 'use', path, data: property, definition: definitions.get(used) });
      });
    });
  });
  return issues;
}

/** A finding as an issue of `level`, located in the file. */
export function locateFinding(source: SourceFile, finding: Finding, rule: string, level: 'error' | 'warning'): Issue {
  const at = source.locate(finding.path, finding.part ?? 'value');
  return {
    file: source.file,
    line: at.line,
    column: at.column,
    code: rule,
    message: finding.message,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
    level,
    rule,
  };
}
