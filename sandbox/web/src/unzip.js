// A small zip reader for the worker: it inflates with the browser's native DecompressionStream, which is much
// faster than unpacking with Python's zipfile inside the interpreter.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** `bytes` decompressed by the browser's native DecompressionStream ("gzip", "deflate-raw", ...). */
export async function decompress(bytes, format) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The entries of a zip archive as [{name, data}], directories left out. Stored and deflated entries only. */
export async function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== EOCD) end -= 1;
  if (end < 0) throw new Error("not a zip archive");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const pending = [];
  for (let i = 0; i < count; i += 1) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error("damaged zip central directory");
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`damaged zip entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + compressed);
    if (method === 0) pending.push(Promise.resolve({ name, data: raw }));
    else if (method === 8) pending.push(decompress(raw, "deflate-raw").then((data) => ({ name, data })));
    else throw new Error(`zip entry ${name} uses compression method ${method}`);
  }
  return Promise.all(pending);
}

/** Write `files` ([{name, data}], as `unzip` gives them) under `dir` in Pyodide's file system. */
export function writeFiles(FS, dir, files) {
  for (const { name, data } of files) {
    const path = `${dir}/${name}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, data);
  }
}

/** Write a zip's entries under `dir` in Pyodide's file system. */
export async function unpackInto(FS, dir, bytes) {
  writeFiles(FS, dir, await unzip(bytes));
}
