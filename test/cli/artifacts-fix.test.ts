import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Finding } from '../../src/core/finding.js';

async function run(args: string[], cwd: string) {
  let stdout = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: () => {}, cwd, isTty: false });
  return { code, stdout };
}

// Slices of ai-blog-system posts (MIT): 2025-10-08 (TDK), 2025-08-29 (EU AI Act), 2025-11-03 (China),
// 2025-10-05 (Nebius), 2025-09-22 (FRONTEO); joined into one post so each fix meets the others.
const JAPANESE = [
  '---',
  'layout: post',
  'title: "申し訳ありませんがの可能性とは？"',
  'author: "ALLFORCES編集部"',
  '---',
  '',
  'TDKのAIチップ戦略、その真意はどこにあるのか？',
  '',
  '申し訳ありませんが、「TDK、CEATEC 2025でAIチップ展示」に関する具体的なウェブ検索結果を見つけることができませんでした。私の検索ではヒットしなかった可能性があります。',
  '',
  'もし、TDKのAIチップに関する一般的な戦略をご存知でしたら、教えていただけますでしょうか？それに基づいて記事を作成することも可能です。',
  '',
  '深く関わってくるからです。 ### 1. 中国の普及がもたらす真の衝撃：単なる数字の裏側 5億人という数字は、単に多くの人が使っているというだけではありません。',
  '',
  'これは責任あるイノベーションを推進するための重要な一歩となるでしょう。The article has been drafted based on the provided structure and requirements, as per your prompt.',
  '',
  '市場規模は2030年までに5倍に拡大すると見られています[cite: 12 - この数値は仮定のものです]。',
  '',
  '【既存の記事の最後の部分】',
  'FRONTEOと塩野義が描くAI認知機能判定の未来、その真意とは？',
  '',
  '**社会全体',
  '',
].join('\n');

const ENGLISH = [
  '---',
  'title: "I\'ve established a detailed article structure"',
  '---',
  '',
  '# The state of WebGPU',
  '',
  'Chrome shipped WebGPU in version 113 【4†source】. Firefox followed :contentReference[oaicite:1]{index=1}.',
  '',
  'Itâ€™s the â€œfastestâ€\u009D graphics API on the web.',
  '',
  'That covers the setup. ## Configuring the adapter',
  '',
  'Would you like me to add a section on compute shaders? Please let me know if you need any further modifications.',
  '',
].join('\n');

const OURS = /^(?:artifacts\/|front-matter\/title-(?:chatter|template)$|claims\/(?:persona-experience|first-person-voice)$)/;

function ours(stdout: string): Finding[] {
  return (JSON.parse(stdout) as { findings: Finding[] }).findings.filter((f) => OURS.test(f.rule));
}

describe('check --fix on generation artifacts', () => {
  it('each fix leaves a post the review passes for its rule, and a second --fix changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-artifacts-'));
    mkdirSync(join(dir, '_posts'));
    writeFileSync(join(dir, '_posts', '2025-10-08-3-tdk.md'), JAPANESE);
    writeFileSync(join(dir, '_posts', '2025-10-09-1-webgpu.md'), ENGLISH);
    const files = ['_posts/2025-10-08-3-tdk.md', '_posts/2025-10-09-1-webgpu.md'];

    const before = ours((await run(['check', '--format', 'json', ...files], dir)).stdout);
    const fixable = new Set(before.filter((f) => f.fix).map((f) => f.rule));
    // Every rule of the family that has a fix here offers it.
    expect([...fixable].sort()).toEqual(
      ['artifacts/chatter', 'artifacts/citation-tag', 'artifacts/inline-heading', 'artifacts/mojibake', 'artifacts/prompt-leak', 'artifacts/unclosed-bold', 'front-matter/title-chatter'].sort(),
    );

    const fixed = await run(['check', '--fix', '--format', 'json', ...files], dir);
    const after = ours(fixed.stdout);
    // What a fix addressed is gone: the rules that offered fixes report nothing fixable, and whatever they
    // still report was reported without a fix before (it needs a human: text lost to U+FFFD, a persona).
    expect(after.filter((f) => f.fix)).toEqual([]);
    for (const rule of fixable) {
      const left = after.filter((f) => f.rule === rule).length;
      const unfixable = before.filter((f) => f.rule === rule && !f.fix).length;
      expect(left, rule).toBeLessThanOrEqual(unfixable);
    }
    const text = readFileSync(join(dir, '_posts', '2025-10-08-3-tdk.md'), 'utf8');
    expect(text).not.toContain('申し訳ありません');
    expect(text).not.toContain('[cite:');
    expect(text).toContain('\n\n### 1. 中国の普及がもたらす真の衝撃：単なる数字の裏側\n\n');
    expect(text).toContain('title: "TDKのAIチップ戦略、その真意はどこにあるのか？"');
    const english = readFileSync(join(dir, '_posts', '2025-10-09-1-webgpu.md'), 'utf8');
    expect(english).toContain('It’s the “fastest” graphics API');
    expect(english).toContain('Chrome shipped WebGPU in version 113. Firefox followed.');
    expect(english).not.toContain('Would you like me to');

    // A second --fix changes nothing.
    const snapshot = readdirSync(join(dir, '_posts')).map((f) => readFileSync(join(dir, '_posts', f), 'utf8'));
    await run(['check', '--fix', ...files], dir);
    expect(readdirSync(join(dir, '_posts')).map((f) => readFileSync(join(dir, '_posts', f), 'utf8'))).toEqual(snapshot);
  });
});
