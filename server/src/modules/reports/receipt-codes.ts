import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt, scrypt } from 'node:crypto';
import { RECEIPT_CODE_DIGITS } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';

/** scrypt cost: N = 2^14, r = 8, p = 1 (16 MiB, some tens of milliseconds per hash). */
export const RECEIPT_SCRYPT = { N: 2 ** 14, r: 8, p: 1, keyLength: 32 } as const;

/**
 * Receipt codes (回执码): 16 random digits, shown once. Only a slow hash is stored, deterministic
 * (the salt is derived from REPORT_HASH_SECRET) so a typed code is found by equality on a unique
 * index, and slow so a stolen database does not give the codes back cheaply.
 */
@Injectable()
export class ReceiptCodes {
  private readonly salt: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.salt = createHmac('sha256', config.reports.hashSecret).update('receipt').digest();
  }

  /** 16 digits, each from crypto.randomInt (uniform, no modulo bias). */
  generate(): string {
    let code = '';
    for (let i = 0; i < RECEIPT_CODE_DIGITS; i++) code += String(randomInt(10));
    return code;
  }

  /** scrypt(code, HMAC-SHA256(hashSecret, 'receipt')), 32 bytes, hex. Takes normalised digits. */
  hash(code: string): Promise<string> {
    const { N, r, p, keyLength } = RECEIPT_SCRYPT;
    return new Promise((resolve, reject) =>
      scrypt(code, this.salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key.toString('hex')))),
    );
  }
}
