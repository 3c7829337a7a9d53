// The sandboxed preload: exposes window.api (the contract, nothing else) to the isolated renderer.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'api',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)),
);
