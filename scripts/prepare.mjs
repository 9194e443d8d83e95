// `prepare`: build after `npm ci` / `npm install` in a checkout and before `npm pack`.
//
// Not when `npx tpsync` runs in this checkout: npm's libnpmexec then "installs" the checkout
// into npx's cache so that its bin is linked (installLinks: false), and pacote's directory
// fetcher runs `prepare` before it copies the package's files, which built everything a second
// time right after `npm ci` (about 18 s). The copy holds only the files the package ships, and
// its `tpsync` runs the committed bundle (dist-action/tpsync.mjs): nothing needs building.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';

const root = new URL('..', import.meta.url);
if (process.env['npm_command'] === 'exec' && existsSync(new URL('dist-action/tpsync.mjs', root))) process.exit(0);
// A package being packed or published ships the bundle: make it from these sources.
const scripts = ['pack', 'publish'].includes(process.env['npm_command'] ?? '') ? ['build', 'bundle'] : ['build'];
const npm = process.env['npm_execpath'];
for (const script of scripts) {
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', script], { stdio: 'inherit', cwd: root })
    : spawnSync('npm', ['run', script], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
