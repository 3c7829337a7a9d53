// The sandboxed preload: exposes window.api (the contract, nothing else) to the isolated renderer.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer));
