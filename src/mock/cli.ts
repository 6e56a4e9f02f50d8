/**
 * `npm run mock`: starts the mock tenant standalone. Flags win over MOCK_* env variables.
 * Prints one line on start (where it listens) to stdout; logs go to stderr; bad flags print one
 * error line and exit 2; SIGTERM and SIGINT close it cleanly.
 */
import { parseArgs } from 'node:util';
import { HarnessUsageError } from '../contract/errors.ts';
import { logLevels } from './options.ts';
import { startMockTenant } from './server.ts';

const usage =
  'usage: npm run mock -- [--port N] [--host H] [--seed N] [--controls] [--rate-max N] ' +
  '[--rate-window-ms N] [--log-level LEVEL] [--exit-with-pid PID]';

function fail(message: string): never {
  process.stderr.write(`mock: ${message} (run with --help for usage)\n`);
  process.exit(2);
}

function readInteger(
  name: string,
  value: string | undefined,
  fallback: number,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value.trim())) fail(`${name} must be a whole number, got "${value}"`);

  const number = Number(value);
  if (number < minimum || number > maximum)
    fail(`${name} must be between ${minimum} and ${maximum}, got ${number}`);

  return number;
}

function readSettings() {
  const env = process.env;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        controls: { type: 'boolean' },
        'rate-max': { type: 'string' },
        'rate-window-ms': { type: 'string' },
        'log-level': { type: 'string' },
        'exit-with-pid': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs explains some mistakes over several lines; keep the one-line promise.
    fail((error as Error).message.split('\n').join(' '));
  }

  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }

  const text = (flag: string, name: string) => (values[flag] as string | undefined) ?? env[name];
  /** The flag when given, else the variable the value came from, so an error names what was set. */
  const source = (flag: string, name: string) =>
    values[flag] === undefined && env[name] !== undefined ? name : `--${flag}`;
  const logLevel = text('log-level', 'MOCK_LOG_LEVEL') ?? 'warn';
  if (!logLevels.includes(logLevel))
    fail(
      `${source('log-level', 'MOCK_LOG_LEVEL')} must be one of ${logLevels.join(', ')}, got "${logLevel}"`,
    );
  const controlsEnv = env.MOCK_CONTROLS;
  if (controlsEnv !== undefined && !['0', '1', 'true', 'false', ''].includes(controlsEnv)) {
    fail(`MOCK_CONTROLS must be 1 or 0, got "${controlsEnv}"`);
  }

  return {
    port: readInteger(source('port', 'MOCK_PORT'), text('port', 'MOCK_PORT'), 4010, 0, 65_535),
    host: text('host', 'MOCK_HOST') || '127.0.0.1',
    seed: readInteger(source('seed', 'MOCK_SEED'), text('seed', 'MOCK_SEED'), 1, 0),
    controls: values.controls === true || controlsEnv === '1' || controlsEnv === 'true',
    rateLimit: {
      max: readInteger(
        source('rate-max', 'MOCK_RATE_MAX'),
        text('rate-max', 'MOCK_RATE_MAX'),
        100,
        1,
      ),
      windowMs: readInteger(
        source('rate-window-ms', 'MOCK_RATE_WINDOW_MS'),
        text('rate-window-ms', 'MOCK_RATE_WINDOW_MS'),
        10_000,
        1,
      ),
    },
    logLevel,
    exitWithPid: readInteger(
      source('exit-with-pid', 'MOCK_EXIT_WITH_PID'),
      text('exit-with-pid', 'MOCK_EXIT_WITH_PID'),
      0,
      1,
    ),
    hostSetting: source('host', 'MOCK_HOST'),
    portSetting: source('port', 'MOCK_PORT'),
  };
}

/** Whether a process is still there (signal 0 only checks; EPERM means it exists). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const { hostSetting, portSetting, exitWithPid, ...settings } = readSettings();
try {
  const mock = await startMockTenant(settings);
  process.stdout.write(
    `mock tenant listening on ${mock.url} (seed ${settings.seed}, controls ${settings.controls ? 'on' : 'off'}, pid ${process.pid})\n`,
  );

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    mock.close().then(
      () => process.exit(0),
      () => process.exit(3),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started for a run (playwright.config.ts passes the runner's pid): when the runner is gone,
  // killed or cancelled without its clean-up, the mock goes too instead of holding its port.
  if (exitWithPid > 0) {
    setInterval(() => {
      if (!isRunning(exitWithPid)) stop();
    }, 500).unref();
  }
} catch (error) {
  if (error instanceof HarnessUsageError) fail(error.message);
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${settings.host}:${settings.port}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
    fail(
      `${hostSetting}: cannot listen on ${where} (${code}); use an address of this machine, e.g. 127.0.0.1`,
    );
  }
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    fail(
      `${portSetting}: cannot listen on ${where} (${code}); use a free port above 1023, or 0 for any`,
    );
  }
  throw error;
}
