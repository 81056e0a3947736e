export type { Expr, CallExpr, Kwarg, ExprError, ExprErrorCode, Value, BinaryOp, CompareOp, UnaryOp } from './types.js';
export { parseExpression, parseCallStep } from './parse.js';
export { evaluate, evaluateSource } from './evaluate.js';
export { formatExpression } from './format.js';
