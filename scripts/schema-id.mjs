// The tracking-plan JSON Schema's versioned address: `$id` in schemas/tracking-plan.schema.json
// and the `# yaml-language-server: $schema=…` modeline in the README name the file as the
// release tag of this package version holds it (raw.githubusercontent.com serves it from the
// tag for good), and `tpsync pull` writes that address. `npm version` runs this script (the
// `version` lifecycle) so both follow package.json; a test checks they do.
//
//   node scripts/schema-id.mjs          write both files
//   node scripts/schema-id.mjs --check  compare, write nothing
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const SCHEMA = new URL('schemas/tracking-plan.schema.json', root);
const README = new URL('README.md', root);

/** The schema's address for a package version: `https://raw.githubusercontent.com/tpsync/tpsync/v0.1.0/schemas/tracking-plan.schema.json`. */
export function schemaUrl(version) {
  return `https://raw.githubusercontent.com/tpsync/tpsync/v${version}/schemas/tracking-plan.schema.json`;
}

/** Both files with the address of `version` in place of whatever address they held. */
export async function withSchemaUrl(version) {
  const url = schemaUrl(version);
  const schema = (await readFile(SCHEMA, 'utf8')).replace(/^( {2}"\$id": )"[^"]*",$/m, `$1"${url}",`);
  const readme = (await readFile(README, 'utf8')).replace(/^(# yaml-language-server: \$schema=)\S+$/m, `$1${url}`);
  return [
    { path: SCHEMA, text: schema },
    { path: README, text: readme },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  const files = await withSchemaUrl(version);
  if (process.argv.includes('--check')) {
    const stale = [];
    for (const file of files) if ((await readFile(file.path, 'utf8')) !== file.text) stale.push(fileURLToPath(file.path));
    if (stale.length > 0) {
      console.error(`${stale.join(' and ')}: the schema address is not ${schemaUrl(version)}; run node scripts/schema-id.mjs.`);
      process.exit(1);
    }
  } else for (const file of files) await writeFile(file.path, file.text);
}
