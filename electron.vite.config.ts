import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      // Pure-JS libraries are bundled so only what the engine uses is loaded (each full library costs the
      // always-running engine 10+ MB); native and process-managing ones stay external.
      externalizeDeps: {
        exclude: ['date-fns', '@date-fns/tz', 'zod', 'twitter-text', 'kysely', 'file-type', 'image-size', 'mediabunny', 'aws4fetch'],
      },
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
    plugins: [react()],
    build: {
      minify: true,
      rolldownOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
      },
    },
  },
});
