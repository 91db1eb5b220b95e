import { chooseOffice, nearestSetting, pathIds, resolveSla, type RoutingRegion } from './routing-rules';

const region = (id: number, level: RoutingRegion['level'], path: string, over: Partial<RoutingRegion> = {}): RoutingRegion => ({
  id,
  level,
  path,
  slaAcceptWorkingDays: null,
  slaConcludeDays: null,
  reportEscalateAmountFen: null,
  ...over,
});

const city = region(1, 'city', '/1/');
const county = region(2, 'county', '/1/2/');
const town = region(3, 'town', '/1/2/3/');
const village = region(4, 'village', '/1/2/3/4/');
const chain = (over: Partial<Record<'city' | 'county' | 'town' | 'village', Partial<RoutingRegion>>> = {}): RoutingRegion[] => [
  { ...village, ...over.village },
  { ...town, ...over.town },
  { ...county, ...over.county },
  { ...city, ...over.city },
];

describe('routing rules', () => {
  it('reads a path top down', () => {
    expect(pathIds('/1/2/3/4/')).toEqual([1, 2, 3, 4]);
  });

  it('sends a report to the village town by default', () => {
    expect(chooseOffice({ villageNearestFirst: chain(), categoryEscalates: false, subjectAmountFen: null })).toEqual({ office: town, escalated: false });
  });

  it('sends an escalating category to the county', () => {
    const choice = chooseOffice({ villageNearestFirst: chain(), categoryEscalates: true, subjectAmountFen: null });
    expect(choice.office.id).toBe(county.id);
    expect(choice.escalated).toBe(true);
  });

  it('escalates by amount from the nearest threshold on the village path, at the threshold or above', () => {
    const regions = chain({ county: { reportEscalateAmountFen: 1_000_000 }, city: { reportEscalateAmountFen: 10 } });
    expect(chooseOffice({ villageNearestFirst: regions, categoryEscalates: false, subjectAmountFen: 999_999 }).office.id).toBe(town.id);
    expect(chooseOffice({ villageNearestFirst: regions, categoryEscalates: false, subjectAmountFen: 1_000_000 }).office.id).toBe(county.id);
    // The town's own threshold wins over the county's.
    const lower = chain({ town: { reportEscalateAmountFen: 500 }, county: { reportEscalateAmountFen: 1_000_000 } });
    expect(chooseOffice({ villageNearestFirst: lower, categoryEscalates: false, subjectAmountFen: 500 })).toMatchObject({ escalated: true, office: { id: county.id } });
    // No amount (a report about the village itself): no escalation by amount.
    expect(chooseOffice({ villageNearestFirst: lower, categoryEscalates: false, subjectAmountFen: null }).office.id).toBe(town.id);
  });

  it('never escalates by amount when no region sets a threshold', () => {
    expect(chooseOffice({ villageNearestFirst: chain(), categoryEscalates: false, subjectAmountFen: 10 ** 12 }).escalated).toBe(false);
  });

  it('falls back to the county when a village has no town, and keeps the town when there is no county', () => {
    const noTown = [village, county, city];
    expect(chooseOffice({ villageNearestFirst: noTown, categoryEscalates: false, subjectAmountFen: null })).toEqual({ office: county, escalated: false });
    const noCounty = [village, town];
    expect(chooseOffice({ villageNearestFirst: noCounty, categoryEscalates: true, subjectAmountFen: null })).toEqual({ office: town, escalated: false });
    expect(() => chooseOffice({ villageNearestFirst: [village, city], categoryEscalates: false, subjectAmountFen: null })).toThrow();
  });

  it('takes each SLA setting from the nearest region that sets it, else the defaults', () => {
    const defaults = { acceptWorkingDays: 5, concludeDays: 60 };
    expect(resolveSla([town, county, city], defaults)).toEqual(defaults);
    const set = [
      { ...town, slaConcludeDays: 30 },
      { ...county, slaAcceptWorkingDays: 3, slaConcludeDays: 45 },
      { ...city, slaAcceptWorkingDays: 10 },
    ];
    expect(resolveSla(set, defaults)).toEqual({ acceptWorkingDays: 3, concludeDays: 30 });
    // An escalated report starts from the county: the town's setting does not apply.
    expect(resolveSla(set.slice(1), defaults)).toEqual({ acceptWorkingDays: 3, concludeDays: 45 });
    expect(nearestSetting([{ ...town, slaAcceptWorkingDays: 0 }, { ...county, slaAcceptWorkingDays: 9 }], 'slaAcceptWorkingDays')).toBe(0);
  });
});
