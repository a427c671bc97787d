import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** A port nobody listens on just now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type VakaProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process prints a line containing the text. */
  printed(text: string, timeout?: number): Promise<void>;
  kill(): Promise<void>;
};

/**
 * Vaka as its own process (`node src/main.ts`), for tests that must stop it as a crash would: no
 * graceful shutdown, no finishing jobs. The first start sets up the agency from ADMIN_* variables.
 */
export async function startVakaProcess(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  admin: { email: string; password: string; agency: string };
}): Promise<VakaProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [path.resolve('src/main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: options.dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: '' }),
      ADMIN_EMAIL: options.admin.email,
      ADMIN_PASSWORD: options.admin.password,
      AGENCY_NAME: options.admin.agency,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Vaka exited on start:\n${output}`);
    const ready = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) {
      return {
        url,
        child,
        output: () => output,
        async printed(text, timeout = 120_000) {
          const until = Date.now() + timeout;
          while (!output.includes(text)) {
            if (Date.now() > until) throw new Error(`Vaka did not print "${text}":\n${output}`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`Vaka did not become ready in three minutes:\n${output}`);
}

/** A same-origin HTTP client over fetch that keeps the session cookie, for a Vaka process. */
export function processClient(url: string) {
  let cookie = '';
  async function call(method: string, route: string, body?: unknown, form?: FormData) {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: {
        origin: url,
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  return {
    get: (route: string) => call('GET', route),
    post: (route: string, body: unknown = {}) => call('POST', route, body),
    upload: (route: string, name: string, content: string) => {
      const form = new FormData();
      form.append('file', new Blob([content], { type: 'text/csv' }), name);
      return call('POST', route, undefined, form);
    },
  };
}
