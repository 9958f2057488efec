import rule from '../../../src/rules/artifacts/content-after-footer.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
