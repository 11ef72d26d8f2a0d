// The one program: `pulumi up` (index.ts) and the Automation API (automation/) both run this.
import * as pulumi from "@pulumi/pulumi";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { AdminAccessComponent, AdminAccessComponentArgs, AdminAccessConfigError } from "./adminAccess";
import { configProblems } from "./config";
import { COMPONENT_NAME } from "./plan";
import { ambiguousKeys, parseProject, stackSettings } from "./stackConfig";

/** The program's config, plain data: the stack config's `admin-access:` keys, without the namespace. */
export interface AdminAccessConfig extends Omit<AdminAccessComponentArgs, "instanceArn" | "identityStoreId"> {
  readonly instanceArn?: string;
  readonly identityStoreId?: string;
}

/** What the program exports as stack outputs. */
export interface AdminAccessOutputs {
  permissionSetArn: pulumi.Output<string>;
  groupId: pulumi.Output<string>;
  userIds: pulumi.Output<Record<string, string>>;
  accountIds: pulumi.Output<string[]>;
  accessPortalUrl: pulumi.Output<string>;
  usersNeedingSignInSetup: pulumi.Output<string[]>;
  unlistedMembers: pulumi.Output<string[]>;
  deferredAdmins: pulumi.Output<string[]>;
  roleNamePrefixes: pulumi.Output<Record<string, string>>;
  rolePath: pulumi.Output<string>;
  /** Read back by later releases (components/migration.ts): keep it exported. */
  migrations: pulumi.Output<string[]>;
}

/** The SDK's own test of `PULUMI_CONFIG_SECRET_KEYS` (runtime/config.js); internal, so typed here. */
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret(key: string): boolean }).isConfigSecret;

/**
 * Reads this stack's config: every key the engine handed over, so that a key under a mistyped namespace
 * is an error rather than ignored. A key set with `--secret` (with `--path`, the whole top-level key is
 * secret) stays secret through secretSettings, or is refused where its value names a resource. The
 * engine has already picked one of two spellings of a key at random, so the project's stack file in `dir`
 * (where `pulumi up` runs the program) is read for them too. Only then is the config validated, once,
 * by the component.
 */
export function readStackConfig(dir = process.cwd()): AdminAccessConfig {
  const project = pulumi.getProject();
  const all = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(all).filter((key) => isConfigSecret(key));
  const { settings, slips } = stackSettings(all, project, secretKeys);
  const problems = [...stackFileAmbiguity(dir, project, pulumi.getStack()), ...slips];
  if (problems.length > 0) throw new AdminAccessConfigError([...problems, ...configProblems(settings)]);
  return settings as unknown as AdminAccessConfig;
}

/** Two spellings of one key in this project's stack file, when `dir` holds this project. */
function stackFileAmbiguity(dir: string, project: string, stack: string): string[] {
  const projectFile = path.join(dir, "Pulumi.yaml");
  if (!existsSync(projectFile)) return [];
  const parsed = parseProject(readFileSync(projectFile, "utf8"));
  // Where the CLI read it from: Pulumi.yaml's stackConfigDir, else beside it.
  const file = path.join(dir, parsed.stackConfigDir, `Pulumi.${stack.split("/").pop()}.yaml`);
  if (parsed.name !== project || !existsSync(file)) return [];
  return ambiguousKeys(readFileSync(file, "utf8"), project).map((p) => `${path.basename(file)}: ${p}`);
}

/** Builds one AdminAccessComponent from config and returns its outputs. */
export function deployAdminAccess(config: AdminAccessConfig): AdminAccessOutputs {
  const access = new AdminAccessComponent(COMPONENT_NAME, config);
  return {
    permissionSetArn: access.permissionSetArn,
    groupId: access.groupId,
    userIds: access.userIds,
    accountIds: access.accountIds,
    accessPortalUrl: access.accessPortalUrl,
    usersNeedingSignInSetup: access.usersNeedingSignInSetup,
    unlistedMembers: access.unlistedMembers,
    deferredAdmins: access.deferredAdmins,
    roleNamePrefixes: access.roleNamePrefixes,
    rolePath: access.rolePath,
    migrations: access.migrations,
  };
}
