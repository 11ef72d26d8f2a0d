// `npm run drift` as the drift tests run it: the repository's dev stack file (edited) in a scratch project,
// against the loopback fake AWS holding `org`; the check must never write.
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { runDrift } from "../../scripts/drift";
import { CommandResult } from "../../scripts/render";
import { AWS_ENV, withEnv } from "../live/env";
import { FakeOrganization, startFakeAws } from "../live/fakeAws";

const ROOT = path.join(__dirname, "..", "..");

export async function driftIn(
  org: FakeOrganization,
  { argv = [], edit = (t: string) => t, now }: { argv?: string[]; edit?: (t: string) => string; now?: Date },
): Promise<CommandResult & { calls: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-drift-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(
    path.join(dir, "Pulumi.dev.yaml"),
    edit(readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")),
  );
  const fake = await startFakeAws(org, { pageSize: 1 });
  try {
    const result = await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }, () =>
      runDrift(["--stack", "dev", ...argv], dir, now),
    );
    assert.deepStrictEqual(fake.writes, [], "the drift check never writes");
    return { ...result, calls: fake.calls };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
