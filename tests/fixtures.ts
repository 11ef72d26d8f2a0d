import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessComponentArgs } from "../components/adminAccess";
import { stackFileConfig } from "../components/stackConfig";
import { IDENTITY_STORE_ID, INSTANCE_ARN, PROJECT, settled, valueOf } from "./mocks";

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
  "groupId",
  "permissionSetArn",
  "userIds",
  "usersNeedingSignInSetup",
];

export type StackOutputs = Record<string, pulumi.Output<unknown>>;

/** Runs index.ts, as `pulumi up` would, with the config of a stack file (relative to the repository). */
export async function runIndex(stackFile: string): Promise<StackOutputs> {
  const yamlText = readFileSync(path.resolve(__dirname, "..", stackFile), "utf8");
  pulumi.runtime.setAllConfig(stackFileConfig(yamlText, PROJECT));
  const entry = require.resolve("../index");
  delete require.cache[entry];
  const outputs = (await import("../index")) as unknown as StackOutputs;
  await valueOf(outputs.userIds);
  await settled();
  return outputs;
}
