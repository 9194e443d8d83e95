// Bundles the tpsync command line with esbuild: dist-action/tpsync.mjs, which the npm package's
// `tpsync` runs (no runtime dependencies to install), and dist-action/action.mjs, the GitHub
// Action's entry (action.yml's `main`: it reads the inputs and runs the same code in its own
// process; no `npm ci` on the runner). The code both entries run is one shared chunk, loaded once.
// What a command loads only on demand (the emulator, the GitHub client, the payload
// check, the HTTP client) is split into dist-action/chunks/, loaded on first use: Node then
// compiles 1.1 MB instead of 2.5 MB to start (`tpsync --version` 0.14 → 0.09 s of wall time).
// Next to it, dist-action/LICENSES.txt carries the licence of every package the bundle includes.
// All are committed; the build is deterministic (chunk names are hashes of their content), and
// `--check` fails when the committed files differ from what the sources give (CI runs it).
//
//   node scripts/bundle.mjs          write dist-action/
//   node scripts/bundle.mjs --check  compare, write nothing
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const at = (path) => new URL(path, root);
const OUT_DIR = 'dist-action';
const BUNDLE = `${OUT_DIR}/tpsync.mjs`;
const ACTION = `${OUT_DIR}/action.mjs`;
const CHUNKS = `${OUT_DIR}/chunks`;
const LICENSES = `${OUT_DIR}/LICENSES.txt`;

/**
 * CommonJS packages inside an ES module bundle still call `require` for Node's built-ins, and
 * an ES module has none: the banner gives them one.
 */
const BANNER = [
  '// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.',
  "import { createRequire as __tpsyncCreateRequire } from 'node:module';",
  'const require = __tpsyncCreateRequire(import.meta.url);',
].join('\n');

/**
 * src/cli/version.ts imports package.json for its version: the bundle gets only the name and the
 * version, so that editing a script or a development dependency leaves the bundle as it is.
 */
const versionOnly = {
  name: 'version-only',
  setup(b) {
    const manifest = at('package.json').pathname;
    b.onLoad({ filter: /[/\\]package\.json$/ }, async (args) => {
      if (args.path !== manifest) return undefined;
      const { name, version } = JSON.parse(await readFile(manifest, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/**
 * got imports three packages for options tpsync never sets (`http2`, `cache`, `dnsCache`; see
 * src/secoda/got-sender.ts): in the bundle they are small stand-ins that throw if ever used
 * (scripts/bundle-stubs/). The HTTP client chunk goes from 284 to 186 kB, and loading it from
 * 49 to 37 ms beyond Node's start (median of 30, this repository's development machine): time
 * before the first request leaves.
 */
const GOT_OPTIONAL = /^(?:http2-wrapper|cacheable-request|cacheable-lookup)$/;
const gotOptionalStubs = {
  name: 'got-optional-stubs',
  setup(b) {
    b.onResolve({ filter: GOT_OPTIONAL }, (args) => {
      // Only got's own imports: anything else asking for these gets the real package.
      if (!/[/\\]node_modules[/\\]got[/\\]/.test(args.importer)) return undefined;
      return { path: at(`scripts/bundle-stubs/${args.path}.mjs`).pathname };
    });
  },
};

/**
 * `{ files, code, licences }`: `files` maps each output path (relative to the repository:
 * dist-action/tpsync.mjs, dist-action/action.mjs and dist-action/chunks/*.mjs) to its text;
 * `code` is the command line's entry's.
 */
export async function bundle() {
  const result = await build({
    entryPoints: { tpsync: at('src/cli/main.ts').pathname, action: at('src/cli/action-main.ts').pathname },
    absWorkingDir: root.pathname,
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: BANNER },
    // Whitespace and syntax only: names stay readable in a stack trace, and the file parses fast.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // Paths in the bundle (esbuild names modules by them) as the checkout sees them: a
    // node_modules that is a link (a git worktree sharing another checkout's) must not put
    // "../../elsewhere/node_modules/…" into the committed files. npm installs no other links.
    preserveSymlinks: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [versionOnly, gotOptionalStubs],
  });
  const files = new Map(
    result.outputFiles.map((file) => [file.path.slice(root.pathname.length), file.text]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const code = files.get(BUNDLE);
  if (code === undefined || !files.has(ACTION)) throw new Error('esbuild wrote no bundle');
  return { files, code, licences: await licences(result.metafile) };
}

/** The chunk files now in dist-action/chunks/ (relative paths), to find those no build makes any more. */
async function committedChunks() {
  const names = await readdir(at(`${CHUNKS}/`)).catch(() => []);
  return names.filter((name) => name.endsWith('.mjs')).map((name) => `${CHUNKS}/${name}`);
}

/** Each package whose files are in the bundle, with its licence text, sorted by name. */
async function licences(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const dir = input.slice(0, match.index + match[0].length);
    packages.set(dir, match[1]);
  }
  const entries = [];
  for (const [dir, name] of packages) {
    const manifest = JSON.parse(await readFile(at(`${dir}package.json`), 'utf8'));
    const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'license.md', 'LICENCE', 'LICENSE-MIT'].find((f) =>
      existsSync(at(`${dir}${f}`)),
    );
    const text = file
      ? (await readFile(at(`${dir}${file}`), 'utf8')).trim()
      : `(no licence file; package.json says ${manifest.license ?? 'nothing'})`;
    entries.push({
      key: `${name}@${manifest.version}`,
      text: `${name} ${manifest.version} — ${manifest.license ?? 'see below'}\n\n${text}`,
    });
  }
  const unique = new Map(entries.map((entry) => [entry.key, entry.text]));
  const sorted = [...unique.keys()].sort();
  return (
    `Third-party software bundled in dist-action/ (${sorted.length} packages)\n` +
    `${'='.repeat(72)}\n\n` +
    sorted.map((key) => `${unique.get(key)}\n\n${'-'.repeat(72)}\n`).join('\n')
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, licences: text } = await bundle();
  const leftovers = (await committedChunks()).filter((path) => !files.has(path));
  if (process.argv.includes('--check')) {
    const stale = [...leftovers];
    for (const [path, content] of files) if ((await readFile(at(path), 'utf8').catch(() => '')) !== content) stale.push(path);
    if ((await readFile(at(LICENSES), 'utf8').catch(() => '')) !== text) stale.push(LICENSES);
    if (stale.length > 0) {
      console.error(
        `${stale.join(' and ')} ${stale.length === 1 ? 'does' : 'do'} not match the sources: run \`npm run bundle\` and commit the result.`,
      );
      process.exit(1);
    }
  } else {
    await mkdir(at(`${CHUNKS}/`), { recursive: true });
    for (const path of leftovers) await rm(at(path));
    for (const [path, content] of files) await writeFile(at(path), content);
    await writeFile(at(LICENSES), text);
  }
}
