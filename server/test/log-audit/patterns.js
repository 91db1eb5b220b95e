// What must never appear in a log line (docs/reports.md, "What is logged"). The tests' own
// reporters are written to match (and no credential may be logged either): their openids start with "o" and a capital, dash or
// underscore (as WeChat openids start with "o"), their phone numbers are mainland mobiles,
// receipt codes are 16 digits, and report texts are sentences of Chinese.
const SECRET_PATTERNS = [
  { what: 'a receipt code (16 digits)', re: /(?<![\w.])\d{16}(?![\w.])/g },
  { what: 'an access token (JWT)', re: /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/g },
  { what: 'a mobile phone number', re: /(?<![\d.])1[3-9]\d{9}(?![\d.])/g },
  { what: 'an openid', re: /\bo[A-Z_-][A-Za-z0-9_-]{4,}/g },
  { what: 'Chinese text of 6 or more characters (a report, a message, a name with context)', re: /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]{6,}/g },
];

/** Every secret-looking match in a log text: [{line, what, match}]. */
function findSecrets(text) {
  const hits = [];
  text.split('\n').forEach((line, i) => {
    for (const { what, re } of SECRET_PATTERNS) for (const m of line.matchAll(re)) hits.push({ line: i + 1, what, match: m[0] });
  });
  return hits;
}

module.exports = { SECRET_PATTERNS, findSecrets };
