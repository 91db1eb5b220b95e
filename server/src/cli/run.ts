import { AppException } from '../common/errors/app-exception';

/**
 * Runs a command-line tool: its exit code on success, 1 with the fields and reasons for an input
 * the API would refuse, 2 for anything else.
 */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof AppException) {
        console.error(e.message);
        for (const d of e.details) console.error(`  ${d.field}: ${d.reason}`);
        process.exit(1);
      }
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
