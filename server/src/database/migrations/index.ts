import { Initial1764000000000 } from './1764000000000-Initial';

/** Every migration in order. Never edit one once committed: add a new one. */
export const MIGRATIONS = [Initial1764000000000];
