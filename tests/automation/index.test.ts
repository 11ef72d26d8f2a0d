import * as assert from "assert";
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import {
  AdminAccessConfig,
  adminAccessProgram,
  PulumiCliMissingError,
  runAdminAccess,
  stackConfigFor,
} from "../../automation";
import { AdminAccessConfigError } from "../../components/adminAccess";
import { TYPES } from "../../components/plan";
import { OUTPUT_NAMES, runIndex } from "../fixtures";
import { mocks, settled, snapshot } from "../mocks";

/** Pulumi.dev.yaml, written as the plain config object an embedding tool would pass. */
const DEV_CONFIG: AdminAccessConfig = {
  permissionSet: {
    name: "AdministratorAccess",
    description: "Full administrator access, granted through the platform admin group",
    sessionDuration: "PT4H",
    tags: { owner: "platform-team", "cost-center": "4200" },
  },
  group: {
    displayName: "Platform Admins",
    description: "Administrators of the organization's workload accounts",
  },
  accounts: ["012345678901", "210987654321"],
  admins: [
    {
      userName: "alice",
      email: "alice@example.com",
      givenName: "Alice",
      familyName: "Liddell",
      title: "Platform Engineer",
    },
    { userName: "bob@example.com", existing: true },
  ],
};

describe("automation", () => {
  describe("adminAccessProgram", () => {
    it("registers what index.ts registers for the equivalent stack file", async () => {
      await runIndex("Pulumi.dev.yaml");
      const fromIndex = snapshot();
      mocks.reset();
      const outputs = await adminAccessProgram(DEV_CONFIG)();
      await settled();
      assert.ok(fromIndex.length > 0);
      assert.deepStrictEqual(snapshot(), fromIndex);
      assert.deepStrictEqual(Object.keys(outputs ?? {}).sort(), OUTPUT_NAMES);
    });

    it("keeps 12-digit account IDs with leading zeros as strings, through JSON too", async () => {
      const config = JSON.parse(
        JSON.stringify({ ...DEV_CONFIG, accounts: ["000000000001", "012345678901"] }),
      );
      await adminAccessProgram(config)();
      await settled();
      assert.deepStrictEqual(
        mocks
          .ofType(TYPES.assignment)
          .map((a) => a.inputs.targetId)
          .sort(),
        ["000000000001", "012345678901"],
      );
    });

    it("validates like the component: bad config throws before anything is registered", async () => {
      await assert.rejects(
        adminAccessProgram({ ...DEV_CONFIG, accounts: ["12345678901"] })(),
        AdminAccessConfigError,
      );
      await settled();
      assert.deepStrictEqual(mocks.registrations, []);
    });
  });

  describe("stackConfigFor", () => {
    it("sets the region and provider config, as plain values and nothing else", () => {
      assert.deepStrictEqual(
        stackConfigFor({ region: "us-gov-west-1", providerConfig: { "aws:profile": "mgmt" } }),
        {
          "aws:profile": { value: "mgmt" },
          "aws:region": { value: "us-gov-west-1" },
        },
      );
    });

    it("the region option wins over a provider-config region", () => {
      assert.deepStrictEqual(
        stackConfigFor({ region: "eu-west-1", providerConfig: { "aws:region": "us-east-1" } }),
        {
          "aws:region": { value: "eu-west-1" },
        },
      );
    });
  });

  describe("runAdminAccess without the Pulumi CLI", () => {
    const originalPath = process.env.PATH;
    let workDir: string;
    beforeEach(() => {
      workDir = mkdtempSync(path.join(tmpdir(), "admin-access-nocli-"));
      process.env.PATH = workDir; // a PATH with no pulumi on it
    });
    afterEach(() => {
      process.env.PATH = originalPath;
      rmSync(workDir, { recursive: true, force: true });
    });

    it("throws one clear error naming the CLI and how to install it, touching nothing", async () => {
      await assert.rejects(
        runAdminAccess({
          stackName: "dev",
          config: DEV_CONFIG,
          action: "preview",
          region: "eu-west-1",
          workDir,
        }),
        (err: unknown) => {
          assert.ok(err instanceof PulumiCliMissingError);
          assert.match(err.message, /^The Pulumi CLI could not be run/);
          assert.match(err.message, /https:\/\/www\.pulumi\.com\/docs\/iac\/download-install\//);
          return true;
        },
      );
      assert.deepStrictEqual(readdirSync(workDir), []);
    });
  });

  describe("a live round trip", () => {
    // It grants real administrator access, so it needs the CLI, credentials and an explicit target account.
    const reason = liveSkipReason();
    it(`preview, up and destroy against a temporary file backend${reason ? ` (skipped: ${reason})` : ""}`, async function () {
      if (reason) this.skip();
      this.timeout(15 * 60 * 1000);
      const backend = mkdtempSync(path.join(tmpdir(), "admin-access-live-"));
      const run = (action: "preview" | "up" | "destroy") =>
        runAdminAccess({
          stackName: "live-test",
          action,
          region: process.env.AWS_REGION ?? "us-east-1",
          config: {
            group: { displayName: `admin-access-live-test-${process.pid}` },
            accounts: [process.env.ADMIN_ACCESS_LIVE_ACCOUNT as string],
            admins: [],
          },
          envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "live-test" },
        });
      try {
        assert.ok(((await run("preview")).changes.create ?? 0) >= 4);
        const up = await run("up");
        assert.deepStrictEqual(up.outputs?.accountIds, [process.env.ADMIN_ACCESS_LIVE_ACCOUNT]);
      } finally {
        await run("destroy");
        rmSync(backend, { recursive: true, force: true });
      }
    });
  });
});

function liveSkipReason(): string | undefined {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
  } catch {
    return "no pulumi CLI on PATH";
  }
  if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE)
    return "no AWS credentials in the environment";
  if (!process.env.ADMIN_ACCESS_LIVE_ACCOUNT)
    return "ADMIN_ACCESS_LIVE_ACCOUNT (a sandbox account ID) is not set";
  return undefined;
}
