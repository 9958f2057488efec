import rule from '../../../src/rules/artifacts/citation-tag.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
