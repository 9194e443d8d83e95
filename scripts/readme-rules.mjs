// Rewrites the README's table of rules from the registry (src/rules/registry.ts), then formats
// it. Needs a build (`npm run build`): it reads the compiled registry from dist/.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { withRulesTable } from '../dist/src/rules/readme-table.js';

const path = new URL('../README.md', import.meta.url);
await writeFile(path, withRulesTable(await readFile(path, 'utf8')));
execFileSync('npx', ['prettier', '--write', 'README.md'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
