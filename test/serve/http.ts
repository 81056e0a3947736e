// Raw HTTP for the server tests: the path, Host and other headers go out exactly as given (fetch
// would normalise them or refuse some).
import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestOptions {
  method?: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function call(port: number, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { host: options.host ?? `127.0.0.1:${port}`, ...options.headers };
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface EventStream {
  /** Every `spec` event's data, parsed, in order. */
  specs: { text: string; version?: string; related: Record<string, string>; refused?: Record<string, string>; error?: string }[];
  close(): void;
}

/** Follows `/api/events` and collects the spec payloads it pushes. */
export function followEvents(port: number): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const stream: EventStream = { specs: [], close: () => req.destroy() };
    const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (block.startsWith('event: spec') && data) stream.specs.push(JSON.parse(data[1]!));
        }
        if (stream.specs.length === 1) resolve(stream);
      });
      res.on('error', () => undefined);
    });
    req.on('error', (err) => (stream.specs.length ? undefined : reject(err)));
    req.end();
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
