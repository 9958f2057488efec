import rule from '../../../src/rules/front-matter/title-template.js';
import { ruleTester } from '../../rule-tester.js';

const post = (path: string, title: string, firstLine: string) => ({ path, text: `---\ntitle: "${title}"\n---\n\n${firstLine}\n\nText.\n` });

ruleTester(rule, {
  valid: [
    {
      name: 'English: three titles share a tail but their first lines go on inside the phrase (no phrase break where the tail begins)',
      source: 'written for this test, after prometheus.io blog release posts (Apache-2.0)',
      text: '---\ntitle: "Prometheus 2.0 is here"\n---\n\nPrometheus 2.0 brings a new storage engine\n\nText.\n',
      corpus: [
        post('_posts/2017-01-02-a.md', 'Alertmanager 0.15 is here', 'Alertmanager 0.15 adds inhibition rules'),
        post('_posts/2017-01-03-b.md', 'node_exporter 1.0 is here', 'node_exporter 1.0 is the first stable release'),
      ],
    },
  ],
  invalid: [
    {
      name: 'English: a tail three titles share, each diverging from its own headline at a phrase break',
      source: 'written for this test, after the ai-blog-system template titles (MIT)',
      text: '---\ntitle: "Kubernetes 1.31: What It Means for You"\n---\n\n# Kubernetes 1.31, explained: stable sidecar containers\n\nText.\n',
      corpus: [
        post('_posts/2025-01-02-a.md', 'Rust 2024: What It Means for You', 'Rust 2024 — the edition that changes closures'),
        post('_posts/2025-01-03-b.md', 'Postgres 17: What It Means for You', 'Postgres 17, the release that speeds up vacuum'),
      ],
      findings: [{ line: 2, severity: 'warning', message: 'What It Means for You' }],
      output: '---\ntitle: "Kubernetes 1.31, explained: stable sidecar containers"\n---\n\n# Kubernetes 1.31, explained: stable sidecar containers\n\nText.\n',
    },
  ],
});
