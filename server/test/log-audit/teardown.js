// jest globalTeardown: after the whole run, the log every test app wrote must hold no receipt
// code, access token, phone number, openid or report text. A hit fails the run (exit code 1).
const { existsSync, readFileSync } = require('node:fs');
const { findSecrets } = require('./patterns');

module.exports = async () => {
  const file = process.env.TEST_LOG_FILE;
  if (!file || !existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean).length;
  const hits = findSecrets(text);
  if (hits.length === 0) {
    console.log(`\nlog audit: ${lines} log lines in ${file}, no receipt code, access token, phone number, openid or report text`);
    return;
  }
  const sample = hits.slice(0, 20).map((h) => `  line ${h.line}: ${h.what}: ${h.match}`).join('\n');
  throw new Error(`log audit: ${hits.length} secret(s) in the test logs (${file}):\n${sample}`);
};
