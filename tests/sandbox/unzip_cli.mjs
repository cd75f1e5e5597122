// Lists a zip the way the sandbox's worker reads it: {name: sha256 of the bytes} as JSON on stdout.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { unzip } from "../../sandbox/web/src/unzip.js";

const entries = await unzip(new Uint8Array(readFileSync(process.argv[2])));
const out = {};
for (const { name, data } of entries) out[name] = createHash("sha256").update(data).digest("hex");
process.stdout.write(JSON.stringify(out));
