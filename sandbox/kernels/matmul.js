// JS glue for matmul.wat: the module npgrad imports as `_npgrad_kernels` under Pyodide (registered by the browser
// worker and by the Node test runner). Pyodide does not expose its WebAssembly.Memory to other modules, so the
// kernel has a memory of its own: each product copies its operands in (from zero-copy views of the numpy arrays in
// Pyodide's heap), runs, and copies the result into the output array that Python allocated.

const FLOAT = 4;
const PAGE = 65536;
const roundUp = (x, to) => Math.ceil(x / to) * to;
// a buffer of native (little-endian) float32: "f", or with an explicit byte order that is native
const isFloat32 = (view) => view.itemsize === FLOAT && /^[@=<]?f$/.test(view.format);

/**
 * Instantiate the kernel from the bytes of matmul.wasm and return the object to hand to
 * `pyodide.registerJsModule("_npgrad_kernels", ...)`. Rejects if the bytes are not a valid kernel or the engine
 * lacks SIMD, so the caller can fall back to numpy.
 */
export async function loadMatmulKernel(wasmBytes) {
  const { instance } = await WebAssembly.instantiate(wasmBytes);
  const exports = instance.exports;
  if (
    !(exports.memory instanceof WebAssembly.Memory) ||
    typeof exports.matmul !== "function" ||
    typeof exports.transpose !== "function"
  ) {
    throw new Error("matmul.wasm does not export memory, matmul and transpose");
  }
  const memory = exports.memory;
  const kernel = /** @type {(...args: number[]) => void} */ (exports.matmul);
  const transpose = /** @type {(...args: number[]) => void} */ (exports.transpose);
  let heap = new Float32Array(memory.buffer);
  // Engines first run a module with a quick baseline compiler, several times slower here, and optimize a function
  // once it has done enough work. One dry run of that much work, reading the same few bytes over and over (zero
  // strides), asks for the optimized kernel now, while the page is still loading, not during the reader's first
  // products (in Pyodide the optimizing compiler otherwise took about 40 products, 50 ms, to come).
  kernel(0, 0, 0, 0, 0, 64, 32, 4, 250000, 8);

  /** Make the kernel's memory hold `floats` float32 values; false if the engine refuses to grow it. */
  function reserve(floats) {
    const missing = floats * FLOAT - memory.buffer.byteLength;
    if (missing > 0) {
      try {
        memory.grow(Math.ceil(missing / PAGE));
      } catch {
        return false;
      }
    }
    // growing detaches the old buffer, and with it every view on it
    if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
    return true;
  }

  /**
   * Calls `use` with a float32 buffer view of the numpy array `proxy`, released afterwards. Each view is used up
   * before the next is taken: taking one allocates in Pyodide's heap, and if that makes the heap grow, the views
   * taken before it are left on a detached buffer.
   */
  function withView(proxy, use) {
    const view = proxy.getBuffer("f32");
    try {
      if (view.ndim !== 2 || !isFloat32(view)) throw new Error("matmul: 2-D float32 arrays expected");
      return use(view);
    } finally {
      view.release();
    }
  }

  /**
   * out = a @ b for 2-D float32 numpy arrays (PyProxies): a and b each C- or Fortran-contiguous (a transposed
   * view is Fortran-contiguous), out C-contiguous of shape (m, n), inner size k >= 1. Returns false, leaving out
   * untouched, when the kernel's memory cannot grow enough; the caller then computes the product itself.
   *
   * The kernel works on blocks of 4 rows x 8 columns of C: m is rounded up to 4 and n to 8. The rows and
   * columns added read whatever lies past the operands (and only reach C's padding), so each region of the
   * kernel's memory has a little slack after it: [A][B][C][b.T before packing, if b is transposed].
   */
  function matmul(a, b, out) {
    const A = withView(a, (view) => {
      if (!view.c_contiguous && !view.f_contiguous) throw new Error("matmul: a must be contiguous");
      const [m, k] = view.shape;
      if (k < 1) throw new Error("matmul: empty inner dimension");
      const m4 = roundUp(m, 4);
      const next = roundUp(m4 * k + 8, 4); // where B goes
      if (!reserve(next)) return null;
      heap.set(view.data.subarray(view.offset, view.offset + m * k), 0);
      // strides in bytes: row-major, or column-major for a transposed view
      const [row, col] = view.c_contiguous ? [k * FLOAT, FLOAT] : [FLOAT, m * FLOAT];
      return { m, k, m4, row, col, next };
    });
    if (!A) return false;
    const { m, k, m4 } = A;

    const B = withView(b, (view) => {
      if (!view.c_contiguous && !view.f_contiguous) throw new Error("matmul: b must be contiguous");
      if (view.shape[0] !== k) throw new Error("matmul: shapes do not match");
      const n = view.shape[1];
      const n8 = roundUp(n, 8);
      const at = A.next;
      const values = view.data.subarray(view.offset, view.offset + k * n);
      if (view.c_contiguous) {
        const c = at + roundUp(k * n + 8, 4);
        if (!reserve(c + m4 * n8)) return null;
        heap.set(values, at);
        return { n, n8, at, ld: n * FLOAT, c };
      }
      // b is a transposed view: pack b.T (n rows of k) into B's rows, n8 + 8 floats apart. A row stride that is
      // a multiple of a large power of two (n = 1024) would put the rows the transpose writes at once into the
      // same cache set: four times slower.
      const packedRow = n8 + 8;
      const c = at + roundUp(k, 4) * packedRow;
      const t = c + m4 * n8;
      if (!reserve(t + roundUp(n, 4) * k + 8)) return null;
      heap.set(values, t);
      transpose(t * FLOAT, n, k, at * FLOAT, packedRow * FLOAT);
      return { n, n8, at, ld: packedRow * FLOAT, c };
    });
    if (!B) return false;
    const { n, n8 } = B;

    kernel(0, A.row, A.col, B.at * FLOAT, B.ld, B.c * FLOAT, n8 * FLOAT, m4, k, n8);

    withView(out, (C) => {
      if (C.shape[0] !== m || C.shape[1] !== n || !C.c_contiguous) throw new Error("matmul: bad out");
      if (n8 === n) {
        C.data.set(heap.subarray(B.c, B.c + m * n), C.offset);
      } else {
        for (let i = 0; i < m; i++) C.data.set(heap.subarray(B.c + i * n8, B.c + i * n8 + n), C.offset + i * n);
      }
    });
    return true;
  }

  return { matmul };
}

/**
 * `loadMatmulKernel` on the bytes `wasmBytes` resolves to, or null (with a warning, not an error: npgrad then
 * computes its products with numpy, only slower) if they never arrive or are not a working kernel.
 */
export async function loadMatmulKernelOrWarn(wasmBytes) {
  try {
    return await loadMatmulKernel(await wasmBytes);
  } catch (err) {
    console.warn(`npgrad: the SIMD matmul kernel is unusable (${err.message}); products use numpy`);
    return null;
  }
}
