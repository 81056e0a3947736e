// Runs before every test file. Many tests are long synchronous builds (compiling a network in
// TensorFlow.js); let the worker's event loop turn between tests, or vitest's own RPC replies
// queue up behind a minute of work and time out ("Timeout calling onTaskUpdate").
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
