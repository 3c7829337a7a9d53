// The page runs under a Content-Security-Policy without 'unsafe-eval'. Zod 4 otherwise probes `new Function` to
// compile faster parsers, and every probe is a CSP violation report. Imported first by each module of the page that
// parses with zod (only the composer's autosave does), so it applies before any parse without putting zod in the
// page's first chunk; zod/mini's config is the core's, which zod's full API shares.
import { config } from 'zod/mini';

config({ jitless: true });
