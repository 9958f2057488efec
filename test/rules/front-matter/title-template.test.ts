import rule from '../../../src/rules/front-matter/title-template.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
