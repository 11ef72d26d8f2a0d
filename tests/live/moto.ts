// moto's server as a second, independent AWS for the live commands: started on 127.0.0.1 and a free port,
// seeded by tests/live/moto_seed.py through boto3. Its python comes from `.ci/moto.sh` (a venv under
// ~/.cache/admin-access) or ADMIN_ACCESS_MOTO_PYTHON.
//
// Where moto 5.2.5 differs from AWS (read from its moto/ssoadmin and checked by tests/live/moto.test.ts):
// - GetPermissionsBoundaryForPermissionSet and ListTagsForResource are not implemented: it answers HTTP 500
//   with an HTML page. AWS answers the boundary (or ResourceNotFoundException) and the tags.
// - ListAccountsForProvisionedPermissionSet lists only what ProvisionPermissionSet provisioned, to the
//   caller's own account, and ignores ProvisioningStatus; AWS provisions a set to every account an
//   assignment names. So through moto the audit sees no holders and no drift.
// The project's fake (tests/live/fakeAws.ts) serves those paths: tests/scripts/audit.test.ts.
import { ChildProcess, execFileSync, spawn } from "child_process";
import { existsSync } from "fs";
import { createServer } from "net";
import { homedir } from "os";
import * as path from "path";

export interface Moto {
  url: string;
  /** What the seed generated: account IDs, the instance, the OU. */
  seed: {
    managementAccountId: string;
    instanceArn: string;
    identityStoreId: string;
    ou: string;
    accounts: { prod: string; dev: string };
  };
  stop(): Promise<void>;
}

/** The venv's python with moto and boto3, or why there is none. */
export function motoPython(): { python?: string; missing?: string } {
  const python =
    process.env.ADMIN_ACCESS_MOTO_PYTHON ??
    path.join(homedir(), ".cache", "admin-access", "moto-venv", "bin", "python");
  if (!existsSync(python)) return { missing: `no moto venv at ${python} (run bash .ci/moto.sh)` };
  try {
    execFileSync(python, ["-c", "import moto, boto3"], { stdio: "ignore" });
    return { python };
  } catch {
    return { missing: `${python} cannot import moto and boto3 (run bash .ci/moto.sh)` };
  }
}

/**
 * moto's python for a suite's `before`: the suite is skipped with a one-line reason on a machine without it,
 * and fails in CI (CI=true), where .ci/run installs it.
 */
export function motoOrSkip(suite: Mocha.Context): string {
  const { python, missing } = motoPython();
  if (python) return python;
  if (process.env.CI === "true") throw new Error(`moto is required in CI: ${missing}`);
  console.log(`      (skipped: ${missing})`);
  return suite.skip();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ready(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`moto's server exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("moto's server did not answer within 10 s");
}

/** Starts moto's server on the loopback and seeds it as a console-built organization. */
export async function startMoto(python: string, env: Record<string, string>): Promise<Moto> {
  const port = await freePort();
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await ready(url, child);
    const out = execFileSync(python, [path.join(__dirname, "moto_seed.py"), url], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    return {
      url,
      seed: JSON.parse(out) as Moto["seed"],
      stop: async () => {
        child.kill();
        if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
      },
    };
  } catch (err) {
    child.kill();
    throw err;
  }
}
