import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

/**
 * Where proposals may write. The paths come from code for catalog changes and from the brain for
 * playbook changes, and both pass here: the check is on the normalised string, and anything that
 * is not exactly `catalog/<slug>.yaml` or `playbooks/<slug>.md` is refused — no `..`, no absolute
 * paths, no backslashes, no `.github/`, no other extensions, no nested folders.
 */
const CATALOG_FILE = /^catalog\/[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$/;
const PLAYBOOK_FILE = /^playbooks\/[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

export type WriteArea = "catalog" | "playbooks";

export function checkWritePath(path: string, area: WriteArea): Verdict | undefined {
  const pattern = area === "catalog" ? CATALOG_FILE : PLAYBOOK_FILE;
  if (pattern.test(path)) return undefined;
  return downgrade("path", "policy", `${describe(path)} is outside ${area === "catalog" ? "catalog/*.yaml" : "playbooks/*.md"}`);
}

/** A short, safe description of a refused path for the plan (never the full hostile string). */
function describe(path: string): string {
  const printable = path.replace(/[^\x20-\x7e]/g, "?");
  const shown = printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
  if (/(^|[\\/])\.github([\\/]|$)/i.test(path)) return `"${shown}" (under .github/)`;
  if (path.includes("..")) return `"${shown}" (parent-directory traversal)`;
  return `"${shown}"`;
}
