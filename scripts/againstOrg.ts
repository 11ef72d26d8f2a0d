// The organization the other side of `plan --against` is resolved against (issue #37): account names and tags
// change under a config, so a name that names another account now, or a tag selector that reaches other
// accounts, shows only when each side is resolved against the organization of its time. In order: the file of
// --against-org; the --org file as committed at --against's ref, read as readAgainst reads the stack file
// (a resolved commit, `git show <commit>:./<path>`, no shell); else the --org file itself, said so.
import { execFileSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { OrganizationView } from "../components/targets";
import { loadOrganization, parseOrganization } from "./orgFile";
import { CommandError } from "./stackFile";

export interface AgainstOrganization {
  org: OrganizationView;
  /** Where the before side's organization was read: a file, `<ref>:<file>`, or the --org file itself. */
  label: string;
  /** Whether both sides were resolved against one organization (the same accounts, names and tags). */
  same: boolean;
}

/** The --org file at a commit, when git tracks it there; undefined when it does not (a new or outside file). */
function orgAtCommit(dir: string, commit: string, orgFile: string): string | undefined {
  const relative = path.relative(dir, orgFile);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  const git = (args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const object = `${commit}:./${relative.split(path.sep).join("/")}`;
  try {
    git(["cat-file", "-e", object]);
  } catch {
    return undefined;
  }
  return git(["show", object]);
}

const accountsOf = (org: OrganizationView) =>
  JSON.stringify([org.managementAccountId, org.accounts, org.organizationalUnits]);

/** --against-org means something only beside --against and --org: refused otherwise, before anything is read. */
export function againstOrgUsage(values: Record<string, string | undefined>): void {
  const file = values["against-org"];
  if (file === undefined) return;
  if (!values.against) throw new CommandError(`--against-org ${file}: needs --against, the side it resolves`);
  if (!values.org)
    throw new CommandError(`--against-org ${file}: needs --org, the organization it is compared with`);
}

/**
 * The before side's organization. `after` is the --org file's (undefined without --org: then there is no
 * organization to compare, and --against-org is refused as meaningless).
 */
export function againstOrganization(
  dir: string,
  flags: { org?: string; againstOrg?: string; managementAccount?: string },
  after: OrganizationView,
  commit: { ref: string; hash: string } | undefined,
): AgainstOrganization | undefined {
  if (!flags.org) {
    if (flags.againstOrg)
      throw new CommandError(
        `--against-org ${flags.againstOrg}: needs --org, the organization it is compared with`,
      );
    return undefined;
  }
  const orgFile = path.resolve(dir, flags.org);
  let org: OrganizationView | undefined;
  let label = flags.org;
  if (flags.againstOrg) {
    const file = path.resolve(dir, flags.againstOrg);
    if (!existsSync(file)) throw new CommandError(`--against-org ${flags.againstOrg}: no such file`);
    org = loadOrganization(file, flags.managementAccount);
    label = flags.againstOrg;
  } else if (commit) {
    const text = orgAtCommit(dir, commit.hash, orgFile);
    if (text !== undefined) {
      label = `${commit.ref}:${path.basename(orgFile)}`;
      let doc: unknown;
      try {
        doc = parse(text);
      } catch (err) {
        throw new CommandError(`${label}: ${(err as Error).message}`);
      }
      org = parseOrganization(doc, label, flags.managementAccount);
    }
  }
  if (!org) return { org: after, label: flags.org, same: true };
  return { org, label, same: accountsOf(org) === accountsOf(after) };
}
