/*
 * A database file in Emscripten's file system whose bytes come on demand,
 * for indexes too large to download whole (see fetchDatabaseSource in api.js).
 */

// Four of the index's 2 KiB blocks per request. A question reads scattered
// blocks, so this trades bytes against round trips: for a first answer from
// 100,000 entries, 1.1 MB in 136 requests, against 0.4 MB in 221 with 2 KiB
// and 1.8 MB in 115 with 16 KiB.
export const LAZY_CHUNK_BYTES = 8 * 1024;
export const LAZY_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Makes `path` a read-only file of `size` bytes whose contents come on
 * demand from readRange(start, end) (synchronous, end exclusive), in
 * `chunkSize` pieces kept in a cache of at most `cacheBytes`, least recently
 * used first out. Xapian reads its database in fixed-size blocks with
 * pread(), so a question fetches only the blocks it touches. A failed read
 * becomes EIO, which Xapian reports as a DatabaseError: a clear error, not a
 * crash. `stats` counts what was fetched. Returns a function that empties the cache.
 */
export function createLazyFile(
  FS,
  path,
  { size, readRange, chunkSize = LAZY_CHUNK_BYTES, cacheBytes = LAZY_CACHE_BYTES, first = null },
  stats,
) {
  const chunks = new Map(); // chunk number -> Uint8Array; Map order is recency
  let cached = 0;
  const keep = (n, bytes) => {
    chunks.set(n, bytes);
    cached += bytes.length;
    for (const [old, b] of chunks) {
      if (cached <= cacheBytes || old === n) break;
      chunks.delete(old);
      cached -= b.length;
    }
  };
  if (first && first.length >= Math.min(chunkSize, size))
    keep(0, first.subarray(0, Math.min(chunkSize, size)));
  const chunk = (n) => {
    let bytes = chunks.get(n);
    if (bytes) {
      chunks.delete(n); // most recently used goes last
      chunks.set(n, bytes);
      return bytes;
    }
    const start = n * chunkSize;
    const end = Math.min(size, start + chunkSize);
    try {
      bytes = readRange(start, end);
    } catch (err) {
      stats.lastError = String((err && err.message) || err);
      throw new FS.ErrnoError(29); // EIO
    }
    if (!bytes || bytes.length !== end - start) {
      stats.lastError = `index read of bytes ${start}-${end - 1} returned ${bytes ? bytes.length : 0} bytes`;
      throw new FS.ErrnoError(29);
    }
    stats.fetchedBytes += bytes.length;
    stats.requests += 1;
    keep(n, bytes);
    return bytes;
  };
  const slash = path.lastIndexOf('/');
  const node = FS.createFile(path.slice(0, slash) || '/', path.slice(slash + 1), {}, true, false);
  Object.defineProperty(node, 'usedBytes', { get: () => size });
  node.stream_ops = {
    ...node.stream_ops,
    read(stream, buffer, offset, length, position) {
      const end = Math.min(size, position + length);
      let done = 0;
      for (let pos = position; pos < end;) {
        const n = Math.floor(pos / chunkSize);
        const bytes = chunk(n);
        const from = pos - n * chunkSize;
        const take = Math.min(end - pos, bytes.length - from);
        buffer.set(bytes.subarray(from, from + take), offset + done);
        done += take;
        pos += take;
      }
      return done;
    },
    write() {
      throw new FS.ErrnoError(69);
    }, // EROFS: the index is read-only
    mmap() {
      throw new FS.ErrnoError(43);
    }, // ENODEV: pread only
  };
  stats.mode = 'ranges';
  stats.indexBytes = size;
  stats.chunkBytes = chunkSize;
  return () => {
    chunks.clear();
    cached = 0;
  };
}
