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
  '[--rate-window-ms N] [--log-level LEVEL]';

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
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }

  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }

  const text = (flag: string, name: string) => (values[flag] as string | undefined) ?? env[name];
  const logLevel = text('log-level', 'MOCK_LOG_LEVEL') ?? 'warn';
  if (!logLevels.includes(logLevel))
    fail(`--log-level must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  const controlsEnv = env.MOCK_CONTROLS;
  if (controlsEnv !== undefined && !['0', '1', 'true', 'false', ''].includes(controlsEnv)) {
    fail(`MOCK_CONTROLS must be 1 or 0, got "${controlsEnv}"`);
  }

  return {
    port: readInteger('--port', text('port', 'MOCK_PORT'), 4010, 0, 65_535),
    host: text('host', 'MOCK_HOST') || '127.0.0.1',
    seed: readInteger('--seed', text('seed', 'MOCK_SEED'), 1, 0),
    controls: values.controls === true || controlsEnv === '1' || controlsEnv === 'true',
    rateLimit: {
      max: readInteger('--rate-max', text('rate-max', 'MOCK_RATE_MAX'), 100, 1),
      windowMs: readInteger(
        '--rate-window-ms',
        text('rate-window-ms', 'MOCK_RATE_WINDOW_MS'),
        10_000,
        1,
      ),
    },
    logLevel,
  };
}

const settings = readSettings();
try {
  const mock = await startMockTenant(settings);
  process.stdout.write(
    `mock tenant listening on ${mock.url} (seed ${settings.seed}, controls ${settings.controls ? 'on' : 'off'})\n`,
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
} catch (error) {
  if (error instanceof HarnessUsageError) fail(error.message);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    fail(`cannot listen on ${settings.host}:${settings.port} (${code})`);
  }
  throw error;
}
