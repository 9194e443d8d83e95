// Text from data — titles from a pull request's YAML, from Secoda, event names from production
// payloads — is shown, never obeyed: no mention, reference or HTML in the Markdown GitHub renders
// (the delete guard's note quotes titles), and no control sequence that a terminal or a CI log
// would act on (one that erases the line above could hide a delete from the operator who types
// "yes").
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const TOKEN = 'hostile-text-token-5f1c';
/** Cursor up, erase line: the line above disappears from a terminal. */
const ERASE_LINE_ABOVE = '\u001b[1A\u001b[2K';
// eslint-disable-next-line no-control-regex -- looking for the escape character is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

let dir: string;
let secoda: RunningEmulator;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-hostile-'));
  secoda = await startEmulator({ token: TOKEN });
});
afterEach(async () => {
  await secoda.close();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ SECODA_API_URL: secoda.url, SECODA_API_TOKEN: TOKEN });

async function writePlan(yaml: string): Promise<string> {
  await mkdir(join(dir, 'plan'), { recursive: true });
  await writeFile(join(dir, 'plan', 'plan.yaml'), `version: 1\nintegration: ${INTEGRATION}\n${yaml}`);
  return 'plan';
}

/** The Markdown with code spans and fenced blocks removed: GitHub links nothing inside them. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

describe("the delete guard's note in the Markdown plan", () => {
  it('quotes the moved event and its categories as text: no mention, reference or HTML', async () => {
    const old = secoda.store.insert('event_category', { title: 'Old #7', integration: INTEGRATION });
    secoda.store.insert('event', { title: '@octocat <!-- moved', parent: old.id, integration: INTEGRATION });
    const path = await writePlan(
      `categories:\n  - title: "Old #7"\n  - title: "@admins <img src=x>"\n    events:\n      - title: "@octocat <!-- moved"\n`,
    );
    const result = await runCli(['plan', path, '--markdown', '--max-deletes', '0', '--writes-per-minute', '0'], env(), { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const note = result.stdout.split('\n').filter((line) => line.startsWith('> '));
    expect(note.join('\n')).toContain('apply refuses it unless given --allow-deletes');
    expect(note.join('\n')).toContain('moves to category');
    const text = outsideCode(note.join('\n'));
    expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/<!--|<img/);
  }, 60_000);
});

describe('control characters from data', () => {
  it('are shown as escapes in the plan and the apply that a terminal shows, never sent raw', async () => {
    // Made long ago: the apply has no other run to wait for under it.
    const cat = secoda.store.insert('event_category', { title: 'Shop', integration: INTEGRATION, created_at: '2024-01-01T00:00:00Z' });
    // In Secoda, not in the YAML: planned as deletes, whose titles come from Secoda as they are.
    secoda.store.insert('event', { title: 'Order Refunded', parent: cat.id, integration: INTEGRATION });
    secoda.store.insert('event', { title: `Hide${ERASE_LINE_ABOVE}`, parent: cat.id, integration: INTEGRATION });
    // And from the YAML: an enum value that conceals what follows it.
    const path = await writePlan(
      `categories:\n  - title: Shop\n    events:\n      - title: Viewed\n        properties:\n          - title: p\n            type: enum\n            enum: ["a\\e[8m", b]\n`,
    );
    const planned = await runCli(['plan', path, '--writes-per-minute', '0'], { ...env(), NO_COLOR: '', FORCE_COLOR: '1' }, { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('event Shop › Order Refunded');
    expect(planned.stdout).toContain('event Shop › Hide\\u001b[1A\\u001b[2K');
    expect(planned.stdout).toContain('enum: [a\\u001b[8m, b]');
    // tpsync's own colours are kept; nothing else of the kind is sent.
    expect(planned.stdout).toContain('\u001b[31m');
    // eslint-disable-next-line no-control-regex -- the escape character is the point
    expect(planned.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_CONTROL);

    const applied = await runCli(['apply', path, '--auto-approve', '--allow-deletes', '--writes-per-minute', '0'], env(), { cwd: dir });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Hide\\u001b[1A\\u001b[2K');
    expect(applied.stdout + applied.stderr).not.toMatch(RAW_CONTROL);
  }, 60_000);

  it("are shown as escapes in check's report of payloads' event and property names", async () => {
    const path = await writePlan('categories:\n  - title: Shop\n    events:\n      - title: Viewed\n');
    await writeFile(
      join(dir, 'payloads.ndjson'),
      `${JSON.stringify({ event: 'Viewed\u001b[2J\u001b[HAll clean', properties: {} })}\n${JSON.stringify({ event: 'Viewed', properties: { '\u202etxt.exe': 1 } })}\n`,
    );
    const result = await runCli(['check', path, 'payloads.ndjson'], {}, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Viewed\\u001b[2J\\u001b[HAll clean: not in the plan');
    expect(result.stdout).toContain('\\u202etxt.exe');
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
  }, 60_000);
});
