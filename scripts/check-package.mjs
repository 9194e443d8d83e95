// The npm package, as a user gets it: `npm pack`, check what the registry will show (the
// licence, `repository` for provenance, `exports`, and a README the registry does not cut at
// 64 KiB), install the tarball into an empty directory outside the repository, and run the quick
// start there (validate, apply --local, then a plan that must find nothing to do). The package is
// a command-line tool: its exports give the JSON Schema and package.json, and nothing to import.
// Prints what the install pulled and its size. CI runs it after checking that the committed
// bundle is fresh, so the tarball is packed without running `prepare`.
//
//   node scripts/check-package.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

async function sizeOf(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return { bytes: info.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(path)) {
    const sub = await sizeOf(join(path, entry));
    bytes += sub.bytes;
    files += sub.files;
  }
  return { bytes, files };
}

/** npm's registry shows a README of at most this many bytes, and cuts the rest. */
const README_LIMIT = 64 * 1024;

/** What the registry and provenance need from the packed tarball; throws naming what is missing. */
function checkTarball(packed, manifest) {
  const files = new Map(packed.files.map((file) => [file.path, file.size]));
  const problems = [];
  if (!files.has('LICENSE')) problems.push('no LICENSE');
  const readme = files.get('README.md');
  if (readme === undefined) problems.push('no README.md');
  else if (readme >= README_LIMIT)
    problems.push(`README.md is ${readme} bytes: the registry shows ${README_LIMIT} at most (64 KiB) and cuts the rest`);
  if (!/github\.com\/tpsync\/tpsync/.test(manifest.repository?.url ?? ''))
    problems.push('package.json has no `repository` (provenance needs it)');
  for (const path of ['./tracking-plan.schema.json', './package.json'])
    if (manifest.exports?.[path] === undefined) problems.push(`package.json's exports do not give ${path}`);
  if (problems.length > 0) throw new Error(`the packed tarball: ${problems.join('; ')}`);
  console.log(
    `tarball: LICENSE, repository ${manifest.repository.url}, exports ${Object.keys(manifest.exports).join(' ')}; README.md ${readme} bytes`,
  );
}

const work = await mkdtemp(join(tmpdir(), 'tpsync-package-'));
try {
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root))[0];
  const tarball = join(work, packed.filename);
  checkTarball(packed, JSON.parse(await readFile(join(root, 'package.json'), 'utf8')));
  const project = join(work, 'project');
  await cp(join(root, 'tracking-plan.example'), join(project, 'tracking-plan'), { recursive: true });
  await writeFile(join(project, 'package.json'), '{ "name": "tracking-plan", "private": true }\n');
  const started = performance.now();
  npm(['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], project);
  const installSeconds = (performance.now() - started) / 1000;

  const installed = await readdir(join(project, 'node_modules'));
  const packages = installed.filter((name) => !name.startsWith('.'));
  const size = await sizeOf(join(project, 'node_modules'));
  console.log(
    `tpsync ${packed.version}: tarball ${(packed.size / 1024).toFixed(0)} kB (${packed.entryCount} files); ` +
      `npm install took ${installSeconds.toFixed(1)} s and pulled ${packages.length} package(s) (${packages.join(', ')}), ` +
      `${(size.bytes / 1024 / 1024).toFixed(2)} MB in ${size.files} files`,
  );
  if (packages.length !== 1 || packages[0] !== 'tpsync') throw new Error(`the install pulled more than tpsync: ${packages.join(', ')}`);

  const steps = [
    [['validate', 'tracking-plan'], 0],
    [['apply', 'tracking-plan', '--local'], 0],
    [['plan', 'tracking-plan', '--local', '--detailed-exitcode'], 0],
  ];
  for (const [args, expected] of steps) {
    const run = spawnSync(join(project, 'node_modules', '.bin', 'tpsync'), args, {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], NO_COLOR: '1' },
    });
    const last = run.stdout.trim().split('\n').pop();
    console.log(`tpsync ${args.join(' ')} → exit ${run.status}: ${last}`);
    if (run.status !== expected) throw new Error(`tpsync ${args.join(' ')} exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  }

  // A command-line tool, not a library: the schema resolves by its export, the package itself does not.
  const probe = [
    "const schema = require(require.resolve('tpsync/tracking-plan.schema.json'));",
    "import('tpsync').then(() => process.exit(3), (error) => { console.log(schema.$id, error.code); });",
  ].join('\n');
  const exported = execFileSync(process.execPath, ['--input-type=commonjs', '-e', probe], { cwd: project, encoding: 'utf8' }).trim();
  console.log(`tpsync/tracking-plan.schema.json → $id ${exported.split(' ')[0]}; import('tpsync') → ${exported.split(' ')[1]}`);
  if (!exported.endsWith(' ERR_PACKAGE_PATH_NOT_EXPORTED')) throw new Error(`the package's exports: ${exported}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
