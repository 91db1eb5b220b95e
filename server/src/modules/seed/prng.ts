/** mulberry32: a tiny, fast, seedable PRNG. The demo data must come out the same for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience draws over one deterministic stream. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for a sub-task, so adding draws in one place does not shift another. */
  static derive(seed: number, ...salt: number[]): Rng {
    let h = seed >>> 0;
    for (const s of salt) h = Math.imul(h ^ (s + 0x9e3779b9 + (h << 6) + (h >>> 2)), 0x85ebca6b) >>> 0;
    return new Rng(h);
  }

  float(): number {
    return this.next();
  }

  /** Whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Whole yuan in [min, max] rounded to `step` yuan, as fen. */
  yuan(min: number, max: number, step = 1): number {
    return Math.round(this.int(min, max) / step) * step * 100;
  }

  /** An amount with fen, as utility bills and interest have, in [min, max] yuan. */
  fen(min: number, max: number): number {
    return this.int(min * 100, max * 100);
  }

  /**
   * Whole yuan in [min, max], spread evenly on a log scale (as real payments are, so that pooled
   * amounts follow Benford's law), rounded to `step` yuan, as fen.
   */
  logYuan(min: number, max: number, step = 1): number {
    const yuan = Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
    return Math.max(1, Math.round(yuan / step)) * step * 100;
  }

  /** An amount with fen in [min, max] yuan, spread evenly on a log scale. */
  logFen(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min * 100) + this.next() * (Math.log(max * 100) - Math.log(min * 100))));
  }
}
