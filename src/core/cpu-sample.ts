import { cpus } from 'node:os';

/**
 * The machine's busy CPU time over all its cores and this process's own (all its threads), in ms, at one
 * moment: two samples tell the load other processes put on the machine between them (`lint/pool.ts`
 * `loadBetween`). A module of its own, with nothing to load: the bin takes a sample before it loads the CLI's
 * bundle, so that the measure of `--jobs auto` runs while the bundle loads.
 */
export interface CpuSample {
  at: number;
  busy: number;
  own: number;
  /** The machine's cores (`os.cpus()`: a container may see more than it may use). */
  cores: number;
}

export function sampleCpu(): CpuSample {
  const all = cpus();
  let busy = 0;
  for (const { times } of all) busy += times.user + times.nice + times.sys + times.irq;
  const { user, system } = process.cpuUsage();
  return { at: performance.now(), busy, own: (user + system) / 1000, cores: all.length };
}
