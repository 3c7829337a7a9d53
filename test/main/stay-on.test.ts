// Staying on when it matters, through the built main process under the recording electron stand-in: start at login
// is asked about once at the first run (on by default), the tray warns while posts are scheduled and it is off, and a
// quit with posts due in the next 24 hours says how many and offers to keep running. The message boxes wait for the
// test's answer as a real one waits for the manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, PostView, Settings } from '../../shared/domain';
import { requireBuild } from '../e2e/support/build-output';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { waitFor } from '../helpers/wait-for';
import { BootedApp, indexOfCall } from './electron-stand-in/boot-harness';

interface ShownDialog {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  parented: boolean;
}

interface TrayView {
  items: { label?: string; enabled?: boolean; clickable: boolean }[];
}

const HOUR = 60 * 60 * 1000;
const labels = (tray: TrayView | null) => (tray?.items ?? []).map((item) => item.label ?? '-');

async function openDialog(app: BootedApp, what: string): Promise<ShownDialog> {
  const open = await waitFor(
    () => app.command<ShownDialog[]>('dialogs'),
    (dialogs) => dialogs.length > 0,
    15_000,
    what,
  );
  expect(open).toHaveLength(1);
  return open[0] as ShownDialog;
}

async function settingsOf(app: BootedApp): Promise<Settings> {
  return (await app.invoke<Settings>('settings:get', {})).value as Settings;
}

beforeAll(() => requireBuild());

describe('start at login and quitting with posts due, in the booted main process', () => {
  let x: FakeTwitter;
  let first: BootedApp | undefined;
  let again: BootedApp | undefined;

  beforeAll(async () => {
    x = await FakeTwitter.start();
  });

  afterAll(async () => {
    await first?.dispose();
    await again?.dispose();
    await x?.close();
  });

  it('asks once at the first run, warns in the tray while it is off, and asks before a quit with posts due in 24 h', async () => {
    const env = { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: x.origin };
    const app = new BootedApp({ env });
    first = app;
    await app.ready();

    // First run: on by default, and the question says why, on the app's window.
    const question = await openDialog(app, 'the start-at-login question');
    expect(question).toMatchObject({
      message: 'Scheduled posts go out only while the app runs',
      buttons: ['Keep start at login', 'Turn it off'],
      defaultId: 0,
      cancelId: 0,
      parented: true,
    });
    expect(await settingsOf(app)).toMatchObject({ startAtLogin: true, startAtLoginAsked: false });
    await app.command('answerDialog', { response: 1 });
    await waitFor(
      () => settingsOf(app),
      (settings) => settings.startAtLoginAsked,
      10_000,
      'the answer to be saved',
    );
    expect(await settingsOf(app)).toMatchObject({ startAtLogin: false, startAtLoginAsked: true });

    // One post due in 2 hours, one in 30: the tray warns while start at login is off.
    const user = x.addUser('corner_bakery');
    const account = await app.invoke<AccountView>('accounts:add', {
      platform: 'twitter',
      name: '@corner_bakery',
      accessToken: user.accessToken,
      externalId: user.userId,
    });
    const schedule = (text: string, inMs: number) =>
      app.invoke<PostView>('posts:create', {
        text,
        targets: [{ accountId: account.value?.id }],
        mode: 'schedule',
        scheduledAt: new Date(Date.now() + inMs).toISOString(),
      });
    expect((await schedule('Fresh bread at 7', 2 * HOUR)).ok).toBe(true);
    expect((await schedule('Weekend hours', 30 * HOUR)).ok).toBe(true);
    await waitFor(
      () => app.command<TrayView>('tray'),
      (tray) => labels(tray).includes('Not set to start at login — 2 posts are scheduled'),
      10_000,
      'the tray to warn',
    );
    await app.command('clickTray', { label: 'Start at login' });
    await waitFor(
      () => app.command<TrayView>('tray'),
      (tray) => !labels(tray).some((label) => label.includes('login')),
      10_000,
      'the warning to go once start at login is on',
    );
    expect(await settingsOf(app)).toMatchObject({ startAtLogin: true });

    // Quit: one post is due within 24 hours. Keeping the app running leaves it running (minimised: the stand-in's
    // desktop shows no tray icon), with the engine answering.
    await app.command('quit');
    const asked = await openDialog(app, 'the quit question');
    expect(asked).toMatchObject({
      message: '1 post is due in the next 24 hours',
      buttons: ['Keep running', 'Quit anyway'],
      defaultId: 0,
      cancelId: 0,
    });
    await app.command('answerDialog', { escape: true });
    await waitFor(
      () => app.command<{ minimized: boolean }>('window'),
      (window) => window.minimized,
      10_000,
      'the window to be minimised',
    );
    expect((await app.invoke('queue:stats', {})).ok).toBe(true);
    expect(indexOfCall(await app.record(), 'Tray.destroy')).toBe(-1);

    // Closing the window without close-to-tray is a quit too: asked again, and "Quit anyway" quits cleanly.
    await app.invoke('settings:set', { closeToTray: false });
    await app.command('closeWindow');
    expect((await openDialog(app, 'the quit question on close')).message).toBe('1 post is due in the next 24 hours');
    expect(await app.command('window')).toMatchObject({ visible: true });
    await app.command('answerDialog', { response: 1 });
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(indexOfCall(exit.record, 'Tray.destroy')).toBeGreaterThan(indexOfCall(exit.record, 'dialog answered', (entry) => entry.response === 1));
  }, 120_000);

  it('does not ask again at the next start, and a quit the system asks for goes through without asking', async () => {
    const app = new BootedApp({ env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: x.origin }, appData: first?.appData });
    again = app;
    await app.ready();
    // The tray reads settings after the window opens; once it shows the queue, any first-run question would be open.
    await waitFor(
      () => app.command<TrayView>('tray'),
      (tray) => labels(tray).includes('2 scheduled · 0 publishing'),
      10_000,
      'the tray to show the queue',
    );
    expect(await settingsOf(app)).toMatchObject({ startAtLogin: true, startAtLoginAsked: true });
    expect(await app.command<ShownDialog[]>('dialogs')).toEqual([]);

    // SIGTERM (a logout, a service manager): no question, a clean exit.
    process.kill(app.pid, 'SIGTERM');
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(indexOfCall(exit.record, 'dialog.showMessageBox')).toBe(-1);
  }, 90_000);
});

