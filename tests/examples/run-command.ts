import { execFile } from 'node:child_process';

/** How a command ended: its exit code and everything it printed. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a documented example command (`npm run example:import`, `sh examples/analyst/cli.sh`)
 * from the repository root with extra environment, as a user's shell would.
 * @example
 * const { code, stdout } = await runCommand('npm', ['run', '--silent', 'example:import'], { FOOTFALL_URL: url });
 */
export function runCommand(command: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
