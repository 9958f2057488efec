import rule from '../../../src/rules/truncation/generation-marker.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a label with nothing after it is not a headline (a form, a template page)',
      source: 'written for this test',
      text: '---\ntitle: Template\n---\n\nTitle:\n\nBody.\n',
    },
    {
      name: 'a first paragraph of several lines that starts with a label is prose, not the headline',
      source: 'written for this test',
      text: '---\ntitle: Notes\n---\n\nTitle: the working title we used\nuntil the release, when it changed.\n',
    },
  ],
  invalid: [
    {
      name: 'English: “Title:” before a level-1 heading’s text',
      source: 'written for this test, after the ai-blog-system labelled headlines (MIT)',
      text: '---\ntitle: "Title: What it means"\n---\n\n# Title: Kubernetes 1.31 ships stable sidecars\n\nText.\n',
      findings: [{ line: 5, severity: 'warning', message: 'Title:' }],
      output: '---\ntitle: "Title: What it means"\n---\n\n# Kubernetes 1.31 ships stable sidecars\n\nText.\n',
    },
    {
      name: 'a bold label closed right after it goes with its bold',
      source: 'written for this test, after the ai-blog-system labelled headlines (MIT)',
      text: '---\ntitle: x\n---\n\n**見出し：** 日本GPUアライアンスの設立が示すもの\n\n本文。\n',
      findings: [{ line: 5, severity: 'warning' }],
      output: '---\ntitle: x\n---\n\n日本GPUアライアンスの設立が示すもの\n\n本文。\n',
    },
    {
      name: 'a bold headline with the label inside the bold keeps the bold',
      source: 'written for this test, after the ai-blog-system labelled headlines (MIT)',
      text: '---\ntitle: x\n---\n\n**タイトル：日本GPUアライアンスの設立が示すもの**\n\n本文。\n',
      findings: [{ line: 5, severity: 'warning' }],
      output: '---\ntitle: x\n---\n\n**日本GPUアライアンスの設立が示すもの**\n\n本文。\n',
    },
  ],
});
