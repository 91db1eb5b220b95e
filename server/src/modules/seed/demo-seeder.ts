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
import type { PlanItem } from './demo-plan';
import { DemoLedgerWriter, type WrittenEntry } from './demo-ledger-writer';
import { DemoVoucherStore, planVouchers, voucherWindowStart, type StoredVoucher } from './demo-vouchers';
import { createDemoAccounts, createVillageStaff, SEED_ACTOR, type DemoAccount } from './demo-staff';
import { SimClock } from './sim-clock';
import { Rng } from './prng';
import { DemoReportWriter } from './demo-reports';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { CaseRoutingService } from '../reports/routing/case-routing.service';
import { ReceiptCodes } from '../reports/receipt-codes';
import { demoWatchList } from './demo-anomalies';
import { DemoRegisterWriter } from './demo-register-writer';
import { ensureHolidays } from './demo-holidays';
import { demoCounty, planDemoVillage, type DemoCounty } from './demo-village';
import { writeWatchList } from './demo-watchlist';
import { advanceWarningCases } from './demo-warning-cases';
import { RulesEngine } from '../rules/rules-engine.service';
import { RULES_DAILY_JOB } from '../rules/rules.scheduler';
import { JobRun } from '../outbox/job-run.entity';
import { isUniqueViolation } from '../../database/unique-violation';

export interface SeedResult {
  accounts: DemoAccount[];
  /** A receipt code of a demo report in the demo village, for trying 查询举报进度. */
  demoReceiptCode: string;
}

/**
 * Fills an empty installation with a fictional county (清溪县, codes 3599…): about 25 villages with
 * two years of entries published through the real chain, their asset and contract registers with
 * the rent received, citizen reports, the inspectors' watch lists, and the warnings of a full rules
 * run over a few planted anomalies of each rule (demo-anomalies.ts), some of them already being
 * handled; one printed account per role. Everything follows from the seed number and today's date.
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
    private readonly rules: RulesEngine,
  ) {}

  async seedIfEmpty(seed: number): Promise<SeedResult | null> {
    if ((await this.db.manager.count(Region)) > 0) return null;
    const started = Date.now();
    const now = this.clock.now();
    const today = this.clock.today();
    const ledgerStart = `${Number(today.slice(0, 4)) - 1}-01-01`;

    // The seeder's full rules run at the end is today's daily run: claimed now, so that the scheduler does not run the rules over half-written data.
    await this.db.transaction((em) => em.insert(JobRun, { name: RULES_DAILY_JOB, period: today, startedAt: now })).catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
    });
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
    // The upload path's storage (AttachmentsModule keeps it to itself, hence the non-strict look-up).
    const voucherStore = new DemoVoucherStore(this.voucherStorage);
    const voucherSince = voucherWindowStart(today);
    const county = demoCounty(seed, villages, ledgerStart, today);
    // Each village's registers and plan, and its voucher files drawn and stored while the previous village is written.
    const prepare = (i: number) => {
      const { plan, registers } = planDemoVillage(county, i);
      const vouchers = voucherStore.store(planVouchers(Rng.derive(seed, 5, i), plan, voucherSince));
      vouchers.catch(() => undefined); // awaited below; a failure surfaces there
      return { plan, vouchers, registers };
    };
    const registerWriter = new DemoRegisterWriter(this.db, now);
    let entries = 0;
    let files = 0;
    const counts = { assets: 0, contracts: 0, receipts: 0 };
    let next: ReturnType<typeof prepare> | null = prepare(0);
    try {
      for (const [i, v] of villages.entries()) {
        const { plan, vouchers, registers } = next!;
        next = i + 1 < villages.length ? prepare(i + 1) : null;
        const village = byCode.get(v.code)!;
        const isDemo = v.code === DEMO_VILLAGE_CODE;
        const isThresholdTown = v.townCode === THRESHOLD_TOWN_CODE;
        const staff = isDemo ? ids : await createVillageStaff(this.users, village);
        const stored = await vouchers;
        let written: Map<PlanItem, WrittenEntry>;
        try {
          written = await writer.write(village, plan, {
            bookkeeperId: staff.bookkeeperId,
            approverId: staff.approverId,
            townAgentId: isThresholdTown ? ids.townAgentId : null,
            thresholdFen: isThresholdTown ? SECOND_APPROVAL_THRESHOLD_FEN : null,
          }, Rng.derive(seed, 4, i), stored);
        } catch (e) {
          await voucherStore.discard(stored);
          throw e;
        }
        addCounts(counts, await registerWriter.write(village, registers, written, staff, Rng.derive(seed, 9, i)));
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
    const supervision = await this.supervise(county, now, villages.map((v) => byCode.get(v.code)!), { county: byCode.get(DEMO_COUNTY.code)!, town: thresholdTown, ...ids });
    this.log.log(
      `demo data: ${villages.length} villages, ${entries} entries, ${files} voucher files, ${counts.assets} assets, ${counts.contracts} contracts, ${counts.receipts} rent receipts, ${supervision.watched} watch-list people, ${reports.count} reports, ${supervision.warnings} warnings (${supervision.handled} being handled) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { accounts, demoReceiptCode: reports.receiptCode };
  }

  /**
   * The discipline offices' side: their watch lists, then today's full rules run over the finished
   * data (with fresh table statistics after the bulk load, so the rules' queries are planned for the
   * data they meet), then a few warnings moved along their cases' lifecycle.
   */
  private async supervise(
    county: DemoCounty,
    now: Date,
    villages: Region[],
    offices: { county: Region; town: Region; countyInspectorId: number; townInspectorId: number },
  ): Promise<{ watched: number; warnings: number; handled: number }> {
    await this.db.transaction((em) => ensureHolidays(em, county.holidays));
    const watched = await writeWatchList(this.db, now, demoWatchList(county.today), offices);
    await this.db.manager.query(this.db.isMysql ? 'ANALYZE TABLE entries, attachments, assets, contracts, contract_installments, rent_receipts, watch_people' : 'ANALYZE');
    const runs = await this.rules.runFull('full');
    const failed = runs.filter((r) => r.error).map((r) => r.ruleId);
    if (failed.length) this.log.warn(`demo rules run: ${failed.join(', ')} failed (see rule_runs); their planted cases are left out`);
    const handled = await advanceWarningCases(this.db, this.routing, now, villages, { town: offices.town, townInspectorId: offices.townInspectorId, countyInspectorId: offices.countyInspectorId });
    return { watched, warnings: runs.reduce((n, r) => n + r.findings, 0), handled };
  }
}

const addCounts = (into: { assets: number; contracts: number; receipts: number }, add: typeof into) => {
  into.assets += add.assets;
  into.contracts += add.contracts;
  into.receipts += add.receipts;
};
const countFiles = (stored: Map<PlanItem, StoredVoucher[]>): number => [...stored.values()].reduce((n, f) => n + f.length, 0);
