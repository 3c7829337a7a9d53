// One tab per chosen platform showing roughly how the post will look there: the text after that platform's own
// override, folded where the network folds it, link cards, a picture grid or carousel, a video's poster, and X's
// thread. Labelled as the approximation it is.
import { useState, type KeyboardEvent } from 'react';
import { PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import { PlatformIcon } from '../../components/PlatformIcon';
import type { NetworkPreview as Preview, PreviewMedia, PreviewPost } from '../../lib/network-preview';

const TOKEN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|[#@][\p{L}\p{N}_]+)/gu;

/** The text with links, hashtags and mentions marked as the networks colour them (Instagram's links stay plain). */
function RichText({ text, platform }: { text: string; platform: Platform }) {
  const parts = text.split(TOKEN);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 && !(platform === 'instagram' && part.startsWith('http')) ? (
          <span key={index} className="preview-token">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function VideoPoster({ item }: { item: PreviewMedia }) {
  // A fragment past the first instant makes the browser draw a frame: the poster the networks show.
  const src = item.src.includes('#') ? item.src : `${item.src}#t=0.1`;
  return (
    <div className="preview-video" data-testid="preview-video">
      <video src={src} preload="metadata" muted playsInline tabIndex={-1} />
      <span className="preview-play" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
          <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
        </svg>
      </span>
    </div>
  );
}

function Carousel({ media }: { media: readonly PreviewMedia[] }) {
  const [index, setIndex] = useState(0);
  const shown = Math.min(index, media.length - 1);
  const item = media[shown];
  if (!item) return null;
  return (
    <div className="preview-carousel" data-testid="preview-carousel" data-count={media.length}>
      {item.kind === 'video' ? <VideoPoster item={item} /> : <img src={item.src} alt="" />}
      <span className="preview-counter">
        {shown + 1}/{media.length}
      </span>
      <button type="button" className="preview-step is-prev" aria-label="Previous picture" disabled={shown === 0} onClick={() => setIndex(shown - 1)}>
        ‹
      </button>
      <button
        type="button"
        className="preview-step is-next"
        aria-label="Next picture"
        disabled={shown === media.length - 1}
        onClick={() => setIndex(shown + 1)}
      >
        ›
      </button>
      <span className="preview-dots" aria-hidden="true">
        {media.map((_, dot) => (
          <span key={dot} className={dot === shown ? 'is-current' : undefined} />
        ))}
      </span>
    </div>
  );
}

function Media({ post }: { post: PreviewPost }) {
  if (post.mediaLayout === 'none') return null;
  if (post.mediaLayout === 'video') return post.media[0] ? <VideoPoster item={post.media[0]} /> : null;
  if (post.mediaLayout === 'carousel') return <Carousel media={post.media} />;
  return (
    <div className={`preview-grid count-${Math.min(post.media.length, 5)}`} data-testid="preview-grid" data-count={post.media.length}>
      {post.media.map((item, index) => (
        <div key={item.src} className="preview-tile">
          <img src={item.src} alt="" />
          {post.hiddenMedia > 0 && index === post.media.length - 1 ? <span className="preview-hidden">+{post.hiddenMedia}</span> : null}
        </div>
      ))}
    </div>
  );
}

function PostBody({ preview, post, index }: { preview: Preview; post: PreviewPost; index: number }) {
  const thread = preview.posts.length > 1;
  // Instagram, TikTok and YouTube lead with the picture or video; the feeds of the others with the text.
  const mediaFirst = preview.frame !== 'feed' || preview.platform === 'instagram';
  return (
    <div className={`preview-post${thread ? ' in-thread' : ''}`} data-testid="preview-post">
      <div className="preview-author">
        <span className="preview-avatar" aria-hidden="true">
          {preview.author.replace(/^@/, '').charAt(0).toUpperCase()}
        </span>
        <span className="preview-name">{preview.author}</span>
        {thread ? (
          <span className="preview-thread-count">
            {index + 1}/{preview.posts.length}
          </span>
        ) : null}
      </div>
      {mediaFirst ? <Media post={post} /> : null}
      {preview.title && preview.frame === 'video' ? <p className="preview-title">{preview.title}</p> : null}
      {post.text !== '' || post.more ? (
        <p className="preview-text" data-testid="preview-text">
          {preview.platform === 'instagram' ? <span className="preview-caption-author">{preview.author} </span> : null}
          <RichText text={post.text} platform={preview.platform} />
          {post.more ? (
            <span className="preview-more" data-testid="preview-more">
              {post.more}
            </span>
          ) : null}
        </p>
      ) : null}
      {mediaFirst ? null : <Media post={post} />}
      {post.linkCard ? (
        <div className="preview-card" data-testid="preview-link-card">
          <span className="preview-card-image" aria-hidden="true" />
          <span className="preview-card-domain">{post.linkCard.domain}</span>
          <span className="preview-card-url">{post.linkCard.url}</span>
        </div>
      ) : null}
    </div>
  );
}

interface NetworkPreviewProps {
  previews: readonly Preview[];
}

export function NetworkPreview({ previews }: NetworkPreviewProps) {
  const [chosen, setChosen] = useState<Platform | null>(null);
  const current = previews.find((preview) => preview.platform === chosen) ?? previews[0];
  if (!current) return null;

  // Arrow keys move between tabs (the tab list is one Tab stop), as the ARIA tabs pattern has it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = previews.indexOf(current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target =
      event.key === 'Home'
        ? previews[0]
        : event.key === 'End'
          ? previews.at(-1)
          : step !== 0
            ? previews[(at + step + previews.length) % previews.length]
            : undefined;
    if (!target) return;
    event.preventDefault();
    setChosen(target.platform);
    document.getElementById(`preview-tab-${target.platform}`)?.focus();
  };

  return (
    <section className="card network-preview" aria-labelledby="preview-heading" data-testid="network-preview">
      <h2 className="card-title" id="preview-heading">
        Preview
        <span className="card-title-note" data-testid="preview-disclaimer">
          An approximation: each network decides the final look.
        </span>
      </h2>
      <div className="preview-tabs" role="tablist" aria-label="Preview per network" onKeyDown={onKeyDown}>
        {previews.map((preview) => {
          const selected = preview === current;
          return (
            <button
              key={preview.platform}
              id={`preview-tab-${preview.platform}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls="preview-panel"
              tabIndex={selected ? 0 : -1}
              data-testid="preview-tab"
              data-platform={preview.platform}
              onClick={() => setChosen(preview.platform)}
            >
              <PlatformIcon platform={preview.platform} size={16} decorative />
              {PLATFORM_LABELS[preview.platform]}
            </button>
          );
        })}
      </div>
      <div
        id="preview-panel"
        role="tabpanel"
        aria-labelledby={`preview-tab-${current.platform}`}
        className={`preview preview-${current.platform} frame-${current.frame}`}
        data-testid="preview"
        data-platform={current.platform}
        tabIndex={0}
      >
        {current.frame === 'vertical' && current.title ? <p className="preview-title">{current.title}</p> : null}
        {current.posts.map((post, index) => (
          <PostBody key={index} preview={current} post={post} index={index} />
        ))}
        {current.notes.length > 0 ? (
          <ul className="preview-notes" data-testid="preview-notes">
            {current.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
