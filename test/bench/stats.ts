import { readdirSync, readFileSync } from 'node:fs';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function rssOfPid(pid: number): number {
  // Linux: resident set size in kB from /proc.
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) * 1024 : 0;
}

/** What a process has used so far: CPU time of all its threads (ns) and how often they went to sleep and woke. */
export interface CpuSample {
  cpuNs: number;
  wakeups: number;
}

/**
 * Linux: the CPU time each thread has run (/proc/<pid>/task/<tid>/schedstat, in ns) and its voluntary context
 * switches (a thread that blocks and is woken again), summed over the process's threads. CPU time, not a wall-clock
 * share: a figure that stays meaningful on a loaded machine.
 */
export function cpuOfPid(pid: number): CpuSample {
  let cpuNs = 0;
  let wakeups = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      cpuNs += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const match = /voluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
      wakeups += Number(match?.[1] ?? 0);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return { cpuNs, wakeups };
}

/** The whole machine's CPU time so far, all cores, in clock ticks: busy (not idle, not waiting on the disk) and in all. */
export interface MachineCpu {
  busy: number;
  total: number;
}

/** Linux: /proc/stat's first line (user nice system idle iowait irq softirq steal); null where there is none. */
export function machineCpu(): MachineCpu | null {
  try {
    const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
  } catch {
    return null;
  }
}
