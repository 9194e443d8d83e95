/**
 * `plan` names who made the drift (issue 23, item 4): from Secoda's audit log, in text, Markdown
 * and JSON; a key without the permission (403) or an empty log adds nothing and fails nothing; a
 * plan without drift asks the log nothing. Over real HTTP to the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DrfError } from '../../src/emulator/drf-errors.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'drift-names-token-4c1f';
const ANA_KEY = 'ana-key-9e2b';
const EXAMPLE = 'tracking-plan.example';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let emulator: RunningEmulator;
afterEach(() => emulator.close());

async function start(options: EmulatorOptions = {}): Promise<Record<string, string>> {
  emulator = await startEmulator({ token: TOKEN, apiKeys: { [ANA_KEY]: { email: 'ana@acme.com', first_name: 'Ana' } }, ...options });
  return { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
}

/** Ana edits an event's description in Secoda, through the API with her key. */
async function anaEdits(title: string): Promise<string> {
  const event = emulator.store.list('event').find((e) => e.title === title)!;
  const response = await fetch(`${emulator.url}/event/events/${event.id}/`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${ANA_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'Rewritten in the UI.' }),
  });
  expect(response.status).toBe(200);
  // The day of her change, as the emulator's audit log wrote it (UTC).
  return emulator.audit.entries.at(-1)!.logged_at.slice(0, 10);
}

const auditRequests = () => emulator.log.entries.filter((e) => e.route === '/activity_log/audit_logs');

describe('plan names who changed Secoda', () => {
  it('in text, Markdown and JSON, from the newest entry of the audit log', async () => {
    const env = await start();
    expect((await runCli(['apply', EXAMPLE, '--auto-approve', '--writes-per-minute', '0'], env)).code).toBe(0);
    const day = await anaEdits('Products Searched');
    const note = `changed in Secoda by ana@acme.com on ${day}`;

    const text = await runCli(['plan', EXAMPLE], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`~ event Search › Products Searched  (${note})`);
    expect(text.stderr).toBe('');

    const markdown = await runCli(['plan', EXAMPLE, '--markdown'], env);
    expect(markdown.stdout).toContain(`event Search › Products Searched  (${note})`);

    const json = await runCli(['plan', EXAMPLE, '--json'], env);
    const ops = (JSON.parse(json.stdout) as { operations: { path: string[]; changed_in_secoda?: unknown }[] }).operations;
    expect(ops.map((op) => [op.path.join('/'), op.changed_in_secoda])).toEqual([
      [
        'Search/Products Searched',
        {
          by: 'ana@acme.com',
          on: day,
          logged_at: expect.stringMatching(new RegExp(`^${day}T`)) as unknown,
          activity: 'update',
          text: note,
        },
      ],
    ]);
    // Asked about the drifted resource only, once per plan.
    expect(auditRequests()).toHaveLength(3);
    const asked = JSON.parse(auditRequests()[0]!.query['filter'] ?? '') as { value: string[] };
    expect(asked).toMatchObject({ operator: 'in', field: 'resource_id' });
    expect(asked.value).toHaveLength(1);
  });

  it('asks nothing of the audit log when there is no drift', async () => {
    const env = await start();
    expect((await runCli(['apply', EXAMPLE, '--auto-approve', '--writes-per-minute', '0'], env)).code).toBe(0);
    const planned = await runCli(['plan', EXAMPLE, '--detailed-exitcode'], env);
    expect(planned.code).toBe(0);
    // The first plan (a create of everything: no drift) asked nothing either.
    expect(auditRequests()).toEqual([]);
  });

  it('adds nothing and fails nothing for a key without the permission (403)', async () => {
    const env = await start({
      apiKeys: { [ANA_KEY]: { email: 'ana@acme.com' }, [TOKEN]: { email: 'ci@acme.com', auditLogAccess: false } },
    });
    expect((await runCli(['apply', EXAMPLE, '--auto-approve', '--writes-per-minute', '0'], env)).code).toBe(0);
    await anaEdits('Products Searched');
    for (const format of [[], ['--markdown'], ['--json']]) {
      const planned = await runCli(['plan', EXAMPLE, '--detailed-exitcode', ...format], env);
      expect(planned.code).toBe(2);
      expect(planned.stdout).toContain('Products Searched');
      expect(planned.stdout).not.toContain('changed in Secoda');
      expect(planned.stdout).not.toContain('changed_in_secoda');
      expect(planned.stderr).toBe('');
    }
    expect(auditRequests().map((e) => e.status)).toEqual([403, 403, 403]);
  });

  it('adds nothing and fails nothing for an empty log', async () => {
    const env = await start();
    // Secoda holds an event the YAML lacks, made where the log did not see it.
    const category = emulator.store.insert('event_category', { title: 'Search', integration: INTEGRATION });
    emulator.store.insert('event', { title: 'Made Elsewhere', integration: INTEGRATION, parent: category.id });
    const planned = await runCli(['plan', EXAMPLE, '--json'], env);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('"Made Elsewhere"');
    expect(planned.stdout).not.toContain('changed_in_secoda');
    expect(planned.stderr).not.toContain('audit log');
    expect(auditRequests().map((e) => e.status)).toEqual([200]);
  });

  it('warns, and still plans, when the audit log cannot be read', async () => {
    const env = await start();
    expect((await runCli(['apply', EXAMPLE, '--auto-approve', '--writes-per-minute', '0'], env)).code).toBe(0);
    await anaEdits('Products Searched');
    emulator.gate = (entry) => {
      if (entry.route === '/activity_log/audit_logs') throw new DrfError(400, { detail: 'The log is being rebuilt.' });
    };
    const planned = await runCli(['plan', EXAMPLE, '--detailed-exitcode'], env);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('~ event Search › Products Searched');
    expect(planned.stdout).not.toContain('changed in Secoda');
    expect(planned.stderr).toMatch(
      /^warning: the plan does not say who changed Secoda: its audit log could not be read \(.*The log is being rebuilt\./,
    );
  });
});
