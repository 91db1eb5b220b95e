import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { AttachmentStorage } from '../attachments/attachment-storage';
import type { PlanItem } from './demo-plan';
import type { Rng } from './prng';
import { voucherArtKey, voucherSvg, type VoucherArt, type VoucherLayout } from './demo-voucher-art';

/** A voucher file in storage, ready to become an attachment row. */
export interface StoredVoucher {
  storageKey: string;
  mime: 'image/jpeg';
  sizeBytes: number;
  sha256: string;
}

/** An approver who sent an entry back for this has seen no voucher on it. */
const MISSING_VOUCHER_REASON = '缺少发票或收据，请补充附件';
/** Sign-off sheets carry no entry data: a small pool of them is shared by every village. */
const SIGN_SHEETS = 6;
/** Nor do the pasting sheets archived payments were scanned on (drawing each payment's own voucher takes too long at start-up). */
const PASTE_SHEETS = 12;
/** Files drawn or stored at the same time (sharp works on libuv's thread pool). */
const PARALLEL = 4;

/** Entries of the current and the previous month have their vouchers photographed; older payments have the scan of their archived voucher. */
export function voucherWindowStart(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/**
 * Which of a village's entries carry voucher photos, and of what, as a bookkeeper would attach them:
 * every payment except the few planted without one — in the recent months an invoice, a handwritten
 * receipt or a bank slip (plus a sign-off sheet when people were paid), before that the scanned
 * pasting sheet of the archived voucher — some recent income (the bank slip or the receipt copy),
 * no reversals.
 */
export function planVouchers(rng: Rng, plan: PlanItem[], since: string): Map<PlanItem, VoucherArt[]> {
  const out = new Map<PlanItem, VoucherArt[]>();
  for (const item of plan) {
    if (item.reverses || item.noVoucher) continue;
    if (item.fate === 'rejected' && item.rejectReason === MISSING_VOUCHER_REASON) continue;
    const expense = item.direction === 'expense';
    if (item.occurredOn < since) {
      if (expense) out.set(item, [{ layout: 'paste-sheet', amountFen: 0, occurredOn: '', variant: rng.int(0, PASTE_SHEETS - 1) }]);
      continue;
    }
    if (!expense && !rng.chance(0.35)) continue;
    const arts: VoucherArt[] = [{ layout: mainLayout(rng, item), amountFen: item.amountFen, occurredOn: item.occurredOn, variant: 0 }];
    if (expense && (item.counterpartyKind === 'person' || rng.chance(0.2)))
      arts.push({ layout: 'sign-sheet', amountFen: 0, occurredOn: '', variant: rng.int(0, SIGN_SHEETS - 1) });
    out.set(item, arts);
  }
  return out;
}

function mainLayout(rng: Rng, item: PlanItem): VoucherLayout {
  if (item.direction === 'income') return item.paymentMethod === 'bank' ? 'bank-slip' : 'receipt';
  if (item.counterpartyKind === 'person') return 'receipt';
  return item.paymentMethod === 'bank' && rng.chance(0.4) ? 'bank-slip' : 'invoice';
}

/**
 * Draws the planned vouchers (each distinct picture once) and stores every file under its own
 * random key through the installation's AttachmentStorage, as an upload does.
 */
export class DemoVoucherStore {
  private readonly drawn = new Map<string, Promise<{ body: Buffer; sha256: string }>>();

  constructor(private readonly storage: AttachmentStorage) {}

  async store(planned: Map<PlanItem, VoucherArt[]>): Promise<Map<PlanItem, StoredVoucher[]>> {
    const out = new Map<PlanItem, StoredVoucher[]>();
    const jobs: (() => Promise<void>)[] = [];
    for (const [item, arts] of planned) {
      const files: StoredVoucher[] = [];
      out.set(item, files);
      arts.forEach((art, i) => jobs.push(async () => void (files[i] = await this.put(art))));
    }
    try {
      await inParallel(jobs, PARALLEL);
    } catch (e) {
      await this.discard(out);
      throw e;
    }
    return out;
  }

  /** Removes stored files whose rows were never written. */
  async discard(stored: Map<PlanItem, StoredVoucher[]>): Promise<void> {
    const keys = [...stored.values()].flat().filter(Boolean).map((f) => f.storageKey);
    await inParallel(keys.map((k) => () => this.storage.delete(k).catch(() => undefined)), PARALLEL);
  }

  private async put(art: VoucherArt): Promise<StoredVoucher> {
    const { body, sha256 } = await this.draw(art);
    const storageKey = `${randomBytes(16).toString('hex')}.jpg`;
    await this.storage.put(storageKey, body, 'image/jpeg');
    return { storageKey, mime: 'image/jpeg', sizeBytes: body.length, sha256 };
  }

  private draw(art: VoucherArt): Promise<{ body: Buffer; sha256: string }> {
    const key = voucherArtKey(art);
    let image = this.drawn.get(key);
    if (!image) {
      image = sharp(Buffer.from(voucherSvg(art)))
        .jpeg({ quality: 55 })
        .toBuffer()
        .then((body) => ({ body, sha256: createHash('sha256').update(body).digest('hex') }));
      this.drawn.set(key, image);
    }
    return image;
  }
}

/** Runs the jobs, `limit` at a time; after a failure starts no new job, waits for the running ones, then throws. */
async function inParallel(jobs: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < jobs.length) {
      try {
        await jobs[next++]();
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
