// Every plan the publisher makes follows TikTok's chunk rules, as the fake TikTok checks them, for any video size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tiktokChunkPlan, tiktokChunks } from '../../../electron/engine/publishers/tiktok/tiktok-chunk-plan';
import { chunkPlanProblem } from '../../fakes/tiktok/tiktok-chunk-rules';

const MIB = 1024 * 1024;

describe('tiktokChunkPlan', () => {
  it('makes plans TikTok accepts, whose chunks cover the file exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4_000_000_000 }), fc.integer({ min: 1, max: 200 * MIB }), (videoSize, preferred) => {
        const plan = tiktokChunkPlan(videoSize, preferred);
        expect(chunkPlanProblem(plan.videoSize, plan.chunkSize, plan.totalChunkCount)).toBeUndefined();
        const chunks = tiktokChunks(plan);
        expect(chunks[0].first).toBe(0);
        expect(chunks.at(-1)?.last).toBe(videoSize - 1);
        chunks.slice(1).forEach((chunk, index) => expect(chunk.first).toBe(chunks[index].last + 1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps the preferred size when the rules allow it', () => {
    expect(tiktokChunkPlan(50_000_123, 10_000_000)).toEqual({ videoSize: 50_000_123, chunkSize: 10_000_000, totalChunkCount: 5 });
    expect(tiktokChunkPlan(3 * MIB, 10 * MIB)).toEqual({ videoSize: 3 * MIB, chunkSize: 3 * MIB, totalChunkCount: 1 });
  });
});
