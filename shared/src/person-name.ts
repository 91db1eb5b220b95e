/**
 * Names as the supervision rules compare them (issue 5: cadres' relatives, cross-department lists):
 * a payee written "王 小明", "王小明 " or "王·小明" on a voucher is the same person as "王小明" on a
 * list. Full-width letters and digits become half-width, Latin letters lower case, and spaces and
 * the separators used in transliterated names (· • ・ -) are dropped.
 */
export function normalizePersonName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u00b7\u2022\u30fb\u2027\u22c5\-_.]/g, '')
    .toLowerCase();
}
