// An in-memory stand-in for BullMQ's queue and worker, for unit tests of the processor, reconcile and the service
// without Redis. It keeps BullMQ's rules that our code relies on: adding an existing job id changes nothing, an
// active job cannot be removed, a DelayedError leaves the job delayed without spending an attempt, an
// UnrecoverableError fails it at once, any other error is retried until its attempts are spent. Time does not pass
// by itself: a test runs a job when it wants to (`run`), which is how the unit tests reach each interleaving.
import { DelayedError, UnrecoverableError, type Job, type JobsOptions, type JobType } from 'bullmq';
import type { PublishJobData } from '../../electron/engine/publishing/job-id';
import type { PublishQueue, QueuedJob } from '../../electron/engine/publishing/publish-queue';

type State = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface MemoryJob extends QueuedJob {
  id: string;
  state: State;
  /** When a delayed job is due (epoch ms). */
  dueAt: number;
  attempts: number;
  result?: unknown;
}

export class MemoryQueue implements PublishQueue {
  readonly jobs = new Map<string, MemoryJob>();
  private paused = false;

  constructor(
    private readonly attempts = 3,
    private readonly now: () => number = Date.now,
  ) {}

  async addBulk(jobs: { name: string; data: PublishJobData; opts?: JobsOptions }[]): Promise<unknown> {
    for (const { data, opts } of jobs) {
      const id = opts?.jobId;
      if (!id) throw new Error('Every publish job has a deterministic id.');
      if (this.jobs.has(id)) continue;
      const delay = opts?.delay ?? 0;
      const job: MemoryJob = {
        id,
        data,
        state: delay > 0 ? 'delayed' : 'waiting',
        dueAt: this.now() + delay,
        attempts: opts?.attempts ?? this.attempts,
        attemptsMade: 0,
        failedReason: '',
        getState: async () => job.state,
        // BullMQ's Job.promote: only a delayed job moves, to run now.
        promote: async () => {
          if (job.state !== 'delayed') throw new Error(`Job ${id} is not delayed.`);
          job.state = 'waiting';
          job.dueAt = this.now();
        },
      };
      this.jobs.set(id, job);
    }
    return undefined;
  }

  async remove(jobId: string): Promise<number> {
    const job = this.jobs.get(jobId);
    if (!job || job.state === 'active') return 0;
    this.jobs.delete(jobId);
    return 1;
  }

  async getRanges(states: JobType[]): Promise<string[]> {
    return [...this.jobs.values()].filter((job) => (states as string[]).includes(job.state)).map((job) => job.id);
  }

  async getJob(jobId: string): Promise<QueuedJob | undefined> {
    return this.jobs.get(jobId);
  }

  async getJobs(states: JobType[]): Promise<QueuedJob[]> {
    return [...this.jobs.values()].filter((job) => (states as string[]).includes(job.state));
  }

  async getJobCounts(...states: JobType[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const state of states) counts[state] = [...this.jobs.values()].filter((job) => job.state === state).length;
    return counts;
  }

  async isPaused(): Promise<boolean> {
    return this.paused;
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    this.paused = false;
  }

  /** Ids of the jobs in a state. */
  ids(state: State): string[] {
    return [...this.jobs.values()].filter((job) => job.state === state).map((job) => job.id);
  }

  /** The job of a target, in any state (undefined when none). */
  jobOf(targetId: string): MemoryJob | undefined {
    return [...this.jobs.values()].find((job) => job.data.targetId === targetId && job.state !== 'completed' && job.state !== 'failed');
  }

  /**
   * Hands a job to `processor` as a BullMQ worker would (whatever its due time: a test may promote it early), and
   * files the job by how the run ended.
   */
  async run(jobId: string, processor: (job: Job<PublishJobData>, token?: string) => Promise<unknown>): Promise<MemoryJob> {
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`No job ${jobId}.`);
    job.state = 'active';
    const token = `token-${jobId}-${job.attemptsMade}`;
    let movedToDelayed = false;
    const handle = {
      id: job.id,
      data: job.data,
      opts: { attempts: job.attempts },
      attemptsMade: job.attemptsMade,
      moveToDelayed: async (timestamp: number, lockToken?: string) => {
        if (lockToken !== token) throw new Error('moveToDelayed without the lock token.');
        job.state = 'delayed';
        job.dueAt = timestamp;
        movedToDelayed = true;
      },
      promote: () => job.promote(),
    };
    try {
      job.result = await processor(handle as unknown as Job<PublishJobData>, token);
      job.state = 'completed';
      job.finishedOn = this.now();
    } catch (error) {
      if (error instanceof DelayedError) {
        if (!movedToDelayed) throw new Error('A DelayedError without moveToDelayed.');
        return job;
      }
      job.failedReason = error instanceof Error ? error.message : String(error);
      job.attemptsMade += 1;
      if (!(error instanceof UnrecoverableError) && job.attemptsMade < job.attempts) {
        job.state = 'delayed';
      } else {
        job.state = 'failed';
        job.finishedOn = this.now();
      }
    }
    return job;
  }
}
