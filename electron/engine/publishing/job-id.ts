// Deterministic job ids: scheduling twice is a no-op, and a new revision gets a fresh id. Never a ':' (BullMQ rule).
export function jobIdFor(targetId: string, revision: number): string {
  return `pp-${targetId}-r${revision}`;
}

export function parseJobId(jobId: string): { targetId: string; revision: number } | undefined {
  const match = /^pp-(.+)-r(\d+)$/.exec(jobId);
  if (!match?.[1] || !match[2]) return undefined;
  return { targetId: match[1], revision: Number(match[2]) };
}

export interface PublishJobData {
  targetId: string;
}
