import rule from '../../../src/rules/artifacts/mojibake.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
