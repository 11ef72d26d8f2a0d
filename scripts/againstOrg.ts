// The organization the other side of `plan --against` is resolved against (issue #37): account names and tags
// change under a config, so a name that names another account now, or a tag selector that reaches other
// accounts, shows only when each side is resolved against the organization of its time. In order: the file of
// --against-org; the --org file as committed at --against's ref (a resolved commit, its path from the
// repository's top, no shell); else, when git does not track it there, the --org file itself, said so.
import { existsSync, realpathSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { OrganizationView } from "../components/targets";
import { git } from "./git";
import { loadOrganization, parseOrganization } from "./orgFile";
import { CommandError } from "./stackFile";

export interface AgainstOrganization {
  org: OrganizationView;
  /** Where the before side's organization was read: a file, `<ref>:<file>`, or the --org file itself. */
  label: string;
  /** Whether both sides were resolved against one organization (the same accounts, names and tags). */
  same: boolean;
}

/**
 * The --org file at a commit, by its path from the repository's top (a project in a subdirectory may keep
 * org.json above it, `--org ../org.json`); undefined when git does not track it there (a new file). A path
 * outside the repository, or one that is a symlink or no file at the commit, is refused: git shows a symlink's
 * blob as its target's path, which is no snapshot, and using the --org file for both sides would hide every
 * rename and retag since.
 */
function orgAtCommit(
  dir: string,
  commit: string,
  flag: string,
  orgFile: string,
): { text: string; gitPath: string } | undefined {
  const top = git(dir, ["rev-parse", "--show-toplevel"]).trim();
  // git prints the top with symlinks resolved; the file's folder is resolved alike, the file itself is not.
  let folder = path.dirname(orgFile);
  try {
    folder = realpathSync(folder);
  } catch {
    // A folder that does not exist: the --org file was refused before; the path as written is compared.
  }
  const fromTop = path.relative(top, path.join(folder, path.basename(orgFile)));
  if (fromTop === "" || fromTop.startsWith("..") || path.isAbsolute(fromTop))
    throw new CommandError(
      `--org ${flag}: outside the git repository at ${top}, so it has no version at the --against ref: ` +
        "name the before side's organization with --against-org <file>",
    );
  const gitPath = fromTop.split(path.sep).join("/");
  // Literal, so that no character of the path is a pathspec pattern; `--` ends the options.
  const entry = git(top, ["--literal-pathspecs", "ls-tree", "-z", commit, "--", gitPath]).split("\0")[0];
  const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
  if (!match || match[4] !== gitPath) return undefined;
  const [, mode, type, object] = match;
  if (type !== "blob" || (mode !== "100644" && mode !== "100755"))
    throw new CommandError(
      `--org ${flag}: at the --against ref, ${gitPath} is ${mode === "120000" ? "a symbolic link" : `a ${type}`}, ` +
        "not a file: name the before side's organization with --against-org <file>",
    );
  return { text: git(top, ["cat-file", "blob", object]), gitPath };
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
    const tracked = orgAtCommit(dir, commit.hash, flags.org, orgFile);
    if (tracked !== undefined) {
      const { text, gitPath } = tracked;
      // As git names it: the path from the repository's top.
      label = `${commit.ref}:${gitPath}`;
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
