/**
 * Mainland resident identity numbers (居民身份证号码, GB 11643): 17 digits and a check character
 * (0-9 or X). The server never stores them: it keeps only a keyed hash, to match a payee against an
 * inspector's list (issue 5).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Upper case, without spaces: the form that is hashed. */
export function normalizeResidentId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Why `raw` is not a valid resident ID number, or null when it is. */
export function residentIdProblem(raw: string): string | null {
  const id = normalizeResidentId(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 18 characters: 17 digits and a digit or X';
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'has an impossible date of birth';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  if (CHECK[sum % 11] !== id[17]) return 'has a wrong check character';
  return null;
}
