/**
 * Loaded into a measured process with `node --import`: at exit, writes the process's own peak
 * resident set and CPU time to the file named by TPSYNC_BENCH_PROBE, so a benchmark can measure
 * the real `tpsync` executable, whole process, without changing it.
 */
import { writeFileSync } from 'node:fs';

export interface ProbeResult {
  /** Peak resident set, MB (10⁶ bytes). */
  readonly peakRssMB: number;
  /** User + system CPU time, ms. */
  readonly cpuMs: number;
}

const file = process.env['TPSYNC_BENCH_PROBE'];
if (file !== undefined) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const result: ProbeResult = { peakRssMB: (usage.maxRSS * 1024) / 1e6, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    writeFileSync(file, JSON.stringify(result));
  });
}
