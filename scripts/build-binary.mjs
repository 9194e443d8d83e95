// `npm run build:binary`: tpsync as one executable file for the machine it runs on, with Node.js
// inside (Node's single executable applications), from the committed bundle in dist-action/:
// dist-binary/tpsync (dist-binary/tpsync.exe on Windows). It needs nothing beside it: no Node,
// no node_modules.
//
// The bundle loads its chunks on demand (dynamic imports), and a single executable runs one
// script: esbuild joins the entry and every chunk into one ES module first. The executable is
// built by a Node that has `--build-sea` (25.5 and later): this one if it can, else Node 26 from
// the npm registry (node-<os>-<arch>). On Linux the copy of Node is stripped of its symbols
// first (about 30 MB less); on macOS the result is signed ad hoc, which Apple silicon requires.
//
//   npm run build:binary
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { canBuildSea, nodeFromNpm } from './npm-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(root, 'dist-binary');
/** The Node.js line the executable carries when this Node cannot build one. */
const SEA_NODE_MAJOR = 26;

/** Whether `command` can be run here (`strip`, `codesign`). */
function has(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return error.code !== 'ENOENT';
  }
}

/**
 * Builds the executable and returns its path. `work` holds the joined script, the Node copy and
 * (when this Node cannot build one) the Node from npm; it is removed afterwards.
 */
export async function buildBinary() {
  const output = join(OUT_DIR, process.platform === 'win32' ? 'tpsync.exe' : 'tpsync');
  const work = mkdtempSync(join(tmpdir(), 'tpsync-binary-'));
  try {
    const script = join(work, 'tpsync.mjs');
    await build({
      entryPoints: [join(root, 'dist-action', 'tpsync.mjs')],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'warning',
    });
    const node = canBuildSea(process.version) ? process.execPath : nodeFromNpm(SEA_NODE_MAJOR, join(work, 'node'));
    let executable = node;
    if (process.platform === 'linux' && has('strip')) {
      executable = join(work, 'node-stripped');
      copyFileSync(node, executable);
      execFileSync('strip', [executable]);
    }
    const config = join(work, 'sea-config.json');
    writeFileSync(
      config,
      JSON.stringify({ main: script, mainFormat: 'module', executable, output, disableExperimentalSEAWarning: true }, null, 2),
    );
    mkdirSync(OUT_DIR, { recursive: true });
    rmSync(output, { force: true });
    execFileSync(node, ['--build-sea', config], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (process.platform === 'darwin' && has('codesign')) execFileSync('codesign', ['--force', '--sign', '-', output]);
    if (!existsSync(output)) throw new Error(`node --build-sea wrote no ${output}`);
    return output;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output = await buildBinary();
  const bytes = statSync(output).size;
  console.log(
    `${output.slice(root.length)}: ${(bytes / 1024 / 1024).toFixed(0)} MiB, ${bytes} bytes (${process.platform}-${process.arch})`,
  );
}
