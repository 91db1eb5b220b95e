import { Asset } from '../src/modules/assets/asset.entity';
import { User } from '../src/modules/users/user.entity';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { approveAsset, validAsset } from './helpers/entries';

describe('asset register: drafts, approval, changes, public pages', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const post = (user: string, path: string, body: object = {}) => t.http().post(`/api${path}`).set(w.auth(user)).send(body);
  const patch = (user: string, path: string, body: object) => t.http().patch(`/api${path}`).set(w.auth(user)).send(body);
  const get = (user: string | null, path: string) => (user ? t.http().get(`/api${path}`).set(w.auth(user)) : t.http().get(`/api${path}`));
  const fields = (res: { body: { details: { field: string }[] } }) => [...new Set(res.body.details.map((d) => d.field))].sort();

  it('runs draft → submit → reject → edit → submit → approve, public only once approved', async () => {
    const created = await post('bk_a', '/staff/assets', validAsset({ code: 'FLOW-1', name: ' 村部办公楼 ', note: '' })).expect(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      villageId: w.villages.a.id,
      villageName: '上坂村',
      code: 'FLOW-1',
      name: '村部办公楼',
      note: null,
      pendingChange: null,
      contractIds: [],
      createdBy: w.userIds.bk_a,
    });
    const id = created.body.id;

    // a draft is its author's only
    await get('bk_a2', `/staff/assets/${id}`).expect(404);
    await get('ap_a', `/staff/assets/${id}`).expect(404);
    await post('ap_a', `/staff/assets/${id}/approve`).expect(404);
    await get(null, `/assets/${id}`).expect(404);

    await post('bk_a', `/staff/assets/${id}/submit`).expect(200);
    await patch('bk_a', `/staff/assets/${id}`, { name: '改名' }).expect(409);
    await post('ap_a', `/staff/assets/${id}/reject`, {}).expect(400);
    const rejected = await post('ap_a', `/staff/assets/${id}/reject`, { reason: '面积与产权证不符' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '面积与产权证不符' });

    // only the author edits a rejected record
    expect((await patch('bk_a2', `/staff/assets/${id}`, { areaM2: 580 }).expect(403)).body.code).toBe('NOT_AUTHOR');
    await patch('bk_a', `/staff/assets/${id}`, { areaM2: 580 }).expect(200);
    await post('bk_a', `/staff/assets/${id}/submit`).expect(200);
    await get(null, `/assets/${id}`).expect(404);

    const approved = await post('ap_a', `/staff/assets/${id}/approve`).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', rejectReason: null, areaM2: 580, approvedAt: expect.any(String) });
    expect((await post('ap_a', `/staff/assets/${id}/approve`).expect(409)).body.code).toBe('INVALID_STATE');
    await t.http().delete(`/api/staff/assets/${id}`).set(w.auth('bk_a')).expect(409);

    const pub = await get(null, `/assets/${id}`).expect(200);
    expect(pub.body).toEqual({
      id,
      villageId: w.villages.a.id,
      code: 'FLOW-1',
      name: '村部办公楼',
      kind: 'building',
      location: '一组',
      areaM2: 580,
      bookValueFen: 120_000_000,
      usage: 'self_used',
      acquiredOn: '2010-05-01',
      currentContractId: null,
      contracts: [],
    });
  });

  it('keeps the scope: other villages and towns see nothing, inspectors and admins read', async () => {
    const a = await approveAsset(t, w, { code: 'SCOPE-1' });
    for (const user of ['bk_b', 'bk_c', 'ap_town2']) await get(user, `/staff/assets/${a.id}`).expect(404);
    await patch('bk_b', `/staff/assets/${a.id}`, { name: '别村的' }).expect(404);
    const draft = await post('bk_a', '/staff/assets', validAsset({ code: 'SCOPE-2' })).expect(201);
    await post('bk_a', `/staff/assets/${draft.body.id}/submit`).expect(200);
    await post('ap_town2', `/staff/assets/${draft.body.id}/approve`).expect(404);
    await post('ap_town2', `/staff/assets/${draft.body.id}/reject`, { reason: '不对' }).expect(404);
    // the town agent of the village's own town may approve
    await post('ap_town1', `/staff/assets/${draft.body.id}/approve`).expect(200);

    await get('insp_town1', `/staff/assets/${a.id}`).expect(200);
    await get('admin', `/staff/assets/${a.id}`).expect(200);
    const c = await approveAsset(t, w, { code: 'SCOPE-C' }, 'bk_c', 'ap_town2');
    await get('insp_town1', `/staff/assets/${c.id}`).expect(404);
    await get('insp_county', `/staff/assets/${c.id}`).expect(200);

    const listed = async (user: string, query = '') =>
      (await get(user, `/staff/assets?limit=50${query}`).expect(200)).body.items.map((x: { id: number }) => x.id);
    expect(await listed('bk_c')).toEqual([c.id]);
    expect(await listed('admin')).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(await listed('insp_town1')).not.toContain(c.id);
    // roles: a bookkeeper never approves, an approver never drafts
    await post('bk_a', `/staff/assets/${a.id}/approve`).expect(403);
    await post('ap_a', '/staff/assets', validAsset({ code: 'X' })).expect(403);
    // a bookkeeper's own village only
    expect((await post('bk_a', '/staff/assets', validAsset({ code: 'X', villageId: w.villages.b.id })).expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses what an approver wrote or asked for themselves', async () => {
    const asset = await post('bk_a2', '/staff/assets', validAsset({ code: 'SELF-1' })).expect(201);
    await post('bk_a2', `/staff/assets/${asset.body.id}/submit`).expect(200);
    // the same account made an approver of the village (a role change): still not on what it wrote
    await t.dataSource.manager.update(User, { id: w.userIds.bk_a2 }, { role: 'approver' });
    try {
      expect((await post('bk_a2', `/staff/assets/${asset.body.id}/approve`).expect(403)).body.code).toBe('SELF_APPROVAL');
      expect((await post('bk_a2', `/staff/assets/${asset.body.id}/reject`, { reason: '撤回' }).expect(403)).body.code).toBe(
        'SELF_APPROVAL',
      );
    } finally {
      await t.dataSource.manager.update(User, { id: w.userIds.bk_a2 }, { role: 'bookkeeper' });
    }
    await post('ap_a', `/staff/assets/${asset.body.id}/approve`).expect(200);
  });

  it('answers 400 naming each bad field, and a code already used in the village', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ code: '' }, ['code']],
      [{ kind: 'castle' }, ['kind']],
      [{ usage: 'sold' }, ['usage']],
      [{ areaM2: 0 }, ['areaM2']],
      [{ areaM2: 1.5 }, ['areaM2']],
      [{ bookValueFen: -1 }, ['bookValueFen']],
      [{ bookValueFen: '100' }, ['bookValueFen']],
      [{ acquiredOn: '2999-01-01' }, ['acquiredOn']],
      [{ acquiredOn: '2025-02-30' }, ['acquiredOn']],
      [{ note: '联系人电话13800138000' }, ['note']],
      [{ name: 'x'.repeat(101) }, ['name']],
      [{ location: undefined }, ['location']],
      [{ extra: 1 }, ['extra']],
    ];
    for (const [over, expected] of cases) {
      const res = await post('bk_a', '/staff/assets', validAsset({ code: 'VAL-1', ...over })).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fields(res)).toEqual(expected);
    }
    await post('bk_a', '/staff/assets', validAsset({ code: 'DUP-1' })).expect(201);
    const dup = await post('bk_a2', '/staff/assets', validAsset({ code: 'dup-1' })).expect(400);
    expect(dup.body.details).toEqual([{ field: 'code', reason: expect.any(String) }]);
    // codes are per village
    await post('bk_b', '/staff/assets', validAsset({ code: 'DUP-1' })).expect(201);
  });

  it('keeps a change to an approved asset aside until it is approved; a rejected change is dropped', async () => {
    const a = await approveAsset(t, w, { code: 'CHG-1' });
    const asked = await patch('bk_a2', `/staff/assets/${a.id}`, { bookValueFen: 90_000_000, usage: 'idle' }).expect(200);
    expect(asked.body).toMatchObject({
      status: 'approved',
      bookValueFen: 120_000_000,
      pendingChange: {
        changes: { bookValueFen: 90_000_000, usage: 'idle' },
        requestedBy: w.userIds.bk_a2,
        requestedAt: expect.any(String),
      },
    });
    expect((await get(null, `/assets/${a.id}`).expect(200)).body).toMatchObject({ bookValueFen: 120_000_000, usage: 'self_used' });
    expect((await patch('bk_a', `/staff/assets/${a.id}`, { name: '又改' }).expect(409)).body.code).toBe('CHANGE_PENDING');
    const waiting = (await get('ap_a', '/staff/assets?awaitingReview=true&limit=50').expect(200)).body.items.map(
      (x: { id: number }) => x.id,
    );
    expect(waiting).toContain(a.id);

    await post('ap_a', `/staff/assets/${a.id}/approve`).expect(200);
    expect((await get(null, `/assets/${a.id}`).expect(200)).body).toMatchObject({ bookValueFen: 90_000_000, usage: 'idle' });

    await patch('bk_a', `/staff/assets/${a.id}`, { name: '新名字' }).expect(200);
    const dropped = await post('ap_a', `/staff/assets/${a.id}/reject`, { reason: '无依据' }).expect(200);
    expect(dropped.body).toMatchObject({ status: 'approved', name: '村部办公楼', pendingChange: null, rejectReason: '无依据' });
    expect((await get(null, `/assets/${a.id}`).expect(200)).body.name).toBe('村部办公楼');
    // nothing to decide any more
    await post('ap_a', `/staff/assets/${a.id}/approve`).expect(409);
    // a change that changes nothing, and a change to a code in use
    await patch('bk_a', `/staff/assets/${a.id}`, { name: '村部办公楼' }).expect(400);
    await approveAsset(t, w, { code: 'CHG-2' });
    expect((await patch('bk_a', `/staff/assets/${a.id}`, { code: 'CHG-2' }).expect(400)).body.details[0].field).toBe('code');
  });

  it('deletes drafts only, by their author', async () => {
    const d = await post('bk_a', '/staff/assets', validAsset({ code: 'DEL-1' })).expect(201);
    await t.http().delete(`/api/staff/assets/${d.body.id}`).set(w.auth('bk_a2')).expect(404);
    await t.http().delete(`/api/staff/assets/${d.body.id}`).set(w.auth('bk_a')).expect(204);
    expect(await t.dataSource.manager.findOneBy(Asset, { id: d.body.id })).toBeNull();
  });

  it('lists a village publicly with filters, keyset pages and the disclosure cache headers', async () => {
    const v = w.villages.c.id;
    for (const [code, kind, usage] of [
      ['P-1', 'land', 'leased'],
      ['P-2', 'pond', 'idle'],
      ['P-3', 'land', 'idle'],
    ])
      await approveAsset(t, w, { code, kind, usage }, 'bk_c', 'ap_town2');
    await post('bk_c', '/staff/assets', validAsset({ code: 'P-4' })).expect(201); // a draft is not public

    const all = await get(null, `/villages/${v}/assets?limit=2`).expect(200);
    expect(all.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(all.body.items.map((a: { code: string }) => a.code)).toEqual(['SCOPE-C', 'P-1']);
    const next = await get(null, `/villages/${v}/assets?limit=2&cursor=${all.body.nextCursor}`).expect(200);
    expect(next.body.items.map((a: { code: string }) => a.code)).toEqual(['P-2', 'P-3']);
    expect(next.body.nextCursor).toBeNull();
    expect(
      (await get(null, `/villages/${v}/assets?kind=land&usage=idle`).expect(200)).body.items.map((a: { code: string }) => a.code),
    ).toEqual(['P-3']);
    await t.http().get(`/api/villages/${v}/assets?limit=2`).set('If-None-Match', all.headers.etag).expect(304);

    await get(null, `/villages/${v}/assets?kind=castle`).expect(400);
    await get(null, `/villages/${v}/assets?cursor=abc`).expect(400);
    await get(null, `/villages/${w.towns.one.id}/assets`).expect(404);
    await get(null, '/villages/999999/assets').expect(404);

    const summary = await get(null, `/villages/${v}/registers`).expect(200);
    expect(summary.body).toMatchObject({ villageId: v, assetCount: 4, byUsage: { self_used: 1, leased: 1, idle: 2 }, contractCount: 0 });
    expect(summary.body.bookValueFen).toBe(4 * 120_000_000);
  });
});
