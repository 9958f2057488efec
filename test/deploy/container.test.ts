import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/**
 * The App's image. There is no Docker engine on the development machines or in CI, so the image is not
 * built here: the Dockerfile is checked by the Dockerfile language server's validator (dockerfile-utils),
 * and the image's own entry point (its CMD, with its ENV, from the directory laid out as its WORKDIR) is
 * started as a separate process and probed with the image's own HEALTHCHECK command.
 */

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const instructions = DockerfileParser.parse(dockerfile).getInstructions();
const lastStage = instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'));
const one = (keyword: string): Instruction => {
  const found = lastStage.filter((i) => i.getKeyword() === keyword);
  expect(found, keyword).toHaveLength(1);
  return found[0]!;
};
/** The exec form (`["node", …]`) of CMD or HEALTHCHECK CMD. */
const execForm = (text: string): string[] => JSON.parse(text.slice(text.indexOf('['))) as string[];

let child: ChildProcess | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'er-container-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
  }
  child = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function exited(process: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (process.exitCode !== null ? resolve(process.exitCode) : process.once('exit', (code) => resolve(code))));
}

describe('the Dockerfile', () => {
  it('is valid, multi-stage, runs as a non-root user with a HEALTHCHECK on /ping', () => {
    expect(validate(dockerfile)).toEqual([]);
    expect(instructions.filter((i) => i.getKeyword() === 'FROM').length).toBeGreaterThanOrEqual(2);
    expect(['root', '0']).not.toContain(one('USER').getArgumentsContent());
    expect(execForm(one('HEALTHCHECK').getArgumentsContent()!).join(' ')).toContain('/ping');
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it("the image's CMD answers GET /ping, its HEALTHCHECK passes, and SIGTERM stops it cleanly", async () => {
    const env: Record<string, string> = {};
    for (const line of one('ENV').getArgumentsContent()!.split(/\s+/)) {
      const [key, value] = line.split('=') as [string, string];
      env[key] = value;
    }
    expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    const port = await freePort();
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const runEnv = {
      PATH: process.env.PATH ?? '',
      ...env,
      // Loopback in the test; the image listens on every interface.
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: 'secret',
      APP_SLUG: 'editorial-review',
      EDITORIAL_REVIEW_JOURNAL: join(scratch, 'journal.jsonl'),
    };
    const [command, ...args] = execForm(one('CMD').getArgumentsContent()!);
    expect(command).toBe('node');
    // The image starts what `npm start` starts (node itself as PID 1, so SIGTERM reaches the App).
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect([command, ...args].join(' '), 'the Dockerfile CMD must run what `npm start` runs').toBe(start.replace(/^probot /, 'node node_modules/probot/bin/probot.js '));
    // The image's WORKDIR holds package.json, node_modules, dist and app.yml: so does the checkout (built by `npm ci`).
    child = spawn(process.execPath, args, { cwd: ROOT, env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));

    let answer = '';
    // Up to a minute: the machines are shared, and the first start compiles nothing but loads Probot.
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/ping`);
        answer = `${response.status} ${await response.text()}`;
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(answer, output).toBe('200 PONG');
    // Logs are JSON lines (LOG_FORMAT=json) and carry no secret.
    expect(output).not.toContain('PRIVATE KEY');

    const [check, ...checkArgs] = execForm(one('HEALTHCHECK').getArgumentsContent()!);
    expect(check).toBe('node');
    const probe = spawn(process.execPath, checkArgs, { env: runEnv, stdio: 'ignore' });
    expect(await exited(probe)).toBe(0);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    // With the server gone, the same HEALTHCHECK fails.
    const down = spawn(process.execPath, checkArgs, { env: runEnv, stdio: 'ignore' });
    expect(await exited(down)).toBe(1);
  }, 180_000);
});

describe('the docker compose example', () => {
  it('runs the image with Redis and passes every required variable', () => {
    const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as {
      services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; depends_on?: Record<string, unknown>; healthcheck?: object }>;
    };
    const app = compose.services.app!;
    expect(app.build).toBe('.');
    expect(Object.keys(app.environment!)).toEqual(expect.arrayContaining(['APP_ID', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET', 'REDIS_URL']));
    expect(app.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.redis!.image).toMatch(/^redis:/);
    expect(compose.services.redis!.healthcheck).toBeDefined();
    expect(app.depends_on).toHaveProperty('redis');
  });
});
