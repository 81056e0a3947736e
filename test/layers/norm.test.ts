import { describeKerasTable } from './keras-table.js';

describeKerasTable('norm');
