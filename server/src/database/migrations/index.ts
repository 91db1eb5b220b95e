import { Initial1764000000000 } from './1764000000000-Initial';
import { Reports1765000000000 } from './1765000000000-Reports';
import { Supervision1766000000000 } from './1766000000000-Supervision';

/** Every migration in order. Never edit one once committed: add a new one. */
export const MIGRATIONS = [Initial1764000000000, Reports1765000000000, Supervision1766000000000];
