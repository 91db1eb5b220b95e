import { Injectable, Logger } from '@nestjs/common';
import { Like } from 'typeorm';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { Region } from '../regions/region.entity';
import { RegionImportService } from '../regions/region-import.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import { PublicationService } from '../ledger/publication.service';
import { AttachmentStorage } from '../attachments/attachment-storage';
import { DEMO_COUNTY, DEMO_VILLAGE_CODE, SECOND_APPROVAL_THRESHOLD_FEN, THRESHOLD_TOWN_CODE, demoRegionCsv, demoVillages } from './demo-regions';
import { villageProfile } from './demo-profile';
import { villagePlan, type PlanItem, type PlanOptions } from './demo-plan';
import { DemoLedgerWriter } from './demo-ledger-writer';
import { DemoVoucherStore, planVouchers, voucherWindowStart, type StoredVoucher } from './demo-vouchers';
import { createDemoAccounts, createVillageStaff, SEED_ACTOR, type DemoAccount } from './demo-staff';
import { SimClock } from './sim-clock';
import { Rng } from './prng';
import { DemoReportWriter } from './demo-reports';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { CaseRoutingService } from '../reports/routing/case-routing.service';
import { ReceiptCodes } from '../reports/receipt-codes';

export interface SeedResult {
  accounts: DemoAccount[];
  /** A receipt code of a demo report in the demo village, for trying 查询举报进度. */
  demoReceiptCode: string;
}

/**
 * Fills an empty installation with a fictional county (清溪县, codes 3599…): about 25 villages with
 * two years of entries published through the real chain, and one printed account per role.
 * Everything that reaches the chain follows from the seed number and today's date.
 */
@Injectable()
export class DemoSeeder {
  private readonly log = new Logger('DemoSeeder');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly regionImport: RegionImportService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
    private readonly voucherStorage: AttachmentStorage,
    private readonly routing: CaseRoutingService,
    private readonly cipher: IdentityCipher,
    private readonly receipts: ReceiptCodes,
  ) {}

  async seedIfEmpty(seed: number): Promise<SeedResult | null> {
    if ((await this.db.manager.count(Region)) > 0) return null;
    const started = Date.now();
    const now = this.clock.now();
    const today = this.clock.today();
    const ledgerStart = `${Number(today.slice(0, 4)) - 1}-01-01`;

    const villages = demoVillages(Rng.derive(seed, 1));
    await this.regionImport.importCsv(demoRegionCsv(villages, ledgerStart));
    const stored = await this.db.manager.find(Region, { where: { code: Like('3599%') } });
    const byCode = new Map(stored.map((r) => [r.code, r]));
    const thresholdTown = byCode.get(THRESHOLD_TOWN_CODE)!;
    await this.regions.update(SEED_ACTOR, thresholdTown.id, { secondApprovalThresholdFen: SECOND_APPROVAL_THRESHOLD_FEN });

    const demoVillage = byCode.get(DEMO_VILLAGE_CODE)!;
    const { accounts, ids } = await createDemoAccounts(this.users, { village: demoVillage, town: thresholdTown, county: byCode.get(DEMO_COUNTY.code)! });

    const sim = new SimClock();
    const writer = new DemoLedgerWriter(this.db, new PublicationService(this.db, sim), sim, now, today);
    const corrections = new Map<string, PlanOptions['correction']>([
      [DEMO_VILLAGE_CODE, 'duplicate'],
      [villages[12].code, 'duplicate'],
      [villages[20].code, 'wrong-amount'],
    ]);
    // The upload path's storage (AttachmentsModule keeps it to itself, hence the non-strict look-up).
    const voucherStore = new DemoVoucherStore(this.voucherStorage);
    const voucherSince = voucherWindowStart(today);
    // Each village's plan, and its voucher files drawn and stored while the previous village is written.
    const prepare = (i: number) => {
      const plan = villagePlan(Rng.derive(seed, 2, i), villageProfile(Rng.derive(seed, 3, i)), {
        ledgerStart,
        today,
        isThresholdTown: villages[i].townCode === THRESHOLD_TOWN_CODE,
        isDemoVillage: villages[i].code === DEMO_VILLAGE_CODE,
        correction: corrections.get(villages[i].code) ?? null,
      });
      const vouchers = voucherStore.store(planVouchers(Rng.derive(seed, 5, i), plan, voucherSince));
      vouchers.catch(() => undefined); // awaited below; a failure surfaces there
      return { plan, vouchers };
    };
    let entries = 0;
    let files = 0;
    let next: ReturnType<typeof prepare> | null = prepare(0);
    try {
      for (const [i, v] of villages.entries()) {
        const { plan, vouchers } = next!;
        next = i + 1 < villages.length ? prepare(i + 1) : null;
        const village = byCode.get(v.code)!;
        const isDemo = v.code === DEMO_VILLAGE_CODE;
        const isThresholdTown = v.townCode === THRESHOLD_TOWN_CODE;
        const staff = isDemo ? ids : await createVillageStaff(this.users, village);
        const stored = await vouchers;
        try {
          await writer.write(village, plan, {
            bookkeeperId: staff.bookkeeperId,
            approverId: staff.approverId,
            townAgentId: isThresholdTown ? ids.townAgentId : null,
            thresholdFen: isThresholdTown ? SECOND_APPROVAL_THRESHOLD_FEN : null,
          }, Rng.derive(seed, 4, i), stored);
        } catch (e) {
          await voucherStore.discard(stored);
          throw e;
        }
        entries += plan.length;
        files += countFiles(stored);
      }
    } catch (e) {
      if (next) await next.vouchers.then((stored) => voucherStore.discard(stored), () => undefined);
      throw e;
    }
    // Citizen reports: three more villages of the demo town and one of another town.
    const sameTown = villages.filter((v) => v.townCode === THRESHOLD_TOWN_CODE && v.code !== DEMO_VILLAGE_CODE).map((v) => byCode.get(v.code)!);
    const otherTown = villages.filter((v) => v.townCode !== THRESHOLD_TOWN_CODE).map((v) => byCode.get(v.code)!);
    const reports = await new DemoReportWriter(this.db, this.routing, this.cipher, this.receipts).write(
      Rng.derive(seed, 6),
      now,
      demoVillage,
      [...sameTown.slice(0, 3), otherTown[0]],
      ids.townInspectorId,
    );
    this.log.log(`demo data: ${villages.length} villages, ${entries} entries, ${files} voucher files, ${reports.count} reports in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { accounts, demoReceiptCode: reports.receiptCode };
  }
}

const countFiles = (stored: Map<PlanItem, StoredVoucher[]>): number => [...stored.values()].reduce((n, f) => n + f.length, 0);
