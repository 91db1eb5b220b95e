import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { normalizeResidentId, residentIdProblem } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ValidationFailed } from '../errors/app-exception';

/**
 * Resident ID numbers are never stored: only HMAC-SHA256 under a key derived from REPORT_HASH_SECRET,
 * so a payee on a contract or entry can be matched against an inspector's list without the number
 * itself ever being in the database. Without the secret the hash cannot be reversed by trying every
 * plausible number.
 */
@Injectable()
export class IdNumberHasher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'reports'>) {
    this.key = createHmac('sha256', config.reports.hashSecret).update('resident-id-number').digest();
  }

  /** The hash of a valid number; a 400 naming `field` for an invalid one; null for none. */
  hash(raw: string | null | undefined, field: string): string | null {
    if (raw === null || raw === undefined || raw.trim() === '') return null;
    const problem = residentIdProblem(raw);
    if (problem) throw new ValidationFailed([{ field, reason: problem }]);
    return createHmac('sha256', this.key).update(normalizeResidentId(raw)).digest('hex');
  }
}
