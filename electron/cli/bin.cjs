#!/usr/bin/env node
// The `publishing-engine` command: runs the built CLI bundle.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', '..', 'out', 'main', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write(
    `publishing-engine: the command is not built yet (${bundle} is missing). Run "npm run build" in ${join(__dirname, '..', '..')} first.\n`,
  );
  process.exit(1);
}
require(bundle);
