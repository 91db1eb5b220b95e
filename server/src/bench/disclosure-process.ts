import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A server under test, running as a child process so that its memory can be read alone. */
export class ServerProcess {
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(name: string, script: string, port: number, env: Record<string, string>): Promise<ServerProcess> {
    const child = fork(script, [], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with code ${code} before it was ready`));
      });
    });
    return new ServerProcess(name, child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resident memory now and its peak over the process's life, in MB (Linux /proc). */
  memory(): { rssMb: number; hwmMb: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  }

  /** Polls resident memory every 200 ms until the returned function is called; that returns the peak. */
  samplePeakRss(): () => number {
    let peak = this.memory().rssMb;
    const timer = setInterval(() => (peak = Math.max(peak, this.memory().rssMb)), 200);
    return () => {
      clearInterval(timer);
      return Math.max(peak, this.memory().rssMb);
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
