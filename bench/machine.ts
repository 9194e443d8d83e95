/** Where the numbers were taken: they mean little without the machine, the Node version and how busy it was. */
import { cpus, loadavg, platform, release, totalmem, arch } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGB: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGB: Math.round(totalmem() / 1e9),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** The 1-minute load average: other work on the machine skews wall times. */
export const loadAverage = (): number => loadavg()[0] ?? 0;
