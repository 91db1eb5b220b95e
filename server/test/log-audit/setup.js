// jest globalSetup: every test app of this run logs at trace level into one file (see
// test/helpers/test-app.ts); teardown.js searches it afterwards.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.TEST_LOG_FILE === 'off') {
    delete process.env.TEST_LOG_FILE;
    return;
  }
  if (!process.env.TEST_LOG_FILE) process.env.TEST_LOG_FILE = join(mkdtempSync(join(tmpdir(), 'mingbai-test-logs-')), 'server.log');
};
