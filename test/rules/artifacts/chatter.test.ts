import chatter from '../../../src/rules/artifacts/chatter.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(chatter);
