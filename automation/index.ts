// Embedding: run the admin-access program from another Node tool through the Pulumi Automation API.
import {
  ConfigMap,
  EngineEvent,
  LocalWorkspace,
  OpMap,
  PulumiCommand,
  PulumiFn,
  UpdateSummary,
} from "@pulumi/pulumi/automation";
import { validateConfig } from "../components/config";
import { AdminAccessConfig, deployAdminAccess } from "../components/program";

export { AdminAccessConfig } from "../components/program";

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
  /** Workspace directory. Default: a temporary directory the Automation API makes. */
  readonly workDir?: string;
  /** Default: "admin-access". */
  readonly projectName?: string;
  /** Environment for the Pulumi CLI, e.g. PULUMI_BACKEND_URL or AWS credentials. Default: this process's. */
  readonly envVars?: Record<string, string>;
  /** Each line of the engine's progress output. */
  readonly onOutput?: (line: string) => void;
  /** Each structured engine event. */
  readonly onEvent?: (event: EngineEvent) => void;
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
      "The Pulumi CLI could not be run, and the Automation API needs it. Install it " +
        "(https://www.pulumi.com/docs/iac/download-install/, e.g. `curl -fsSL https://get.pulumi.com | sh` " +
        "or `brew install pulumi/tap/pulumi`) and put `pulumi` on PATH. Cause: " +
        (cause instanceof Error ? cause.message : String(cause)),
    );
    this.name = "PulumiCliMissingError";
  }
}

/** The inline program: one AdminAccessComponent from a plain config object, with index.ts's outputs. */
export function adminAccessProgram(config: AdminAccessConfig): PulumiFn {
  return async () => deployAdminAccess(config);
}

/**
 * The stack config an embedded run sets: the region and provider settings only. The program's own config
 * travels in the inline program's closure, so account IDs stay the strings they were and never pass
 * through config paths, which would turn "012345678901" into a number.
 */
export function stackConfigFor(options: Pick<RunAdminAccessOptions, "region" | "providerConfig">): ConfigMap {
  const values: Record<string, string> = { ...options.providerConfig, "aws:region": options.region };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }]));
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

  const stack = await LocalWorkspace.createOrSelectStack(
    {
      stackName: options.stackName,
      projectName: options.projectName ?? "admin-access",
      program: adminAccessProgram(options.config),
    },
    { workDir: options.workDir, envVars: options.envVars, pulumiCommand },
  );
  await stack.setAllConfig(stackConfigFor(options));

  const streams = { onOutput: options.onOutput, onEvent: options.onEvent };
  switch (options.action) {
    case "preview": {
      const result = await stack.preview(streams);
      return { action: "preview", changes: result.changeSummary };
    }
    case "up": {
      const result = await stack.up(streams);
      const outputs = Object.fromEntries(Object.entries(result.outputs).map(([key, o]) => [key, o.value]));
      return {
        action: "up",
        changes: result.summary.resourceChanges ?? {},
        summary: result.summary,
        outputs,
      };
    }
    case "refresh": {
      const result = await stack.refresh(streams);
      return { action: "refresh", changes: result.summary.resourceChanges ?? {}, summary: result.summary };
    }
    case "destroy": {
      const result = await stack.destroy(streams);
      return { action: "destroy", changes: result.summary.resourceChanges ?? {}, summary: result.summary };
    }
  }
}
