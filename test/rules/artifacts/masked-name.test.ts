import rule from '../../../src/rules/artifacts/masked-name.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
