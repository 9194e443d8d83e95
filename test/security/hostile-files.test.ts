// tpsync reads only the regular files it means to read. A checkout (or a hand) may put a named
// pipe, a link to a device or to a secret, at a path a command reads to compare or to load:
// `schema --out` / `--check` and `codegen --out` / `--check` compare what is there with what
// they would write, and `--local` keeps its Secoda in `.tpsync/`. Such an entry is replaced
// without being read or refused by name; it never hangs a command, and no error quotes a file.
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/emulator/persistence.js';
import { startEmulator } from '../../src/emulator/server.js';
import { REPO_ROOT, spawnCli, type SpawnResult } from '../support/spawn-cli.js';

const HANG_GUARD_MS = 10_000;
/** What a file outside the output holds: it must never show in any output. */
const SECRET = 'sntlFILEsecret-do-not-print-7f3a';
const SCHEMA = 'checkout.order-completed.schema.json';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-hostile-files-'));
  await writeFile(join(dir, 'secret.txt'), `${SECRET} ${SECRET}\n`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const plan = join(REPO_ROOT, 'tracking-plan.example');

/** Runs tpsync in `dir`; a run still going after HANG_GUARD_MS is killed and fails the test. */
async function tpsync(args: string[]): Promise<SpawnResult> {
  const run = spawnCli(args, { cwd: dir });
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HANG_GUARD_MS)));
  const ended = await Promise.race([run, hung]);
  clearTimeout(timer);
  if (ended !== 'hung') return ended;
  run.kill('SIGKILL');
  await run;
  throw new Error(`tpsync ${args.join(' ')} hung`);
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

function expectNoSecret(result: SpawnResult): void {
  expect(result.stdout + result.stderr).not.toContain(SECRET.slice(0, 12));
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe.skipIf(process.platform === 'win32')('schema --out and --check', () => {
  beforeEach(async () => {
    await mkdir(join(dir, 'schemas'));
  });

  it.each([[[]], [['--check']]])('refuse a named pipe at a schema file name by name, without opening it %j', async (extra) => {
    mkfifo(join(dir, 'schemas', SCHEMA));
    const result = await tpsync(['schema', plan, '--out', 'schemas', ...extra]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`schemas/${SCHEMA} is not a file: it is a named pipe (FIFO)`);
    expect((await lstat(join(dir, 'schemas', SCHEMA))).isFIFO()).toBe(true);
  });

  it('refuse a link to a device (/dev/zero) by name, without reading it', async () => {
    await symlink('/dev/zero', join(dir, 'schemas', SCHEMA));
    const result = await tpsync(['schema', plan, '--out', 'schemas']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`schemas/${SCHEMA} is a symbolic link to a device`);
    expect(await readlink(join(dir, 'schemas', SCHEMA))).toBe('/dev/zero');
  });

  it('refuse a link to a named pipe by name, without opening it', async () => {
    mkfifo(join(dir, 'pipe'));
    await symlink(join(dir, 'pipe'), join(dir, 'schemas', SCHEMA));
    const result = await tpsync(['schema', plan, '--out', 'schemas', '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`schemas/${SCHEMA} is a symbolic link to a named pipe (FIFO)`);
  });

  it('--check does not follow a link to a file that holds the right text: it is out of date, to be replaced', async () => {
    expect((await tpsync(['schema', plan, '--out', 'schemas'])).code).toBe(0);
    // The right text, kept outside, and the schema file a link to it.
    await writeFile(join(dir, 'kept.json'), await readFile(join(dir, 'schemas', SCHEMA)));
    await rm(join(dir, 'schemas', SCHEMA));
    await symlink(join(dir, 'kept.json'), join(dir, 'schemas', SCHEMA));
    const checked = await tpsync(['schema', plan, '--out', 'schemas', '--check']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`changed  ${SCHEMA}`);
    const written = await tpsync(['schema', plan, '--out', 'schemas']);
    expect(written.code, written.stderr).toBe(0);
    expect((await lstat(join(dir, 'schemas', SCHEMA))).isFile()).toBe(true);
  });

  it('a large file at a schema name is replaced (its size differs: not read), a large stranger is left alone', async () => {
    // Sparse files: large on paper, nothing on disk.
    for (const name of [SCHEMA, 'huge.schema.json']) {
      await writeFile(join(dir, 'schemas', name), '');
      await truncate(join(dir, 'schemas', name), 3 * 1024 ** 3);
    }
    const result = await tpsync(['schema', plan, '--out', 'schemas']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'schemas', SCHEMA), 'utf8'))).toMatchObject({ title: 'Order Completed' });
    expect((await lstat(join(dir, 'schemas', 'huge.schema.json'))).size).toBe(3 * 1024 ** 3);
  });
});

