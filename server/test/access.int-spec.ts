import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { validAsset, validContract, validEntry } from './helpers/entries';
import { insertWarning } from './helpers/warnings';
import { fillPath, formatMatrix, httpRoutes, nestRoutes, NestRoute, pathParams } from './helpers/routes';
import { FakeWechat } from './helpers/fake-wechat';
import { ReportFile } from '../src/modules/reports/report-file.entity';
import { ReportFilesService } from '../src/modules/reports/report-files.service';

/**
 * Who reaches which endpoint. Every route the running app serves is called by every caller
 * below, with ids of real objects of village a (上坂村) made fresh for each call, and the status
 * code is recorded. The table is compared with the committed test/access-matrix.json:
 * a new route, a removed route or any changed status fails the test.
 *
 * Regenerate after adding or changing routes (then review the diff of access-matrix.json!):
 *   cd server && UPDATE_ACCESS_SNAPSHOT=1 npx jest test/access.int-spec.ts
 * and check that it still passes on MariaDB without the flag:
 *   TEST_DB=mysql npx jest test/access.int-spec.ts
 */
const MATRIX_FILE = join(__dirname, 'access-matrix.json');
const UPDATE = process.env.UPDATE_ACCESS_SNAPSHOT === '1';

/**
 * anonymous; admin; bookkeepers of village a and b; approvers of village a, town 1 (over a) and
 * town 2 (not over a); the town 1 and county inspectors; a villager signed in through WeChat.
 */
const CALLERS = ['anonymous', 'admin', 'bk_a', 'bk_b', 'ap_a', 'ap_town1', 'ap_town2', 'insp_town1', 'insp_county', 'villager'] as const;
type Caller = (typeof CALLERS)[number];
/** Callers whose GET answers must never mention a report: every staff member who is not an inspector. */
const CADRES: Caller[] = ['admin', 'bk_a', 'bk_b', 'ap_a', 'ap_town1', 'ap_town2'];
/** Every report filed by the fixtures carries this, so an answer that mentions a report is found. */
const REPORT_MARK = 'ACCESS-REPORT-MARK';
/** Callers whose GET answers must never mention a warning of the rules: everyone but the inspectors. */
const NOT_INSPECTORS: Caller[] = CALLERS.filter((c) => !c.startsWith('insp_'));
/** The summary of every warning the fixtures write carries this (the engine's own are looked up in the end). */
const WARNING_MARK = 'ACCESS-WARNING-MARK';
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, string> = {
  admin: 'admin',
  bk_a: 'bookkeeper',
  bk_b: 'bookkeeper',
  ap_a: 'approver',
  ap_town1: 'approver',
  ap_town2: 'approver',
  insp_town1: 'inspector',
  insp_county: 'inspector',
  villager: 'villager',
};

type Matrix = Record<string, Record<Caller, number>>;
type Fixture =
  | 'draft'
  | 'submitted'
  | 'published'
  | 'attachment'
  | 'importBatch'
  | 'villageA'
  | 'report'
  | 'category'
  | 'webhook'
  | 'delivery'
  | 'draftAsset'
  | 'submittedAsset'
  | 'approvedAsset'
  | 'assetBatch'
  | 'draftContract'
  | 'submittedContract'
  | 'approvedContract'
  | 'contractBatch'
  | 'warningCase'
  | 'watchPerson'
  | 'rule';
type Register = 'assets' | 'contracts';

interface Plan {
  /** What each path parameter points at. */
  params?: Record<string, Fixture>;
  /** A JSON body (POST/PATCH/PUT get `{}` when none is given). */
  body?: (f: Fixtures) => Promise<unknown> | unknown;
  /**
   * Send a file as the multipart field `file`: a small PNG voucher, a one-row CSV ledger, or a
   * one-row CSV of a register (a fresh code each time) or of a watch list (a fresh name).
   */
  upload?: 'png' | 'csv' | 'assetsCsv' | 'contractsCsv' | 'watchCsv';
  /** Query string. */
  query?: Record<string, string>;
  /** Extra headers (e.g. a fresh Idempotency-Key). */
  headers?: () => Record<string, string>;
  /** The whole URL, when the path parameters are not enough (a signed file URL). */
  url?: (f: Fixtures) => Promise<string>;
}

const withKey = (): Record<string, string> => ({ 'Idempotency-Key': randomUUID() });

/** A ledger file of one valid row for village a (the import format of src/modules/imports). */
const IMPORT_CSV = Buffer.from(
  ['日期,收支,科目编码,金额(元),对方单位,对方类型,摘要,结算方式,凭证号', '2025-03-05,收入,501,12.50,上坂村鱼塘合作社,,鱼塘承包费,银行,记-2025-101', ''].join('\n'),
);

