import { readCsv } from '../imports/sheet/csv-sheet';
import { readWatchSheet } from './watchlist-sheet';

const read = (csv: string) => readWatchSheet(readCsv(Buffer.from(csv)));

describe('watch-list files', () => {
  it('reads the columns by their Chinese headers, in any order, with kind labels, codes and common words', () => {
    const { people, problems } = read(
      ['来源, 类别 ,姓名,关系／说明,起始日期', '名册,公职人员,张三,县局在编,2025/1/2', ',deceased,李四,,', ',已故,王五,,'].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(people).toEqual([
      { row: 2, name: '张三', idNumber: null, listKind: 'public_servant', relation: '县局在编', sinceOn: '2025-01-02', source: '名册' },
      { row: 3, name: '李四', idNumber: null, listKind: 'deceased', relation: null, sinceOn: null, source: null },
      { row: 4, name: '王五', idNumber: null, listKind: 'deceased', relation: null, sinceOn: null, source: null },
    ]);
  });

  it('names each problem by row and field and never repeats an ID number', () => {
    const bad = '110101199003071234';
    const { problems } = read(['姓名,身份证号,名单类别', `张三,${bad},公职人员`, ',,公职人员', '李四,,'].join('\n'));
    expect(problems.map((p) => p.field)).toEqual(['rows[2].idNumber', 'rows[3].name', 'rows[4].listKind']);
    expect(JSON.stringify(problems)).not.toContain(bad);
  });

  it('needs the name and kind columns and at least one row', () => {
    expect(() => read('姓名,身份证号\n张三,')).toThrow(/名单类别/);
    expect(() => read('姓名,名单类别')).toThrow();
  });
});
