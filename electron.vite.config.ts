import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/main/content-security-policy';

/** The policy as a <meta> tag in the built page only (see content-security-policy.ts for why not in dev). */
function cspMetaInBuild(): Plugin {
  const charset = '<meta charset="UTF-8" />';
  return {
    name: 'publishing-engine:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      // Right after the charset, which must come first, and before any script the policy governs.
      if (!html.includes(charset)) throw new Error(`renderer/index.html must start its <head> with ${charset}`);
      const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ meta: true })}" />`;
      return html.replace(charset, `${charset}\n    ${meta}`);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Only package.json `dependencies` stay external (native, or managing processes and connections) and ship in
      // node_modules; pure-JS libraries are devDependencies, bundled so only what the engine uses is loaded (each
      // full library costs the always-running engine 10+ MB) and the installer carries no second copy.
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMetaInBuild()],
    // Everything that listens binds the loopback address; the main process derives the dev CSP from this origin.
    server: { host: '127.0.0.1' },
    build: {
      minify: true,
      rolldownOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
      },
    },
  },
});
