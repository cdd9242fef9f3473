/**
 * A local stand-in for the public template bucket: serves tests/fixtures/template_db over node:http on 127.0.0.1
 * with Content-Length and S3-style ETags (MD5), and can misbehave per path to exercise the client's failure paths.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DB = fileURLToPath(new URL('../../fixtures/template_db/', import.meta.url));
export const DATASET_A = '000409_sub-SYNTH01_ses-00000000-0000-4000-8000-00000000000a_behavior+ecephys+image_00000000-0000-4000-8000-0000000000aa.zarr';
export const DATASET_B = '000409_sub-SYNTH02_ses-00000000-0000-4000-8000-00000000000b_behavior+ecephys+image_00000000-0000-4000-8000-0000000000bb.zarr';

export type Misbehaviour =
  | { kind: 'status'; status: number }
  | { kind: 'hang' } // accept the request, never answer
  | { kind: 'close-mid-body' } // announce the full length, send half, drop the connection
  | { kind: 'flip-bytes' } // damage bytes in the middle but keep the original ETag (damage in transit)
  | { kind: 'truncate' }; // a shorter object served consistently (its own length, no ETag)

export interface DbServer {
  url: string;
  /** decoded paths requested, in order */
  requests: string[];
  misbehave: Map<string, Misbehaviour>;
  close(): Promise<void>;
}

function send(res: ServerResponse, body: Uint8Array, etag: string | null): void {
  const headers: Record<string, string> = { 'content-length': String(body.length), 'content-type': 'application/octet-stream' };
  if (etag) headers.etag = `"${etag}"`;
  res.writeHead(200, headers);
  res.end(body);
}

export async function startDbServer(root = FIXTURE_DB): Promise<DbServer> {
  const requests: string[] = [];
  const misbehave = new Map<string, Misbehaviour>();
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(path);
    const bad = misbehave.get(path);
    if (bad?.kind === 'status') { res.writeHead(bad.status).end('error'); return; }
    if (bad?.kind === 'hang') return;
    if (path.split('/').includes('..')) { res.writeHead(403).end(); return; }
    readFile(join(root, ...path.split('/'))).then((file) => {
      const bytes = new Uint8Array(file);
      const md5 = createHash('md5').update(bytes).digest('hex');
      if (!bad) return send(res, bytes, md5);
      if (bad.kind === 'flip-bytes') {
        const copy = bytes.slice();
        for (let i = Math.floor(copy.length / 2); i < Math.floor(copy.length / 2) + 64 && i < copy.length; i++) copy[i] ^= 0xa5;
        return send(res, copy, md5);
      }
      if (bad.kind === 'truncate') return send(res, bytes.slice(0, Math.floor(bytes.length / 2)), null);
      if (bad.kind === 'close-mid-body') {
        res.writeHead(200, { 'content-length': String(bytes.length), etag: `"${md5}"` });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
      }
    }, () => { res.writeHead(404).end('NoSuchKey'); });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`, requests, misbehave,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
