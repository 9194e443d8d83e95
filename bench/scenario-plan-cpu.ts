/**
 * Scenario (d): load + validate + plan in process, no network, at growing sizes. Each size
 * runs in a fresh child process (plan-cpu-child.ts) so that one size's heap, garbage and JIT
 * state do not pollute the next. The remote state matches the YAML, so the plan is a no-op:
 * the everyday case (a pull request that touches a few events of a large plan), and the one
 * that compares every field of every property.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generatePlan, planToYamlFiles, type PlanShape } from './generate-plan.js';
import type { CpuChildResult, YamlChildResult } from './plan-cpu-child.js';
import type { RemoteState } from '../src/secoda/types.js';
import { matchingResources, toRemoteState } from './remote-fixtures.js';

const run = promisify(execFile);

export interface PlanCpuResult extends CpuChildResult {
  readonly shape: PlanShape;
  readonly yamlMiB: number;
  /** The yaml library alone on the same files, in its own fresh process: the floor under the load. */
  readonly yamlCpuMs: number;
  readonly yamlPeakRssMB: number;
  /** The loader's parser alone (js-yaml 5 behind the parser seam), in its own fresh process. */
  readonly fastCpuMs: number;
}

/**
 * The remote state as lines of at most 50 resources, read back line by line: like the pages the
 * client reads, so that no 50 MB string (which a real run never holds) inflates the peak RSS.
 */
function remoteAsLines(remote: RemoteState): string {
  const lines: string[] = [];
  for (const kind of ['categories', 'events', 'properties'] as const) {
    const items: readonly unknown[] = remote[kind];
    for (let i = 0; i < items.length; i += 50) lines.push(JSON.stringify({ kind, items: items.slice(i, i + 50) }));
  }
  return `${lines.join('\n')}\n`;
}

export async function runPlanCpu(shape: PlanShape): Promise<PlanCpuResult> {
  const dir = await mkdtemp(join(tmpdir(), 'tpsync-bench-'));
  try {
    const plan = generatePlan(shape);
    const files = planToYamlFiles(plan);
    await mkdir(join(dir, 'tracking-plan'));
    let bytes = 0;
    for (const file of files) {
      bytes += file.bytes.length;
      await writeFile(join(dir, file.path), file.bytes);
    }
    await writeFile(join(dir, 'remote.ndjson'), remoteAsLines(toRemoteState(matchingResources(plan))));
    const child = join(dirname(fileURLToPath(import.meta.url)), 'plan-cpu-child.js');
    const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '{}';
    const { stdout } = await run(process.execPath, ['--expose-gc', child, dir], { maxBuffer: 1 << 20 });
    const result = JSON.parse(lastLine(stdout)) as CpuChildResult;
    if (result.operations !== 0)
      throw new Error(`the plan against the matching remote state is not a no-op (${result.operations} operations)`);
    const yaml = JSON.parse(
      lastLine((await run(process.execPath, [child, dir, 'yaml'], { maxBuffer: 1 << 20 })).stdout),
    ) as YamlChildResult;
    const fast = JSON.parse(
      lastLine((await run(process.execPath, [child, dir, 'fast'], { maxBuffer: 1 << 20 })).stdout),
    ) as YamlChildResult;
    return {
      ...result,
      shape,
      yamlMiB: bytes / 1048576,
      yamlCpuMs: yaml.yamlCpuMs,
      yamlPeakRssMB: yaml.peakRssMB,
      fastCpuMs: fast.yamlCpuMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
