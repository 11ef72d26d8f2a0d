// `npm run org-snapshot -- --output <file> [--stack <name>] [--profile <p>] [--region <r>]`: the offline
// plan's --org file from the live organization (read only): the management account, every account with its
// name and state (and, when ACTIVE, its tags), and every OU with all the accounts below it, nested OUs
// included. With --stack, it reads the AWS that stack's provider settings reach, as `pulumi up` would, and
// records which of the stack's existing admins the identity store holds (identityStore.users), so that the
// plan marks the others deferred.
// Exit codes (scripts/exitCodes.ts): 0 written; 1 usage or config; 4 an AWS or read failure.
import * as path from "path";
import { ORGANIZATIONS_PACE } from "../components/pacing";
import type { AdminAccessSpec } from "../components/spec";
import { isAwsError } from "../live/clients";
import { withTagsRead } from "../components/targets";
import { findInstance } from "../live/gather";
import type { LiveReader } from "../live/reader";
import type { IdentityStoreRecord } from "./orgFile";
import { failure } from "./awsErrors";
import { awsSettings, connect } from "./awsSettings";
import { AWS_FLAGS, CommandSpec, parseFlags } from "./command";
import { checkOutput, writeOutput } from "./output";
import { CommandResult, runMain } from "./render";
import { loadStack, stackFilePath } from "./stackFile";

export const ORG_SNAPSHOT: CommandSpec = {
  name: "org-snapshot",
  summary: "Write the offline plan's --org file from the live organization (read only).",
  flags: [
    { name: "output", value: "<file>", help: "the file to write (e.g. org.json)", required: true },
    {
      name: "stack",
      value: "<name>",
      help: "read the AWS of this stack's provider settings (aws:profile, aws:region, aws:assumeRoles)",
    },
    ...AWS_FLAGS,
  ],
  exits: ["ok", "usage", "aws"],
};

export async function runOrgSnapshot(argv: string[], dir: string): Promise<CommandResult> {
  let file = "";
  /** Which account and region were read, said on failure too: access denied where? */
  let line = "";
  try {
    const values = parseFlags(argv, ORG_SNAPSHOT);
    const stack = values.stack ? loadStack(dir, values.stack) : undefined;
    file = values.stack ? stackFilePath(dir, values.stack) : "";
    checkOutput(values.output && path.resolve(dir, values.output));
    const settings = awsSettings(stack && path.basename(stack.file), stack, values);
    const { reader, region, line: said } = await connect(settings);
    line = said;
    const [managementAccountId, accounts, organizationalUnits, identityStore] = await Promise.all([
      reader.managementAccountId(),
      reader.accounts(),
      reader.organizationalUnits(),
      stack && heldAdmins(reader, stack.stack, stack.spec, region),
    ]);
    // Every ACTIVE account's tags, as the component reads them for accountTags; others have none recorded.
    const active = accounts.filter((a) => a.state === "ACTIVE").map((a) => a.id);
    const tags = await tagsUnlessDenied(reader, active);
    const snapshot = {
      managementAccountId,
      accounts: withTagsRead(accounts, tags ?? {}).sort((a, b) => (a.id < b.id ? -1 : 1)),
      organizationalUnits: Object.fromEntries(
        Object.entries(organizationalUnits).sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      ...(identityStore && { identityStore }),
    };
    writeOutput(path.resolve(dir, values.output as string), JSON.stringify(snapshot, null, 2) + "\n");
    const ous = Object.keys(organizationalUnits).length;
    return {
      code: 0,
      stdout: "",
      stderr:
        `${line}wrote ${values.output}: ${accounts.length} accounts, ${ous} OUs, ` +
        (tags
          ? `the tags of ${active.length} ACTIVE accounts (${active.length} ListTagsForResource lookups, at ` +
            `most ${ORGANIZATIONS_PACE.perSecond} a second)`
          : "no tags: organizations:ListTagsForResource was denied (policies/reader-policy.json allows it), " +
            "so a stack that selects by accountTags cannot be planned from this file") +
        (identityStore ? `, ${identityStore.users.length} existing admin(s) in the identity store` : "") +
        "\n",
    };
  } catch (err) {
    const failed = failure(err, file);
    return { ...failed, stderr: line + failed.stderr };
  }
}

/**
 * Which of the stack's existing admins the identity store holds, looked up by userName as the component
 * does (GetUserId: ResourceNotFoundException is "not there", anything else fails the command). Only names
 * the stack file already has are written.
 */
async function heldAdmins(
  reader: LiveReader,
  stack: string,
  spec: AdminAccessSpec,
  region: string | undefined,
): Promise<IdentityStoreRecord> {
  const existing = spec.admins
    .filter((a) => a.existing)
    .map((a) => a.userName)
    .sort();
  if (existing.length === 0) return { stack, checked: [], users: [] };
  const { identityStoreId } = await findInstance(reader, spec, region);
  const found = await Promise.all(existing.map((u) => reader.userByName(identityStoreId, u)));
  return { stack, checked: existing, users: existing.filter((_, i) => found[i]) };
}

if (require.main === module) runMain(runOrgSnapshot);

/**
 * Every ACTIVE account's tags; none when ListTagsForResource is denied (a reader role from before tags were
 * recorded), so that stacks without accountTags still get their file, and said in the command's line.
 */
async function tagsUnlessDenied(reader: LiveReader, ids: string[]) {
  try {
    return await reader.accountTags(ids);
  } catch (err) {
    if (isAwsError(err) && err.name === "AccessDeniedException") return undefined;
    throw err;
  }
}
