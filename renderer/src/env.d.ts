/// <reference types="vite/client" />
// The preload exposes the engine as window.api; in the browser-hosted dev mode a local bridge provides the same shape.
import type { BridgeApi } from '../../shared/contract/api';

declare global {
  interface Window {
    api: BridgeApi;
  }
}

export {};
