// The one program: `pulumi up` (index.ts) and the Automation API (automation/) both run this.
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessComponent, AdminAccessComponentArgs } from "./adminAccess";
import { COMPONENT_NAME } from "./plan";
import { adminAccessSettings } from "./stackConfig";

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
}

/** Reads this stack's `admin-access:` config as it was written; the component validates it. */
export function readStackConfig(): AdminAccessConfig {
  const settings = adminAccessSettings(pulumi.runtime.allConfig(), pulumi.getProject());
  return settings as unknown as AdminAccessConfig;
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
  };
}
