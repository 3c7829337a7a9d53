// Write once, adjust per platform, then publish now, schedule, or keep as a draft. The same rules the engine applies
// run as the user types, and the engine's own refusals land next to the field they name.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PLATFORM_LABELS, type AccountView, type Platform, type PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { PlatformIcon } from '../../components/PlatformIcon';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { PostStatusBadge } from '../../components/PostStatusBadge';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { accountProblems } from '../../lib/accounts';
import { accountsResource } from '../../lib/accounts-store';
import { call } from '../../lib/api';
import { AUTOSAVE_DELAY_MS, clearAutosave, loadAutosave, sameDraft, storeAutosave, type Autosaved } from '../../lib/composer-autosave';
import { composerErrors, type ComposerErrors } from '../../lib/composer-errors';
import {
  checkDraft,
  checkSchedule,
  cleanOptions,
  countViolations,
  draftFromPost,
  draftMediaKind,
  effectiveText,
  emptyDraft,
  platformDraft,
  queueInput,
  saveInput,
  selectedAccounts,
  selectedPlatforms,
  type ComposerDraft,
  type PlatformDraft,
} from '../../lib/composer-model';
import { useMediaPreviewSources } from '../../lib/media-files';
import { useMediaStorageConfigured } from '../../lib/use-media-storage';
import { networkPreview } from '../../lib/network-preview';
import { toAppError } from '../../lib/result';
import { editPostHref, postHref } from '../../lib/route';
import { isEditable, isQueued, postStatusView } from '../../lib/status';
import { defaultScheduleWallTime, formatInstant, instantToWallTime, userTimeZone, type WallTime } from '../../lib/time';
import { preferences } from '../../lib/preferences';
import { showPublishToast } from '../../lib/publish-toast';
import { accountCount } from '../../lib/target-label';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useEngineEvent } from '../../lib/use-engine-event';
import { setLeaveGuard } from '../../lib/leave-guard';
import { useNow } from '../../lib/use-now';
import { navigate } from '../../lib/use-route';
import { AccountPicker } from './AccountPicker';
import { LeaveDialog } from './LeaveDialog';
import { RestoredBanner } from './RestoredBanner';
import { MediaField } from './MediaField';
import { NetworkPreview } from './NetworkPreview';
import { PlatformPanel } from './PlatformPanel';
import { ScheduleFields } from './ScheduleFields';
import { TextCounter } from './TextCounter';

type ComposerAction = 'now' | 'schedule' | 'queue' | 'draft' | 'save';

const ACTION_LABELS: Record<ComposerAction, string> = {
  now: 'Publish now',
  schedule: 'Schedule',
  queue: 'Add to queue',
  draft: 'Save draft',
  save: 'Save changes',
};
const NO_ACCOUNTS: AccountView[] = [];

function newDraft(at: string | null, zone: string, account: string | null): ComposerDraft {
  const parsed = at === null ? NaN : Date.parse(at);
  const when: WallTime = Number.isNaN(parsed) ? defaultScheduleWallTime(new Date(), zone) : instantToWallTime(parsed, zone);
  // A new post starts with the account it was opened for (an empty posting slot's), else the settings' defaults
  // (those still connected are shown as chosen).
  return { ...emptyDraft(when, zone, at !== null), accountIds: account === null ? [...preferences().defaultAccountIds] : [account] };
}

/** A new post: what the user was writing when they last left it unsaved, else a fresh one (at the picked time). */
function openNew(
  at: string | null,
  zone: string,
  account: string | null,
): { draft: ComposerDraft; baseline: ComposerDraft; restored: Autosaved | null } {
  const fresh = newDraft(at, zone, account);
  const saved = loadAutosave(null);
  if (saved === null || sameDraft(saved.draft, fresh)) return { draft: fresh, baseline: fresh, restored: null };
  // A click on a day of the calendar (or an empty slot) asks for that time (and account); the words come back all the same.
  const draft =
    at === null
      ? saved.draft
      : { ...saved.draft, when: fresh.when, timeZone: fresh.timeZone, ...(account === null ? {} : { accountIds: fresh.accountIds }) };
  return { draft, baseline: fresh, restored: saved };
}

