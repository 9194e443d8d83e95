// The layers of the house (docs/development.md), checked on every CI run: `npm run lint:layers`.
// A folder of src/ imports only from folders of a lower layer (an allowlist: anything not listed
// below it is refused), no file takes part in an import cycle, and only src/files/ touches the
// file system.
/**
 * Lowest first. Each entry is a folder of src/ (with its trailing slash) or a file. Layer 1 of
 * docs/development.md is the first two rows: the vocabulary every layer uses (ids, the errors and
 * the located Issue, colour as data), which imports nothing of src/, under the edges that use it.
 */
const LAYERS = [
  ['ids.ts', 'errors.ts', 'style.ts', 'duration-words.ts', 'arrays.ts'],
  ['redaction/', 'files/'],
  ['tracking-plan/'],
  ['rules/', 'event-schema/', 'secoda/'],
  ['plan/', 'import/', 'accept/', 'references/'],
  ['compatibility/', 'check/', 'codegen/', 'pull/', 'render/'],
  ['apply/', 'github/', 'git/', 'emulator/'],
  ['cli/'],
];

/** @param {string} text */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** @param {string} entry */
const place = (entry) => `^src/${escape(entry)}${entry.endsWith('/') ? '' : '$'}`;

/** For each place: may import only the places of the layers below it (and itself). */
const layerRules = LAYERS.flatMap((layer, index) => {
  const below = LAYERS.slice(0, index).flat();
  return layer.map((entry) => ({
    name: `layer:${entry}`,
    comment: `src/${entry} imports only from lower layers: ${below.join(', ') || 'nothing'}`,
    severity: 'error',
    from: { path: place(entry) },
    to: {
      path: '^src/',
      pathNot: [place(entry), ...below.map(place)],
    },
  }));
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'Files in an import cycle cannot be read, tested or moved one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'file-io-in-files',
      comment: 'All file I/O lives in src/files/; the rest of the house takes data.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/files/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
