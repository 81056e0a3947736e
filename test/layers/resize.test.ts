import { describeKerasTable } from './keras-table.js';

describeKerasTable('resize');
