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

/**
 * Fetches the app's own chunk (renderer/src/boot.tsx, which main.tsx imports once the start's requests are sent)
 * from the first byte of the page, beside the small entry: it downloads and compiles while those requests are
 * answered instead of after the entry ran. Vite preloads only what the entry imports statically.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'publishing-engine:preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        const app = Object.values(bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/renderer/src/boot.tsx') === true,
        );
        if (!app || app.type !== 'chunk' || !entry) throw new Error('The build has no chunk for renderer/src/boot.tsx');
        // What the entry imports is preloaded by Vite already.
        const files = [app.fileName, ...app.imports].filter((file) => file !== entry.fileName && !entry.imports.includes(file));
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
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
    plugins: [react(), cspMetaInBuild(), preloadAppChunk()],
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
