import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockTenant } from '../../src/mock/server.ts';
import { TestMock } from './helpers.ts';

const root = resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  line: string;
  url: string;
  stderr: () => string;
}

/** Runs `src/mock/cli.ts` as `npm run mock` would, and waits for its one stdout line. */
function startCli(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });

  return new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n')[0] ?? '';
      const found = /listening on (http:\/\/\S+) /.exec(line);
      if (stdout.includes('\n') && found?.[1])
        resolvePromise({ child, line, url: found[1], stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`mock exited ${code}: ${stderr}`)));
  });
}

function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });

  return new Promise((resolvePromise) =>
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr })),
  );
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.on('exit', (code) => resolvePromise(code));
    child.kill('SIGTERM');
  });
}

async function tokenStatus(url: string, id: string, secret: string): Promise<number> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: id,
    client_secret: secret,
  });
  return (await fetch(`${url}/oauth/token`, { method: 'POST', body })).status;
}

test.describe('npm run mock (src/mock/cli.ts)', () => {
  test.setTimeout(60_000);

  test('prints one line with the URL, seed and controls, serves, and exits 0 on SIGTERM', async () => {
    const started = await startCli([
      '--port',
      '0',
      '--seed',
      '3',
      '--controls',
      '--log-level',
      'silent',
    ]);

    const health = await fetch(`${started.url}/__mock/health`);
    const code = await stop(started.child);

    expect(started.line).toMatch(
      /^mock tenant listening on http:\/\/127\.0\.0\.1:\d+ \(seed 3, controls on, pid \d+\)$/,
    );
    expect(started.line).toContain(`pid ${started.child.pid})`);
    expect(health.status).toBe(200);
    expect(code).toBe(0);
  });

  test('reads its settings from MOCK_* variables, with controls off unless asked', async () => {
    const started = await startCli([], {
      MOCK_PORT: '0',
      MOCK_SEED: '9',
      MOCK_LOG_LEVEL: 'silent',
      MOCK_RATE_MAX: '1',
    });
    try {
      const controls = await fetch(`${started.url}/__mock/health`);

      expect(started.line).toMatch(/\(seed 9, controls off, pid \d+\)$/);
      expect(controls.status).toBe(404);
    } finally {
      await stop(started.child);
    }
  });

  test('takes its client credentials from MOCK_*_CLIENT_* and never logs a secret', async () => {
    const env = {
      MOCK_ADMIN_CLIENT_ID: 'ci-admin',
      MOCK_ADMIN_CLIENT_SECRET: 'ci-admin-s3cret',
      MOCK_USER_CLIENT_ID: 'ci-user',
      MOCK_USER_CLIENT_SECRET: 'ci-user-s3cret',
      MOCK_APP_CLIENT_ID: 'ci-app',
      MOCK_APP_CLIENT_SECRET: 'ci-app-s3cret',
    };
    const started = await startCli(['--port', '0', '--log-level', 'info'], env);
    try {
      const statuses = [
        await tokenStatus(started.url, 'ci-admin', 'ci-admin-s3cret'),
        await tokenStatus(started.url, 'ci-user', 'ci-user-s3cret'),
        await tokenStatus(started.url, 'ci-app', 'ci-app-s3cret'),
        await tokenStatus(started.url, 'mock-admin', 'mock-admin-secret'),
      ];
      const query = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'ci-app',
        client_secret: 'ci-app-s3cret',
      });
      await fetch(`${started.url}/oauth/token?${query}`, { method: 'POST' });
      // The same key percent-encoded, in another case, and under other secret-looking names.
      const encoded = await fetch(
        `${started.url}/oauth/token?grant_type=client_credentials&client_id=ci-admin&client%5Fsecret=ci-admin-s3cret`,
        { method: 'POST' },
      );
      await fetch(`${started.url}/oauth/token?CLIENT_SECRET=ci-user-s3cret&secret=ci-app-s3cret`, {
        method: 'POST',
      });
      await fetch(`${started.url}/oauth/token?password=hunter2-s3cret`, { method: 'POST' });
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));

      expect(statuses).toEqual([200, 200, 200, 401]);
      expect(encoded.status).toBe(200);
      expect(started.stderr()).toContain('client_id=ci-admin&client_secret=<redacted>');
      expect(started.stderr()).toContain('/oauth/token');
      expect(started.stderr()).not.toMatch(/s3cret/);
    } finally {
      await stop(started.child);
    }
  });

  const badUsage = [
    {
      id: 'a non-numeric port',
      args: ['--port', 'abc'],
      env: {},
      want: /--port must be a whole number/,
    },
    {
      id: 'a port out of range',
      args: ['--port', '70000'],
      env: {},
      want: /--port must be between 0 and 65535/,
    },
    { id: 'an unknown flag', args: ['--bogus'], env: {}, want: /Unknown option '--bogus'/ },
    {
      id: 'a rate max of 0',
      args: ['--rate-max', '0'],
      env: {},
      want: /--rate-max must be between 1/,
    },
    {
      id: 'an unknown log level',
      args: ['--log-level', 'loud'],
      env: {},
      want: /--log-level must be one of/,
    },
    {
      id: 'a pid of 0 to exit with',
      args: ['--exit-with-pid', '0'],
      env: {},
      want: /--exit-with-pid must be between 1/,
    },
    {
      id: 'a bad MOCK_SEED',
      args: [],
      env: { MOCK_SEED: '-1' },
      want: /MOCK_SEED must be a whole number/,
    },
    {
      id: 'a bad MOCK_PORT (names the variable, not the flag)',
      args: [],
      env: { MOCK_PORT: 'abc' },
      want: /^mock: MOCK_PORT must be a whole number, got "abc"/,
    },
    {
      id: 'a negative port (parseArgs "ambiguous" on one line)',
      args: ['--port', '-1'],
      env: {},
      want: /^mock: Option '--port' argument is ambiguous\..*--port=-XYZ/,
    },
    {
      id: 'a host that does not resolve',
      args: ['--host', '999.1.1.1', '--port', '0'],
      env: {},
      want: /^mock: --host: cannot listen on 999\.1\.1\.1:0 \(ENOTFOUND\)/,
    },
    {
      id: 'a MOCK_HOST that does not resolve',
      args: ['--port', '0'],
      env: { MOCK_HOST: 'nonexistent.invalid' },
      want: /^mock: MOCK_HOST: cannot listen on nonexistent\.invalid:0 \((ENOTFOUND|EAI_AGAIN)\)/,
    },
    {
      id: 'a bad MOCK_CONTROLS',
      args: [],
      env: { MOCK_CONTROLS: 'yes' },
      want: /MOCK_CONTROLS must be 1 or 0/,
    },
    {
      id: 'an empty client secret',
      args: ['--port', '0'],
      env: { MOCK_APP_CLIENT_SECRET: ' ' },
      want: /MOCK_APP_CLIENT_SECRET is set but empty/,
    },
  ];
  for (const { id, args, env, want } of badUsage) {
    test(`exits 2 with one error line for ${id}`, async () => {
      const result = await runCli(args, env);

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(want);
    });
  }
});

