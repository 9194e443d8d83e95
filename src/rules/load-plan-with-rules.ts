/**
 * The plan language with the governance rules plugged in: what `validate`, `plan`, `apply` and
 * every command that loads a plan call. The rules are configured in the header file's `rules:`
 * (or given, for a baseline), checked in every file while its data is at hand, then filtered by
 * suppression comments and by `validate --baseline`, and reported at the level the caller asks
 * for. The loader (src/tracking-plan/load-plan.ts) knows nothing of them: this module hands it
 * a PlanFileCheck. Pure.
 */
import type { Issue } from '../errors.js';
import { loadTrackingPlan, type LoadOptions, type LoadResult } from '../tracking-plan/load-plan.js';
import type { YamlParser } from '../tracking-plan/parse-yaml.js';
import type { LoadContext, PlanFileCheck } from '../tracking-plan/plan-file-check.js';
import type { PlanFileInput } from '../tracking-plan/plan-file-input.js';
import type { SourceFile } from '../tracking-plan/source-file.js';
import { withoutBaselineViolations } from './baseline.js';
import { checkRules, locateFinding } from './check-rules.js';
import { isRecord } from './rule.js';
import { readRulesConfig, type RulesConfig } from './rules-config.js';
import { applySuppressions, readSuppressions } from './suppressions.js';
import { appendAll } from '../arrays.js';

export interface RulesLoadOptions extends Omit<LoadOptions, 'checks'> {
  /**
   * `enforce` (the default, `validate`): a rule violation at level error makes the plan invalid.
   * `report` (`plan`, `apply`): rule violations come back as warnings, so a rule never blocks a deploy.
   */
  readonly ruleErrors?: 'enforce' | 'report';
  /** Check these rules instead of the plan's own `rules:` (for a baseline, with today's rules). */
  readonly rules?: RulesConfig;
  /** The plan's files at a baseline (`validate --baseline`): rule violations they have too are not reported. */
  readonly baseline?: readonly PlanFileInput[];
}

/** Loads a plan (load-plan.ts) and checks its governance rules: the plan with its warnings, or every issue, located. */
export function loadPlanWithRules(files: readonly PlanFileInput[], options: RulesLoadOptions = {}): LoadResult {
  const { ruleErrors, rules, baseline, ...load } = options;
  return loadTrackingPlan(files, { ...load, checks: [new RulesCheck(rules, ruleErrors ?? 'enforce', baseline, load.parser)] });
}

const SUPPRESSION_MARKER = 'tpsync-disable-';

/** The governance rules as a check of the loader. One instance per load. */
class RulesCheck implements PlanFileCheck {
  readonly earlyKeys = ['rules'];
  private readonly configIssues: Issue[] = [];
  private readonly ruleIssues: Issue[] = [];
  /** Files checked before the rules were known (only when the byte search for `rules:` missed the header). */
  private readonly unchecked: string[] = [];

  constructor(
    private config: RulesConfig | undefined,
    private readonly ruleErrors: 'enforce' | 'report',
    private readonly baseline: readonly PlanFileInput[] | undefined,
    private readonly parser: YamlParser | undefined,
  ) {}

  /** The first file with a top-level `rules:` configures the rules (unless they were given). */
  collect(source: SourceFile): void {
    const data = source.data;
    if (this.config !== undefined || !isRecord(data) || !('rules' in data)) return;
    const read = readRulesConfig(data['rules']);
    this.config = read.config;
    for (const finding of read.problems) {
      const { file, line, column, message, hint } = locateFinding(source, finding, 'rule-config', 'error');
      this.configIssues.push({ file, line, column, code: 'rule-config', message, ...(hint === undefined ? {} : { hint }) });
    }
  }

  check(source: SourceFile, context: LoadContext): void {
    if (this.config === undefined) this.unchecked.push(source.file);
    else appendAll(this.ruleIssues, checkRules(source, this.config, context.definitions));
  }

  finish(context: LoadContext): Issue[] {
    return [...this.configIssues, ...this.violations(context)];
  }

  /** Rule violations after suppression comments and the baseline, at the level the caller asks for. */
  private violations(context: LoadContext): Issue[] {
    const config = this.config;
    if (config === undefined || config.active.length === 0) return [];
    for (const path of this.unchecked) {
      const source = context.sourceAfterTurn(path);
      if (source !== undefined) appendAll(this.ruleIssues, checkRules(source, config, context.definitions));
    }
    const byFile = new Map<string, Issue[]>();
    for (const issue of this.ruleIssues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
    const found: Issue[] = [];
    for (const file of context.files) {
      const issues = byFile.get(file.path) ?? [];
      // Files that name no rule in a comment (nearly all) are not even decoded.
      if (!Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).includes(SUPPRESSION_MARKER)) {
        appendAll(found, issues);
        continue;
      }
      const suppressions = readSuppressions(file.path, new TextDecoder().decode(file.bytes));
      appendAll(found, applySuppressions(issues, suppressions), suppressions.problems);
    }
    let reported = found;
    if (this.baseline !== undefined) {
      const before = loadPlanWithRules(this.baseline, {
        rules: config,
        ruleErrors: 'report',
        ...(this.parser === undefined ? {} : { parser: this.parser }),
      });
      reported = withoutBaselineViolations(found, before.ok ? before.warnings : before.issues);
    }
    if (this.ruleErrors === 'report') return reported.map((issue) => (issue.rule === undefined ? issue : { ...issue, level: 'warning' }));
    return reported;
  }
}
