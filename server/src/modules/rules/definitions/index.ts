import type { SupervisionRule } from '../rule';

/** Every supervision rule, in the order the rules page lists them. One file per rule in this folder. */
export const RULES: readonly SupervisionRule[] = [];
