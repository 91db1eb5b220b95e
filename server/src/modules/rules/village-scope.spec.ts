import { everyUnit, oneVillage, scopeOfGroup, unitsIn, unitsNotIn } from './village-scope';

describe('village scopes', () => {
  it('write a condition on the column the rule names, with the values to bind', () => {
    expect([everyUnit().sql('e.village_id'), everyUnit().params, everyUnit().villageId]).toEqual(['1 = 1', [], null]);
    expect([oneVillage(7).sql('e.village_id'), oneVillage(7).params, oneVillage(7).villageId]).toEqual(['e.village_id = ?', [7], 7]);
    expect([unitsIn([1, 2]).sql('v.parent_id'), unitsIn([1, 2]).params]).toEqual(['v.parent_id IN (?, ?)', [1, 2]]);
    expect([unitsNotIn([3]).sql('c.village_id'), unitsNotIn([3]).params]).toEqual(['c.village_id NOT IN (?)', [3]]);
    expect(unitsIn([]).sql('x')).toBe('x IN (NULL)');
  });

  it('bind the shorter list: the group (IN), the rest (NOT IN), or nothing when the group is everything', () => {
    expect(scopeOfGroup([1, 2, 3], [1, 2, 3]).sql('x')).toBe('1 = 1');
    const most = scopeOfGroup([1, 2, 4], [1, 2, 3, 4]);
    expect([most.sql('x'), most.params]).toEqual(['x NOT IN (?)', [3]]);
    const few = scopeOfGroup([3], [1, 2, 3, 4]);
    expect([few.sql('x'), few.params]).toEqual(['x IN (?)', [3]]);
    const half = scopeOfGroup([1, 2], [1, 2, 3, 4]);
    expect([half.sql('x'), half.params]).toEqual(['x IN (?, ?)', [1, 2]]);
  });
});
