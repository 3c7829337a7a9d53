// Settings → Media storage through the real control socket, against a local S3 server that checks signatures: the
// bucket is saved with its secret sealed (never in an answer, never readable in the database file), Test proves
// the whole round (store, presigned read, delete) and says what is wrong by field, and a bucket can be removed.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import { databaseFile } from '../../electron/engine/paths';
import { S3_ACCESS_KEY_ID, S3_REGION, S3_SECRET_ACCESS_KEY, startPrivateS3, type PrivateS3 } from '../fakes/s3/private-s3';
import { startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let s3: PrivateS3;

beforeAll(async () => {
  harness = await startTestEngine('storage');
  client = await harness.connect();
  s3 = await startPrivateS3();
});

afterAll(async () => {
  await harness?.stop();
  await s3?.close();
});

const settings = () => ({ endpoint: s3.endpoint, region: S3_REGION, bucket: s3.bucket, accessKeyId: S3_ACCESS_KEY_ID });

describe('media storage settings', () => {
  it('start empty', async () => {
    expect(await client.invoke('storage:get', {})).toEqual({ storage: null });
  });

  it('Test checks the bucket the form describes before anything is saved: store, presigned read, delete', async () => {
    const result = await client.invoke('storage:test', { ...settings(), secretAccessKey: S3_SECRET_ACCESS_KEY });
    expect(result.message).toMatch(/took a test file, served it through a presigned link and deleted it/);
    // s3rver listens on 127.0.0.1: fine from here, but not for Instagram.
    expect(result.warnings).toEqual([
      expect.stringMatching(/^127\.0\.0\.1 is at 127\.0\.0\.1, an address on your own network: Instagram cannot fetch/),
    ]);
    const methods = s3.requests.map((request) => `${request.method} ${request.status}`);
    expect(methods).toEqual(['PUT 200', 'GET 200', 'GET 403', 'DELETE 204']);
    expect(await s3.keys()).toEqual([]);
    expect(await client.invoke('storage:get', {})).toEqual({ storage: null });
  });

  it('Test names the field at fault: a wrong secret, an unknown key id, a missing bucket', async () => {
    await expect(client.invoke('storage:test', { ...settings(), secretAccessKey: 'wrong' })).rejects.toMatchObject({
      code: 'validation',
      field: 'secretAccessKey',
      message: expect.stringMatching(/does not match the access key id/),
    });
    await expect(client.invoke('storage:test', { ...settings(), accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' })).rejects.toMatchObject({
      field: 'accessKeyId',
    });
    await expect(
      client.invoke('storage:test', { ...settings(), bucket: 'no-such-bucket', secretAccessKey: S3_SECRET_ACCESS_KEY }),
    ).rejects.toMatchObject({
      field: 'bucket',
      message: expect.stringMatching(/There is no bucket named “no-such-bucket”/),
    });
  });

  it('warns when the bucket lets anyone read its files', async () => {
    s3.publicRead = true;
    try {
      const result = await client.invoke('storage:test', { ...settings(), secretAccessKey: S3_SECRET_ACCESS_KEY });
      expect(result.warnings).toContainEqual(expect.stringMatching(/the bucket is public/));
    } finally {
      s3.publicRead = false;
    }
  });

  it('saves the bucket without ever answering or storing the secret in the clear', async () => {
    const saved = await client.invoke('storage:set', {
      ...settings(),
      endpoint: `${s3.endpoint}/`,
      secretAccessKey: S3_SECRET_ACCESS_KEY + '-sealed',
    });
    expect(saved.storage).toEqual({ ...settings(), savedAt: expect.any(String) });
    expect(JSON.stringify(saved)).not.toContain('-sealed');
    expect(JSON.stringify(await client.invoke('storage:get', {}))).not.toContain('-sealed');
    const file = databaseFile(harness.dataDir);
    const stored = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    // The settings are in these bytes (the bucket's name is), the secret is not.
    expect(stored.includes(Buffer.from(`"bucket":"${s3.bucket}"`))).toBe(true);
    expect(stored.includes(Buffer.from('S3RVER-sealed'))).toBe(false);
  });

  it('keeps the saved secret when the form leaves it empty, and asks again when the key id changes', async () => {
    await client.invoke('storage:set', { ...settings(), secretAccessKey: S3_SECRET_ACCESS_KEY });
    expect((await client.invoke('storage:test', settings())).message).toMatch(/took a test file/);
    await expect(client.invoke('storage:set', { ...settings(), accessKeyId: 'AKIAOTHER' })).rejects.toMatchObject({
      code: 'validation',
      field: 'secretAccessKey',
      message: expect.stringMatching(/access key id changed/),
    });
    expect((await client.invoke('storage:get', {})).storage?.accessKeyId).toBe(S3_ACCESS_KEY_ID);
  });

  it('removes the bucket', async () => {
    expect(await client.invoke('storage:remove', {})).toEqual({ storage: null });
    expect(await client.invoke('storage:get', {})).toEqual({ storage: null });
  });
});