/** One-row files of the registers and the watch lists (the import formats of src/modules/assets, contracts, watchlist). */
const REGISTER_CSV: Record<Register, (code: string) => string> = {
  assets: (code) => ['资产编号,名称,类别,坐落位置,面积(平方米),账面价值(元),使用状态,取得日期,备注', `${code},东山鱼塘,鱼塘,东山脚,3000,0,出租,,`, ''].join('\n'),
  contracts: (code) =>
    [
      '合同编号,资产编号,类型,承租方类型,承租方,起始日期,终止日期,付款方式,年租金(元),押金(元),面积(平方米),发包方式,备注',
      `${code},,租赁,个人,王小明,2025-07-01,2026-06-30,每季度,12000,,80,公开招标,`,
      '',
    ].join('\n'),
};
const watchCsv = (name: string): string => ['姓名,身份证号,名单类别,关系/说明,起始日期,来源', `${name},,公职人员,,,`, ''].join('\n');

let userCounter = 0;

/**
 * How each known route is called so that an allowed caller gets through to a 2xx: the object
 * in the state the action needs and a minimal valid body. A route not listed here gets ids by
 * a fallback (see paramFixture) and an empty body: it still shows up in the matrix (and makes
 * the comparison fail until the committed matrix is regenerated); add a plan for it here.
 */
