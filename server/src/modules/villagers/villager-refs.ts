import { createHmac } from 'node:crypto';

/** The lookup reference of an openid: HMAC-SHA256(hashSecret, 'openid:' + openid), hex. */
export function openidRef(hashSecret: string, openid: string): string {
  return createHmac('sha256', hashSecret).update(`openid:${openid}`).digest('hex');
}

/** The context a villager's openid is sealed under (IdentityCipher additional data). */
export const villagerSealContext = (ref: string): string => `villager:${ref}`;