/** What "Add to queue" did, in words: one post at its slot, or a post per slot time. */
function queuedMessage(posts: readonly PostView[]): string {
  const at = (post: PostView): string => (post.scheduledAt ? `${formatInstant(post.scheduledAt, post.timeZone)} (${post.timeZone})` : '');
  if (posts.length === 1) return `Added to the queue: ${at(posts[0] as PostView)}.`;
  return `Added to the queue as ${posts.length} posts, one per slot time: ${posts.map(at).join(', ')}.`;
}

export default function ComposerView({ postId, at, account = null }: { postId: string | null; at: string | null; account?: string | null }) {
  const userZone = useMemo(() => userTimeZone(), []);
  const [opened] = useState(() => (postId === null ? openNew(at, userZone, account) : null));
  const now = useNow();
  const accounts = accountsResource.useLive();
  const accountList = accounts.data ?? NO_ACCOUNTS;

  const [existing, setExisting] = useState<PostView | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [loadError, setLoadError] = useState<ReturnType<typeof toAppError> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [draft, setDraft] = useState<ComposerDraft | null>(opened?.draft ?? null);
  // What is stored (or, for a new post, what it starts as): the draft differs from it when there is work to lose.
  const [baseline, setBaseline] = useState<ComposerDraft | null>(opened?.baseline ?? null);
  // Unsaved work brought back on opening, and unsaved work from before the post changed elsewhere (offered only).
  const [restored, setRestored] = useState<Autosaved | null>(opened?.restored ?? null);
  const [offered, setOffered] = useState<Autosaved | null>(null);
  const [leavingTo, setLeavingTo] = useState<string | null>(null);
  // The post's updatedAt the edits are made on: unsaved work from another version is offered, not applied.
  const basis = useRef<string | null>(null);
  const [errors, setErrors] = useState<ComposerErrors>({});
  // The idempotency key of creating this draft: sent again when the same content is retried (an answer lost on the
  // way), made anew once the content changes or the post exists.
  const createKey = useRef(crypto.randomUUID());
  const { busy, run } = useAction();

  useEffect(() => {
    if (postId === null) return;
    let current = true;
    setLoadError(null);
    call('posts:get', { id: postId }).then(
      (post) => {
        if (!current) return;
        const stored = draftFromPost(post, defaultScheduleWallTime(new Date(), post.timeZone));
        const saved = loadAutosave(post.id);
        basis.current = post.updatedAt;
        setExisting(post);
        setBaseline(stored);
        if (saved === null || sameDraft(saved.draft, stored) || !isEditable(post)) {
          if (saved !== null) clearAutosave(post.id);
          setDraft(stored);
        } else if (saved.basis === post.updatedAt) {
          setDraft(saved.draft);
          setRestored(saved);
        } else {
          setDraft(stored);
          setOffered(saved);
        }
      },
      (failure: unknown) => {
        if (current) setLoadError(toAppError(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [postId, attempt]);

  useEngineEvent('post:changed', ({ post }) => {
    if (post.id === existing?.id) setExisting(post);
  });
  useEngineEvent('post:deleted', ({ postId: gone }) => {
    if (gone === existing?.id) setDeleted(true);
  });

  // A scroll to the first message the engine sent back, so it is not missed below the fold.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    document.querySelector('[data-testid="field-error"], [data-testid="form-error"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [errors]);

  const change = useCallback((update: (current: ComposerDraft) => ComposerDraft, clears: (key: string) => boolean) => {
    createKey.current = crypto.randomUUID();
    settled.current = false;
    setDraft((current) => (current ? update(current) : current));
    setErrors((current) => {
      const kept = Object.entries(current).filter(([key]) => key !== 'form' && !clears(key));
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  }, []);

  const editableNow = !deleted && (existing === null || isEditable(existing));
  const dirty = draft !== null && baseline !== null && editableNow && !sameDraft(draft, baseline);
  const latest = useRef({ draft, dirty });
  latest.current = { draft, dirty };
  // Set once the work is saved or thrown away on the way out: nothing to keep or ask about after that.
  const settled = useRef(false);
  const keepUnsaved = useCallback(() => {
    const { draft: current, dirty: unsaved } = latest.current;
    if (current && unsaved && !settled.current) storeAutosave(postId, current, basis.current);
  }, [postId]);

  // Typing is stored once it pauses; back to what is stored, nothing is kept. An offer of older work stays until
  // the user answers it.
  useEffect(() => {
    if (draft === null || baseline === null) return;
    if (!dirty) {
      if (offered === null) clearAutosave(postId);
      return;
    }
    const timer = window.setTimeout(keepUnsaved, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, baseline, dirty, offered, postId, keepUnsaved]);

  // A quit, a reload or leaving this screen by Back stores what the pause has not stored yet.
  useEffect(() => {
    window.addEventListener('pagehide', keepUnsaved);
    return () => {
      window.removeEventListener('pagehide', keepUnsaved);
      keepUnsaved();
    };
  }, [keepUnsaved]);

  // Leaving through a link or a button asks first while there is unsaved work.
  useEffect(
    () =>
      setLeaveGuard((href) => {
        if (!latest.current.dirty || settled.current) return true;
        setLeavingTo(href);
        return false;
      }),
    [],
  );

  /** Leaves for `href` now: the unsaved work kept for later, or thrown away. */
  const leave = (href: string, keep: boolean): void => {
    if (keep) keepUnsaved();
    else {
      clearAutosave(postId);
      // Gone from the screen too, should this composer be shown again before it unmounts.
      if (baseline) setDraft(baseline);
    }
    settled.current = true;
    setLeavingTo(null);
    navigate(href);
  };

  const discardUnsaved = (): void => {
    clearAutosave(postId);
    setRestored(null);
    setOffered(null);
    if (baseline) setDraft(baseline);
  };

  const storageConfigured = useMediaStorageConfigured();
  const checks = useMemo(() => (draft ? checkDraft(draft, accountList, { storageConfigured }) : {}), [draft, accountList, storageConfigured]);
  const mediaSources = useMediaPreviewSources(draft?.media ?? []);
  const previews = useMemo(() => {
    if (!draft) return [];
    const chosenAccounts = selectedAccounts(draft, accountList);
    const media = draft.media.flatMap((entry, index) => {
      const src = mediaSources[index];
      const kind = draftMediaKind(entry);
      return src && kind !== 'document' ? [{ src, kind }] : [];
    });
    return selectedPlatforms(draft, accountList).map((platform) =>
      networkPreview({
        platform,
        text: effectiveText(draft, platform),
        options: cleanOptions(platform, platformDraft(draft, platform).options) ?? {},
        media,
        accountNames: chosenAccounts.filter((account) => account.platform === platform).map((account) => account.name),
      }),
    );
  }, [draft, accountList, mediaSources]);

  if (postId !== null && draft === null) {
    return (
      <section className="page">
        <PageHeader title="Edit post" />
        {loadError ? (
          <ErrorState error={loadError} onRetry={() => setAttempt((value) => value + 1)} title="Could not open this post" />
        ) : (
          <LoadingState label="Opening the post…" />
        )}
      </section>
    );
  }
  if (draft === null) return null;

  const chosen = selectedAccounts(draft, accountList);
  const platforms = selectedPlatforms(draft, accountList);
  const violationCount = countViolations(checks);
  const schedule = checkSchedule(draft.when, draft.timeZone, now);
  const editable = editableNow;
  const queued = existing !== null && isQueued(existing.status);
  // Publish now and Add to queue share a row (neither needs a time), so the panel stays as tall as before.
  const actions: ComposerAction[] = queued ? ['now', 'save'] : ['now', 'queue', 'schedule', 'draft'];
  const needsTime = (action: ComposerAction): boolean => action === 'schedule' || action === 'save';

  const blockers: string[] = [];
  if (chosen.length === 0) blockers.push('Choose at least one account.');
  if (violationCount > 0) blockers.push(`Fix ${violationCount} problem${violationCount === 1 ? '' : 's'} the platforms would refuse.`);
  if (schedule.problem && actions.some(needsTime)) blockers.push(`To ${queued ? 'save' : 'schedule'}: ${schedule.problem}`);
  const blocked = (action: ComposerAction): boolean =>
    !editable ||
    busy !== null ||
    (action !== 'draft' && chosen.length === 0) ||
    (action !== 'draft' && violationCount > 0) ||
    (needsTime(action) && schedule.problem !== null);

  const futureInstant = schedule.problem === null ? schedule.instant : null;

  // One button, one engine call: posts:save creates or changes the post and queues it as the button says.
  const perform = (action: ComposerAction): Promise<PostView> => {
    const mode = action === 'now' ? 'now' : action === 'draft' ? 'draft' : 'schedule';
    return call('posts:save', saveInput(existing?.id ?? null, draft, accountList, mode, futureInstant, createKey.current));
  };

  /** Stored by the engine now: nothing left to keep here, and nothing to ask about on the way out. */
  const stored = (post: PostView): void => {
    clearAutosave(postId);
    settled.current = true;
    basis.current = post.updatedAt;
    setBaseline(draft);
    setRestored(null);
  };

  // "Add to queue": one posts:queue call; the engine picks each account's next free slot (and may make a post per
  // slot time when the accounts' next slots differ).
  const addToQueue = (): void => {
    const sentPlatforms: Platform[] = chosen.map((account) => account.platform);
    setErrors({});
    void run(
      'queue',
      async () => {
        const posts = await call('posts:queue', queueInput(existing?.id ?? null, draft, accountList, `${createKey.current}:queue`));
        const [first] = posts;
        if (!first) return;
        stored(first);
        showToast({ tone: 'success', message: queuedMessage(posts), href: postHref(first.id), linkLabel: 'Open' });
        navigate(postHref(first.id));
      },
      (error) => setErrors(composerErrors(error, sentPlatforms)),
    );
  };

  const submit = (action: ComposerAction): void => {
    if (action === 'queue') return addToQueue();
    const sentPlatforms: Platform[] = chosen.map((account) => account.platform);
    setErrors({});
    void run(
      action,
      async () => {
        const post = await perform(action);
        stored(post);
        if (action === 'now') {
          showPublishToast(post, `Publishing to ${accountCount(post)} now.`);
        } else if ((action === 'schedule' || action === 'save') && post.scheduledAt) {
          showToast({ tone: 'success', message: `Scheduled for ${formatInstant(post.scheduledAt, post.timeZone)} (${post.timeZone}).` });
        } else {
          showToast({ tone: 'success', message: 'Draft saved.', href: postHref(post.id), linkLabel: 'View' });
        }
        if (action === 'draft') {
          setExisting(post);
          navigate(editPostHref(post.id));
        } else {
          navigate(postHref(post.id));
        }
      },
      (error) => setErrors(composerErrors(error, sentPlatforms)),
    );
  };

  const setPlatform = (platform: Platform, settings: PlatformDraft): void =>
    change(
      (current) => ({ ...current, platforms: { ...current.platforms, [platform]: settings } }),
      (key) => key.startsWith(`${platform}:`),
    );

  const title = existing ? 'Edit post' : 'New post';
  return (
    <section className="page composer-page" aria-labelledby="composer-title">
      <PageHeader
        title={<span id="composer-title">{title}</span>}
        subtitle={
          existing ? (
            <>
              <PostStatusBadge post={existing} /> <a href={postHref(existing.id)}>View post</a>
            </>
          ) : (
            'Write it once; adjust it for each platform if you like.'
          )
        }
      />
      {!editable ? (
        <div className="banner tone-warning" role="status" data-testid="not-editable">
          <Icon name="alert" />
          <span>
            {deleted
              ? 'This post was deleted.'
              : `This post is ${existing ? postStatusView(existing).label.toLowerCase() : 'gone'} and can no longer be changed.`}
          </span>
          {existing && !deleted ? <a href={postHref(existing.id)}>Open it</a> : null}
        </div>
      ) : restored || offered ? (
        <RestoredBanner
          savedAt={(restored ?? offered)?.savedAt ?? 0}
          changedSince={offered !== null}
          onRestore={() => {
            if (!offered) return;
            setDraft(offered.draft);
            setRestored(offered);
            setOffered(null);
          }}
          onDiscard={discardUnsaved}
        />
      ) : existing?.status === 'failed' ? (
        <div className="banner tone-info" role="status">
          <Icon name="retry" />
          <span>Saving puts this post back in the queue at the time you pick.</span>
        </div>
      ) : existing?.status === 'cancelled' ? (
        <div className="banner tone-info" role="status">
          <Icon name="retry" />
          <span>This post was cancelled. Schedule it again, publish it now, or keep it as a draft.</span>
        </div>
      ) : null}

      <form data-testid="composer" onSubmit={(event) => event.preventDefault()} aria-busy={busy !== null}>
        <fieldset className="composer" disabled={!editable}>
          <div className="composer-main">
            <section className="card">
              <h2 className="card-title">
                <label htmlFor="post-text">Post text</label>
              </h2>
              <textarea
                id="post-text"
                className="post-text"
                rows={7}
                autoFocus={existing === null}
                placeholder="What would you like to share?"
                value={draft.text}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={errors.text ? 'text-error text-counters' : 'text-counters'}
                onChange={(event) => {
                  const text = event.target.value;
                  change(
                    (current) => ({ ...current, text }),
                    (key) => key === 'text' || key.endsWith(':text'),
                  );
                }}
              />
              <div className="text-counters" id="text-counters">
                {platforms.length === 0 ? (
                  <span className="hint">Choose accounts to see each platform’s limit.</span>
                ) : (
                  platforms.map((platform) =>
                    platformDraft(draft, platform).override === null ? (
                      <span className="text-counter-chip" key={platform}>
                        <PlatformIcon platform={platform} size={16} decorative />
                        <span className="visually-hidden">{PLATFORM_LABELS[platform]}</span>
                        <TextCounter platform={platform} text={draft.text} testId="text-counter" />
                      </span>
                    ) : (
                      <span className="text-counter-chip is-own" key={platform}>
                        <PlatformIcon platform={platform} size={16} decorative />
                        {PLATFORM_LABELS[platform]} uses its own text
                      </span>
                    ),
                  )
                )}
              </div>
              <FieldError id="text-error" field="text" message={errors.text} />
            </section>

            <MediaField
              media={draft.media}
              platforms={platforms}
              optionsOf={(platform) => cleanOptions(platform, platformDraft(draft, platform).options) ?? {}}
              checks={checks}
              error={errors.media}
              onChange={(media) =>
                change(
                  (current) => ({ ...current, media }),
                  (key) => key === 'media' || /(^|:)media(Urls)?(\.|$)/.test(key),
                )
              }
            />

            {platforms.map((platform) => (
              <PlatformPanel
                key={platform}
                platform={platform}
                settings={platformDraft(draft, platform)}
                sharedText={draft.text}
                accountNames={chosen.filter((account) => account.platform === platform).map((account) => account.name)}
                accountProblems={accountProblems(chosen.filter((account) => account.platform === platform))}
                violations={checks[platform] ?? []}
                errors={errors}
                onChange={(settings) => setPlatform(platform, settings)}
              />
            ))}

            <NetworkPreview previews={previews} />
          </div>

          <aside className="composer-side">
            <AccountPicker
              accounts={accounts}
              selected={draft.accountIds}
              error={errors.accounts}
              onRetry={accountsResource.reload}
              onToggle={(accountId, on) =>
                change(
                  (current) => ({
                    ...current,
                    accountIds: on ? [...current.accountIds, accountId] : current.accountIds.filter((id) => id !== accountId),
                  }),
                  (key) => key === 'accounts',
                )
              }
            />
            <ScheduleFields
              when={draft.when}
              timeZone={draft.timeZone}
              chosen={draft.timeChosen}
              userZone={userZone}
              check={schedule}
              now={now}
              errors={{ when: errors.when, timeZone: errors.timeZone }}
              onChange={(when, timeZone) =>
                change(
                  (current) => ({ ...current, when, timeZone, timeChosen: true }),
                  (key) => key === 'when' || key === 'timeZone',
                )
              }
            />
            <section className="card composer-actions" aria-label="Publish">
              <FormError message={errors.form} />
              {dirty ? (
                <p className="hint autosave-state" data-testid="autosave-state">
                  Not saved yet; kept on this computer as you type.
                </p>
              ) : null}
              {blockers.length > 0 && editable ? (
                <ul className="blockers" id="composer-blockers" data-testid="composer-blockers">
                  {blockers.map((blocker) => (
                    <li key={blocker}>{blocker}</li>
                  ))}
                </ul>
              ) : null}
              <div className={`button-stack${queued ? '' : ' is-paired'}`}>
                {actions.map((action) => (
                  <button
                    key={action}
                    type="button"
                    className={`button${needsTime(action) ? ' button-primary' : action === 'draft' ? ' button-quiet' : ''}`}
                    data-action={action}
                    disabled={blocked(action)}
                    aria-describedby={blockers.length > 0 ? 'composer-blockers' : undefined}
                    onClick={() => submit(action)}
                  >
                    {busy === action ? <span className="spinner" aria-hidden="true" /> : null}
                    {ACTION_LABELS[action]}
                  </button>
                ))}
              </div>
            </section>
          </aside>
        </fieldset>
      </form>
      {leavingTo !== null ? (
        <LeaveDialog onStay={() => setLeavingTo(null)} onKeep={() => leave(leavingTo, true)} onDiscard={() => leave(leavingTo, false)} />
      ) : null}
    </section>
  );
}
