// window.api as the preload exposes it (renderer/src/env.d.ts declares the same, identical property).
import type { BridgeApi } from '../../shared/contract/api';

declare global {
  interface Window {
    api: BridgeApi;
  }
}

export {};
