/**
 * A plan's JSON with its two fingerprints named instead of spelled out, for snapshots: a hex
 * digest says nothing to a reader, and what the fingerprints hash is tested in
 * test/plan/fingerprint.test.ts. Each must still be a SHA-256 in the `sha256:` form.
 */
export function namedFingerprints(json: string): string {
  let named = 0;
  const out = json.replace(/"(remote|tracking_plan)_fingerprint": "sha256:[0-9a-f]{64}"/g, (_match, which: string) => {
    named++;
    return `"${which}_fingerprint": "sha256:<${which === 'remote' ? 'the remote state' : 'the tracking plan'}>"`;
  });
  if (named !== 2) throw new Error(`expected two sha256 fingerprints in the plan's JSON, found ${named}`);
  return out;
}
