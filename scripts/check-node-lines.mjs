// tpsync on the Node.js lines it supports beside the machine's own (CI's full suite runs on that
// one, Node 20): for Node 22, 24 and 26, as the npm registry ships them (the node-<os>-<arch>
// packages; CI reaches the registry and nothing else), in a clean copy of this checkout:
//
//   1. `npm ci`, which must print no warning at all (npm runs on that Node);
//   2. the README's quick start: `npx tpsync apply tracking-plan.example --local`, then the plan
//      that must find nothing to do (`--detailed-exitcode` exits 0), and `validate`;
//   3. the bundle's smoke tests (test/github/bundle.test.ts: the committed bundle is what the
//      sources give, and runs alone outside the repository), and on Node 24, the Node the
//      GitHub runner starts the Action with, the Action's tests (test/github/action*.test.ts).
//
// The lines run side by side (each in its own copy): most of the time is npm ci and the build,
// which wait on the disk and the registry as much as on the CPU.
//
//   node scripts/check-node-lines.mjs [22 24 26]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFromNpm } from './npm-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const LINES = process.argv.slice(2).length > 0 ? process.argv.slice(2).map(Number) : [22, 24, 26];
/** The Node a GitHub runner runs the Action with (action.yml's `runs.using: node24`). */
const ACTION_NODE = 24;

/** The files of this checkout, as a clean clone holds them: tracked and not ignored, as they are now. */
function cleanCopy(target) {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
  for (const path of new Set(listed.stdout.split('\0'))) {
    if (path === '' || !existsSync(join(root, path))) continue;
    mkdirSync(dirname(join(target, path)), { recursive: true });
    cpSync(join(root, path), join(target, path));
  }
}

/** Runs `command` in `cwd` with `node` first on the PATH; rejects on a non-zero exit, with the output. */
function run(label, command, args, cwd, nodeDir) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, PATH: `${nodeDir}${delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (status === 0) resolve({ stdout, stderr, seconds });
      else reject(new Error(`${label} exited ${status} after ${seconds} s\n${stdout}\n${stderr}`));
    });
  });
}

/** Everything for one Node line, in `work`; resolves to its summary line. */
async function checkLine(line, work) {
  const node = nodeFromNpm(line, join(work, `node-${line}`));
  const nodeDir = dirname(node);
  const checkout = join(work, `checkout-${line}`);
  cleanCopy(checkout);
  const version = (await run('node --version', 'node', ['--version'], checkout, nodeDir)).stdout.trim();
  if (!version.startsWith(`v${line}.`)) throw new Error(`the PATH gives node ${version}, not ${line}`);

  const ci = await run(`npm ci on Node ${line}`, 'npm', ['ci', '--no-audit', '--no-fund'], checkout, nodeDir);
  const warnings = `${ci.stdout}\n${ci.stderr}`.split('\n').filter((l) => /^npm warn/i.test(l));
  if (warnings.length > 0) throw new Error(`npm ci on Node ${version} warned:\n${warnings.join('\n')}`);

  const npx = (...args) => run(`npx tpsync ${args.join(' ')} on Node ${line}`, 'npx', ['tpsync', ...args], checkout, nodeDir);
  const apply = await npx('apply', 'tracking-plan.example', '--local');
  if (!apply.stdout.includes('Verified')) throw new Error(`apply --local on Node ${line} did not verify:\n${apply.stdout}`);
  await npx('plan', 'tracking-plan.example', '--local', '--detailed-exitcode');
  await npx('validate', 'tracking-plan.example');

  const tests = [
    'test/github/bundle.test.ts',
    ...(line === ACTION_NODE ? ['test/github/action.test.ts', 'test/github/action-signals.test.ts'] : []),
  ];
  const vitest = await run(
    `vitest on Node ${line}`,
    'node',
    [join('node_modules', 'vitest', 'vitest.mjs'), 'run', ...tests],
    checkout,
    nodeDir,
  );
  rmSync(checkout, { recursive: true, force: true });
  return (
    `Node ${version}: npm ci ${ci.seconds} s, no warning; quick start passed (apply --local ${apply.seconds} s, plan, validate); ` +
    `${tests.map((t) => t.replace('test/github/', '')).join(', ')}: ${/Tests\s+(\d+ passed)/.exec(vitest.stdout)?.[1] ?? 'passed'} (${vitest.seconds} s)`
  );
}

const work = mkdtempSync(join(tmpdir(), 'tpsync-node-lines-'));
try {
  // Installed one after the other (npm's cache is shared), then checked side by side.
  const results = await Promise.allSettled(LINES.map((line) => checkLine(line, work).then((summary) => console.log(summary))));
  const failures = results.filter((result) => result.status === 'rejected');
  for (const failure of failures) console.error(failure.reason instanceof Error ? failure.reason.message : failure.reason);
  if (failures.length > 0) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
