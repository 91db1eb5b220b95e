import sharp from 'sharp';
import { todayInChina } from '@mingbai/shared';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry, validEntry } from './helpers/entries';

/** The error body every validation failure has: the status, a stable code, a message and the fields at fault. */
const failure = (...fields: string[]) => ({
  statusCode: 400,
  code: 'VALIDATION_FAILED',
  message: expect.any(String),
  details: fields.map((field) => ({ field, reason: expect.any(String) })),
});

/**
 * The same, for query parameters: one rule of a query value can fail several decorators at once
 * (IsInt, Min, max...), each of which adds its own detail, so only the set of fields is fixed.
 */
const queryFailure = (field: string) => ({
  statusCode: 400,
  code: 'VALIDATION_FAILED',
  message: expect.any(String),
  details: expect.arrayContaining([{ field, reason: expect.any(String) }]),
});
const fieldsOf = (body: { details: { field: string }[] }): string[] => [...new Set(body.details.map((d) => d.field))].sort();

describe('bad input is refused with a 400 naming the field, and nothing is half-written', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const post = (body: unknown, as = 'bk_a') => t.http().post('/api/staff/entries').set(w.auth(as)).send(body as object);
  const entryCount = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM entries'))[0].n);
  const rowOf = async (table: string, where: string, ...params: unknown[]): Promise<unknown[]> =>
    t.dataSource.query(`SELECT * FROM ${table} WHERE ${where} ORDER BY id`, params);

  describe('amountFen', () => {
    const { amountFen: _omit, ...withoutAmount } = validEntry();
    it.each<[string, unknown]>([
      ['a string', '100'],
      ['a fraction', 1.5],
      ['zero', 0],
      ['negative', -5],
      ['10^12 + 1', 1_000_000_000_001],
      ['1e20', 1e20],
      ['null', null],
    ])('refuses %s', async (_label, amountFen) => {
      const before = await entryCount();
      const res = await post(validEntry({ amountFen })).expect(400);
      expect(res.body).toEqual(failure('amountFen'));
      expect(res.body.details[0].reason).toMatch(/fen/);
      expect(await entryCount()).toBe(before);
    });

    it('refuses a missing amount', async () => {
      const res = await post(withoutAmount).expect(400);
      expect(res.body).toEqual(failure('amountFen'));
    });

    it('accepts exactly 10^12 and 1 fen', async () => {
      await post(validEntry({ amountFen: 1_000_000_000_000 })).expect(201);
      await post(validEntry({ amountFen: 1 })).expect(201);
    });
  });

  it('refuses an unknown field and names it', async () => {
    const res = await post(validEntry({ villageId: w.villages.b.id })).expect(400);
    expect(res.body).toEqual(failure('villageId'));
    const res2 = await post(validEntry({ status: 'published', serial: 1 })).expect(400);
    expect(res2.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['serial', 'status']);
  });

  describe('occurredOn', () => {
    const tomorrow = todayInChina(new Date(Date.now() + 86_400_000));
    it.each([
      ['a day that does not exist', '2025-02-30'],
      ['slashes', '2025/03/01'],
      ['tomorrow', tomorrow],
      ['a day before the ledger starts (2024-01-01)', '2023-12-31'],
    ])('refuses %s', async (_label, occurredOn) => {
      const res = await post(validEntry({ occurredOn })).expect(400);
      expect(res.body).toEqual(failure('occurredOn'));
    });

    it('accepts the first day of the ledger and today', async () => {
      await post(validEntry({ occurredOn: '2024-01-01' })).expect(201);
      await post(validEntry({ occurredOn: todayInChina() })).expect(201);
    });
  });

  it('refuses an expense account posted as income, and an account not in the village chart', async () => {
    // 511 经营支出 is an expense account of the 2023 chart (village a)
    const res = await post(validEntry({ direction: 'income', subjectCode: '511' })).expect(400);
    expect(res.body).toEqual(failure('subjectCode'));
    expect(res.body.details[0].reason).toContain('expense');
    const unknown = await post(validEntry({ subjectCode: '999' })).expect(400);
    expect(unknown.body).toEqual(failure('subjectCode'));
  });

  it.each([
    ['an ID-card number', '退还押金 身份证11010519491231002X'],
    ['a 15-digit ID-card number', '退还押金 110105491231002'],
    ['a mobile number', '联系人电话13812345678'],
    ['a mobile number with +86 and dashes', '联系 +86 138-1234-5678'],
  ])('refuses a summary carrying %s', async (_label, summary) => {
    const res = await post(validEntry({ summary })).expect(400);
    expect(res.body).toEqual(failure('summary'));
  });

  it('refuses personal numbers in the counterparty and voucher number too', async () => {
    expect((await post(validEntry({ counterpartyName: '张三13812345678' })).expect(400)).body).toEqual(failure('counterpartyName'));
    expect((await post(validEntry({ voucherNo: '11010519491231002X' })).expect(400)).body).toEqual(failure('voucherNo'));
  });

  it('counts characters, not bytes: 100 characters pass, 101 do not', async () => {
    await post(validEntry({ counterpartyName: '某'.repeat(100), counterpartyKind: 'organisation' })).expect(201);
    const res = await post(validEntry({ counterpartyName: '某'.repeat(101), counterpartyKind: 'organisation' })).expect(400);
    expect(res.body).toEqual(failure('counterpartyName'));
    const ascii = await post(validEntry({ counterpartyName: 'a'.repeat(101), counterpartyKind: 'organisation' })).expect(400);
    expect(ascii.body).toEqual(failure('counterpartyName'));
    const blank = await post(validEntry({ summary: '   ' })).expect(400);
    expect(blank.body).toEqual(failure('summary'));
  });

  it('stores a 200-character Chinese summary with emoji intact, through the staff API and the public API', async () => {
    const summary = '修缮村道🚧'.repeat(40);
    expect(Array.from(summary)).toHaveLength(200);
    const name = '𠀋建筑队🏗️有限公司';
    const created = await post(validEntry({ summary, counterpartyName: name, counterpartyKind: 'organisation', amountFen: 77_700, direction: 'expense', subjectCode: '514' })).expect(201);
    expect(created.body.summary).toBe(summary);
    expect(created.body.counterpartyName).toBe(name);
    const staff = await t.http().get(`/api/staff/entries/${created.body.id}`).set(w.auth('bk_a')).expect(200);
    expect(staff.body.summary).toBe(summary);
    const raw = (await t.dataSource.query('SELECT summary FROM entries WHERE id = ?', [created.body.id]))[0];
    expect(raw.summary).toBe(summary);

    await t.http().post(`/api/staff/entries/${created.body.id}/submit`).set(w.auth('bk_a')).expect(200);
    await t.http().post(`/api/staff/entries/${created.body.id}/approve`).set(w.auth('ap_a')).expect(200);
    const list = await t.http().get(`/api/villages/${w.villages.a.id}/entries?limit=50`).expect(200);
    const shown = list.body.items.find((e: { id: number }) => e.id === created.body.id);
    expect(shown).toMatchObject({ summary, counterpartyName: name });
    const detail = await t.http().get(`/api/entries/${created.body.id}`).expect(200);
    expect(detail.body).toMatchObject({ summary, counterpartyName: name });
  });

  it('searches the public list and the villages by text, emoji and LIKE wildcards included', async () => {
    const plain = await publishEntry(t, w, { summary: '村道🚧修缮工程款', amountFen: 8_800 });
    const percent = await publishEntry(t, w, { summary: '完成进度100%_验收', amountFen: 8_900 });
    const search = async (q: string): Promise<number[]> =>
      (await t.http().get(`/api/villages/${w.villages.a.id}/entries`).query({ q, limit: 50 }).expect(200)).body.items.map((e: { id: number }) => e.id);
    expect(await search('村道🚧修缮')).toContain(plain.id);
    expect(await search('100%_')).toEqual([percent.id]);
    expect(await search('%')).toEqual([percent.id]);
    expect(await search('_')).toEqual([percent.id]);
    const villages = await t.http().get('/api/villages').query({ q: '上坂' }).expect(200);
    expect(villages.body.map((v: { id: number }) => v.id)).toEqual([w.villages.a.id]);
  });

  it('treats % and _ in a village search as plain characters', async () => {
    expect((await t.http().get('/api/villages').query({ q: '%' }).expect(200)).body).toEqual([]);
    expect((await t.http().get('/api/villages').query({ q: '_' }).expect(200)).body).toEqual([]);
  });

  describe('query parameters and ids', () => {
    it.each(['0', '51', 'abc', '-1', '1.5'])('refuses limit=%s on the staff and public lists', async (limit) => {
      const staff = await t.http().get('/api/staff/entries').query({ limit }).set(w.auth('bk_a')).expect(400);
      expect(staff.body).toEqual(queryFailure('limit'));
      expect(fieldsOf(staff.body)).toEqual(['limit']);
      const pub = await t.http().get(`/api/villages/${w.villages.a.id}/entries`).query({ limit }).expect(400);
      expect(pub.body).toEqual(queryFailure('limit'));
      expect(fieldsOf(pub.body)).toEqual(['limit']);
    });

    it('refuses a cursor it did not give out', async () => {
      for (const cursor of ['garbage', 'WyIyMDI1LTAyLTMwIiwxXQ', Buffer.from('["2025-03-01",-1]').toString('base64url')]) {
        const pub = await t.http().get(`/api/villages/${w.villages.a.id}/entries`).query({ cursor }).expect(400);
        expect(pub.body).toEqual(failure('cursor'));
      }
      const staff = await t.http().get('/api/staff/entries').query({ cursor: 'garbage' }).set(w.auth('bk_a')).expect(400);
      expect(staff.body).toEqual(queryFailure('cursor'));
      expect(fieldsOf(staff.body)).toEqual(['cursor']);
    });

    it('refuses other bad query values, naming them', async () => {
      const v = `/api/villages/${w.villages.a.id}`;
      const cases: [string, Record<string, string>, string, string?][] = [
        [`${v}/entries`, { from: '2025-13' }, 'from'],
        [`${v}/entries`, { from: '2025-05', to: '2025-04' }, 'to'],
        [`${v}/entries`, { direction: 'sideways' }, 'direction'],
        [`${v}/entries`, { bogus: '1' }, 'bogus'],
        [`${v}/summary`, { year: '1999' }, 'year'],
        ['/api/staff/entries', { status: 'deleted' }, 'status', 'bk_a'],
        ['/api/staff/entries', { villageId: 'a' }, 'villageId', 'bk_a'],
        ['/api/villages', { limit: '0' }, 'limit'],
        ['/api/regions', { parent: 'x' }, 'parent'],
        ['/api/chart', { version: '1999' }, 'version'],
      ];
      for (const [url, query, field, as] of cases) {
        let req = t.http().get(url).query(query);
        if (as) req = req.set(w.auth(as));
        const res = await req;
        expect({ url, query, status: res.status, fields: res.body.details && fieldsOf(res.body) }).toEqual({ url, query, status: 400, fields: [field] });
        expect(res.body).toEqual(queryFailure(field));
      }
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999', '2147483648', '12.json'])('answers 400 naming id for /api/entries/%s', async (id) => {
      const res = await t.http().get(`/api/entries/${id}`).expect(400);
      expect(res.body).toEqual(failure('id'));
      expect((await t.http().get(`/api/staff/entries/${id}`).set(w.auth('bk_a')).expect(400)).body).toEqual(failure('id'));
    });

    it('answers 400 to non-decimal spellings of an id (1e3, 0x10, 010, +5)', async () => {
      const published = await publishEntry(t, w, { amountFen: 1_600 });
      for (const spelled of [`${published.id}e0`, `0x${published.id.toString(16)}`, `0${published.id}`, `+${published.id}`]) {
        const res = await t.http().get(`/api/entries/${encodeURIComponent(spelled)}`);
        expect({ spelled, status: res.status }).toEqual({ spelled, status: 400 });
      }
    });

    it('answers 404 for ids that do not exist', async () => {
      expect((await t.http().get('/api/villages/999999').expect(404)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      await t.http().get('/api/villages/999999/entries').expect(404);
      await t.http().get('/api/entries/999999').expect(404);
      // a town is not a village
      await t.http().get(`/api/villages/${w.towns.one.id}`).expect(404);
    });

    it('answers 400 in the same format to a body that is not JSON', async () => {
      const res = await t.http().post('/api/staff/entries').set(w.auth('bk_a')).set('Content-Type', 'application/json').send('{"amountFen": 1,');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String), message: expect.any(String) });
    });
  });

  describe('nothing is half-written', () => {
    const png = (): Promise<Buffer> => sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer();
    const upload = async (as: string): Promise<number> =>
      (await t.http().post('/api/staff/attachments').set(w.auth(as)).attach('file', await png(), { filename: 'v.png', contentType: 'image/png' }).expect(201)).body.id;

    it('a PATCH naming an attachment of another village changes neither the entry nor any attachment', async () => {
      const mine = await upload('bk_a');
      const theirs = await upload('bk_b');
      const draft = (await post(validEntry({ amountFen: 4_200, attachmentIds: [mine] })).expect(201)).body;
      const entryBefore = await rowOf('entries', 'id = ?', draft.id);
      const attBefore = await rowOf('attachments', 'id IN (?, ?)', mine, theirs);

      const res = await t.http()
        .patch(`/api/staff/entries/${draft.id}`)
        .set(w.auth('bk_a'))
        .send({ amountFen: 9_900, summary: '改过的摘要', attachmentIds: [theirs] })
        .expect(400);
      expect(res.body).toEqual(failure('attachmentIds'));
      expect(await rowOf('entries', 'id = ?', draft.id)).toEqual(entryBefore);
      expect(await rowOf('attachments', 'id IN (?, ?)', mine, theirs)).toEqual(attBefore);
      const staff = await t.http().get(`/api/staff/entries/${draft.id}`).set(w.auth('bk_a')).expect(200);
      expect(staff.body).toMatchObject({ amountFen: 4_200, summary: validEntry().summary, attachments: [expect.objectContaining({ id: mine })] });
    });

    it('a POST naming an attachment of another village leaves no entry behind', async () => {
      const theirs = await upload('bk_b');
      const before = await entryCount();
      const res = await post(validEntry({ attachmentIds: [theirs] })).expect(400);
      expect(res.body).toEqual(failure('attachmentIds'));
      expect(await entryCount()).toBe(before);
      expect((await rowOf('attachments', 'id = ?', theirs))[0]).toMatchObject({ entry_id: null });
    });

    it('a submit that fails validation leaves the draft exactly as it was', async () => {
      const draft = (await post(validEntry({ amountFen: 5_100 })).expect(201)).body;
      // The draft no longer passes the rules (as after a change of the chart, or data written by an import).
      await t.dataSource.query(`UPDATE entries SET occurred_on = '2099-01-01' WHERE id = ?`, [draft.id]);
      const before = await rowOf('entries', 'id = ?', draft.id);
      const approvalsBefore = await rowOf('entry_approvals', 'entry_id = ?', draft.id);
      const res = await t.http().post(`/api/staff/entries/${draft.id}/submit`).set(w.auth('bk_a')).expect(400);
      expect(res.body).toEqual(failure('occurredOn'));
      expect(await rowOf('entries', 'id = ?', draft.id)).toEqual(before);
      expect(await rowOf('entry_approvals', 'entry_id = ?', draft.id)).toEqual(approvalsBefore);
    });

    it('a refused edit of a published entry and a refused reversal leave the chain and totals alone', async () => {
      const published = await publishEntry(t, w, { amountFen: 3_300 });
      const village = async () => (await t.http().get(`/api/villages/${w.villages.a.id}`).expect(200)).body;
      const before = { row: await rowOf('entries', 'id = ?', published.id), village: await village(), count: await entryCount() };
      await t.http().patch(`/api/staff/entries/${published.id}`).set(w.auth('bk_a')).send({ amountFen: 1 }).expect(409);
      await t.http().post(`/api/staff/entries/${published.id}/reversal`).set(w.auth('bk_a')).send({ reason: '电话13812345678' }).expect(400);
      await t.http().post(`/api/staff/entries/${published.id}/reversal`).set(w.auth('bk_b')).send({ reason: '重复' }).expect(404);
      expect({ row: await rowOf('entries', 'id = ?', published.id), village: await village(), count: await entryCount() }).toEqual(before);
    });
  });
});
