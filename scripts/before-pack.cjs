// electron-builder's beforePack hook (electron-builder.yml). Hooks are loaded as JavaScript; the checks are
// TypeScript shared with the other scripts, so tsx loads them.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = async function beforePack(context) {
  tsxRequire('./lib/packaging-checks.ts', __filename).checkBeforePack(context);
};
