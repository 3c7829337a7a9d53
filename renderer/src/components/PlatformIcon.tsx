// Small drawn platform marks in brand colours: no icon font, nothing fetched.
import { memo, type ReactElement } from 'react';
import { PLATFORMS, PLATFORM_LABELS, type Platform } from '../../../shared/domain';

const GLYPHS: Record<Platform, ReactElement> = {
  instagram: (
    <g fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="4.5" y="4.5" width="15" height="15" rx="4.5" />
      <circle cx="12" cy="12" r="3.6" />
      <circle cx="16.6" cy="7.4" r="0.6" fill="currentColor" />
    </g>
  ),
  facebook: (
    <path
      fill="currentColor"
      d="M13.4 21v-7.6h2.6l.4-3h-3V8.5c0-.9.3-1.5 1.5-1.5h1.6V4.3c-.3 0-1.2-.1-2.3-.1-2.3 0-3.8 1.4-3.8 3.9v2.3H7.8v3h2.6V21z"
    />
  ),
  twitter: (
    <g fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <path d="M5 4.5 19 19.5" />
      <path d="M19 4.5 5 19.5" strokeWidth="1.6" />
    </g>
  ),
  linkedin: (
    <g fill="currentColor">
      <rect x="5" y="9.5" width="3" height="9.5" rx="0.5" />
      <circle cx="6.5" cy="6.2" r="1.8" />
      <path d="M10.4 9.5h2.9v1.3c.5-.9 1.6-1.5 3-1.5 2.6 0 3.5 1.6 3.5 4.2V19h-3v-4.8c0-1.2-.4-2-1.5-2s-1.9.9-1.9 2.1V19h-3z" />
    </g>
  ),
  tiktok: (
    <path
      fill="currentColor"
      d="M13.6 3.5h2.9c.2 1.9 1.5 3.3 3.3 3.5v2.9c-1.2 0-2.3-.4-3.3-1v5.7a5.1 5.1 0 1 1-5.1-5.1h.4v3a2.1 2.1 0 1 0 1.8 2.1z"
    />
  ),
  youtube: <path fill="currentColor" d="M9.5 7.8v8.4l7-4.2z" />,
};

/** A glyph as SVG markup (its JSX props as attributes). */
function markup(node: ReactElement): string {
  const { children, ...attributes } = node.props as Record<string, unknown> & { children?: ReactElement | ReactElement[] };
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}="${String(value)}"`)
    .join('');
  const inner = children === undefined ? '' : (Array.isArray(children) ? children : [children]).map(markup).join('');
  return `<${String(node.type)}${attrs}>${inner}</${String(node.type)}>`;
}

let glyphSheet: CSSStyleSheet | null = null;

/**
 * Each platform's glyph in white as a CSS image, `--glyph` on its `.platform-…` class, for marks drawn many times over
 * (a busy calendar's chips): one element each instead of an SVG tree each, which a month of chips pays for in layout,
 * and no style of their own, so the page styles them as one. Installed once, as a style sheet of the document.
 */
export function installGlyphImages(): void {
  if (glyphSheet !== null) return;
  glyphSheet = new CSSStyleSheet();
  glyphSheet.replaceSync(
    PLATFORMS.map((platform) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" color="#fff">${markup(GLYPHS[platform])}</svg>`;
      return `.platform-${platform} { --glyph: url("data:image/svg+xml,${encodeURIComponent(svg)}"); }`;
    }).join('\n'),
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, glyphSheet];
}

interface PlatformIconProps {
  platform: Platform;
  size?: number;
  /** Decorative next to the platform's name; otherwise it carries the name itself. */
  decorative?: boolean;
}

export const PlatformIcon = memo(function PlatformIcon({ platform, size = 20, decorative = false }: PlatformIconProps) {
  return (
    <span
      className={`platform-icon platform-${platform}`}
      style={{ width: size, height: size }}
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : PLATFORM_LABELS[platform]}
      aria-hidden={decorative ? true : undefined}
      title={decorative ? undefined : PLATFORM_LABELS[platform]}
    >
      <svg viewBox="0 0 24 24" width={size * 0.72} height={size * 0.72} aria-hidden="true" focusable="false">
        {GLYPHS[platform]}
      </svg>
    </span>
  );
});
