// Types for electron-vite's `?asset` imports (icons bundled next to the built main process).
/// <reference types="electron-vite/node" />
