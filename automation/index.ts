// Embedding: run the admin-access program from another Node tool through the Pulumi Automation API.
import { existsSync, rmSync } from "fs";
import * as path from "path";
import {
  ConfigMap,
  EngineEvent,
  LocalWorkspace,
  OpMap,
  PulumiCommand,
  PulumiFn,
  Stack,
  UpdateSummary,
} from "@pulumi/pulumi/automation";
import { validateConfig } from "../components/config";
import { AdminAccessConfig, deployAdminAccess } from "../components/program";

export { AdminAccessConfig } from "../components/program";
export { AdminAccessConfigError, configProblems, validateConfig } from "../components/config";

export type AdminAccessAction = "preview" | "up" | "refresh" | "destroy";

export interface RunAdminAccessOptions {
  /** Stack to create or select, e.g. "prod" or "org/admin-access/prod". */
  readonly stackName: string;
  /** The program's config: the same fields as the stack config, without the namespace. */
  readonly config: AdminAccessConfig;
  readonly action: AdminAccessAction;
  /** AWS region where IAM Identity Center is enabled; set as aws:region. */
  readonly region: string;
  /** Further provider config, e.g. { "aws:profile": "management" }. Default: none. */
  readonly providerConfig?: Record<string, string>;
  /**
   * Workspace directory, e.g. a checkout of this project: its Pulumi.yaml is used as it is, and the config
   * is written to its Pulumi.<stack>.yaml so that the CLI's config checks pass. Default: a temporary
   * directory, removed after the run.
   */
  readonly workDir?: string;
  /** Default: "admin-access". */
  readonly projectName?: string;
  /** Environment for the Pulumi CLI, e.g. PULUMI_BACKEND_URL or AWS credentials. Default: this process's. */
  readonly envVars?: Record<string, string>;
  /** Each line of the engine's progress output. */
  readonly onOutput?: (line: string) => void;
  /** Each structured engine event. */
  readonly onEvent?: (event: EngineEvent) => void;
  /**
   * The most resource operations at once, as `pulumi up --parallel`. IAM Identity Center allows 10 account
   * assignments in progress per instance, hence the default. Default: 10.
   */
  readonly parallel?: number;
  /** Go on with independent resources after one fails (up and destroy), as `--continue-on-error`. Default: false. */
  readonly continueOnError?: boolean;
  /** Refresh the state from AWS before the action (preview, up, destroy), as `--refresh`. Default: false. */
  readonly refresh?: boolean;
}

export interface RunAdminAccessResult {
  action: AdminAccessAction;
  /** Resource operations by kind: planned for preview, performed otherwise. */
  changes: OpMap;
  /** The update's summary; absent for preview. */
  summary?: UpdateSummary;
  /** The stack outputs after `up`, as plain values. */
  outputs?: Record<string, unknown>;
}

/** Thrown before anything is touched when the Pulumi CLI, which the Automation API drives, cannot run. */
export class PulumiCliMissingError extends Error {
  constructor(cause: unknown) {
    super(
      "The Pulumi CLI is not installed or not on PATH: install it from " +
        "https://www.pulumi.com/docs/iac/download-install/ and run again.",
      { cause },
    );
    this.name = "PulumiCliMissingError";
  }
}

/** Provider settings that are credentials, and so are written as secrets. */
const CREDENTIAL_KEYS = new Set(["aws:accessKey", "aws:secretKey", "aws:token"]);

/** The inline program: one AdminAccessComponent from a plain config object, with index.ts's outputs. */
export function adminAccessProgram(config: AdminAccessConfig): PulumiFn {
  return async () => deployAdminAccess(config);
}

/**
 * The stack config an embedded run sets: the region and provider settings only, credentials as secrets.
 * The program's own config travels in the inline program's closure, so account IDs stay the strings they
 * were and never pass through config paths, which would turn "012345678901" into a number.
 */