describe.skipIf(process.platform === 'win32')('codegen --out and --check', () => {
  it('refuse a named pipe by name', async () => {
    mkfifo(join(dir, 'tracking.ts'));
    const result = await tpsync(['codegen', plan, '--out', 'tracking.ts', '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--out tracking.ts is not a file: it is a named pipe (FIFO)');
  });

  it('--check does not follow a link to a file that holds the right code', async () => {
    expect((await tpsync(['codegen', plan, '--out', 'kept.ts'])).code).toBe(0);
    await symlink(join(dir, 'kept.ts'), join(dir, 'tracking.ts'));
    const result = await tpsync(['codegen', plan, '--out', 'tracking.ts', '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tracking.ts is a symbolic link (tpsync does not follow it)');
  });
});

describe.skipIf(process.platform === 'win32')('the --local store, .tpsync/', () => {
  const local = ['plan', plan, '--local'];

  it('works as a directory of its own', async () => {
    const result = await tpsync(local);
    expect(result.code, result.stderr).toBe(0);
    expect((await lstat(join(dir, '.tpsync', 'emulator.json'))).isFile()).toBe(true);
  });

  it('is refused by name when .tpsync is a link (to a directory elsewhere)', async () => {
    await mkdir(join(dir, 'elsewhere'));
    await symlink(join(dir, 'elsewhere'), join(dir, '.tpsync'));
    const result = await tpsync(local);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.tpsync is a symbolic link');
    expect(await readFile(join(dir, 'elsewhere', 'emulator.json'), 'utf8').catch(() => 'none')).toBe('none');
  });

  it.each([
    ['emulator.json', 'a file outside', () => join(dir, 'secret.txt')],
    ['emulator.json', 'a device', () => '/dev/zero'],
    ['lock', 'a device', () => '/dev/zero'],
    ['.gitignore', 'a file outside', () => join(dir, 'secret.txt')],
  ])('is refused by name when .tpsync/%s is a link to %s, and nothing of the target is shown', async (name, _what, target) => {
    await mkdir(join(dir, '.tpsync'));
    await symlink(target(), join(dir, '.tpsync', name));
    const result = await tpsync(local);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`.tpsync/${name} is a symbolic link`);
    expectNoSecret(result);
    expect(await readFile(join(dir, 'secret.txt'), 'utf8')).toBe(`${SECRET} ${SECRET}\n`);
  });

  it('a named pipe as .tpsync/emulator.json is refused by name, not waited on', async () => {
    await mkdir(join(dir, '.tpsync'));
    mkfifo(join(dir, '.tpsync', 'emulator.json'));
    const result = await tpsync(local);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.tpsync/emulator.json is not a file: it is a named pipe (FIFO)');
  });

  it('a data file that is not JSON is reported by where it breaks, quoting none of it', async () => {
    await mkdir(join(dir, '.tpsync'));
    for (const text of [`${SECRET}\n`, `{"format": "tpsync-emulator", ${SECRET}}`]) {
      await writeFile(join(dir, '.tpsync', 'emulator.json'), text);
      const result = await tpsync(local);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/\.tpsync\/emulator\.json: not valid JSON/);
      expectNoSecret(result);
    }
  });
});

describe.skipIf(process.platform === 'win32')('tpsync emulator --data', () => {
  it('refuses a link or a pipe by name, quoting nothing of what it leads to', async () => {
    await symlink(join(dir, 'secret.txt'), join(dir, 'linked.json'));
    mkfifo(join(dir, 'pipe.json'));
    for (const [file, problem] of [
      ['linked.json', 'is a symbolic link'],
      ['pipe.json', 'is a named pipe (FIFO)'],
    ] as const) {
      const result = await tpsync(['emulator', '--port', '0', '--data', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${file}: it ${problem}`);
      expectNoSecret(result);
    }
  });
});

describe('the emulator data file, loaded', () => {
  it.each([
    ['a timestamp', { id: 'a', title: 'A', kind: 'event_category', created_at: SECRET }],
    ['an id used twice', { id: SECRET, title: 'A', kind: 'event_category', created_at: '2024-01-01T00:00:00Z' }],
  ])('names the place of a bad value (%s), never the value', async (_what, resource) => {
    const dataFile = join(dir, 'data.json');
    await writeFile(dataFile, JSON.stringify({ format: 'tpsync-emulator', version: 1, resources: [resource, resource] }));
    const error = await startEmulator({ dataFile }).then(
      async (emulator) => {
        await emulator.close();
        return undefined;
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).userMessage).toMatch(/resources\[[01]\]/);
    expect((error as DataFileError).userMessage).not.toContain(SECRET.slice(0, 12));
  });
});
