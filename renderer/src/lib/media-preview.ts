// Where the page loads an imported file's bytes for a thumbnail: the host's preview address, when it serves one.
import { useEffect, useState } from 'react';

/** The preview address of a media item, or null while asked for and where the host serves none. */
export function useMediaPreviewUrl(id: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const preview = (window as Partial<Window>).api?.mediaPreviewUrl;
    if (!preview) return undefined;
    let current = true;
    preview(id).then(
      (next) => {
        if (current) setUrl(next);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [id]);
  return url;
}
