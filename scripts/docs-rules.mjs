// Rewrites the table of rules in docs/plan-language.md from the registry (src/rules/registry.ts),
// then formats it. Needs a build (`npm run build`): it reads the compiled registry from dist/.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { withRulesTable } from '../dist/src/rules/rules-table.js';

const page = 'docs/plan-language.md';
const path = new URL(`../${page}`, import.meta.url);
await writeFile(path, withRulesTable(await readFile(path, 'utf8')));
execFileSync('npx', ['prettier', '--write', page], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
