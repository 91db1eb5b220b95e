/** A CSV of `rows` ledger entries as a village accounting program might export them (2023 chart). */
export function benchCsv(rows: number, seed = 20260301): Buffer {
  let state = seed >>> 0;
  const rand = (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
  const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)];
  const INCOME = ['501 经营收入', '502 投资收益', '503 补助收入', '504 其他收入'] as const;
  const EXPENSE = ['511 经营支出', '513 管理费用', '514 公益支出', '515 其他支出'] as const;
  const PEOPLE = ['张小三', '李四', '王五', '欧阳小明', '陈美华', '林建国', '黄丽', '郑德福'] as const;
  const ORGS = ['东山镇农业服务中心', '上坂村鱼塘合作社', '福建某某建设有限公司', '镇财政所', '农村信用社营业所'] as const;
  const WHAT = [
    '鱼塘承包费',
    '山林发包款',
    '村道修缮材料费',
    '办公用品',
    '村干部误工补贴',
    '路灯电费',
    '上级补助资金',
    '垃圾清运费',
  ] as const;
  const PAY = ['现金', '银行', '转账'] as const;

  const lines = ['日期,收支,科目编码,金额(元),对方单位,对方类型,摘要,结算方式,凭证号'];
  for (let i = 1; i <= rows; i++) {
    const income = rand(3) === 0;
    const org = rand(2) === 0;
    const fen = 100 + rand(5_000_000);
    const yuan = `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    const date = `2025-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
    lines.push(
      [
        date,
        income ? '收入' : '支出',
        pick(income ? INCOME : EXPENSE),
        `"${yuan}"`,
        org ? pick(ORGS) : pick(PEOPLE),
        org ? '单位' : '个人',
        `${date.slice(0, 7)} ${pick(WHAT)} 第${i}笔`,
        pick(PAY),
        `记-2025-${String(i).padStart(6, '0')}`,
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}