const PLANS: Record<string, Plan> = {
  'POST /api/auth/login': { body: () => ({ username: 'bk_a2', password: TEST_PASSWORD }) },
  'POST /api/auth/refresh': { body: async (f) => ({ refreshToken: await f.refreshToken() }) },
  'POST /api/auth/logout': { body: async (f) => ({ refreshToken: await f.refreshToken() }) },
  'POST /api/admin/users': {
    body: (f) => ({ username: `acc_user_${++userCounter}`, password: 'long-password-123', displayName: '新报账员', role: 'bookkeeper', regionId: f.w.villages.a.id }),
  },
  'PATCH /api/admin/regions/:id': { params: { id: 'villageA' }, body: () => ({ showStaffNames: false }) },
  'POST /api/staff/entries': { body: () => validEntry() },
  'GET /api/staff/entries/:id': { params: { id: 'submitted' } },
  'PATCH /api/staff/entries/:id': { params: { id: 'draft' }, body: () => ({ summary: '修改后的摘要' }) },
  'DELETE /api/staff/entries/:id': { params: { id: 'draft' } },
  'POST /api/staff/entries/:id/submit': { params: { id: 'draft' } },
  'POST /api/staff/entries/:id/approve': { params: { id: 'submitted' } },
  'POST /api/staff/entries/:id/reject': { params: { id: 'submitted' }, body: () => ({ reason: '缺少凭证' }) },
  'POST /api/staff/entries/:id/reversal': { params: { id: 'published' }, body: () => ({ reason: '重复入账' }) },
  'POST /api/staff/attachments': { upload: 'png' },
  'POST /api/staff/imports': { upload: 'csv' },
  'GET /api/staff/imports/:id': { params: { id: 'importBatch' } },
  'POST /api/staff/imports/:id/approve': { params: { id: 'importBatch' } },
  'GET /api/attachments/:id': { params: { id: 'attachment' } },
  'GET /api/entries/:id': { params: { id: 'published' } },
  'GET /api/villages/:id': { params: { id: 'villageA' } },
  'GET /api/villages/:id/summary': { params: { id: 'villageA' } },
  'GET /api/villages/:id/entries': { params: { id: 'villageA' } },
  // The registers: assets and contracts of village a, kept by its bookkeeper, approved by approvers over it …
  'POST /api/staff/assets': { body: (f) => validAsset({ code: f.code('ZC') }) },
  'GET /api/staff/assets/:id': { params: { id: 'submittedAsset' } },
  'PATCH /api/staff/assets/:id': { params: { id: 'draftAsset' }, body: () => ({ name: '村部新办公楼' }) },
  'DELETE /api/staff/assets/:id': { params: { id: 'draftAsset' } },
  'POST /api/staff/assets/:id/submit': { params: { id: 'draftAsset' } },
  'POST /api/staff/assets/:id/approve': { params: { id: 'submittedAsset' } },
  'POST /api/staff/assets/:id/reject': { params: { id: 'submittedAsset' }, body: () => ({ reason: '面积与产权证不符' }) },
  'POST /api/staff/assets/import': { upload: 'assetsCsv' },
  'POST /api/staff/assets/imports/:batchId/approve': { params: { batchId: 'assetBatch' } },
  'POST /api/staff/contracts': { body: (f) => validContract({ code: f.code('HT') }) },
  'GET /api/staff/contracts/:id': { params: { id: 'submittedContract' } },
  'PATCH /api/staff/contracts/:id': { params: { id: 'draftContract' }, body: () => ({ counterpartyName: '李四' }) },
  'DELETE /api/staff/contracts/:id': { params: { id: 'draftContract' } },
  'POST /api/staff/contracts/:id/submit': { params: { id: 'draftContract' } },
  'POST /api/staff/contracts/:id/approve': { params: { id: 'submittedContract' } },
  'POST /api/staff/contracts/:id/reject': { params: { id: 'submittedContract' }, body: () => ({ reason: '租金低于评估价' }) },
  'POST /api/staff/contracts/:id/terminate': { params: { id: 'approvedContract' }, body: () => ({ terminatedOn: '2026-06-30', reason: '承租方申请提前退租' }) },
  'POST /api/staff/contracts/:id/receipts': { params: { id: 'approvedContract' }, body: async (f) => ({ entryId: await f.make('published') }) },
  'GET /api/staff/contracts/:id/receipt-candidates': { params: { id: 'approvedContract' } },
  'PUT /api/staff/contracts/:id/attachments': { params: { id: 'approvedContract' }, body: async (f) => ({ attachmentIds: [await f.make('attachment')] }) },
  'POST /api/staff/contracts/import': { upload: 'contractsCsv' },
  'POST /api/staff/contracts/imports/:batchId/approve': { params: { batchId: 'contractBatch' } },
  // … and shown to everyone once approved.
  'GET /api/villages/:id/registers': { params: { id: 'villageA' } },
  'GET /api/villages/:id/assets': { params: { id: 'villageA' } },
  'GET /api/villages/:id/contracts': { params: { id: 'villageA' } },
  'GET /api/assets/:id': { params: { id: 'approvedAsset' } },
  'GET /api/contracts/:id': { params: { id: 'approvedContract' } },
  // Citizen reports: the villager side …
  'POST /api/villager/session': { body: (f) => ({ code: f.wx.login('oACCESS-session-openid') }) },
  'POST /api/report-uploads': { upload: 'png' },
  'GET /api/report-files/:id': { url: (f) => f.signedFileUrl() },
  'POST /api/reports': { headers: withKey, body: (f) => f.reportBody(true) },
  'POST /api/reports/lookup': { body: async (f) => ({ receiptCode: (await f.fileReport()).receiptCode }) },
  'POST /api/reports/follow-ups': { headers: withKey, body: async (f) => ({ receiptCode: (await f.fileReport()).receiptCode, text: '补充一点情况' }) },
  'GET /api/villager/reports/:id': { params: { id: 'report' } },
  'POST /api/villager/reports/:id/messages': { params: { id: 'report' }, headers: withKey, body: () => ({ text: '补充一点情况' }) },
  'POST /api/villager/reports/:id/subscription': { params: { id: 'report' }, body: () => ({ accepted: 1 }) },
  'POST /api/admin/report-categories': { body: () => ({ code: `acc_cat_${++userCounter}`, label: '测试类别' }) },
  'PATCH /api/admin/report-categories/:code': { params: { code: 'category' }, body: () => ({ label: '其他问题' }) },
  // … the discipline office (the inbox holds the rules' warnings too: the reports alone keep the mark on the first page) …
  'GET /api/inspector/reports': { query: { kind: 'report' } },
  'GET /api/inspector/reports/:id': { params: { id: 'report' } },
  'GET /api/inspector/reports/:id/reveals': { params: { id: 'report' } },
  'POST /api/inspector/reports/:id/transitions': { params: { id: 'report' }, body: () => ({ action: 'accept' }) },
  'POST /api/inspector/reports/:id/assign': { params: { id: 'report' }, body: (f) => ({ assigneeId: f.w.userIds.insp_town1 }) },
  'POST /api/inspector/reports/:id/transfer': { params: { id: 'report' }, body: (f) => ({ officeRegionId: f.w.county.id, reason: '涉及镇干部，移交县纪委' }) },
  'POST /api/inspector/reports/:id/messages': { params: { id: 'report' }, body: () => ({ text: '已收到，正在核查' }) },
  'POST /api/inspector/reports/:id/reveal': { params: { id: 'report' }, body: () => ({ reason: '需要联系举报人核实情况' }) },
  'POST /api/inspector/reports/:id/links': { params: { id: 'report' }, body: async (f) => ({ caseId: await f.make('warningCase') }) },
  'DELETE /api/inspector/reports/:id/links/:caseId': { params: { id: 'report', caseId: 'warningCase' } },
  'GET /api/inspector/dashboard/export': { query: { list: 'warnings', format: 'csv' } },
  'PUT /api/inspector/rules/:ruleId/settings': { params: { ruleId: 'rule' }, body: (f) => ({ regionId: f.w.villages.a.id, enabled: true, params: {} }) },
  'POST /api/inspector/rules/run': { body: () => ({ ruleId: 'late-posting' }) },
  'POST /api/inspector/watchlist': { body: (f) => f.watchBody() },
  'POST /api/inspector/watchlist/import': { upload: 'watchCsv' },
  'PATCH /api/inspector/watchlist/:id': { params: { id: 'watchPerson' }, body: () => ({ relation: '村委会主任之弟' }) },
  'DELETE /api/inspector/watchlist/:id': { params: { id: 'watchPerson' } },
  // … and the office's case system.
  'POST /api/admin/webhooks': { body: () => ({ url: 'http://127.0.0.1:9/hooks' }) },
  'PATCH /api/admin/webhooks/:id': { params: { id: 'webhook' }, body: () => ({ enabled: false }) },
  'DELETE /api/admin/webhooks/:id': { params: { id: 'webhook' } },
  'GET /api/admin/webhooks/:id/deliveries': { params: { id: 'webhook' } },
  'POST /api/admin/webhook-deliveries/:id/replay': { params: { id: 'delivery' } },
};

