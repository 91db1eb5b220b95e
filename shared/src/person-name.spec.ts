import { normalizePersonName } from './person-name';

describe('normalizePersonName', () => {
  it('matches the ways one name is written on vouchers and lists', () => {
    const same = ['王小明', ' 王 小明 ', '王小明\u3000', '王·小明', '王・小明'];
    expect(new Set(same.map(normalizePersonName))).toEqual(new Set(['王小明']));
    expect(normalizePersonName('阿不都·热合曼')).toBe(normalizePersonName('阿不都热合曼'));
    expect(normalizePersonName('ＡＢＣ Ｌｉ')).toBe('abcli');
  });

  it('keeps different names different', () => {
    expect(normalizePersonName('王小明')).not.toBe(normalizePersonName('王晓明'));
  });
});
