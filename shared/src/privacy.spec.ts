import { maskPersonName, personalDataProblem } from './privacy';

describe('maskPersonName', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳小明', '欧**明'],
    ['李', '*'],
    ['', ''],
  ])('%s -> %s', (name, masked) => expect(maskPersonName(name)).toBe(masked));
});

describe('personalDataProblem', () => {
  it('finds ID-card and mobile numbers', () => {
    expect(personalDataProblem('身份证11010519491231002X')).toBe('不得包含身份证号码');
    expect(personalDataProblem('电话 138-1234-5678')).toBe('不得包含手机号码');
    expect(personalDataProblem('+86 13812345678')).toBe('不得包含手机号码');
  });
  it('leaves amounts, dates and voucher numbers alone', () => {
    expect(personalDataProblem('2025年鱼塘承包费 12500元 记-2025-031')).toBeNull();
    expect(personalDataProblem('合同号 20250305001')).toBeNull();
  });
});
