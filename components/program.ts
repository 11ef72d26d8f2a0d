// The one program: `pulumi up` (index.ts) and the Automation API (automation/) both run this.
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessComponent, AdminAccessComponentArgs } from "./adminAccess";
import { COMPONENT_NAME } from "./plan";
import { stackSettings } from "./stackConfig";

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
}

/** The SDK's own test of `PULUMI_CONFIG_SECRET_KEYS` (runtime/config.js); internal, so typed here. */
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret(key: string): boolean }).isConfigSecret;

/**
 * Reads this stack's config: every key the engine handed over, so that a key under a mistyped namespace
 * is an error rather than ignored. A key set with `--secret` (with `--path`, the whole top-level key is
 * secret) stays secret through secretSettings, or is refused where its value names a resource.
 */
export function readStackConfig(): AdminAccessConfig {
  const all = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(all).filter((key) => isConfigSecret(key));
  return stackSettings(all, pulumi.getProject(), secretKeys) as unknown as AdminAccessConfig;
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
  };
}
