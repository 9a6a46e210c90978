import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** Flushes a file's bytes to the disk: a backup that sits in the page cache is not a backup. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable (the directory entry itself). Some platforms (Windows) cannot open a
 * directory; there the rename is already durable enough, so failure is ignored. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Writes text atomically: temp file, fsync, rename, fsync the folder. */
export function writeFileDurably(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/**
 * `writeFileDurably` off the event loop (libuv's thread pool). Two fsyncs are milliseconds,
 * tens of them beside a busy database on the same disk: a station writing its issued-numbers
 * mark after other stations' commits held every call in flight that long. Callers that may
 * write the same file twice at once must order the writes themselves.
 */
export async function writeFileDurablyAsync(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await fsp.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, file);
  let dir: fsp.FileHandle | undefined;
  try {
    dir = await fsp.open(path.dirname(file), 'r');
    await dir.sync();
  } catch {
    // not supported on this platform (see fsyncDir)
  } finally {
    await dir?.close();
  }
}

/** Copies a file durably to `dest` (temp beside it, fsync, rename). */
export function copyFileDurably(src: string, dest: string): void {
  const tmp = `${dest}.tmp-${process.pid}`;
  fs.copyFileSync(src, tmp);
  fsyncFile(tmp);
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
}
