import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { drained, type Io } from '../../src/cli/io.js';
import { FIXTURES, SEEDS } from '../helpers.js';

/** A stream that takes `highWaterMark` bytes and writes each chunk when `release()` is called. */
function slowStream(highWaterMark: number) {
  const pending: Array<() => void> = [];
  const stream = new Writable({
    highWaterMark,
    write(_chunk, _encoding, callback) {
      pending.push(callback);
    },
  });
  return { stream, release: () => pending.splice(0).forEach((callback) => callback()) };
}

describe('drained: the report waits for standard output instead of queueing in memory', () => {
  it('is undefined while the stream is under its high-water mark', () => {
    const { stream } = slowStream(1024);
    stream.write('a'.repeat(100));
    expect(drained(stream)).toBeUndefined();
  });

  it('settles when the stream drains, not before', async () => {
    const { stream, release } = slowStream(16);
    stream.write('a'.repeat(100));
    let settled = false;
    const wait = drained(stream)!.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    release();
    await wait;
    expect(settled).toBe(true);
  });

  it('settles when the stream fails or closes (a reader that went away does not hang the check)', async () => {
    const failing = slowStream(16);
    failing.stream.on('error', () => {});
    failing.stream.write('a'.repeat(100));
    const wait = drained(failing.stream)!;
    failing.stream.destroy(new Error('EPIPE'));
    await expect(wait).resolves.toBeUndefined();
  });

  it('check writes its next piece only after the previous one drained', async () => {
    const log: string[] = [];
    let pieces = 0;
    const io: Io = {
      stdout: () => {
        pieces++;
        log.push('write');
      },
      stderr: () => {},
      cwd: FIXTURES,
      isTty: false,
      drained: () => {
        log.push('wait');
        return new Promise((settle) =>
          setTimeout(() => {
            log.push('drained');
            settle();
          }, 1),
        );
      },
    };
    const code = await main(['check', '--format', 'json', '--no-site', ...SEEDS.map((s) => `seeds/${s}`)], io);
    expect(code).toBe(1);
    expect(pieces).toBeGreaterThanOrEqual(3); // opening, findings, closing
    expect(log.join(' ')).toBe(Array(pieces).fill('write wait drained').join(' '));
  });
});
