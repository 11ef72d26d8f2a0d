// The engine harness: the real Pulumi CLI (the one .ci/run builds, or `pulumi` on PATH) with a local
// backend in a temporary directory, the stand-in provider and language host first on PATH, and the
// simulated AWS in a world file that the provider writes and the live fake serves.
import { execFileSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { homedir, tmpdir } from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { EngineEvent, LocalWorkspace, OpType, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { deployAdminAccess, readStackConfig } from "../../components/program";
import { FakeOrganization } from "../live/fakeAws";
import { Expectation, loadWorld, saveWorld, World, WorldUser } from "./world";

const ROOT = path.resolve(__dirname, "../..");
const VERSION = "v3.274.1";

/**
 * A suite's `before`: the CLI, or the suite skipped with the one-line reason on a user's machine and failed in
 * CI, where .ci/run builds the CLI.
 */
export function cliOrSkip(ctx: Mocha.Context, what: string): { path: string } {
  const cli = findCli();
  if (!("missing" in cli)) return cli;
  if (process.env.CI === "true") throw new Error(`${what}: ${cli.missing}`);
  console.log(`    skipped: ${cli.missing}`);
  return ctx.skip();
}

/** The CLI to test with, or why there is none. */
export function findCli(): { path: string } | { missing: string } {
  const cached = path.join(
    process.env.ADMIN_ACCESS_CACHE ?? path.join(homedir(), ".cache/admin-access"),
    `pulumi-${VERSION}/bin/pulumi`,
  );
  const candidates = [cached];
  try {
    candidates.push(execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim());
  } catch {
    // not on PATH
  }
  const found = candidates.find((c) => c && existsSync(c));
  return found
    ? { path: found }
    : { missing: `no Pulumi CLI (run bash .ci/pulumi-cli.sh, or put pulumi on PATH)` };
}

export const INSTANCE = {
  arn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
  identityStoreId: "d-1234567890",
};
export const MANAGEMENT = "999999999999";

/** An organization with Identity Center enabled and nothing in it but what `extra` adds. */
/** An existing user, synced by SCIM: the admin every scenario has besides those it creates. */
export const BOB: WorldUser = {
  id: "90670000ff-1111-4000-8000-00000000b0b0",
  userName: "bob@example.com",
  displayName: "Bob Builder",
  givenName: "Bob",
  familyName: "Builder",
  email: "bob@example.com",
  external: true,
};

export function seedOrganization(extra: Partial<FakeOrganization> = {}): World["org"] {
  return {
    instance: INSTANCE,
    managementAccountId: MANAGEMENT,
    accounts: [MANAGEMENT, "012345678901", "210987654321", "111111111111", "333333333333"].map((Id) => ({
      Id,
      Name: `Account ${Id}`,
      State: "ACTIVE",
    })),
    ous: [{ id: "ou-prod-11111111", parent: "r-root", accounts: ["012345678901", "333333333333"] }],
    permissionSets: [],
    groups: [],
    users: [] as WorldUser[],
    memberships: [],
    assignments: [],
    ...extra,
  } as World["org"];
}

/** The scenarios run in this process, counted across the engine test files and printed at the end. */
export const tally = { count: 0, started: Date.now() };

/** What the engine did in one operation, by child resource: op is create, update, replace, delete, … */
export interface EngineRun {
  ops: { op: OpType; type: string; name: string }[];
  /** The engine's diagnostics (warnings and errors), as printed. */
  diagnostics: string[];
}

export class Engine {
  readonly dir = mkdtempSync(path.join(tmpdir(), "admin-access-engine-"));
  readonly world = path.join(this.dir, "world.json");
  readonly env: Record<string, string>;
  private readonly cli: PulumiCommand;

  private constructor(cli: PulumiCommand, org: World["org"]) {
    this.cli = cli;
    const bin = path.join(this.dir, "bin");
    mkdirSync(bin);
    mkdirSync(path.join(this.dir, "state"));
    const node = (file: string) =>
      `#!/bin/sh\nENGINE_WORLD='${this.world}' exec '${process.execPath}' -r '${require.resolve("ts-node/register/transpile-only")}' '${path.join(__dirname, file)}' "$@"\n`;
    writeFileSync(path.join(bin, "pulumi-resource-aws"), node("provider.ts"));
    writeFileSync(path.join(bin, "pulumi-language-nodejs"), node("langhost.ts"));
    chmodSync(path.join(bin, "pulumi-resource-aws"), 0o755);
    chmodSync(path.join(bin, "pulumi-language-nodejs"), 0o755);
    this.env = {
      PATH: `${bin}:${path.dirname(cli.command)}:${process.env.PATH}`,
      PULUMI_BACKEND_URL: `file://${path.join(this.dir, "state")}`,
      PULUMI_HOME: path.join(this.dir, "home"),
      PULUMI_CONFIG_PASSPHRASE: "engine-tests",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json"),
    };
    saveWorld(this.world, { org, others: {}, seq: 0, calls: [], violations: [] });
  }

  static async start(cliPath: string, org: World["org"]): Promise<Engine> {
    const cli = await PulumiCommand.get({
      root: path.dirname(path.dirname(cliPath)),
      skipVersionCheck: false,
    });
    return new Engine(cli, org);
  }

  read(): World {
    return loadWorld(this.world);
  }
  update(fn: (w: World) => void): void {
    const w = this.read();
    fn(w);
    saveWorld(this.world, w);
  }
  expect(e: Expectation | undefined): void {
    this.update((w) => (w.expect = e));
  }

  /** A project directory holding this project's Pulumi.yaml and the stack's file. */
  project(name: string): string {
    const dir = path.join(this.dir, name);
    if (!existsSync(dir)) {
      mkdirSync(dir);
      // The project as it is, but for `main`: the program is inline, and the CLI checks that main exists.
      const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
      delete project.main;
      writeFileSync(path.join(dir, "Pulumi.yaml"), stringify(project));
    }
    return dir;
  }

  writeStack(dir: string, stack: string, config: Record<string, unknown>): void {
    // YAML 1.1, as the CLI reads it: "2012-10-17" unquoted would reach the program as a timestamp.
    writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }, { version: "1.1" }));
  }

  /** The stack, with the project's own entry (index.ts's) as its inline program. */
  async stack(dir: string, stackName: string, breakIt?: pulumi.ResourceTransform): Promise<Stack> {
    const program = async () => {
      // A deliberately broken copy of the program, to show the checker catching what it breaks.
      if (breakIt) pulumi.runtime.registerResourceTransform(breakIt);
      return deployAdminAccess(readStackConfig());
    };
    return LocalWorkspace.createOrSelectStack(
      { stackName, projectName: "admin-access", program },
      { workDir: dir, envVars: this.env, pulumiCommand: this.cli },
    );
  }

  /** Runs preview, up or destroy and reports what the engine did to each resource. */
  async run(stack: Stack, action: "preview" | "up" | "destroy" | "refresh"): Promise<EngineRun> {
    const run: EngineRun = { ops: [], diagnostics: [] };
    const onEvent = (e: EngineEvent) => {
      const meta = e.resourcePreEvent?.metadata;
      if (meta && meta.op !== "same" && meta.op !== "read" && meta.type !== "pulumi:providers:aws") {
        run.ops.push({ op: meta.op, type: meta.type, name: meta.urn.split("::").pop() as string });
      }
      const d = e.diagnosticEvent;
      if (d && (d.severity === "warning" || d.severity === "error")) run.diagnostics.push(d.message.trim());
    };
    const options = { onEvent, parallel: 10 };
    if (action === "preview") await stack.preview(options);
    else if (action === "up") await stack.up(options);
    else if (action === "refresh") await stack.refresh(options);
    else await stack.destroy(options);
    return run;
  }
}
