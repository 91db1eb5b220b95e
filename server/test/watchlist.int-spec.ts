import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../src/modules/users/users.service';
import { WatchPerson } from '../src/modules/watchlist/watch-person.entity';
import type { AuthUser } from '../src/common/auth/auth-user';
import { startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';

const ROOT: AuthUser = { id: 0, username: 'root', displayName: 'root', role: 'admin', regionId: null, regionPath: null, regionLevel: null };
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID number: 17 digits and their check character. */
function residentId(first17: string): string {
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const ID_1 = residentId('35010219800101123');
const ID_2 = residentId('35010219900215456');
const ID_3 = residentId('35010219751230789');
const ID_4 = residentId('35010220010704012');
const ALL_IDS = [ID_1, ID_2, ID_3, ID_4];

describe('watch lists (inspectors)', () => {
  let t: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};
  /** Every answer body of this file, searched at the end for ID numbers and hashes. */
  const answers: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    Object.assign(tokens, w.tokens);
    await t.app.get(UsersService).create(ROOT, {
      username: 'insp_town2',
      password: TEST_PASSWORD,
      displayName: '西河镇纪委',
      role: 'inspector',
      regionId: w.towns.two.id,
    });
    tokens.insp_town2 = (
      await t.http().post('/api/auth/login').send({ username: 'insp_town2', password: TEST_PASSWORD }).expect(200)
    ).body.accessToken;
  });
  afterAll(async () => {
    // Nothing of an ID number, raw or hashed, ever went back to a client …
    const hashes = (await t.dataSource.manager.find(WatchPerson)).flatMap((p) => (p.idHash ? [p.idHash] : []));
    expect(hashes.length).toBeGreaterThan(3);
    for (const body of answers) for (const secret of [...ALL_IDS, ...hashes]) expect(body).not.toContain(secret);
    // … or into the logs (when this run writes them).
    const logFile = process.env.TEST_LOG_FILE;
    if (logFile && existsSync(logFile)) {
      const log = readFileSync(logFile, 'utf8');
      for (const secret of [...ALL_IDS, ...hashes]) expect(log).not.toContain(secret);
    }
    await t.close();
  });

  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const keep = <T extends { body: unknown; text?: string }>(res: T): T => {
    answers.push(res.text ?? JSON.stringify(res.body));
    return res;
  };
  const get = async (who: string, path: string, status = 200) =>
    keep(await t.http().get(`/api/inspector/watchlist${path}`).set(as(who)).expect(status));
  const post = async (who: string, body: object, status = 201) =>
    keep(await t.http().post('/api/inspector/watchlist').set(as(who)).send(body).expect(status));
  const patch = async (who: string, id: number, body: object, status = 200) =>
    keep(await t.http().patch(`/api/inspector/watchlist/${id}`).set(as(who)).send(body).expect(status));
  const del = async (who: string, id: number, status = 200) =>
    keep(await t.http().delete(`/api/inspector/watchlist/${id}`).set(as(who)).expect(status));
  const upload = async (who: string, file: Buffer, name: string, query = '', status = 200) =>
    keep(
      await t
        .http()
        .post(`/api/inspector/watchlist/import${query}`)
        .set(as(who))
        .attach('file', file, { filename: name, contentType: 'application/octet-stream' })
        .expect(status),
    );
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((p) => p.name);
  const row = (id: number) => t.dataSource.manager.findOneByOrFail(WatchPerson, { id });

  it('adds people with a hashed ID number (never stored or returned), normalised names and the region', async () => {
    const res = await post('insp_town1', {
      regionId: w.towns.one.id,
      listKind: 'cadre_relative',
      name: ' 王 小明 ',
      idNumber: ID_1.toLowerCase().replace(/x$/, 'x'),
      relation: '村委会主任王某之子',
      sinceOn: null,
      source: '镇组织办 2025 年名册',
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      id: expect.any(Number),
      regionId: w.towns.one.id,
      regionName: '东山镇',
      listKind: 'cadre_relative',
      name: '王 小明',
      hasIdHash: true,
      relation: '村委会主任王某之子',
      sinceOn: null,
      source: '镇组织办 2025 年名册',
      active: true,
      createdAt: expect.any(String),
    });
    const stored = await row(res.body.id);
    expect(stored).toMatchObject({ nameNorm: '王小明', idHash: expect.stringMatching(/^[0-9a-f]{64}$/), createdBy: w.userIds.insp_town1 });
    expect(JSON.stringify(stored)).not.toContain(ID_1);

    // The same person on the same list again: refused; the same name with another ID number is another person.
    expect(
      (await post('insp_town1', { regionId: w.towns.one.id, listKind: 'cadre_relative', name: '王·小明', idNumber: ID_1 }, 409)).body.code,
    ).toBe('ALREADY_LISTED');
    const other = await post('insp_town1', { regionId: w.towns.one.id, listKind: 'cadre_relative', name: '王小明', idNumber: ID_2 });
    expect((await row(other.body.id)).idHash).not.toBe(stored.idHash);
    // The same ID number gives the same hash (that is what the rules match on).
    const again = await post('insp_county', { regionId: w.county.id, listKind: 'public_servant', name: '王小明', idNumber: ID_1 });
    expect((await row(again.body.id)).idHash).toBe(stored.idHash);
    const noId = await post('insp_town1', {
      regionId: w.villages.a.id,
      listKind: 'deceased',
      name: '李老四',
      sinceOn: '2024-11-02',
      relation: null,
      source: null,
    });
    expect(noId.body).toMatchObject({ hasIdHash: false, regionName: '上坂村', sinceOn: '2024-11-02' });
    // Empty form fields are none.
    const blank = await post('insp_county', {
      regionId: w.county.id,
      listKind: 'moved_away',
      name: '空字段',
      idNumber: '',
      relation: '',
      sinceOn: '',
      source: ' ',
    });
    expect(blank.body).toMatchObject({ hasIdHash: false, relation: null, sinceOn: null, source: null });
  });

  it('validates the input with 400 naming the field, never echoing an ID number', async () => {
    const base = { regionId: w.towns.one.id, listKind: 'public_servant', name: '赵六' };
    const wrongCheck = ID_3.slice(0, 17) + (ID_3[17] === '0' ? '1' : '0');
    for (const [body, field] of [
      [{ ...base, idNumber: wrongCheck }, 'idNumber'],
      [{ ...base, idNumber: '12345' }, 'idNumber'],
      [{ ...base, idNumber: 350102198001011 }, 'idNumber'],
      [{ ...base, listKind: 'enemy' }, 'listKind'],
      [{ ...base, name: '' }, 'name'],
      [{ ...base, name: '   ' }, 'name'],
      [{ ...base, name: '张'.repeat(51) }, 'name'],
      [{ ...base, name: `赵六${ID_4}` }, 'name'],
      [{ ...base, relation: `电话13812345678` }, 'relation'],
      [{ ...base, sinceOn: '2025-02-30' }, 'sinceOn'],
      [{ ...base, regionId: 'x' }, 'regionId'],
      [{ ...base, extra: 1 }, 'extra'],
    ] as const) {
      const res = await post('insp_town1', body, 400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.text).not.toContain(wrongCheck);
    }
    // Regions outside the inspector's own look missing.
    await post('insp_town1', { ...base, regionId: w.towns.two.id }, 404);
    await post('insp_town1', { ...base, regionId: w.county.id }, 404);
    await post('insp_town1', { ...base, regionId: 999_999 }, 404);
  });

  it('lists the lists within the inspector region, by region, kind and name, page by page', async () => {
    await post('insp_town2', { regionId: w.villages.c.id, listKind: 'moved_away', name: '孙七', idNumber: ID_3 });
    const town1 = await get('insp_town1', '?active=all&limit=200');
    expect(town1.body.items.every((p: { regionName: string }) => ['东山镇', '上坂村', '下洋村'].includes(p.regionName))).toBe(true);
    expect(names(town1)).not.toContain('孙七');
    expect(names(await get('insp_town2', ''))).toEqual(['孙七']);
    expect(names(await get('insp_county', '?limit=200'))).toEqual(expect.arrayContaining(['孙七', '王小明', '李老四']));
    expect(names(await get('insp_town1', `?regionId=${w.villages.a.id}`))).toEqual(['李老四']);
    expect(names(await get('insp_town1', '?listKind=deceased'))).toEqual(['李老四']);
    // Names are compared normalised; the relation can be searched too.
    expect(names(await get('insp_town1', `?q=${encodeURIComponent('王·小 明')}`))).toEqual(['王小明', '王 小明']);
    expect(names(await get('insp_town1', `?q=${encodeURIComponent('主任王某')}`))).toEqual(['王 小明']);
    expect(names(await get('insp_town1', `?q=${encodeURIComponent('100%')}`))).toEqual([]);
    await get('insp_town1', `?regionId=${w.villages.c.id}`, 404);
    await get('insp_town2', `?regionId=${w.towns.one.id}`, 404);

    const first = await get('insp_town1', '?limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await get('insp_town1', `?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.nextCursor).toBeNull();
    expect([...names(first), ...names(rest)].sort()).toEqual(names(await get('insp_town1', '')).sort());
    for (const [query, field] of [
      ['listKind=x', 'listKind'],
      ['active=maybe', 'active'],
      ['limit=0', 'limit'],
      ['cursor=%21%21', 'cursor'],
      ['regionId=abc', 'regionId'],
      ['sort=name', 'sort'],
    ]) {
      const res = await get('insp_town1', `?${query}`, 400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('changes a person, removes or replaces the ID hash, deactivates and reactivates (history kept)', async () => {
    const created = await post('insp_town1', {
      regionId: w.towns.one.id,
      listKind: 'public_servant',
      name: '周八',
      idNumber: ID_4,
      relation: '镇财政所在编',
    });
    const id = created.body.id as number;
    const firstHash = (await row(id)).idHash;
    let res = await patch('insp_town1', id, { relation: '县教育局在编', sinceOn: '2019-09-01' });
    expect(res.body).toMatchObject({ relation: '县教育局在编', sinceOn: '2019-09-01', hasIdHash: true, name: '周八' });
    // A form sends the never-shown number empty: that keeps the hash; blank optional texts are none.
    res = await patch('insp_town1', id, { idNumber: '', relation: '  ', sinceOn: '' });
    expect(res.body).toMatchObject({ hasIdHash: true, relation: null, sinceOn: null });
    expect((await row(id)).idHash).toBe(firstHash);
    res = await patch('insp_town1', id, { idNumber: null });
    expect(res.body.hasIdHash).toBe(false);
    expect((await row(id)).idHash).toBeNull();
    res = await patch('insp_town1', id, { idNumber: ID_4, name: '周 八' });
    expect(res.body).toMatchObject({ hasIdHash: true, name: '周 八' });
    expect((await row(id)).idHash).toBe(firstHash);
    expect((await row(id)).nameNorm).toBe('周八');
    for (const [body, field] of [
      [{ name: null }, 'name'],
      [{ listKind: null }, 'listKind'],
      [{ idNumber: '123' }, 'idNumber'],
      [{ active: 'no' }, 'active'],
    ] as const)
      expect((await patch('insp_town1', id, body, 400)).body.details.map((d: { field: string }) => d.field)).toContain(field);
    await patch('insp_town1', id, { regionId: w.towns.two.id }, 404);
    await patch('insp_town2', id, { relation: 'x' }, 404);
    await del('insp_town2', id, 404);
    await patch('insp_town1', 999_999, { relation: 'x' }, 404);

    res = await del('insp_town1', id);
    expect(res.body.active).toBe(false);
    expect(await row(id)).toMatchObject({ active: false, name: '周 八' });
    expect(names(await get('insp_town1', ''))).not.toContain('周 八');
    expect(names(await get('insp_town1', '?active=false'))).toEqual(['周 八']);
    expect(names(await get('insp_town1', '?active=all'))).toContain('周 八');
    await del('insp_town1', id);
    // A new entry for the same person while the old one is inactive; reactivating the old one would now duplicate it.
    const fresh = await post('insp_town1', { regionId: w.towns.one.id, listKind: 'public_servant', name: '周八', idNumber: ID_4 });
    expect((await patch('insp_town1', id, { active: true }, 409)).body.code).toBe('ALREADY_LISTED');
    await del('insp_town1', fresh.body.id);
    expect((await patch('insp_town1', id, { active: true })).body.active).toBe(true);
  });

  describe('import', () => {
    const CSV_HEADER = '姓名,身份证号,名单类别,关系/说明,起始日期,来源';

    it('imports a CSV for one region; importing it again skips the people already listed', async () => {
      const csv = [
        CSV_HEADER,
        `陈一,${ID_1},公职人员,县财政局在编,2018-07-01,县人社局名册`,
        `林二,,已故人员,,2024/3/5,民政局死亡名单`,
        `"黄, 三",${ID_2},村干部及近亲属,村支书之妻,,`,
        '',
        `吴四,,迁出,,,派出所户籍`,
      ].join('\r\n');
      const res = await upload('insp_town1', Buffer.from(`\uFEFF${csv}`), 'people.csv', `?regionId=${w.villages.b.id}`);
      expect(res.body).toEqual({ regionId: w.villages.b.id, rows: 4, imported: 4, skipped: 0 });
      const listed = await get('insp_town1', `?regionId=${w.villages.b.id}`);
      expect(
        listed.body.items.map((p: { name: string; listKind: string; hasIdHash: boolean; sinceOn: string | null }) => [
          p.name,
          p.listKind,
          p.hasIdHash,
          p.sinceOn,
        ]),
      ).toEqual([
        ['吴四', 'moved_away', false, null],
        ['黄, 三', 'cadre_relative', true, null],
        ['林二', 'deceased', false, '2024-03-05'],
        ['陈一', 'public_servant', true, '2018-07-01'],
      ]);
      const again = await upload('insp_town1', Buffer.from(csv), 'people.csv', `?regionId=${w.villages.b.id}`);
      expect(again.body).toEqual({ regionId: w.villages.b.id, rows: 4, imported: 0, skipped: 4 });
      // Without a region: the inspector's own.
      const own = await upload('insp_town2', Buffer.from([CSV_HEADER, '郑五,,公职人员,,,'].join('\n')), 'p.csv');
      expect(own.body).toMatchObject({ regionId: w.towns.two.id, imported: 1 });
    });

    it('imports an XLSX workbook', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '身份证号', '名单类别', '关系/说明', '起始日期', '来源']);
      ws.addRow(['钱九', ID_3, 'public_servant', '镇卫生院在编', new Date(Date.UTC(2020, 0, 15)), '县卫健局']);
      ws.addRow(['冯十', null, '已故', null, null, null]);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload('insp_county', file, 'people.xlsx', `?regionId=${w.towns.two.id}`);
      expect(res.body).toEqual({ regionId: w.towns.two.id, rows: 2, imported: 2, skipped: 0 });
      const listed = await get('insp_county', `?regionId=${w.towns.two.id}&q=${encodeURIComponent('钱九')}`);
      expect(listed.body.items[0]).toMatchObject({
        name: '钱九',
        listKind: 'public_servant',
        hasIdHash: true,
        sinceOn: '2020-01-15',
        source: '县卫健局',
      });
    });

    it('refuses the whole file when any row is wrong, naming each row and column, writing nothing', async () => {
      const before = await t.dataSource.manager.count(WatchPerson);
      const wrongCheck = ID_4.slice(0, 17) + (ID_4[17] === '1' ? '2' : '1');
      const csv = [
        CSV_HEADER,
        `好人甲,,公职人员,,,`,
        `坏号码,${wrongCheck},公职人员,,,`,
        `,,公职人员,,,`,
        `怪类别,,外星人,,,`,
        `坏日期,,已故人员,,2025-13-01,`,
        `好人甲,,公职人员,,,`,
        `带电话,,公职人员,电话13812345678,,`,
      ].join('\n');
      const res = await upload('insp_town1', Buffer.from(csv), 'bad.csv', `?regionId=${w.towns.one.id}`, 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
        ['rows[3].idNumber', 'rows[4].name', 'rows[5].listKind', 'rows[6].sinceOn', 'rows[7].name', 'rows[8].relation'].sort(),
      );
      expect(res.text).not.toContain(wrongCheck);
      expect(await t.dataSource.manager.count(WatchPerson)).toBe(before);

      // An ID number Excel turned into a number cannot be trusted.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      ws.addRow(['姓名', '身份证号', '名单类别']);
      ws.addRow(['数字号', 350102198001011200, '公职人员']);
      const xlsx = await upload('insp_town1', Buffer.from(await wb.xlsx.writeBuffer()), 'n.xlsx', '', 400);
      expect(xlsx.body.details).toEqual([{ field: 'rows[2].idNumber', reason: expect.stringContaining('text') }]);

      for (const [file, name] of [
        [Buffer.from('名字不对,类别不对\n张三,公职人员'), 'x.csv'],
        [Buffer.from(CSV_HEADER), 'empty.csv'],
        [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), 'old.xls'],
      ] as const)
        expect((await upload('insp_town1', file, name, '', 400)).body.details[0].field).toBe('file');
      await upload('insp_town1', Buffer.from(CSV_HEADER), 'x.csv', `?regionId=${w.towns.two.id}`, 404);
      await t.http().post('/api/inspector/watchlist/import').set(as('insp_town1')).send({}).expect(400);
      expect(await t.dataSource.manager.count(WatchPerson)).toBe(before);
    });
  });

  it('is for inspectors only: 403 for every other role (the people checked), 401 for villagers and anonymous callers', async () => {
    const person = await post('insp_town1', { regionId: w.towns.one.id, listKind: 'deceased', name: '权限测试' });
    const id = person.body.id as number;
    const villager = t.app.get(JwtService).sign({ sub: 1, kind: 'villager' });
    const calls = (headers: Record<string, string>) => [
      t.http().get('/api/inspector/watchlist').set(headers),
      t.http().post('/api/inspector/watchlist').set(headers).send({ regionId: w.villages.a.id, listKind: 'deceased', name: '某人' }),
      t.http().patch(`/api/inspector/watchlist/${id}`).set(headers).send({ relation: 'x' }),
      t.http().delete(`/api/inspector/watchlist/${id}`).set(headers),
      t.http().post('/api/inspector/watchlist/import').set(headers).attach('file', Buffer.from('姓名,名单类别\n某人,已故'), 'a.csv'),
    ];
    for (const who of ['admin', 'bk_a', 'bk_b', 'bk_c', 'ap_a', 'ap_town1', 'ap_town2'])
      for (const res of await Promise.all(calls(as(who)))) {
        expect(res.status).toBe(403);
        expect(res.text).not.toContain('权限测试');
      }
    for (const headers of [{ Authorization: `Bearer ${villager}` }, {}] as Record<string, string>[])
      for (const res of await Promise.all(calls(headers))) expect(res.status).toBe(401);
    expect(await row(id)).toMatchObject({ active: true, relation: null });
  });
});
