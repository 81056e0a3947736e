export type { Expr, CallExpr, Kwarg, ExprError, ExprErrorCode, Value, BinaryOp, CompareOp, UnaryOp, Result } from './types.js';
export { BUILTINS } from './builtins.js';
export { parseExpression, parseCallStep } from './parse.js';
export { evaluate, evaluateSource } from './evaluate.js';
export { formatExpression } from './format.js';
