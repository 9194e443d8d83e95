/** Bundles the command line with esbuild: the bundle's text and its LICENSES.txt. */
export function bundle(): Promise<{ code: string; licences: string }>;
