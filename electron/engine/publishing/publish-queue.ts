// What the publishing parts ask of the publish-posts queue. BullMQ's Queue is one; the unit tests' in-memory queue
// is another, so the processor, the service and reconcile run without Redis there.
import type { JobsOptions, JobState, JobType } from 'bullmq';
import type { PublishJobData } from './job-id';

export interface QueuedJob {
  id?: string | undefined;
  data: PublishJobData;
  failedReason: string;
  attemptsMade: number;
  finishedOn?: number | undefined;
  getState(): Promise<string>;
  /** Moves a delayed job to run now; rejects when it is not delayed. */
  promote(): Promise<void>;
}

export interface PublishQueue {
  addBulk(jobs: { name: string; data: PublishJobData; opts?: JobsOptions }[]): Promise<unknown>;
  /** 1 when removed, 0 when there was nothing to remove or the job is active (locked). */
  remove(jobId: string): Promise<number>;
  /** Job ids in these states. */
  getRanges(states: JobType[], start?: number, end?: number): Promise<string[]>;
  getJob(jobId: string): Promise<QueuedJob | undefined>;
  getJobs(states: JobType[], start?: number, end?: number, asc?: boolean): Promise<QueuedJob[]>;
  getJobCounts(...states: JobType[]): Promise<Partial<Record<JobState | JobType, number>>>;
  isPaused(): Promise<boolean>;
  pause(): Promise<void>;
  resume(): Promise<void>;
}