/** Fallback for routes without a plan: a village id for region-ish paths, else a published entry. */
function paramFixture(path: string, name: string): Fixture {
  if (/village|region/i.test(name) || /\/(villages|regions)\/:/.test(path)) return 'villageA';
  if (/attachment/i.test(name) || /\/attachments\/:/.test(path)) return 'attachment';
  if (/import|batch/i.test(name) || /\/imports\/:/.test(path)) return 'importBatch';
  if (/\/reports\/:/.test(path)) return 'report';
  if (/\/assets\/:/.test(path)) return 'approvedAsset';
  if (/\/contracts\/:/.test(path)) return 'approvedContract';
  return 'published';
}

/** Fresh objects of village a for one call, so no call sees the effects of another. */
class Fixtures {
  private png: Buffer | null = null;
  private reports = 0;
  private warnings = 0;
  private codes = 0;
  private people = 0;
  constructor(
    readonly t: TestApp,
    readonly w: World,
    readonly wx: FakeWechat,
    readonly villagerToken: string,
  ) {}

  async make(kind: Fixture): Promise<number | string> {
    switch (kind) {
      case 'villageA':
        return this.w.villages.a.id;
      case 'report':
        return (await this.fileReport()).reportId;
      case 'category':
        return 'other';
      case 'webhook':
        return (await this.t.http().post('/api/admin/webhooks').set(this.w.auth('admin')).send({ url: 'http://127.0.0.1:9/hooks' }).expect(201)).body.id;
      case 'delivery': {
        const endpointId = await this.make('webhook');
        await this.fileReport(); // the new report's event is queued for every enabled endpoint
        const [row] = (await this.t.dataSource.query('SELECT id FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC', [endpointId])) as { id: number }[];
        return row.id;
      }
      case 'draft':
        return (await this.t.http().post('/api/staff/entries').set(this.w.auth('bk_a')).send(validEntry({ amountFen: 12_300 })).expect(201)).body.id;
      case 'submitted': {
        const id = await this.make('draft');
        await this.t.http().post(`/api/staff/entries/${id}/submit`).set(this.w.auth('bk_a')).expect(200);
        return id;
      }
      case 'published': {
        const id = await this.make('submitted');
        await this.t.http().post(`/api/staff/entries/${id}/approve`).set(this.w.auth('ap_a')).expect(200);
        return id;
      }
      case 'attachment': {
        const res = await this.t.http().post('/api/staff/attachments').set(this.w.auth('bk_a')).attach('file', await this.image(), { filename: 'voucher.png', contentType: 'image/png' }).expect(201);
        return res.body.id;
      }
      case 'importBatch': {
        const res = await this.t.http().post('/api/staff/imports').query({ dryRun: 'false' }).set(this.w.auth('bk_a')).attach('file', IMPORT_CSV, { filename: 'ledger.csv', contentType: 'text/csv' }).expect(201);
        return res.body.batchId;
      }
      case 'draftAsset':
        return this.register('assets', 'draft');
      case 'submittedAsset':
        return this.register('assets', 'submitted');
      case 'approvedAsset':
        return this.register('assets', 'approved');
      case 'draftContract':
        return this.register('contracts', 'draft');
      case 'submittedContract':
        return this.register('contracts', 'submitted');
      case 'approvedContract':
        return this.register('contracts', 'approved');
      case 'assetBatch':
      case 'contractBatch': {
        const register: Register = kind === 'assetBatch' ? 'assets' : 'contracts';
        const file = this.registerCsv(register);
        const res = await this.t.http().post(`/api/staff/${register}/import`).set(this.w.auth('bk_a')).attach('file', file.bytes, { filename: file.name, contentType: 'text/csv' }).expect(201);
        return res.body.batchId;
      }
      case 'warningCase': {
        const summary = `${WARNING_MARK} 第${++this.warnings}条：村集体收入长期挂账未入`;
        return (await insertWarning(this.t, { ruleId: 'round-amounts', villageId: this.w.villages.a.id, summary })).report.id;
      }
      case 'watchPerson':
        return (await this.t.http().post('/api/inspector/watchlist').set(this.w.auth('insp_town1')).send(this.watchBody()).expect(201)).body.id;
      case 'rule':
        return 'late-posting';
    }
  }

