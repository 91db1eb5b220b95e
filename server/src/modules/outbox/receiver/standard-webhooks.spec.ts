import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders, WebhookVerificationError } from './standard-webhooks';

// The published test vector of the Standard Webhooks reference libraries (libraries/javascript/src/webhook.test.ts).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const SECRET = 'whsec_' + Buffer.from('0123456789abcdef01234567').toString('base64');
const NOW = new Date('2026-03-01T08:00:00.000Z');
const BODY = JSON.stringify({ type: 'report.created', timestamp: NOW.toISOString(), data: { reportId: 7, text: '村道修缮款去向不明' } });

function signed(overrides: Record<string, string | undefined> = {}, at: Date = NOW): Record<string, string | undefined> {
  return { ...webhookHeaders(SECRET, 'msg_abc', at, BODY), ...overrides };
}

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookVerificationError);
    return (e as Error).message;
  }
  throw new Error('expected a WebhookVerificationError');
}

describe('Standard Webhooks signatures', () => {
  it('reproduces the published test vector', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signWebhook(VECTOR.secret, VECTOR.id, new Date(VECTOR.timestamp * 1000 + 999), Buffer.from(VECTOR.body))).toBe(VECTOR.signature);
  });

  it('verifies the published test vector at its own time, with or without the whsec_ prefix', () => {
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature };
    const at = new Date(VECTOR.timestamp * 1000);
    expect(verifyWebhook(VECTOR.secret, headers, VECTOR.body, at)).toEqual({ test: 2432232314 });
    expect(verifyWebhook(VECTOR.secret.slice('whsec_'.length), headers, VECTOR.body, at)).toEqual({ test: 2432232314 });
  });

  it('signs HMAC-SHA256 over id.timestamp.body with the base64-decoded secret', () => {
    const key = Buffer.from(SECRET.slice(6), 'base64');
    const expected = createHmac('sha256', key)
      .update(`msg_abc.${NOW.getTime() / 1000}.${BODY}`)
      .digest('base64');
    expect(signed()['webhook-signature']).toBe(`v1,${expected}`);
    expect(signed()['webhook-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(signed()['webhook-id']).toBe('msg_abc');
  });

  it('returns the parsed event, from a string or a Buffer body, with headers in any case or repeated', () => {
    const event = verifyWebhook(SECRET, signed(), BODY, NOW);
    expect(event).toEqual(JSON.parse(BODY));
    expect(verifyWebhook(SECRET, signed(), Buffer.from(BODY, 'utf8'), NOW)).toEqual(event);
    const h = signed();
    const upper = {
      'Webhook-Id': h['webhook-id'],
      'WEBHOOK-TIMESTAMP': [h['webhook-timestamp']!],
      'Webhook-Signature': h['webhook-signature'],
    };
    expect(verifyWebhook(SECRET, upper, BODY, NOW)).toEqual(event);
  });

  it('accepts several space-separated signatures when one v1 signature matches', () => {
    const good = signed()['webhook-signature']!;
    const forged = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
    const header = [forged, good.replace('v1,', 'v2,'), good, 'v1a,' + good.slice(3), forged].join(' ');
    expect(verifyWebhook(SECRET, signed({ 'webhook-signature': header }), BODY, NOW)).toEqual(JSON.parse(BODY));
    // the right bytes under another version do not count
    expect(rejection(() => verifyWebhook(SECRET, signed({ 'webhook-signature': good.replace('v1,', 'v2,') }), BODY, NOW))).toBe(
      'no matching signature',
    );
  });

  it('rejects missing headers', () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
      expect(rejection(() => verifyWebhook(SECRET, signed({ [name]: undefined }), BODY, NOW))).toMatch(/missing/);
    expect(rejection(() => verifyWebhook(SECRET, signed({ 'webhook-id': '' }), BODY, NOW))).toMatch(/missing/);
  });

  it('rejects a timestamp more than the tolerance away, either way, and one that is not a number', () => {
    const sixMinutes = 6 * 60_000;
    expect(rejection(() => verifyWebhook(SECRET, signed({}, new Date(NOW.getTime() - sixMinutes)), BODY, NOW))).toBe(
      'webhook-timestamp is too old',
    );
    expect(rejection(() => verifyWebhook(SECRET, signed({}, new Date(NOW.getTime() + sixMinutes)), BODY, NOW))).toBe(
      'webhook-timestamp is in the future',
    );
    // within tolerance either way: fine
    expect(verifyWebhook(SECRET, signed({}, new Date(NOW.getTime() - 299_000)), BODY, NOW)).toBeTruthy();
    expect(verifyWebhook(SECRET, signed({}, new Date(NOW.getTime() + 299_000)), BODY, NOW)).toBeTruthy();
    // a custom tolerance
    expect(verifyWebhook(SECRET, signed({}, new Date(NOW.getTime() - sixMinutes)), BODY, NOW, 600)).toBeTruthy();
    expect(rejection(() => verifyWebhook(SECRET, signed({ 'webhook-timestamp': 'hello' }), BODY, NOW))).toMatch(/not a number/);
    expect(rejection(() => verifyWebhook(SECRET, signed({ 'webhook-timestamp': '-5' }), BODY, NOW))).toMatch(/not a number/);
  });

  it('rejects a changed body, id or timestamp, another secret, and truncated or garbage signatures', () => {
    const h = signed();
    expect(rejection(() => verifyWebhook(SECRET, h, BODY.replace('7', '8'), NOW))).toBe('no matching signature');
    expect(rejection(() => verifyWebhook(SECRET, { ...h, 'webhook-id': 'msg_abd' }, BODY, NOW))).toBe('no matching signature');
    expect(
      rejection(() => verifyWebhook(SECRET, { ...h, 'webhook-timestamp': String(Number(h['webhook-timestamp']) - 1) }, BODY, NOW)),
    ).toBe('no matching signature');
    expect(rejection(() => verifyWebhook(generateWebhookSecret(), h, BODY, NOW))).toBe('no matching signature');
    for (const bad of [h['webhook-signature']!.slice(0, 10), 'v1,', 'v1', 'garbage', ' '])
      expect(rejection(() => verifyWebhook(SECRET, { ...h, 'webhook-signature': bad }, BODY, NOW))).toMatch(
        /no matching signature|missing/,
      );
  });

  it('rejects a signed body that is not a JSON object, and an unusable secret', () => {
    const notJson = 'not json';
    expect(rejection(() => verifyWebhook(SECRET, webhookHeaders(SECRET, 'msg_x', NOW, notJson), notJson, NOW))).toBe(
      'the body is not JSON',
    );
    expect(rejection(() => verifyWebhook(SECRET, webhookHeaders(SECRET, 'msg_x', NOW, '[1]'), '[1]', NOW))).toBe(
      'the body is not a JSON object',
    );
    expect(rejection(() => verifyWebhook('', signed(), BODY, NOW))).toBe('the secret is empty');
    expect(rejection(() => verifyWebhook('whsec_', signed(), BODY, NOW))).toBe('the secret is empty');
    expect(rejection(() => verifyWebhook('whsec_not base64!', signed(), BODY, NOW))).toBe('the secret is not base64');
  });

  it('generates whsec_ secrets of 24 random bytes', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(24);
    expect(a).not.toBe(b);
  });
});
