// `node --require register.cjs out/main/index.js`: every require('electron') — the app's and electron-log's —
// gets the recording stand-in instead of the npm package (which would try to download Electron).
'use strict';
const Module = require('node:module');
const path = require('node:path');

const standIn = path.join(__dirname, 'electron.cjs');
const load = Module._load;
Module._load = function loadWithStandIn(request, parent, isMain) {
  return load.call(this, request === 'electron' ? standIn : request, parent, isMain);
};
