// Connecting Facebook on the Accounts screen in Chromium: the sign-in opens in a new tab, the app offers the Pages
// the person manages and adds only the one picked, with the Page's own token; and a sign-in left in the browser is
// cancelled from the app, closing the listener so a late redirect connects nothing.
import { describe, expect, it } from 'vitest';
import { openApp } from './support/browser';
import { useSession } from './support/session';

const ready = useSession({ facebook: true });

const PAGE_ID = '104000000000001';
const OTHER_PAGE_ID = '104000000000002';

describe('connecting Facebook Pages', () => {
  it('offers the Pages after the sign-in and adds only the one picked', async () => {
    const { app, browser, fakes } = ready();
    fakes.facebook.addPage(PAGE_ID, 'EAAG-seeded-page-token', 'Corner Bakery');
    fakes.facebook.addPage(OTHER_PAGE_ID, 'EAAG-other-page-token', 'Bakery Fan Club');
    fakes.facebookAuth.signedInAs = fakes.facebookLogin.addUser('Bakery Owner', [
      { id: PAGE_ID, name: 'Corner Bakery', category: 'Bakery' },
      { id: OTHER_PAGE_ID, name: 'Bakery Fan Club', category: 'Community' },
    ]);
    const { context, page, errors } = await openApp(browser, app, '#/accounts');
    try {
      const [signIn] = await Promise.all([context.waitForEvent('page'), page.getByTestId('connect-facebook').click()]);
      await signIn.waitForURL(/127\.0\.0\.1:\d+\/callback\?/);
      expect(await signIn.locator('body').textContent()).toContain('You can close this tab');
      await signIn.close();

      await page.locator('[data-testid="connect-progress"][data-status="choosing"]').waitFor();
      const choices = page.getByTestId('connect-choice');
      expect(await choices.allTextContents()).toEqual(['Corner Bakery · Bakery', 'Bakery Fan Club · Community']);
      // Nothing is picked for the person: adding waits for a choice.
      expect(await page.getByTestId('connect-add-chosen').isDisabled()).toBe(true);
      await choices.filter({ hasText: 'Corner Bakery' }).locator('input[type="checkbox"]').check();
      await page.getByTestId('connect-add-chosen').click();
      await page.locator('[data-testid="connect-progress"][data-status="connected"]').waitFor();
      expect(await page.getByTestId('connect-result').textContent()).toContain('Connected Corner Bakery.');

      const list = await app.invoke('accounts:list', {});
      expect(
        list.map(({ platform, name, externalId, connection, tokenExpiresAt }) => ({ platform, name, externalId, connection, tokenExpiresAt })),
      ).toEqual([{ platform: 'facebook', name: 'Corner Bakery', externalId: PAGE_ID, connection: 'oauth', tokenExpiresAt: null }]);
      expect(await page.content()).not.toContain('EAAG-');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cancels a sign-in left open in the browser: the listener closes and nothing is connected', async () => {
    const { app, browser, fakes } = ready();
    // Nobody signs in: the platform's page just waits in the tab.
    fakes.facebookAuth.signedInAs = undefined;
    const before = await app.invoke('accounts:list', {});
    const { context, page, errors } = await openApp(browser, app, '#/accounts');
    try {
      // With an account listed, the Connect buttons sit behind "Connect an account".
      await page.locator('[data-testid="account-row"]').first().waitFor();
      await page.getByRole('button', { name: 'Connect an account' }).click();
      const [signIn] = await Promise.all([context.waitForEvent('page'), page.getByTestId('connect-facebook').click()]);
      await page.locator('[data-testid="connect-progress"][data-status="waiting"]').waitFor();
      await signIn.waitForLoadState();
      expect(await signIn.locator('body').textContent()).toContain('Sign in to Facebook');
      const redirectUri = new URL(signIn.url()).searchParams.get('redirect_uri');
      await signIn.close();
      await page.getByTestId('connect-cancel').click();
      await page.locator('[data-testid="connect-progress"][data-status="cancelled"]').waitFor();
      expect(await page.getByTestId('connect-result').textContent()).toContain('cancelled');
      expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      await expect(fetch(`${redirectUri}?state=late&code=late`)).rejects.toThrow();
      expect(await app.invoke('accounts:list', {})).toEqual(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
