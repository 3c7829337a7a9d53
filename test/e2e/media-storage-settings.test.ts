// Settings → Media storage in the real UI against a real engine and a local S3 server that checks signatures
// (s3rver): Test runs the whole round with what the form says before anything is saved and names the field at
// fault, Save keeps the secret without ever showing it again, Test then works with the saved secret, a malformed
// endpoint is refused by name, and Remove forgets the bucket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_ACCESS_KEY_ID, S3_REGION, S3_SECRET_ACCESS_KEY, startPrivateS3, type PrivateS3 } from '../fakes/s3/private-s3';
import { openApp } from './support/browser';
import { useSession } from './support/session';

const ready = useSession();
let s3: PrivateS3;

beforeAll(async () => {
  s3 = await startPrivateS3();
});

afterAll(async () => {
  await s3?.close();
});

describe('Settings → Media storage', () => {
  it('tests, saves, keeps the secret hidden, refuses a bad endpoint by name, and removes the bucket', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/settings');
    try {
      const card = page.getByTestId('media-storage');
      await card.locator('#storage-endpoint').waitFor();
      expect(await card.getByTestId('media-storage-state').textContent()).toBe('Not set up');

      await card.locator('#storage-endpoint').fill(s3.endpoint);
      await card.locator('#storage-region').fill(S3_REGION);
      await card.locator('#storage-bucket').fill(s3.bucket);
      await card.locator('#storage-accessKeyId').fill(S3_ACCESS_KEY_ID);
      expect(await card.locator('#storage-secretAccessKey').getAttribute('type')).toBe('password');

      // A wrong secret: the storage refused the signed request, and the form says which field is wrong.
      await card.locator('#storage-secretAccessKey').fill('not-the-secret');
      await card.getByTestId('storage-test').click();
      const secretError = card.locator('[data-testid="field-error"][data-field="secretAccessKey"]');
      await secretError.waitFor();
      expect(await secretError.textContent()).toMatch(/does not match the access key id/);
      expect(await card.locator('#storage-secretAccessKey').getAttribute('aria-invalid')).toBe('true');

      // The right one: stored, read back through a presigned link, deleted; 127.0.0.1 works here but not for Instagram.
      await card.locator('#storage-secretAccessKey').fill(S3_SECRET_ACCESS_KEY);
      expect(await secretError.count()).toBe(0);
      const requestsBefore = s3.requests.length;
      await card.getByTestId('storage-test').click();
      const result = card.getByTestId('storage-test-result');
      await result.waitFor();
      expect(await result.locator('p').textContent()).toContain(
        `“${s3.bucket}” took a test file, served it through a presigned link and deleted it.`,
      );
      expect(await result.getByTestId('storage-test-warnings').textContent()).toMatch(/an address on your own network: Instagram cannot fetch/);
      expect(s3.requests.slice(requestsBefore).map((request) => `${request.method} ${request.status}`)).toEqual([
        'PUT 200',
        'GET 200',
        'GET 403',
        'DELETE 204',
      ]);
      expect(await s3.keys()).toEqual([]);
      // Testing saves nothing.
      expect(await app.invoke('storage:get', {})).toEqual({ storage: null });

      // Save: the bucket is kept, the secret field empties and never shows the secret again.
      await card.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => card.getByTestId('media-storage-state').textContent()).toMatch(/^Saved /);
      const stored = await app.invoke('storage:get', {});
      expect(stored.storage).toMatchObject({ endpoint: s3.endpoint, region: S3_REGION, bucket: s3.bucket, accessKeyId: S3_ACCESS_KEY_ID });
      expect(Object.keys(stored.storage ?? {}).sort()).toEqual(['accessKeyId', 'bucket', 'endpoint', 'region', 'savedAt']);
      expect(await card.locator('#storage-secretAccessKey').inputValue()).toBe('');
      expect(await card.locator('#storage-secretAccessKey').getAttribute('placeholder')).toBe('Saved — type to replace');

      // After a reload the form shows the saved bucket, and Test works with the saved secret.
      await page.reload();
      await card.locator('#storage-endpoint').waitFor();
      await expect.poll(() => card.locator('#storage-bucket').inputValue()).toBe(s3.bucket);
      expect(await card.locator('#storage-secretAccessKey').inputValue()).toBe('');
      await card.getByTestId('storage-test').click();
      await card.getByTestId('storage-test-result').waitFor();

      // A malformed endpoint is refused by name and nothing saved changes.
      await card.locator('#storage-endpoint').fill('ftp://files.example.com');
      await card.getByRole('button', { name: 'Save', exact: true }).click();
      const endpointError = card.locator('[data-testid="field-error"][data-field="endpoint"]');
      await endpointError.waitFor();
      expect(await endpointError.textContent()).toMatch(/http\(s\) address/);
      expect((await app.invoke('storage:get', {})).storage?.endpoint).toBe(s3.endpoint);

      // Remove asks once, then the bucket is forgotten.
      await card.getByRole('button', { name: 'Remove', exact: true }).click();
      await card.getByRole('button', { name: 'Remove storage' }).click();
      await expect.poll(() => card.getByTestId('media-storage-state').textContent()).toBe('Not set up');
      expect(await app.invoke('storage:get', {})).toEqual({ storage: null });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
