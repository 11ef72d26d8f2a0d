import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessComponentArgs } from "../components/adminAccess";
import { engineConfig, parseProject, Project } from "../components/stackConfig";
import { IDENTITY_STORE_ID, INSTANCE_ARN, settled, valueOf } from "./mocks";
import { AuditPermissionSet } from "../analysis/views";

/** A valid config with one of everything; tests change one thing at a time. */
export function validArgs(overrides: Partial<AdminAccessComponentArgs> = {}): AdminAccessComponentArgs {
  return {
    instanceArn: INSTANCE_ARN,
    identityStoreId: IDENTITY_STORE_ID,
    permissionSet: { description: "Full access", sessionDuration: "PT4H", tags: { owner: "platform" } },
    group: { displayName: "Platform Admins", description: "Administrators" },
    accounts: ["111111111111", "012345678901"],
    admins: [
      { userName: "alice", email: "alice@example.com", givenName: "Alice", familyName: "Liddell" },
      { userName: "bob", existing: true },
      {
        userName: "carol",
        email: "carol@example.com",
        givenName: "Carol",
        familyName: "Danvers",
        title: "SRE",
      },
    ],
    ...overrides,
  };
}

/** The outputs of the stack program and the component, sorted. */
export const OUTPUT_NAMES = [
  "accessPortalUrl",
  "accountIds",
  "deferredAdmins",
  "groupId",
  "migrations",
  "permissionSetArn",
  "roleNamePrefixes",
  "rolePath",
  "unlistedMembers",
  "userIds",
  "usersNeedingSignInSetup",
];

export type StackOutputs = Record<string, pulumi.Output<unknown>>;

/** The repository's Pulumi.yaml, as the CLI reads it. */
export const project = (): Project =>
  parseProject(readFileSync(path.resolve(__dirname, "..", "Pulumi.yaml"), "utf8"));

/**
 * Runs index.ts, as `pulumi up` would, with the config the CLI hands it for a stack file's text: project
 * defaults merged, keys marked secret as the engine marks them. A stack the CLI would refuse is an error.
 */
export async function runIndexWith(yamlText: string, secretKeys: string[] = []): Promise<StackOutputs> {
  const engine = engineConfig(project(), yamlText, "test");
  if (engine.problems.length > 0)
    throw new Error(`the CLI would refuse the stack: ${engine.problems.join("; ")}`);
  pulumi.runtime.setAllConfig(engine.config, secretKeys);
  const entry = require.resolve("../index");
  delete require.cache[entry];
  const outputs = (await import("../index")) as unknown as StackOutputs;
  await valueOf(outputs.userIds);
  await settled();
  return outputs;
}

/** runIndexWith, for a stack file of the repository. */
export const runIndex = (stackFile: string): Promise<StackOutputs> =>
  runIndexWith(readFileSync(path.resolve(__dirname, "..", stackFile), "utf8"));

/** A permission set ARN of the test instance. */
export const permissionSetArn = (n: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${n}`;

/** A set as the audit sees it that holds AdministratorAccess and nothing else. */
export const auditedAdminSet = (name: string): AuditPermissionSet => ({
  arn: permissionSetArn(name),
  name,
  meaning: {
    reasons: ["AdministratorAccess"],
    verdict: "admin",
    inManagementAccount: "admin",
    paths: [],
    limitedBy: [],
    unreadable: [],
    problems: [],
  },
  outdatedAccounts: [],
  readFailures: [],
});