export function stackConfigFor(options: Pick<RunAdminAccessOptions, "region" | "providerConfig">): ConfigMap {
  const values: Record<string, string> = { ...options.providerConfig, "aws:region": options.region };
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      CREDENTIAL_KEYS.has(key) ? { value, secret: true } : { value },
    ]),
  );
}

/**
 * With a workDir that holds this project's Pulumi.yaml, the CLI checks the stack against its declared keys
 * (group and admins are required) before the inline program runs, so the program's config is written to
 * the stack file too: plain settings as YAML values, which keep their types, and secret settings encrypted
 * through `pulumi config set-all --json` (CLI 3.202.0 or later), which keeps objects objects.
 */
export async function writeProgramConfig(
  stack: Pick<Stack, "name" | "workspace">,
  project: string,
  config: AdminAccessConfig,
): Promise<void> {
  const secret = new Set(config.secretSettings ?? []);
  const entries = Object.entries(config).filter(([, value]) => value !== undefined);
  const settings = await stack.workspace.stackSettings(stack.name);
  settings.config = { ...settings.config };
  for (const [key, value] of entries.filter(([key]) => !secret.has(key)))
    settings.config[`${project}:${key}`] = value;
  await stack.workspace.saveStackSettings(stack.name, settings);
  const secrets = entries.filter(([key]) => secret.has(key));
  if (secrets.length > 0) {
    const json = Object.fromEntries(
      secrets.map(([key, value]) => [
        `${project}:${key}`,
        typeof value === "string"
          ? { value, secret: true }
          : { value: JSON.stringify(value), objectValue: value, secret: true },
      ]),
    );
    await stack.workspace.setAllConfigJson(stack.name, JSON.stringify(json));
  }
}

/** Runs one action on one stack and returns what it did; fails before touching anything on bad input. */
export async function runAdminAccess(options: RunAdminAccessOptions): Promise<RunAdminAccessResult> {
  let pulumiCommand: PulumiCommand;
  try {
    pulumiCommand = await PulumiCommand.get();
  } catch (err) {
    throw new PulumiCliMissingError(err);
  }
  validateConfig(options.config);

  const projectName = options.projectName ?? "admin-access";
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName, projectName, program: adminAccessProgram(options.config) },
    { workDir: options.workDir, envVars: options.envVars, pulumiCommand },
  );
  try {
    if (options.workDir && existsSync(path.join(options.workDir, "Pulumi.yaml"))) {
      await writeProgramConfig(stack, projectName, options.config);
    }
    await stack.setAllConfig(stackConfigFor(options));
    return await act(stack, options);
  } finally {
    // The Automation API makes a temporary workspace when given none, and leaves it behind.
    if (!options.workDir) rmSync(stack.workspace.workDir, { recursive: true, force: true });
  }
}

/** Runs the action on a stack with the engine options the wrapper promises (parallel 10 unless told). */
export async function act(
  stack: Pick<Stack, "preview" | "up" | "refresh" | "destroy">,
  options: RunAdminAccessOptions,
): Promise<RunAdminAccessResult> {
  const common = {
    onOutput: options.onOutput,
    onEvent: options.onEvent,
    parallel: options.parallel ?? 10,
  };
  const refresh = options.refresh ?? false;
  const continueOnError = options.continueOnError ?? false;
  switch (options.action) {
    case "preview": {
      const result = await stack.preview({ ...common, refresh });
      return { action: "preview", changes: result.changeSummary };
    }
    case "up": {
      const result = await stack.up({ ...common, refresh, continueOnError });
      const outputs = Object.fromEntries(Object.entries(result.outputs).map(([key, o]) => [key, o.value]));
      return {
        action: "up",
        changes: result.summary.resourceChanges ?? {},
        summary: result.summary,
        outputs,
      };
    }
    case "refresh": {
      const result = await stack.refresh(common);
      return { action: "refresh", changes: result.summary.resourceChanges ?? {}, summary: result.summary };
    }
    case "destroy": {
      const result = await stack.destroy({ ...common, refresh, continueOnError });
      return { action: "destroy", changes: result.summary.resourceChanges ?? {}, summary: result.summary };
    }
  }
}
