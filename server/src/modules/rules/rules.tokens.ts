/**
 * The rules the engine runs: RULES from ./definitions in the app; tests provide their own list
 * under this token to drive the engine with fake rules.
 */
export const SUPERVISION_RULES = Symbol('SUPERVISION_RULES');
