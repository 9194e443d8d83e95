/**
 * Options are typed from their command's spec (issue 22): reading a flag the spec does not
 * declare, or reading a flag as the wrong kind, does not compile. The `@ts-expect-error` lines
 * are checked by `npm run typecheck`; the assertions check what the parser gives at run time.
 */
import { describe, expect, it } from 'vitest';
import { booleanOption, integerOption, parseCommandArgs, stringOption } from '../../src/cli/args.js';
import { applySpec } from '../../src/cli/commands/apply.js';
import { pullSpec } from '../../src/cli/commands/pull.js';

describe('typed options', () => {
  it('read the flags the spec declares, with the kinds it declares', () => {
    const args = parseCommandArgs(applySpec, ['plan/', '--concurrency', '8', '--local', '--plan-file', 'p.json']);
    expect(integerOption(args, 'concurrency', 4)).toBe(8);
    expect(booleanOption(args, 'local')).toBe(true);
    expect(stringOption(args, 'plan-file')).toBe('p.json');
    expect(args.values['auto-approve']).toBeUndefined();

    // @ts-expect-error a misspelled flag: apply has no --concurency
    expect(args.values['concurency']).toBeUndefined();
    // @ts-expect-error a misspelled flag
    expect(stringOption(args, 'concurency')).toBeUndefined();
    // @ts-expect-error --local takes no value: it is read with booleanOption
    expect(stringOption(args, 'local')).toBeUndefined();
    // @ts-expect-error --plan-file takes a value: it is read with stringOption
    expect(booleanOption(args, 'plan-file')).toBe(false);
  });

  it('a spec that leaves a shared flag out does not let it be read (pull never paces writes)', () => {
    const args = parseCommandArgs(pullSpec, ['--integration', 'ca529385-fbc9-4934-afae-e372affe795b']);
    expect(stringOption(args, 'lock-timeout')).toBeUndefined();
    // @ts-expect-error pull has no --writes-per-minute
    expect(stringOption(args, 'writes-per-minute')).toBeUndefined();
    expect(() => parseCommandArgs(pullSpec, ['--writes-per-minute', '5'])).toThrow('unknown option --writes-per-minute');
  });
});
