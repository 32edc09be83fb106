import { hash } from "node:crypto";
import type { CatalogFiles } from "./files.ts";

/** A content hash of the catalog files, independent of read order: the plan's base outside git. */
export function catalogTreeHash(files: CatalogFiles): string {
  const parts: (string | Uint8Array)[] = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path) ?? "";
    parts.push(`${path}\u0000${typeof content === "string" ? content : Buffer.from(content).toString("base64")}\u0000`);
  }
  return `sha256:${hash("sha256", parts.join(""), "hex")}`;
}
