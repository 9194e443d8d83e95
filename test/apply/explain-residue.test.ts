/**
 * When verification after apply still finds a difference that the write should have removed, the
 * run says which field Secoda changed and how (issue 11, item 4).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeChange } from '../../src/apply/explain-residue.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';

describe('describeChange: how Secoda stored what tpsync wrote', () => {
  it.each([
    ['description', 'A long description of the event.', 'A long description o', 'Secoda cut it to 20 characters (tpsync wrote 32)'],
    ['description', 'x < y & z', 'x &lt; y &amp; z', 'Secoda escaped HTML characters (<, >, &)'],
    ['description', 'Caf\u00e9', 'Cafe\u0301', 'Secoda changed how accented letters are encoded (Unicode normalisation)'],
    ['definition', 'One.\n\nTwo.', 'One. Two.', 'Secoda changed the spaces and line breaks inside the text'],
    ['description', 'Something', '', 'Secoda stored it empty (tpsync wrote 9 characters)'],
    ['description', 'Mine', 'Theirs', 'Secoda stored "Theirs" (tpsync wrote "Mine")'],
    ['owners', ['u1', 'u2'], ['u1'], 'Secoda dropped u2'],
    ['tags', ['t1'], ['t1', 't9'], 'Secoda added t9'],
    ['enum', 'red, green, blue', ['red', 'green'], 'Secoda dropped blue'],
    ['pii', true, false, 'Secoda kept false (tpsync wrote true)'],
  ] as const)('%s: %j stored as %j → %s', (field, sent, stored, words) => {
    expect(describeChange(field, sent as never, stored as never)).toBe(words);
  });
});

describe('apply against a Secoda that changes what it stores', () => {
  const TOKEN = 'residue-token';
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ token: TOKEN });
    // This Secoda keeps 40 characters of a description.
    let fixing = false;
    emulator.store.onChange(() => {
      if (fixing) return;
      fixing = true;
      for (const r of emulator.store.list())
        if (r.description !== null && r.description.length > 40) emulator.store.patch(r.id, { description: r.description.slice(0, 40) });
      fixing = false;
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('says which field Secoda changed and how, and that applying again will not help', async () => {
    const result = await runCli(['apply', 'tracking-plan.example', '--auto-approve', '--writes-per-minute', '0'], {
      SECODA_API_URL: emulator.url,
      SECODA_API_TOKEN: TOKEN,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ Verification failed');
    expect(result.stdout).toContain(
      'Secoda stored these fields differently from what tpsync wrote, so applying again would not change them:',
    );
    expect(result.stdout).toMatch(
      / {2}- event Checkout › Order Completed: description: Secoda cut it to 40 characters \(tpsync wrote \d+\)/,
    );
    expect(result.stdout).toContain('Write them in the YAML the way Secoda stores them.');
  });
});