test('under npm run mock, SIGTERM to the pid on the start line stops the mock and npm (exit 0)', async () => {
  const npm = spawn('npm', ['run', '-s', 'mock', '--', '--port', '0', '--log-level', 'silent'], {
    cwd: root,
    env: { ...process.env, MOCK_CONTROLS: '' },
  });
  const npmExit = new Promise<number | null>((resolvePromise) =>
    npm.on('exit', (code) => resolvePromise(code)),
  );
  const line = await new Promise<string>((resolvePromise, reject) => {
    let stdout = '';
    npm.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolvePromise(stdout.split('\n')[0] ?? '');
    });
    npm.on('exit', (code) => reject(new Error(`npm run mock exited ${code} before listening`)));
  });
  const pid = Number(/\bpid (\d+)\)$/.exec(line)?.[1]);
  const url = /listening on (http:\/\/\S+) /.exec(line)?.[1] ?? '';

  // npm's shell sits between npm and the mock, so the mock's own pid is the one to signal.
  expect(pid).not.toBe(npm.pid);
  expect((await fetch(`${url}/beta/mfa/token/send`, { method: 'POST' })).status).toBe(401);
  process.kill(pid, 'SIGTERM');

  expect(await npmExit).toBe(0);
  await expect(fetch(`${url}/beta/mfa/token/send`, { method: 'POST' })).rejects.toThrow();
});

test('with --exit-with-pid, exits 0 once that process is gone', async () => {
  const watched = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  const started = await startCli([
    '--port',
    '0',
    '--log-level',
    'silent',
    '--exit-with-pid',
    String(watched.pid),
  ]);
  const exited = new Promise<number | null>((resolvePromise) =>
    started.child.on('exit', (code) => resolvePromise(code)),
  );

  // Still serving while the watched process lives.
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 1_200));
  expect(started.child.exitCode).toBeNull();
  expect((await fetch(`${started.url}/beta/mfa/token/send`, { method: 'POST' })).status).toBe(401);

  watched.kill('SIGKILL');
  expect(await exited).toBe(0);
});

test('exits 2 with one line naming --port when the port is taken', async () => {
  const taken = createServer();
  await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
  const port = String((taken.address() as AddressInfo).port);
  try {
    const result = await runCli(['--port', port, '--log-level', 'silent']);
    const free = await startCli(['--port', '0', '--log-level', 'silent']);
    await stop(free.child);

    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^mock: --port: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/,
    );
  } finally {
    taken.close();
  }
});

test.describe('MOCK_*_CLIENT_* through the options', () => {
  test('startMockTenant reads overrides from the env it is given and defaults the rest', async () => {
    const mock = new TestMock(
      await startMockTenant({
        env: { MOCK_USER_CLIENT_ID: 'other-user', MOCK_USER_CLIENT_SECRET: 'pw' },
      }),
    );
    try {
      expect(await tokenStatus(mock.url, 'other-user', 'pw')).toBe(200);
      expect(await tokenStatus(mock.url, 'mock-user', 'mock-user-secret')).toBe(401);
      expect(await tokenStatus(mock.url, 'mock-admin', 'mock-admin-secret')).toBe(200);
    } finally {
      await mock.close();
    }
  });
});
