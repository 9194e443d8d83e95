import { plural } from '../../render/plural.js';
import { UsageError } from '../../errors.js';
import { buildEventSchemas } from '../../event-schema/build-event-schemas.js';
import { generateTypeScript } from '../../codegen/typescript.js';
import { booleanOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec } from '../command-spec.js';
import { styleFor, type Io } from '../io.js';
import { loadPlanForOutput } from '../load-plan-for-output.js';
import { writeOutputFile } from '../../files/write-output-file.js';
import { compareWithExisting } from '../../files/existing-output.js';

const LANGUAGES = ['typescript'] as const;

export const codegenSpec = commandSpec({
  name: 'codegen',
  summary: 'Generate typed tracking code from the plan: one method per event, with no runtime dependency.',
  usage: 'tpsync codegen <plan> --lang typescript [--out <file>] [--check]',
  positionals: ['plan'],
  options: {
    lang: { type: 'string', value: 'language', description: 'The language to generate: typescript (the default; also "ts")' },
    out: { type: 'string', value: 'file', description: 'The file to write (default: print to stdout)' },
    check: { type: 'boolean', description: 'Write nothing; exit 1 when --out differs from what would be generated (for CI)' },
    verbose: {
      type: 'boolean',
      description: 'Report the method names that differ from their titles on every run (also when up to date, and with --check)',
    },
  },
  details: [
    'The module exports createTracker(send), a Tracker interface and a properties type per event.',
    'Method names are the event titles in lowerCamelCase; titles that would share a name get their category in front, reported on stderr when the module is printed or written (not when --out is up to date, nor with --check) or with --verbose.',
    'Exit codes: 0 written (or up to date with --check), 1 invalid plan, error, or out of date with --check.',
  ].join('\n'),
});

export async function codegenCommand(args: ArgsOf<typeof codegenSpec>, io: Io): Promise<number> {
  const lang = (stringOption(args, 'lang') ?? 'typescript').toLowerCase();
  if (lang !== 'typescript' && lang !== 'ts') {
    throw new UsageError(`--lang "${lang}" is not supported`, `supported: ${LANGUAGES.join(', ')}`);
  }
  const out = stringOption(args, 'out');
  if (out !== undefined && out.trim() === '') throw new UsageError('--out needs a file path', 'e.g. --out src/tracking.ts');
  const check = booleanOption(args, 'check');
  if (check && out === undefined)
    throw new UsageError('--check needs --out: the file to compare with', 'e.g. --out src/tracking.ts --check');
  const planPath = args.positionals[0] ?? '';
  const plan = await loadPlanForOutput(planPath, io);

  const generated = generateTypeScript(buildEventSchemas(plan));
  const err = styleFor(io.stderr, io.env);
  // Renames are news when the code changes: said when the module is printed or a file written, not when
  // --out is already up to date nor under --check (a large plan has many), unless --verbose.
  const sayRenames = (): void => {
    for (const rename of generated.renames) {
      const why = rename.sharedWith.length === 0 ? 'a name every object already has' : `also wanted by ${rename.sharedWith.join(', ')}`;
      io.stderr.write(
        `${err.yellow('note:')} "${rename.event}" (${rename.category}) is tracker.${rename.method}(): ${rename.wanted} is ${why}\n`,
      );
    }
  };
  const verbose = booleanOption(args, 'verbose');
  if (out === undefined) {
    sayRenames();
    io.stdout.write(generated.text);
    return 0;
  }
  // Read only if it is a regular file as long as the code: a link is replaced, a pipe or device refused.
  const existing = await compareWithExisting(out, generated.text);
  if (existing.state === 'refused') throw new UsageError(`--out ${out} ${existing.problem}`, 'give the path of the .ts file to write');
  const style = styleFor(io.stdout, io.env);
  const events = plural(
    plan.categories.reduce((n, c) => n + c.events.length, 0),
    'event',
  );
  if (verbose || (!check && existing.state !== 'same')) sayRenames();
  if (check) {
    if (existing.state === 'same') {
      io.stdout.write(`${style.green('✓')} ${out} is up to date (${events}).\n`);
      return 0;
    }
    const why =
      existing.state === 'missing'
        ? 'does not exist'
        : existing.note !== undefined
          ? `is ${existing.note}`
          : 'is out of date with the plan';
    io.stderr.write(
      `${err.red('error:')} ${out} ${why}\n    hint: run \`tpsync codegen ${planPath} --lang typescript --out ${out}\` and commit the result\n`,
    );
    return 1;
  }
  if (existing.state !== 'same') await writeOutputFile(out, generated.text);
  io.stdout.write(`${style.green('✓')} ${out}: ${existing.state === 'same' ? 'already up to date' : 'written'} (${events}).\n`);
  return 0;
}
