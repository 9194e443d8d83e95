// Generates src/tracking-plan/schema-types.generated.ts from the JSON Schema, so the
// TypeScript types of a plan file derive from the schema. `--check` fails when the
// committed file is out of date (CI runs it through the test suite).
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

const schemaPath = new URL('../schemas/tracking-plan.schema.json', import.meta.url);
const outPath = new URL('../src/tracking-plan/schema-types.generated.ts', import.meta.url);

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  const banner = '/* Generated from schemas/tracking-plan.schema.json by `npm run schema:types`. Do not edit. */';
  return compile(schema, 'TrackingPlanFile', {
    bannerComment: banner,
    additionalProperties: false,
    unreachableDefinitions: true,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('src/tracking-plan/schema-types.generated.ts is out of date: run `npm run schema:types`.');
      process.exit(1);
    }
  } else {
    await writeFile(outPath, text);
  }
}
