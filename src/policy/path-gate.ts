import { PLAYBOOK_PATH } from "../domain/catalog.ts";
import { asciiOnly } from "../domain/text-safety.ts";
import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

/**
 * Where proposals may write. The paths come from code for catalog changes and from the brain for
 * playbook changes, and both pass here: the check is on the normalised string, and anything that
 * is not exactly `catalog/<slug>.yaml` or `playbooks/<slug>.md` is refused — no `..`, no absolute
 * paths, no backslashes, no `.github/`, no other extensions, no nested folders.
 */
const CATALOG_FILE = /^catalog\/[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$/;

export type WriteArea = "catalog" | "playbooks";

export function checkWritePath(path: string, area: WriteArea): Verdict | undefined {
  const pattern = area === "catalog" ? CATALOG_FILE : PLAYBOOK_PATH;
  if (pattern.test(path)) return undefined;
  return downgrade("path", "policy", `${describe(path)} is outside ${area === "catalog" ? "catalog/*.yaml" : "playbooks/*.md"}`);
}

/** A short, safe description of a refused path for the plan (never the full hostile string). */
function describe(path: string): string {
  const shown = asciiOnly(path, 80);
  if (/(^|[\\/])\.github([\\/]|$)/i.test(path)) return `"${shown}" (under .github/)`;
  if (path.includes("..")) return `"${shown}" (parent-directory traversal)`;
  return `"${shown}"`;
}