describe('waking after posts were due', () => {
  it('shows one notification for the posts due while asleep, not one per post', async () => {
    const x = await FakeTwitter.start();
    const app = new BootedApp({ env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: x.origin } });
    try {
      await app.ready();
      await openDialog(app, 'the start-at-login question');
      await app.command('answerDialog', { response: 0 });
      // No tolerance: anything overdue at all is missed, so a few seconds asleep are enough.
      await app.invoke('settings:set', { lateToleranceMinutes: 0 });
      const user = x.addUser('corner_bakery');
      const account = await app.invoke<AccountView>('accounts:add', {
        platform: 'twitter',
        name: '@corner_bakery',
        accessToken: user.accessToken,
        externalId: user.userId,
      });
      for (const [text, inMs] of [
        ['Fresh bread at 7', 1_500],
        ['Croissants are out', 2_000],
      ] as const) {
        const created = await app.invoke<PostView>('posts:create', {
          text,
          targets: [{ accountId: account.value?.id }],
          mode: 'schedule',
          scheduledAt: new Date(Date.now() + inMs).toISOString(),
        });
        expect(created.ok).toBe(true);
      }

      // The lid closes: the system says so, then the process stands still past both due times (SIGSTOP freezes it
      // as a sleep does; Redis, its own process, keeps the jobs), and the system says it woke.
      await app.command('power', { event: 'suspend' });
      process.kill(app.pid, 'SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      process.kill(app.pid, 'SIGCONT');
      await app.command('power', { event: 'resume' });

      const shown = async () => (await app.record()).filter((entry) => entry.call === 'Notification.show');
      await waitFor(shown, (notes) => notes.length > 0, 15_000, 'a notification');
      // Anything per post would have come by now: the jobs ran at the wake.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await shown()).map((entry) => [entry.title, entry.body])).toEqual([
        ['2 posts were due while this computer was asleep', '2 missed.\nOpen the app to publish the missed ones now or reschedule them.'],
      ]);
      const summary = await app.invoke<{ counts: Record<string, number> }>('wake:summary', {});
      expect(summary.value?.counts).toEqual({ due: 2, publishedLate: 0, publishing: 0, rescheduled: 0, missed: 2, failed: 0 });
      expect(x.tweets).toEqual([]);
    } finally {
      await app.dispose();
      await x.close();
    }
  }, 90_000);
});
