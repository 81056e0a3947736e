// scripts/ensure-chromium.sh (npm's pretest) must never abort the test run: with the apt lock held
// by another process it retries, then reports and exits 0 so only the e2e tests fail.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChild } from '../run-child.js';

/** A PATH folder with fake `id` (root) and `apt-get` that logs its arguments and exits with `aptExit`. */
function fakeTools(aptExit: number): { dir: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-apt-'));
  const log = join(dir, 'calls.log');
  writeFileSync(join(dir, 'id'), '#!/bin/sh\necho 0\n');
  writeFileSync(
    join(dir, 'apt-get'),
    `#!/bin/sh\necho "$*" >> ${log}\n[ ${aptExit} = 0 ] || echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)"\nexit ${aptExit}\n`,
  );
  chmodSync(join(dir, 'id'), 0o755);
  chmodSync(join(dir, 'apt-get'), 0o755);
  return { dir, log };
}

function runScript(dir: string) {
  return runChild('bash', ['scripts/ensure-chromium.sh'], {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      NETSPEC_CHROMIUM: join(dir, 'no-chromium'),
      NETSPEC_APT_ATTEMPTS: '2',
      NETSPEC_APT_RETRY_PAUSE: '0',
    },
  });
}

describe('scripts/ensure-chromium.sh', () => {
  it('waits for the dpkg lock, retries, and reports without failing the run when apt stays locked', async () => {
    const { dir, log } = fakeTools(100);
    const run = await runScript(dir);
    expect(run.status).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2); // one `update` per attempt; install is not reached
    expect(calls.every((c) => c.includes('DPkg::Lock::Timeout='))).toBe(true);
    expect(run.stderr).toContain('attempt 1 of 2 failed: E: Could not get lock');
    expect(run.stderr).toContain('could not install chromium');
    expect(run.stderr).toContain('apt-get install -y chromium');
  });

  it('installs chromium when apt works', async () => {
    const { dir, log } = fakeTools(0);
    const run = await runScript(dir);
    expect(run.status).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatch(/install -y chromium/);
    expect(run.stderr).not.toContain('could not');
  });
});
