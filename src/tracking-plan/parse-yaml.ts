/**
 * The one place a plan file's bytes become data: decoded as UTF-8, then read by js-yaml 5
 * (js-yaml-route.ts) when it is sure to give what `yaml` gives, else by `yaml` (yaml-route.ts),
 * the reference for syntax errors and positions. Both routes give one result: the same data, and
 * the same position for every path (the js-yaml route asks `yaml` for those it did not record,
 * only when an issue must be located). Pure: bytes in, a SourceFile or located issues out.
 */
import { jsYamlSource } from './js-yaml-source.js';
import { readWithJsYaml } from './js-yaml-route.js';
import { refusal, type SourceResult } from './source-file.js';
import { decodeUtf8 } from './utf8-text.js';
import { parseWithYaml } from './yaml-route.js';

/**
 * Which parser reads a file: `auto` (js-yaml when it is sure, else `yaml`) or `yaml` alone, the
 * escape hatch (`TPSYNC_YAML_PARSER=yaml`, docs/plan-language.md) should the two ever differ.
 */
export type YamlParser = 'auto' | 'yaml';

/** `file`'s bytes as data with a way back to its YAML, or why they are not a plan file's YAML. */
export function parseYamlSource(file: string, bytes: Uint8Array, parser: YamlParser = 'auto'): SourceResult {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  if (text.trim() === '') {
    return refusal(
      file,
      1,
      1,
      'empty-file',
      'the file is empty',
      'add `version: 1` and `integration: <id>`, or `categories:`, or delete the file',
    );
  }
  if (parser === 'auto') {
    const read = readWithJsYaml(text);
    if ('data' in read) return { ok: true, source: jsYamlSource(file, text, read) };
    if ('refused' in read) {
      const { line, column } = positionOf(text, read.refused.offset);
      return refusal(file, line, column, read.refused.code, read.refused.message, read.refused.hint);
    }
  }
  return parseWithYaml(file, text);
}

/** The 1-based line and column of `offset` in `text`, counted as `yaml` counts them (UTF-16 units, `\n` ends a line). */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