  /** A fresh code for an asset or contract (codes are unique within a village). */
  code(prefix: string): string {
    return `${prefix}-ACC-${++this.codes}`;
  }

  /** An asset or contract of village a, drafted by bk_a and, as far as `state` says, submitted and approved by ap_a. */
  async register(register: Register, state: 'draft' | 'submitted' | 'approved'): Promise<number> {
    const body = register === 'assets' ? validAsset({ code: this.code('ZC') }) : validContract({ code: this.code('HT') });
    const id = (await this.t.http().post(`/api/staff/${register}`).set(this.w.auth('bk_a')).send(body).expect(201)).body.id;
    if (state !== 'draft') await this.t.http().post(`/api/staff/${register}/${id}/submit`).set(this.w.auth('bk_a')).expect(200);
    if (state === 'approved') await this.t.http().post(`/api/staff/${register}/${id}/approve`).set(this.w.auth('ap_a')).expect(200);
    return id;
  }

  registerCsv(register: Register): { bytes: Buffer; name: string } {
    return { bytes: Buffer.from(REGISTER_CSV[register](this.code(register === 'assets' ? 'ZC' : 'HT'))), name: `${register}.csv` };
  }

  /** A person of a watch list of village a, under a fresh name (the same person cannot be listed twice). */
  watchBody(): Record<string, unknown> {
    return { regionId: this.w.villages.a.id, listKind: 'public_servant', name: `监督对象${++this.people}`, source: '县人社局名册' };
  }

  watchCsv(): { bytes: Buffer; name: string } {
    return { bytes: Buffer.from(watchCsv(`名单对象${++this.people}`)), name: 'people.csv' };
  }

  /** A report of village a (office: town 1), named, filed by the fixtures' villager. */
  reportBody(anonymous = false): Record<string, unknown> {
    return {
      villageId: this.w.villages.a.id,
      categoryCode: 'false_claims',
      text: `${REPORT_MARK} 第${++this.reports}份：补助名单里有已经去世的人`,
      subjectType: 'village',
      anonymous,
      ...(anonymous ? {} : { reporterName: '举报人甲', reporterPhone: '13800000000' }),
    };
  }

  async fileReport(): Promise<{ reportId: number; receiptCode: string }> {
    const res = await this.t
      .http()
      .post('/api/reports')
      .set({ ...withKey(), Authorization: `Bearer ${this.villagerToken}`, 'X-Forwarded-For': nextIp() })
      .send(this.reportBody())
      .expect(201);
    return res.body;
  }

  /** A signed URL of a photo of a fresh report. */
  async signedFileUrl(): Promise<string> {
    const upload = await this.t.http().post('/api/report-uploads').set('X-Forwarded-For', nextIp()).attach('file', await this.image(), { filename: 'p.png', contentType: 'image/png' }).expect(201);
    await this.t
      .http()
      .post('/api/reports')
      .set({ ...withKey(), 'X-Forwarded-For': nextIp() })
      .send({ ...this.reportBody(true), photoIds: [upload.body.id] })
      .expect(201);
    const file = await this.t.dataSource.manager.findOneByOrFail(ReportFile, { token: upload.body.id });
    return this.t.app.get(ReportFilesService).signedUrl(file);
  }

  async refreshToken(): Promise<string> {
    const res = await this.t.http().post('/api/auth/login').send({ username: 'bk_a2', password: TEST_PASSWORD }).expect(200);
    return res.body.refreshToken;
  }

  async image(): Promise<Buffer> {
    this.png ??= await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a6' } }).png().toBuffer();
    return this.png;
  }
}

