// Adds the `resolved` tarball URL to every registry package of a package-lock.json.
//
// The project's lockfile deliberately carries no `resolved` URLs (no registry host is
// committed), but nixpkgs' fetchNpmDeps only fetches packages that have one. The flake runs
// this in postPatch, for the dependency fetch and the build alike, with the registry npm
// itself would use (`npm config get registry`), so both see the same lockfile.
//
// usage: node npm-lock-resolved.mjs REGISTRY_URL [package-lock.json]
import { readFileSync, writeFileSync } from "node:fs";

const [registryArg, lockPath = "package-lock.json"] = process.argv.slice(2);
if (!registryArg) {
  console.error("usage: npm-lock-resolved.mjs REGISTRY_URL [package-lock.json]");
  process.exit(2);
}
const registry = registryArg.endsWith("/") ? registryArg : `${registryArg}/`;
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
if (!lock.packages || lock.lockfileVersion < 2) {
  console.error(`${lockPath}: lockfileVersion 2 or 3 expected`);
  process.exit(1);
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  // The root, workspace links, bundled packages and anything already resolved stay as they are.
  if (path === "" || entry.link || entry.inBundle || entry.resolved || !entry.version) continue;
  // An alias (`"x": "npm:y@1"`) records the real name in `name`; otherwise the path says it.
  const name = entry.name ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  const base = name.startsWith("@") ? name.split("/")[1] : name;
  entry.resolved = `${registry}${name}/-/${base}-${entry.version}.tgz`;
  added += 1;
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.error(`npm-lock-resolved: added ${added} resolved URLs`);
