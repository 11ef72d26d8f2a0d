// Where the real Pulumi CLI is: `pulumi` on PATH, else the build .ci/pulumi-cli.sh caches.
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
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found)
    return { reason: "no Pulumi CLI on PATH or in the cache; build it with `bash .ci/pulumi-cli.sh`" };
  const version = execFileSync(found, ["version"], { encoding: "utf8" }).trim();
  return version === PULUMI_VERSION
    ? { path: found, reason: "" }
    : { reason: `${found} is Pulumi ${version}, not ${PULUMI_VERSION}` };
}
