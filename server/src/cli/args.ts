/** A tiny `--name value` parser for the command-line tools; unknown or malformed flags are errors. */
export function parseArgs(argv: string[], spec: Record<string, 'int' | 'string' | 'flag'>): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const kind = m ? spec[m[1]] : undefined;
    if (!m || !kind) throw new Error(`unknown argument ${argv[i]}; expected ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (kind === 'flag') {
      out[m[1]] = true;
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    if (kind === 'int') {
      if (!/^\d+$/.test(value)) throw new Error(`--${m[1]} must be a whole number`);
      out[m[1]] = Number(value);
    } else out[m[1]] = value;
  }
  return out;
}
