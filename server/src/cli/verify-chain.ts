/**
 * npm run verify-chain -- [--village ID]
 * Recomputes every village's hash chain (or one) from serial 1 and exits non-zero naming the
 * first serial that does not verify.
 */
import 'reflect-metadata';
import { DatabaseConfig, loadConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Db } from '../database/db.service';
import { ChainVerifier } from '../modules/ledger/chain-verifier';
import { parseArgs } from './args';

export async function verifyChainCommand(
  argv: string[],
  database: DatabaseConfig,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const args = parseArgs(argv, { village: 'int' });
  const ds = await openDatabase(database);
  try {
    const verifier = new ChainVerifier(new Db(ds));
    const villages = args.village !== undefined ? [args.village as number] : await verifier.villagesWithChains();
    let bad = 0;
    let entries = 0;
    for (const id of villages) {
      const r = await verifier.verifyVillage(id);
      entries += r.entries;
      if (!r.ok) {
        bad++;
        err(`village ${id}: FAILED at serial ${r.firstBad!.serial} (${r.firstBad!.problem}) after ${r.entries} good entries`);
      }
    }
    out(`${villages.length} village chain(s), ${entries} entries checked: ${bad === 0 ? 'all verified' : `${bad} failed`}`);
    return bad === 0 ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module)
  verifyChainCommand(process.argv.slice(2), loadConfig().database).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
