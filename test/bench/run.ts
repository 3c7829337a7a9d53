// npm run bench [-- --json] [-- --only NAME …]: every scenario in its own fresh process, so one's memory and JIT
// state do not colour another's. Engine figures are measured beside raw BullMQ on an identical Redis in the same run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const GOALS: Record<string, { max?: number; min?: number }> = {
  lateness_p99_ms: { max: 10 },
  idle_cpu_pct: { max: 0.2 },
  burst_1000_last_ms: { max: 3000 },
  ui_cold_load_ms: { max: 400 },
  throughput_ratio_vs_bullmq: { min: 0.5 },
  bulk_schedule_10k_ms: { max: 3000 },
  cold_start_ms: { max: 500 },
  idle_rss_mb: { max: 150 },
  calendar_month_render_ms: { max: 300 },
  upload_4x500mb_peak_rss_mb: { max: 250 },
};

const json = process.argv.includes('--json');
const ALL = ['coldStart', 'lateness', 'latenessBullmq', 'throughput', 'bulkSchedule', 'idleMemory', 'idleCpu', 'burst', 'calendar', 'uploadMemory'];
// --only calendar (repeatable) runs just those scenarios, e.g. after a change to the calendar.
const only = process.argv.flatMap((arg, index) => (process.argv[index - 1] === '--only' ? [arg] : []));
const unknown = only.filter((name) => !ALL.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown scenario ${unknown.join(', ')}. Known: ${ALL.join(', ')}\n`);
  process.exit(2);
}
const scenarios = only.length > 0 ? only : ALL;
// --idle-minutes N: idleCpu measures N minutes instead of one (the app left in the tray, issue 14).
const idleAt = process.argv.indexOf('--idle-minutes');
const idleMinutes = idleAt === -1 ? 1 : Number(process.argv[idleAt + 1]);
if (!(idleMinutes >= 1)) {
  process.stderr.write('--idle-minutes takes a number of minutes, 1 or more\n');
  process.exit(2);
}
const figures: Record<string, number> = {};

for (const scenario of scenarios) {
  if (!json) process.stderr.write(`running ${scenario}…\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'scenario.ts'), scenario], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_IDLE_MINUTES: String(idleMinutes) },
    timeout: 300_000 + idleMinutes * 60_000,
  });
  if (result.status !== 0) {
    process.stderr.write(`scenario ${scenario} failed (exit ${result.status})\n`);
    process.exit(1);
  }
  Object.assign(figures, JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}'));
}

if (json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  for (const [name, value] of Object.entries(figures)) {
    const goal = GOALS[name];
    const verdict = goal
      ? (goal.max !== undefined && value > goal.max) || (goal.min !== undefined && value < goal.min)
        ? '  MISSES goal'
        : '  meets goal'
      : '';
    const target = goal ? ` (goal ${goal.max !== undefined ? `≤ ${goal.max}` : `≥ ${goal.min}`})` : '';
    process.stdout.write(`${name.padEnd(32)} ${String(value).padStart(10)}${target}${verdict}\n`);
  }
}
