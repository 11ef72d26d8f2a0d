import * as assert from "assert";
import { execFileSync } from "child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import {
  AdminAccessConfig,
  adminAccessProgram,
  PulumiCliMissingError,
  runAdminAccess,
  act,
  stackConfigFor,
  writeProgramConfig,
} from "../../automation";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { engineConfig, stackSettings } from "../../components/stackConfig";
import { AdminAccessConfigError } from "../../components/adminAccess";
import { OUTPUT_NAMES, project, runIndex } from "../fixtures";
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

  it("writes credentials as secrets", () => {
    const config = stackConfigFor({
      region: "eu-west-1",
      providerConfig: { "aws:accessKey": "AKIA", "aws:secretKey": "s", "aws:token": "t", "aws:profile": "p" },
    });
    assert.deepStrictEqual(config, {
      "aws:accessKey": { value: "AKIA", secret: true },
      "aws:secretKey": { value: "s", secret: true },
      "aws:token": { value: "t", secret: true },
      "aws:profile": { value: "p" },
      "aws:region": { value: "eu-west-1" },
    });
  });

  it("passes parallel (10 by default), continueOnError and refresh to the engine", async () => {
    const calls: [string, Record<string, unknown>][] = [];
    const summary = { resourceChanges: { create: 1 } };
    const stack = {
      preview: async (o: Record<string, unknown>) => (
        calls.push(["preview", o]),
        { changeSummary: { create: 1 } }
      ),
      up: async (o: Record<string, unknown>) => (
        calls.push(["up", o]),
        { summary, outputs: { a: { value: 1 } } }
      ),
      refresh: async (o: Record<string, unknown>) => (calls.push(["refresh", o]), { summary }),
      destroy: async (o: Record<string, unknown>) => (calls.push(["destroy", o]), { summary }),
    } as unknown as Parameters<typeof act>[0];
    const base = { stackName: "s", config: DEV_CONFIG, region: "eu-west-1" };
    await act(stack, { ...base, action: "preview" });
    await act(stack, { ...base, action: "up", parallel: 4, continueOnError: true, refresh: true });
    await act(stack, { ...base, action: "destroy", continueOnError: true });
    // The engine options, without the output streams.
    const opts = (i: number) => [
      calls[i][0],
      Object.fromEntries(Object.entries(calls[i][1]).filter(([k]) => !k.startsWith("on"))),
    ];
    assert.deepStrictEqual(opts(0), ["preview", { parallel: 10, refresh: false }]);
    assert.deepStrictEqual(opts(1), ["up", { parallel: 4, refresh: true, continueOnError: true }]);
    assert.deepStrictEqual(opts(2), ["destroy", { parallel: 10, refresh: false, continueOnError: true }]);
  });

  describe("a workDir that holds this project's Pulumi.yaml", () => {
    let workDir: string;
    beforeEach(() => {
      workDir = mkdtempSync(path.join(tmpdir(), "admin-access-workdir-"));
      copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(workDir, "Pulumi.yaml"));
    });
    afterEach(() => rmSync(workDir, { recursive: true, force: true }));

    it("gets the program's config in its stack file, which the CLI's rules then accept", async () => {
      // Only file operations are used, so the workspace needs no CLI.
      const workspace = await LocalWorkspace.create({
        workDir,
        pulumiCommand: { version: null } as unknown as PulumiCommand,
      });
      writeFileSync(path.join(workDir, "Pulumi.prod.yaml"), "config:\n  aws:region: eu-west-1\n");
      // Account IDs that YAML would read as numbers unless the writer quotes them.
      const config = { ...DEV_CONFIG, accounts: ["000000000001", "012345678901"] };
      await writeProgramConfig({ name: "prod", workspace }, "admin-access", config);
      const text = readFileSync(path.join(workDir, "Pulumi.prod.yaml"), "utf8");
      const engine = engineConfig(project(), text, "prod");
      assert.deepStrictEqual(engine.problems, []);
      assert.strictEqual(engine.config["aws:region"], "eu-west-1");
      // The settings are a null-prototype map (no key of Object.prototype is special): compared as entries.
      assert.deepStrictEqual({ ...stackSettings(engine.config, "admin-access", []).settings }, config);
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
          // One sentence with the fix; the SDK's own error stays available as the cause.
          assert.strictEqual(
            err.message,
            "The Pulumi CLI is not installed or not on PATH: install it from " +
              "https://www.pulumi.com/docs/iac/download-install/ and run again.",
          );
          assert.ok(err.cause instanceof Error);
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
