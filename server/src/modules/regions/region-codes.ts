import type { RegionLevel } from '@mingbai/shared';

/**
 * The 12-digit statistical division code: province (2) city (2) county (2) town (3) village (3).
 * The level and the parent's code follow from the digits.
 */
export function levelOfCode(code: string): RegionLevel | null {
  if (!/^\d{12}$/.test(code)) return null;
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'town';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'city';
  return null; // provinces are not stored
}

export function parentCode(code: string): string | null {
  switch (levelOfCode(code)) {
    case 'village':
      return `${code.slice(0, 9)}000`;
    case 'town':
      return `${code.slice(0, 6)}000000`;
    case 'county':
      return `${code.slice(0, 4)}00000000`;
    default:
      return null;
  }
}
