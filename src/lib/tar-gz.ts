import { gzipSync } from 'node:zlib';

// A minimal ustar writer: regular files only, names up to 100 bytes, mode 0644, owner 0.

const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;

function header(name: string, size: number, mtimeSec: number): Buffer {
  const h = Buffer.alloc(512);
  const put = (text: string, offset: number) => h.write(text, offset, 'utf8');
  put(name.slice(0, 100), 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(mtimeSec, 12), 136);
  put('        ', 148); // checksum counted as blanks
  put('0', 156);
  put('ustar\0', 257);
  put('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** A .tar.gz holding `files` in the given order. */
export function tarGz(files: Array<{ name: string; content: string | Buffer }>, mtimeMs: number): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    const body = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content;
    parts.push(header(f.name, body.length, Math.floor(mtimeMs / 1000)), body);
    const pad = (512 - (body.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
