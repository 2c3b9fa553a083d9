#!/usr/bin/env node
// Writes build/icons/icon.png (512x512), the packaged app's icon, from the same drawing the tray
// uses (electron/main/icon-bitmap.ts). Run after `npm run build`: npx node build/scripts/make-icons.mjs
// The PNG is committed; run this again only when the drawing changes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { drawIconRgba } = await import(pathToFileURL(join(root, 'out/electron/main/icon-bitmap.js')).href);

/** A minimal RGBA PNG: IHDR, one IDAT (filter 0 on every row), IEND. */
export function encodePng(width, height, rgba) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(root, 'build/icons');
mkdirSync(out, { recursive: true });
const size = 512;
writeFileSync(join(out, 'icon.png'), encodePng(size, size, drawIconRgba(size)));
console.log(`wrote ${join(out, 'icon.png')} (${size}x${size})`);
