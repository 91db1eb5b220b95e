import { IdentityCipher, IdentityCipherError } from '../../common/crypto/identity-cipher';

/**
 * The WeChat openid of a named report's reporter, from `reports.identity_sealed`
 * (sealed JSON {openid, name, phone}, bound to `report:<id>`); null when it does not open or holds
 * no openid. Never log the result.
 */
export function openReporterOpenid(cipher: IdentityCipher, reportId: number, sealed: string): string | null {
  let identity: unknown;
  try {
    identity = JSON.parse(cipher.open(sealed, `report:${reportId}`));
  } catch (e) {
    if (e instanceof IdentityCipherError || e instanceof SyntaxError) return null;
    throw e;
  }
  const openid = identity && typeof identity === 'object' ? (identity as { openid?: unknown }).openid : undefined;
  return typeof openid === 'string' && openid.length > 0 ? openid : null;
}