let ipCounter = 0;
/** Every call comes from its own address, so no per-IP limit of the report routes is reached. */
const nextIp = (): string => `10.77.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

describe('access matrix: which caller reaches which route', () => {
  let t: TestApp;
  let wx: FakeWechat;
  let villagerToken: string;
  /** The body of every GET answer, by route and caller, to look for reports where there must be none. */
  const bodies: Record<string, Partial<Record<Caller, string>>> = {};
  const authOf = (caller: Exclude<Caller, 'anonymous'>): Record<string, string> =>
    caller === 'villager' ? { Authorization: `Bearer ${villagerToken}` } : w.auth(caller);
  let w: World;
  let routes: NestRoute[];
  let served: string[];
  let matrix: Matrix;

  async function call(f: Fixtures, key: string, caller: Caller): Promise<number> {
    const [method, path] = key.split(' ');
    const plan = PLANS[key] ?? {};
    const values: Record<string, number | string> = {};
    for (const name of pathParams(path)) values[name] = await f.make(plan.params?.[name] ?? paramFixture(path, name));
    const url = plan.url ? await plan.url(f) : fillPath(path, values);
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).set('X-Forwarded-For', nextIp());
    if (caller !== 'anonymous') req = req.set(authOf(caller));
    if (plan.headers) req = req.set(plan.headers());
    if (plan.query) req = req.query(plan.query);
    if (plan.upload === 'png') req = req.attach('file', await f.image(), { filename: 'voucher.png', contentType: 'image/png' });
    else if (plan.upload === 'csv') req = req.attach('file', IMPORT_CSV, { filename: 'ledger.csv', contentType: 'text/csv' });
    else if (plan.upload) {
      const file = plan.upload === 'watchCsv' ? f.watchCsv() : f.registerCsv(plan.upload === 'assetsCsv' ? 'assets' : 'contracts');
      req = req.attach('file', file.bytes, { filename: file.name, contentType: 'text/csv' });
    } else if (plan.body) req = req.send((await plan.body(f)) as object);
    else if (['POST', 'PATCH', 'PUT'].includes(method)) req = req.send({});
    const res = await req;
    if (method === 'GET') (bodies[key] ??= {})[caller] = Buffer.isBuffer(res.body) ? '' : res.text ?? '';
    return res.status;
  }

  beforeAll(async () => {
    wx = new FakeWechat();
    await wx.start();
    // One villager files many reports here; the limit itself is tested in reports.int-spec.ts.
    t = await startTestApp({ ...wx.env, REPORT_RATE_LIMIT_PER_HOUR: '10000' });
    w = await buildWorld(t);
    villagerToken = (await t.http().post('/api/villager/session').send({ code: wx.login('oACCESS-villager-openid') }).expect(200)).body.token;
    routes = nestRoutes(t.app);
    served = httpRoutes(t.app);
    const f = new Fixtures(t, w, wx, villagerToken);
    // Reports and a warning exist before the first call, so every list, count and search has something to leak.
    await f.fileReport();
    await f.fileReport();
    await f.make('warningCase');
    matrix = {};
    for (const key of [...new Set([...routes.map((r) => r.key), ...served])].sort()) {
      const row = {} as Record<Caller, number>;
      for (const caller of CALLERS) row[caller] = await call(f, key, caller);
      matrix[key] = row;
    }
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  it('finds the routes: the ones Fastify serves are exactly the Nest controller routes (none bypasses the guard)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/staff/entries', 'POST /api/staff/entries/:id/approve', 'GET /api/villages/:id', 'POST /api/admin/users']));
    expect(served).toEqual(routes.map((r) => r.key));
  });

  it('matches the committed access matrix (test/access-matrix.json)', () => {
    const text = formatMatrix(matrix, CALLERS);
    if (UPDATE) {
      writeFileSync(MATRIX_FILE, text);
      return;
    }
    if (!existsSync(MATRIX_FILE))
      throw new Error(`${MATRIX_FILE} is missing: run UPDATE_ACCESS_SNAPSHOT=1 npx jest test/access.int-spec.ts and review it`);
    const committed = JSON.parse(readFileSync(MATRIX_FILE, 'utf8')) as Matrix;
    const added = Object.keys(matrix).filter((k) => !(k in committed));
    const removed = Object.keys(committed).filter((k) => !(k in matrix));
    const changed = Object.keys(matrix)
      .filter((k) => k in committed)
      .flatMap((k) => CALLERS.filter((c) => committed[k][c] !== matrix[k][c]).map((c) => `${k} as ${c}: ${committed[k][c]} -> ${matrix[k][c]}`));
    // Readable first (what changed), then the whole table.
    expect({ added, removed, changed }).toEqual({ added: [], removed: [], changed: [] });
    expect(matrix).toEqual(committed);
  });

  const reached = (status: number): boolean => status !== 401 && status !== 403;
  const reachers = (key: string): Caller[] => CALLERS.filter((c) => reached(matrix[key][c]));

  it('never answers 5xx', () => {
    const errors = Object.entries(matrix).flatMap(([k, row]) => CALLERS.filter((c) => row[c] >= 500).map((c) => `${k} as ${c}: ${row[c]}`));
    expect(errors).toEqual([]);
  });

  it('answers 401 to anonymous callers and bad tokens on every non-@Public route, and lets anonymous callers through on @Public ones', async () => {
    const privateRoutes = routes.filter((r) => !r.isPublic);
    expect(privateRoutes.length).toBeGreaterThanOrEqual(10);
    expect(privateRoutes.filter((r) => matrix[r.key].anonymous !== 401).map((r) => r.key)).toEqual([]);
    expect(routes.filter((r) => r.isPublic && matrix[r.key].anonymous === 401).map((r) => r.key)).toEqual([]);
    // a garbage bearer token is no better than none
    for (const r of privateRoutes) {
      const url = fillPath(r.path, Object.fromEntries(pathParams(r.path).map((p) => [p, 1])));
      const res = await t.http()[r.method.toLowerCase() as 'get'](url).set('Authorization', 'Bearer not.a.jwt');
      expect({ route: r.key, status: res.status }).toEqual({ route: r.key, status: 401 });
    }
  });

  it('answers 403 to a signed-in caller whose role the route does not name, and never 401/403 to one it names', () => {
    const problems: string[] = [];
    for (const r of routes.filter((x) => !x.isPublic && x.roles)) {
      for (const caller of CALLERS.filter((c) => c !== 'anonymous' && c !== 'villager') as Exclude<Caller, 'anonymous'>[]) {
        const status = matrix[r.key][caller];
        const allowed = r.roles!.includes(ROLE_OF[caller] as never);
        if (allowed && !reached(status)) problems.push(`${r.key}: ${caller} (${ROLE_OF[caller]}) is named but got ${status}`);
        if (!allowed && status !== 403) problems.push(`${r.key}: ${caller} (${ROLE_OF[caller]}) is not named but got ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('hides village a objects from the bookkeeper of village b and the approver of another town: 404, not 403', async () => {
    // every staff route that names an object (all the objects are village a's)
    const scoped = routes.filter((r) => r.path.startsWith('/api/staff/') && pathParams(r.path).length > 0);
    expect(scoped.filter((r) => r.path.startsWith('/api/staff/entries/:id')).length).toBeGreaterThanOrEqual(7);
    const problems: string[] = [];
    for (const r of scoped) {
      if (r.roles?.includes('bookkeeper') && matrix[r.key].bk_b !== 404) problems.push(`${r.key} as bk_b: ${matrix[r.key].bk_b}`);
      if (r.roles?.includes('approver') && matrix[r.key].ap_town2 !== 404) problems.push(`${r.key} as ap_town2: ${matrix[r.key].ap_town2}`);
    }
    expect(problems).toEqual([]);
    // and the same bookkeeper or approver of village a does get through
    expect(matrix['GET /api/staff/entries/:id']).toMatchObject({ bk_a: 200, ap_a: 200, ap_town1: 200 });
    expect(matrix['PATCH /api/staff/entries/:id'].bk_a).toBe(200);
    expect(matrix['DELETE /api/staff/entries/:id'].bk_a).toBe(204);
    expect(matrix['POST /api/staff/entries/:id/submit'].bk_a).toBe(200);
    expect(matrix['POST /api/staff/entries/:id/reversal'].bk_a).toBe(201);
    for (const register of ['assets', 'contracts']) {
      expect(matrix[`GET /api/staff/${register}/:id`]).toMatchObject({ admin: 200, bk_a: 200, ap_a: 200, ap_town1: 200, insp_town1: 200, insp_county: 200 });
      expect(matrix[`PATCH /api/staff/${register}/:id`].bk_a).toBe(200);
      expect(matrix[`DELETE /api/staff/${register}/:id`].bk_a).toBe(204);
      expect(matrix[`POST /api/staff/${register}/:id/submit`].bk_a).toBe(200);
    }
    expect(matrix['POST /api/staff/contracts/:id/terminate'].bk_a).toBe(200);
    expect(matrix['POST /api/staff/contracts/:id/receipts'].bk_a).toBe(201);
    expect(matrix['PUT /api/staff/contracts/:id/attachments'].bk_a).toBe(200);
    expect(matrix['GET /api/staff/contracts/:id/receipt-candidates'].bk_a).toBe(200);
    // nor do they see them in their lists, even when they ask for village a by id
    for (const list of ['entries', 'assets', 'contracts']) {
      for (const caller of ['bk_b', 'ap_town2']) {
        const res = await t.http().get(`/api/staff/${list}?villageId=${w.villages.a.id}&limit=50`).set(w.auth(caller)).expect(200);
        expect({ list, caller, items: res.body.items }).toEqual({ list, caller, items: [] });
      }
      const own = await t.http().get(`/api/staff/${list}?villageId=${w.villages.a.id}&limit=50`).set(w.auth('ap_a')).expect(200);
      expect({ list, some: own.body.items.length > 0 }).toEqual({ list, some: true });
    }
    // an attachment not yet on a published entry is staff-only, and only in scope
    expect(matrix['GET /api/attachments/:id']).toMatchObject({ anonymous: 404, bk_a: 200, bk_b: 404, ap_town2: 404, ap_town1: 200, insp_town1: 200 });
  });

  it('lets only the admin reach /api/admin/*', () => {
    const adminRoutes = Object.keys(matrix).filter((k) => k.split(' ')[1].startsWith('/api/admin/'));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(3);
    for (const k of adminRoutes) {
      expect({ route: k, reachers: reachers(k) }).toEqual({ route: k, reachers: ['admin'] });
      expect(matrix[k].admin).toBeLessThan(300);
    }
  });

  it('lets only approvers reach approve and reject, and the in-scope ones publish/reject', () => {
    const reviewRoutes = Object.keys(matrix).filter((k) => /\/(approve|reject)$/.test(k));
    expect(reviewRoutes).toEqual(expect.arrayContaining(['POST /api/staff/entries/:id/approve', 'POST /api/staff/entries/:id/reject']));
    for (const k of reviewRoutes) {
      expect({ route: k, reachers: reachers(k) }).toEqual({ route: k, reachers: ['ap_a', 'ap_town1', 'ap_town2'] });
      expect({ route: k, statuses: matrix[k] }).toEqual({ route: k, statuses: expect.objectContaining({ ap_a: 200, ap_town1: 200, ap_town2: 404 }) });
    }
    // only bookkeepers write entries
    expect(reachers('POST /api/staff/entries')).toEqual(['bk_a', 'bk_b']);
  });

  it('opens staff routes to staff tokens only and villager routes to villager tokens only (401 otherwise)', () => {
    const problems: string[] = [];
    for (const r of routes.filter((x) => !x.isPublic)) {
      if (r.villager === 'required') {
        for (const c of CALLERS.filter((x) => x !== 'villager')) if (matrix[r.key][c] !== 401) problems.push(`${r.key} as ${c}: ${matrix[r.key][c]}`);
        if (!reached(matrix[r.key].villager)) problems.push(`${r.key} as villager: ${matrix[r.key].villager}`);
      } else if (matrix[r.key].villager !== 401) problems.push(`${r.key} as villager: ${matrix[r.key].villager}`);
    }
    expect(problems).toEqual([]);
    expect(routes.filter((r) => r.villager === 'required').length).toBeGreaterThanOrEqual(4);
  });

  it('lets only inspectors reach the discipline office\'s routes, and both inspectors over village a get through', () => {
    const office = Object.keys(matrix).filter((k) => k.split(' ')[1].startsWith('/api/inspector/'));
    expect(office.length).toBeGreaterThanOrEqual(12);
    for (const k of office) {
      expect({ route: k, reachers: reachers(k) }).toEqual({ route: k, reachers: ['insp_town1', 'insp_county'] });
      expect({ route: k, town: matrix[k].insp_town1 < 300, county: matrix[k].insp_county < 300 }).toEqual({ route: k, town: true, county: true });
    }
  });

  it('shows the village\'s cadres (and every other non-inspector) no report anywhere: no list, count, search hit or detail', () => {
    const leaks: string[] = [];
    for (const [key, byCaller] of Object.entries(bodies))
      for (const c of CADRES) if ((byCaller[c] ?? '').includes(REPORT_MARK)) leaks.push(`${key} as ${c}`);
    expect(leaks).toEqual([]);
    // the check can see a report: the inspectors' inbox answer does hold the mark
    expect(bodies['GET /api/inspector/reports'].insp_town1).toContain(REPORT_MARK);
    // and no staff route but the inspectors' ever answers the cadres with anything about reports
    const reportish = Object.keys(matrix).filter((k) => /report|webhook/.test(k) && !k.split(' ')[1].startsWith('/api/admin/'));
    for (const k of reportish)
      for (const c of CADRES) {
        const status = matrix[k][c];
        const open = (PLANS[k]?.url || /lookup|follow-ups|report-uploads|report-categories|POST \/api\/reports$/.test(k)) ? true : false;
        if (!open && status < 300) leaks.push(`${k} as ${c}: ${status}`);
      }
    expect(leaks).toEqual([]);
  });

  it('shows no one but the inspectors a warning of the rules: neither the fixtures\' nor those the engine found in them', async () => {
    // The engine ran after every publication and contract change of the fixtures, and found things (entries of
    // 2025 posted now are late, say); every summary it wrote is looked for, as well as the fixtures' mark.
    const found: { rule_id: string; summary: string }[] = await t.dataSource.query('SELECT DISTINCT rule_id, summary FROM warnings');
    expect(found.map((x) => x.rule_id)).toEqual(expect.arrayContaining(['late-posting', 'round-amounts']));
    const needles = [WARNING_MARK, ...found.map((x) => x.summary)];
    const mentions = (body: string): boolean => needles.some((n) => body.includes(n) || body.includes(JSON.stringify(n).slice(1, -1)));
    const leaks: string[] = [];
    for (const [key, byCaller] of Object.entries(bodies)) for (const c of NOT_INSPECTORS) if (mentions(byCaller[c] ?? '')) leaks.push(`${key} as ${c}`);
    expect(leaks).toEqual([]);
    // the check can see a warning: the inspectors' export of the warnings holds the mark and the engine's findings
    for (const c of ['insp_town1', 'insp_county'] as const) {
      expect(bodies['GET /api/inspector/dashboard/export'][c]).toContain(WARNING_MARK);
      expect(bodies['GET /api/inspector/dashboard/export'][c]).toContain(found.find((x) => x.rule_id === 'late-posting')!.summary);
    }
  });
});
