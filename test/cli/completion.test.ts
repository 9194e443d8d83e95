/**
 * `tpsync completion bash|zsh|fish`: scripts generated from the command specs. Each is checked by
 * its shell's own parser where the shell is installed (.ci/run installs zsh and fish from Debian),
 * bash and fish are asked for completions as a user's TAB would, and every script is checked to
 * name every command and flag the parser accepts.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionModel } from '../../src/cli/completion/completion-model.js';
import { completionSpec } from '../../src/cli/commands/completion.js';
import { applySpec } from '../../src/cli/commands/apply.js';
import { checkSpec } from '../../src/cli/commands/check.js';
import { codegenSpec } from '../../src/cli/commands/codegen.js';
import { emulatorSpec } from '../../src/cli/commands/emulator.js';
import { importSpec } from '../../src/cli/commands/import.js';
import { planSpec } from '../../src/cli/commands/plan.js';
import { pullSpec } from '../../src/cli/commands/pull.js';
import { acceptSpec } from '../../src/cli/commands/accept.js';
import { schemaSpec } from '../../src/cli/commands/schema.js';
import { validateSpec } from '../../src/cli/commands/validate.js';
import { runCli } from '../support/run-cli.js';

const SPECS = [
  validateSpec,
  planSpec,
  applySpec,
  pullSpec,
  acceptSpec,
  schemaSpec,
  checkSpec,
  codegenSpec,
  importSpec,
  emulatorSpec,
  completionSpec,
];
const has = (shell: string) => spawnSync(shell, ['--version'], { stdio: 'ignore' }).error === undefined;

let dir: string;
const scripts: Record<string, string> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-completion-'));
  await writeFile(join(dir, 'plan.yaml'), '');
  await mkdir(join(dir, 'tracking-plan'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell]);
    expect(result.code, result.stderr).toBe(0);
    scripts[shell] = result.stdout;
    await writeFile(join(dir, `tpsync.${shell}`), result.stdout);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What bash's TAB offers for `words` (the last one being completed), from the sourced script. */
function bashOffers(...words: string[]): string[] {
  const script = [
    `source ${JSON.stringify(join(dir, 'tpsync.bash'))}`,
    'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _tpsync',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['-c', script, 'bash', 'tpsync', ...words], { cwd: dir, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('tpsync completion', () => {
  it('names every command and every flag the parser accepts, in every shell', async () => {
    // The commands `tpsync --help` lists are those the specs here give.
    const help = (await runCli(['--help'])).stdout;
    const listed = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]);
    expect(listed).toEqual(SPECS.map((s) => s.name));
    const model = completionModel(SPECS);
    expect(model.commands.map((c) => c.name)).toEqual([...SPECS.map((s) => s.name), 'help']);
    for (const spec of SPECS)
      for (const flag of [...Object.keys(spec.options), 'help'])
        for (const shell of ['bash', 'zsh', 'fish']) {
          const text = scripts[shell]!;
          expect(shell === 'fish' ? text.includes(`-l ${flag} `) : text.includes(`--${flag}`), `${shell}: ${spec.name} --${flag}`).toBe(
            true,
          );
        }
  });

  it('bash: parses, and completes commands, flags, their values and paths', () => {
    expect(spawnSync('bash', ['-n', join(dir, 'tpsync.bash')]).status).toBe(0);
    expect(bashOffers('p')).toEqual(['plan', 'pull']);
    expect(bashOffers('')).toContain('completion');
    expect(bashOffers('--v')).toEqual(['--version']);
    expect(bashOffers('plan', '--fa')).toEqual(['--fail-on']);
    expect(bashOffers('plan', '--fail-on', '')).toEqual(['breaking', 'warning']);
    expect(bashOffers('validate', '--format', 'j')).toEqual(['json']);
    expect(bashOffers('apply', 'tr')).toEqual(['tracking-plan']);
    // The second positional of check is the payloads file; a flag's value is not a positional.
    expect(bashOffers('check', '--event-field', 'event', 'plan.yaml', 'p')).toEqual(['plan.yaml']);
    expect(bashOffers('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(bashOffers('help', 'co')).toEqual(['codegen', 'completion']);
    // pull takes no positional argument: nothing offered.
    expect(bashOffers('pull', '')).toEqual([]);
  });

  it.skipIf(!has('zsh'))('zsh: parses', () => {
    const result = spawnSync('zsh', ['-n', join(dir, 'tpsync.zsh')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
  });

  it('zsh: is a #compdef function with _arguments specs for each command', () => {
    const script = scripts['zsh']!;
    expect(script.startsWith('#compdef tpsync\n')).toBe(true);
    expect(script).toContain("'--fail-on[Exit 1 (after printing the plan)");
    expect(script).toContain(":fail-on:(breaking warning)'");
    expect(script).toContain("'1:bash|zsh|fish:(bash zsh fish)'");
    expect(script).toContain("'completion:Print a shell completion script for tpsync'\\''s commands");
    for (const spec of SPECS) expect(script).toMatch(new RegExp(`^ {8}${spec.name}\\)`, 'm'));
    // Every single quote is closed on its line.
    for (const line of script.split('\n')) expect(line.replace(/'\\''/g, '').split("'").length % 2, line).toBe(1);
  });

  it.skipIf(!has('fish'))('fish: parses, and completes commands, flags and their values', () => {
    const script = join(dir, 'tpsync.fish');
    expect(spawnSync('fish', ['--no-execute', script]).status).toBe(0);
    const offers = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source ${script}; complete -C ${JSON.stringify(line)}`], { cwd: dir, encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t')[0]);
    expect(offers('tpsync p')).toEqual(['plan', 'pull']);
    expect(offers('tpsync plan --fail-on ')).toEqual(['breaking', 'warning']);
    expect(offers('tpsync completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(offers('tpsync validate tr')).toEqual(['tracking-plan/']);
  });

  it('fish: one complete line per command and flag, flags only after their command', () => {
    const lines = scripts['fish']!.split('\n').filter((line) => line.startsWith('complete '));
    expect(lines).toContain(
      "complete -c tpsync -n '__fish_seen_subcommand_from plan' -l fail-on -x -a 'breaking warning' -d 'Exit 1 (after printing the plan) when a change is breaking, or breaking or a warning'",
    );
    expect(lines).toContain(
      "complete -c tpsync -n '__fish_seen_subcommand_from plan' -l out -r -F -d 'Save the plan as JSON, for `apply --plan-file`'",
    );
    expect(lines.filter((line) => line.includes('__fish_use_subcommand -a '))).toHaveLength(SPECS.length + 1);
  });

  it('refuses an unknown shell with a did-you-mean', async () => {
    const result = await runCli(['completion', 'bsh']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: tpsync completion: no completion for "bsh"');
    expect(result.stderr).toContain('did you mean `tpsync completion bash`?');
    expect((await runCli(['completion'])).stderr).toContain('missing <bash|zsh|fish>');
  });
});
