// The single executable that `npm run build:binary` made, run as a user without Node would run
// it: copied alone into an empty directory outside the checkout, under a PATH that holds no
// `node` (nor anything else), every
// command once — validate, apply and plan against the embedded emulator (--local), schema,
// check, codegen, pull, the emulator itself, and completion. CI runs it after the build.
//
//   npm run build:binary && node scripts/check-binary.mjs
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.platform === 'win32' ? 'tpsync.exe' : 'tpsync';
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

const work = mkdtempSync(join(tmpdir(), 'tpsync-binary-check-'));
const emptyPath = join(work, 'empty-path');
mkdirSync(emptyPath);
// Alone, away from the checkout: nothing beside it to lean on.
const binary = join(work, 'bin', name);
mkdirSync(join(work, 'bin'));
copyFileSync(join(root, 'dist-binary', name), binary);
chmodSync(binary, 0o755);
const env = { PATH: emptyPath, NO_COLOR: '1', HOME: work };

function fail(message, run) {
  throw new Error(`${message}${run ? `\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}` : ''}`);
}

/** Runs the binary with `args` in the work directory; fails unless it exits `expected`. */
function tpsync(args, expected = 0) {
  const run = spawnSync(binary, args, { cwd: work, env, encoding: 'utf8' });
  if (run.error) fail(`${binary} ${args.join(' ')}: ${run.error.message}`);
  if (run.status !== expected) fail(`tpsync ${args.join(' ')} exited ${run.status}, not ${expected}`, run);
  console.log(`tpsync ${args.join(' ')} → exit ${run.status}: ${run.stdout.trim().split('\n').pop()}`);
  return run;
}

/** `tpsync emulator --port 0`: waits for its address, asks it for the categories, stops it with SIGINT. */
async function emulator() {
  const child = spawn(binary, ['emulator', '--port', '0', '--token', 'binary-check'], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const url = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`tpsync emulator exited ${code} before listening:\n${stdout}`)));
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
  });
  const response = await fetch(`${url}/event/category/`, { headers: { authorization: 'Bearer binary-check' } });
  const body = await response.json();
  if (response.status !== 200 || body.count !== 0) fail(`the emulator answered ${response.status} ${JSON.stringify(body)}`);
  const code = await new Promise((resolve) => {
    child.removeAllListeners('close');
    child.on('close', resolve);
    child.kill('SIGINT');
  });
  if (code !== 130) fail(`tpsync emulator exited ${code} on SIGINT, not 130`);
  console.log(`tpsync emulator → ${url}: GET /event/category/ 200, exit 130 on SIGINT`);
}

try {
  if (process.platform !== 'win32' && spawnSync('node', ['--version'], { env }).error?.code !== 'ENOENT') fail('`node` is on the PATH');
  cpSync(join(root, 'tracking-plan.example'), join(work, 'plan'), { recursive: true });

  const printed = tpsync(['--version']).stdout;
  if (printed !== `${version}\n`) fail(`--version printed ${JSON.stringify(printed)}, not "${version}\\n"`);
  tpsync(['validate', 'plan']);
  if (!tpsync(['apply', 'plan', '--local']).stdout.includes('Verified')) fail('apply --local did not verify');
  tpsync(['plan', 'plan', '--local', '--detailed-exitcode']);
  tpsync(['schema', 'plan', '--out', 'schemas', '--index']);
  if (readdirSync(join(work, 'schemas')).length < 34) fail('schema wrote fewer files than the plan has events');
  writeFileSync(join(work, 'payloads.ndjson'), '{"event":"No Such Event","properties":{}}\n');
  if (!tpsync(['check', 'plan', 'payloads.ndjson'], 1).stdout.includes('No Such Event')) fail('check did not report the unknown event');
  tpsync(['codegen', 'plan', '--lang', 'typescript', '--out', 'tracking.ts']);
  if (!readFileSync(join(work, 'tracking.ts'), 'utf8').includes('export')) fail('codegen wrote no module');
  tpsync(['pull', '--local', '--integration', INTEGRATION, '--out', 'pulled/']);
  tpsync(['plan', 'pulled', '--local', '--detailed-exitcode']);
  await emulator();
  if (!tpsync(['completion', 'bash']).stdout.includes('complete -F')) fail('completion bash printed no completion');
} finally {
  rmSync(work, { recursive: true, force: true });
}
