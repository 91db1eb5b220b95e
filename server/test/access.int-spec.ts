import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { validEntry } from './helpers/entries';
import { fillPath, formatMatrix, httpRoutes, nestRoutes, NestRoute, pathParams } from './helpers/routes';

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

/** anonymous; admin; bookkeepers of village a and b; approvers of village a, town 1 (over a) and town 2 (not over a); the town 1 inspector. */
const CALLERS = ['anonymous', 'admin', 'bk_a', 'bk_b', 'ap_a', 'ap_town1', 'ap_town2', 'insp_town1'] as const;
type Caller = (typeof CALLERS)[number];
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, string> = {
  admin: 'admin',
  bk_a: 'bookkeeper',
  bk_b: 'bookkeeper',
  ap_a: 'approver',
  ap_town1: 'approver',
  ap_town2: 'approver',
  insp_town1: 'inspector',
};

type Matrix = Record<string, Record<Caller, number>>;
type Fixture = 'draft' | 'submitted' | 'published' | 'attachment' | 'importBatch' | 'villageA';

interface Plan {
  /** What each path parameter points at. */
  params?: Record<string, Fixture>;
  /** A JSON body (POST/PATCH/PUT get `{}` when none is given). */
  body?: (f: Fixtures) => Promise<unknown> | unknown;
  /** Send a file as the multipart field `file`: a small PNG voucher, or a one-row CSV ledger. */
  upload?: 'png' | 'csv';
  /** Query string. */
  query?: Record<string, string>;
}

/** A ledger file of one valid row for village a (the import format of src/modules/imports). */
const IMPORT_CSV = Buffer.from(
  ['日期,收支,科目编码,金额(元),对方单位,对方类型,摘要,结算方式,凭证号', '2025-03-05,收入,501,12.50,上坂村鱼塘合作社,,鱼塘承包费,银行,记-2025-101', ''].join('\n'),
);

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
};

/** Fallback for routes without a plan: a village id for region-ish paths, else a published entry. */
function paramFixture(path: string, name: string): Fixture {
  if (/village|region/i.test(name) || /\/(villages|regions)\/:/.test(path)) return 'villageA';
  if (/attachment/i.test(name) || /\/attachments\/:/.test(path)) return 'attachment';
  if (/import|batch/i.test(name) || /\/imports\/:/.test(path)) return 'importBatch';
  return 'published';
}

/** Fresh objects of village a for one call, so no call sees the effects of another. */
class Fixtures {
  private png: Buffer | null = null;
  constructor(
    readonly t: TestApp,
    readonly w: World,
  ) {}

  async make(kind: Fixture): Promise<number> {
    switch (kind) {
      case 'villageA':
        return this.w.villages.a.id;
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
    }
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

describe('access matrix: which caller reaches which route', () => {
  let t: TestApp;
  let w: World;
  let routes: NestRoute[];
  let served: string[];
  let matrix: Matrix;

  async function call(f: Fixtures, key: string, caller: Caller): Promise<number> {
    const [method, path] = key.split(' ');
    const plan = PLANS[key] ?? {};
    const values: Record<string, number> = {};
    for (const name of pathParams(path)) values[name] = await f.make(plan.params?.[name] ?? paramFixture(path, name));
    const url = fillPath(path, values);
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
    if (caller !== 'anonymous') req = req.set(w.auth(caller));
    if (plan.query) req = req.query(plan.query);
    if (plan.upload === 'png') req = req.attach('file', await f.image(), { filename: 'voucher.png', contentType: 'image/png' });
    else if (plan.upload === 'csv') req = req.attach('file', IMPORT_CSV, { filename: 'ledger.csv', contentType: 'text/csv' });
    else if (plan.body) req = req.send((await plan.body(f)) as object);
    else if (['POST', 'PATCH', 'PUT'].includes(method)) req = req.send({});
    return (await req).status;
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    routes = nestRoutes(t.app);
    served = httpRoutes(t.app);
    const f = new Fixtures(t, w);
    matrix = {};
    for (const key of [...new Set([...routes.map((r) => r.key), ...served])].sort()) {
      const row = {} as Record<Caller, number>;
      for (const caller of CALLERS) row[caller] = await call(f, key, caller);
      matrix[key] = row;
    }
  });
  afterAll(() => t.close());

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
      for (const caller of CALLERS.filter((c) => c !== 'anonymous') as Exclude<Caller, 'anonymous'>[]) {
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
    // nor do they see them in their lists, even when they ask for village a by id
    for (const caller of ['bk_b', 'ap_town2']) {
      const list = await t.http().get(`/api/staff/entries?villageId=${w.villages.a.id}&limit=50`).set(w.auth(caller)).expect(200);
      expect(list.body.items).toEqual([]);
    }
    const own = await t.http().get(`/api/staff/entries?villageId=${w.villages.a.id}&limit=50`).set(w.auth('ap_a')).expect(200);
    expect(own.body.items.length).toBeGreaterThan(0);
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
});
