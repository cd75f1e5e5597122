// Compiles matmul.wat to WebAssembly with wabt (a devDependency): at build time for the site (prepare.mjs) and at
// start-up for the Node test runner, so the binary always comes from the committed source and none is committed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), "matmul.wat");

/** The bytes of matmul.wasm, compiled from matmul.wat and validated. */
export async function compileKernel() {
  const wabt = await initWabt();
  const module = wabt.parseWat(SOURCE, readFileSync(SOURCE, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
