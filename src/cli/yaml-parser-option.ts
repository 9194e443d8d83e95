/**
 * TPSYNC_YAML_PARSER=yaml: every plan file is read by the `yaml` library alone, the reference,
 * instead of by js-yaml when it is sure (src/tracking-plan/parse-yaml.ts). The result is the
 * same either way; this is the escape hatch should a file ever show otherwise (docs/plan-language.md).
 */
import { UsageError } from '../errors.js';
import { quote } from '../render/quoted-values.js';
import type { YamlParser } from '../tracking-plan/parse-yaml.js';
import type { Io } from './io.js';

/** The parser the environment asks for: `auto` unless TPSYNC_YAML_PARSER says `yaml`. */
export function yamlParserOption(env: Io['env']): YamlParser {
  const written = env['TPSYNC_YAML_PARSER'] ?? '';
  const value = written.trim().toLowerCase();
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'yaml') return 'yaml';
  throw new UsageError(
    `TPSYNC_YAML_PARSER must be "yaml" or "auto", not ${quote(written)}`,
    'set TPSYNC_YAML_PARSER=yaml to read plan files with the yaml library alone, or leave it unset',
  );
}
