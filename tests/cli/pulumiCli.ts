// Where the real Pulumi CLI is: a `pulumi` on PATH, else the build .ci/pulumi-cli.sh caches; only the
// version the oracle was read from counts.
import { execFileSync } from "child_process";
import { existsSync } from "fs";
import { homedir } from "os";
import * as path from "path";

export const PULUMI_VERSION = "v3.274.1";

/** The CLI's path, or why there is none (a test then skips, or fails in CI). */
export function findPulumiCli(): { path?: string; reason: string } {
  const cache = process.env.ADMIN_ACCESS_CACHE ?? path.join(homedir(), ".cache", "admin-access");
  const candidates = [
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "pulumi")),
    path.join(cache, `pulumi-${PULUMI_VERSION}`, "bin", "pulumi"),
  ].filter((file) => existsSync(file));
  const versions = candidates.map((file) => execFileSync(file, ["version"], { encoding: "utf8" }).trim());
  const found = candidates[versions.indexOf(PULUMI_VERSION)];
  if (found) return { path: found, reason: "" };
  return {
    reason:
      `no Pulumi CLI ${PULUMI_VERSION} on PATH or in ${cache}` +
      (candidates.length ? ` (found ${versions.join(", ")})` : "") +
      "; build it with `bash .ci/pulumi-cli.sh`",
  };
}
