// Prepares, at build time, what lets the browser skip most of Python's start-up (run by build.mjs):
//  - a numpy bundle: the verified wheel from build/pyodide/ without tests, type stubs and C headers, its modules
//    compiled to bytecode by the same Python the browser runs (Pyodide ships sources only, so every import would
//    otherwise compile them), as an uncompressed zip inside one gzip stream;
//  - a memory snapshot of an interpreter that has already started and imported the pure-Python standard-library
//    modules numpy, npgrad and the runner need. Pyodide 0.27 cannot snapshot binary extensions, so numpy itself is
//    imported in the browser after the restore;
//  - the bytecode of the engine and the runner, checked against their sources;
//  - the engine's WebAssembly SIMD matmul kernel, compiled from sandbox/kernels/matmul.wat;
//  - the sizes of Pyodide's own files, which the site copies and the worker counts.
// All are listed with their sha256 and sizes in boot.json; the worker checks them before use.
import { createHash } from "node:crypto";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, gzipSync } from "node:zlib";
import { compileKernel } from "../kernels/compile.mjs";
import { checkedNumpyWheel, copyPackage, runnerSources } from "./node_pyodide.mjs";
import { importEngine, LIB_DIR, writeRunner } from "./src/python_setup.js";

const DROP = /(^|\/)tests\/|\.(pyi|h|c|pxd|pyx|ini)$|^numpy\/(f2py|_pyinstaller|_core\/include|_core\/lib)\//;
// Left out of the snapshot: ctypes makes function-table entries that a snapshot cannot restore.
const NOT_IN_SNAPSHOT = /^(ctypes|_ctypes|numpy|npgrad|sandbox_runner|cell_runner|torch|pyodide|_pyodide|js|pyodide_js)(\.|$)/;
const WORK = "/tmp/prepare";
// The files of Pyodide's own that a start downloads (the site copies exactly these): their sizes go in boot.json so
// that the page's progress counts every byte.
const CORE_FILES = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** A zip of `files` ([{name, data}]) with every entry stored, not deflated, and fixed dates: reproducible. */
export function storedZip(files) {
  const encoder = new TextEncoder();
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function listFiles(FS, dir, prefix = "") {
  const out = [];
  for (const name of FS.readdir(dir).sort()) {
    if (name === "." || name === "..") continue;
    const path = `${dir}/${name}`;
    if (FS.isDir(FS.stat(path).mode)) out.push(...listFiles(FS, path, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

/** The numpy bundle (a stored zip) and the standard-library modules that numpy, the engine and the runner import. */
async function numpyBundle(loadPyodide, indexURL, wheel, engineDir, runner) {
  const pyodide = await loadPyodide({ indexURL, packageCacheDir: indexURL });
  const before = new Set(pyodide.runPython("import sys; list(sys.modules)").toJs());
  const site = `${WORK}/site`;
  pyodide.unpackArchive(new Uint8Array(wheel), "zip", { extractDir: site });
  for (const file of listFiles(pyodide.FS, site)) if (DROP.test(file)) pyodide.FS.unlink(`${site}/${file}`);
  // Bytecode where each source was, then the sources removed: Python imports such "sourceless" modules directly.
  // Hash-based headers keep the bytes independent of file times, so the bundle is reproducible.
  pyodide.runPython(`
import compileall, os, py_compile
if not compileall.compile_dir(${JSON.stringify(site)}, quiet=1, legacy=True,
                              invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH):
    raise SystemExit("compiling numpy failed")
for root, _, files in os.walk(${JSON.stringify(site)}):
    for name in files:
        if name.endswith(".py"):
            os.unlink(os.path.join(root, name))
`);
  const files = listFiles(pyodide.FS, site).map((name) => ({ name, data: pyodide.FS.readFile(`${site}/${name}`) }));
  // The engine and the runner where the browser puts them, compiled there, then imported as the browser imports
  // them (importEngine) to learn which standard-library modules that pulls in.
  const lib = LIB_DIR;
  copyPackage(pyodide.FS, engineDir, `${lib}/npgrad`);
  writeRunner(pyodide, runner);
  // The engine and the runner reach the browser as sources (the site build zips the engine), so their bytecode
  // is checked against them: Python uses it only while it matches the source, and otherwise compiles as usual.
  pyodide.runPython(`
import compileall, py_compile
if not compileall.compile_dir(${JSON.stringify(lib)}, quiet=1,
                              invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH):
    raise SystemExit("compiling the engine failed")
`);
  const engineBytecode = listFiles(pyodide.FS, lib)
    .filter((name) => name.endsWith(".pyc"))
    .map((name) => ({ name, data: pyodide.FS.readFile(`${lib}/${name}`) }));
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(site)})`);
  importEngine(pyodide, runner);
  // The extension modules that importing and seeding load: the browser compiles them in the background early.
  const preload = pyodide
    .runPython(`import sys
sorted(str(getattr(m, "__file__", "")) for m in list(sys.modules.values()))`)
    .toJs()
    .filter((file) => file.startsWith(`${site}/`) && file.endsWith(".so"))
    .map((file) => file.slice(site.length + 1));
  const stdlib = pyodide
    .runPython(`import sys\n[m for m, v in sys.modules.items() if str(getattr(v, "__file__", "")).startswith("/lib/python3")]`)
    .toJs()
    .filter((m) => !before.has(m) && !NOT_IN_SNAPSHOT.test(m))
    .sort();
  return { bundle: storedZip(files), bytecode: storedZip(engineBytecode), stdlib, preload };
}

/** A memory snapshot of a started interpreter that has imported `modules`. */
async function snapshot(loadPyodide, indexURL, modules) {
  // A fixed hash seed and random state make the snapshot closer to reproducible (the runner seeds `random` again
  // on every reset, as the build does).
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, env: { PYTHONHASHSEED: "0" } });
  pyodide.runPython(`
import gc, importlib, random
random.seed(0)
for name in ${JSON.stringify(modules)}:
    importlib.import_module(name)
if "ctypes" in __import__("sys").modules:
    raise SystemExit("ctypes was imported: the snapshot could not be restored")
gc.collect()
`);
  return pyodide.makeMemorySnapshot();
}

/** Write the bundle, the snapshot and boot.json into `out`; `pyodideDir` is the vendored Pyodide, `root` the repo. */
export async function prepare({ pyodideDir, engineDir, root, out }) {
  const indexURL = `${pyodideDir}/`;
  const { lock, entry, wheel } = checkedNumpyWheel(pyodideDir);
  const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
  const runner = runnerSources(root);
  const { bundle, bytecode, stdlib, preload } = await numpyBundle(loadPyodide, indexURL, wheel, engineDir, runner);
  const memory = await snapshot(loadPyodide, indexURL, stdlib);
  mkdirSync(out, { recursive: true });
  const manifest = { python: lock.info.python, numpy: entry.version, snapshotModules: stdlib.length };
  for (const [key, name, raw] of [
    ["bundle", `numpy-${entry.version}-bundle.zip.gz`, bundle],
    ["snapshot", "python-snapshot.bin.gz", memory],
    ["bytecode", "engine-bytecode.zip.gz", bytecode],
    ["kernel", "matmul.wasm.gz", await compileKernel()],
  ]) {
    const packed = gzipSync(raw, { level: 9 });
    writeFileSync(join(out, name), packed);
    manifest[key] = { file: name, sha256: sha256(packed), bytes: packed.length, size: raw.length };
  }
  manifest.bundle.preload = preload;
  manifest.core = CORE_FILES.map((file) => ({ file, size: statSync(join(pyodideDir, file)).size }));
  writeFileSync(join(out, "boot.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
