import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../electron/main/external-url';

describe('isSafeExternalUrl', () => {
  it('accepts web links to published posts', () => {
    for (const url of [
      'https://x.com/acme/status/1790000000000000000',
      'https://www.linkedin.com/feed/update/urn:li:share:7000000000000000000/',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'http://example.com/path?q=1#top',
      'https://[2001:db8::1]/post',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses other schemes, credentials, missing hosts and garbage', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'vbscript:msgbox',
      'mailto:someone@example.com',
      'https://user:secret@example.com/',
      'https://user@example.com/',
      'https://',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(2100)}`,
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
