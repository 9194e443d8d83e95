/**
 * Type-checks in-memory TypeScript files with the compiler API, as a consumer's `tsc --strict
 * --noEmit` would: the generated module and the files that import it. Lib files are parsed once
 * and shared between programs.
 */
import ts from 'typescript';

export interface CompileResult {
  /** Diagnostics by file name: `TS2322 (line 4): Type '"JPY"' is not assignable …`. */
  readonly errors: Readonly<Record<string, readonly string[]>>;
}

export const STRICTEST: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  verbatimModuleSyntax: true,
  isolatedModules: true,
  // The lib files are TypeScript's own: checking them again in every program only costs time.
  skipLibCheck: true,
};

const ROOT = '/virtual/';
const libCache = new Map<string, ts.SourceFile | undefined>();

export function compile(files: Readonly<Record<string, string>>, options: ts.CompilerOptions = STRICTEST): CompileResult {
  const host = ts.createCompilerHost(options);
  const own = (name: string) => (name.startsWith(ROOT) ? files[name.slice(ROOT.length)] : undefined);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    const text = own(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language, true);
    if (!libCache.has(name)) libCache.set(name, getSourceFile(name, language));
    return libCache.get(name);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => own(name) !== undefined || (!name.startsWith(ROOT) && fileExists(name));
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => own(name) ?? (name.startsWith(ROOT) ? undefined : readFile(name));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => `${name}/`.startsWith(ROOT) || (directoryExists?.(name) ?? false);
  host.getCurrentDirectory = () => ROOT;
  const program = ts.createProgram(
    Object.keys(files).map((name) => ROOT + name),
    options,
    host,
  );
  const errors: Record<string, string[]> = {};
  for (const diagnostic of [
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ]) {
    const file = diagnostic.file?.fileName.replace(ROOT, '') ?? '(options)';
    const line =
      diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    (errors[file] ??= []).push(`TS${diagnostic.code} (line ${line}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
  }
  return { errors };
}
