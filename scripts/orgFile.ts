// The offline plan's view of the organization, from a file validated like config: every problem at once,
// each with the file's name and its path (`accounts[2].id`). `npm run org-snapshot` writes it; the AWS
// CLI's `aws organizations list-accounts` output and a bare list of accounts are read as they are, with
// --management-account, since the file must name its management account.
import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { OrgAccount, OrganizationView } from "../components/targets";
import { dictionary, hiddenIn, isRecord, show, visible } from "../components/values";
import { CommandError } from "./stackFile";

const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const STATES = ["ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED", "PENDING_ACTIVATION"];

/**
 * An account ID as written: a quoted string of 12 digits, or a number that still has 12 digits. An unquoted
 * ID with a leading zero lost it, and must not silently stop matching (it disabled the management guard).
 */
function accountId(value: unknown, at: string, problems: string[]): string | undefined {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text === "string" && ACCOUNT_ID.test(text)) return text;
  problems.push(
    typeof value === "number"
      ? `${at}: ${value} is a number with ${String(value).length} digits: an unquoted account ID loses its leading zeros; quote it`
      : `${at}: ${show(value)} is not an AWS account ID: expected 12 digits`,
  );
  return undefined;
}

/**
 * An account's tags as org-snapshot records them, a map of key to value: absent means never read (a file
 * from before tags were recorded, so accountTags refuses to resolve against it), `{}` means no tags. Read
 * into a map with no prototype, so that a tag key `constructor` or `__proto__` is a key like any other.
 */
function accountTags(value: unknown, at: string, problems: string[]): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push(`${at}: ${show(value)} is not a map of tag keys to values`);
    return undefined;
  }
  const entries = Object.entries(value);
  for (const [key, v] of entries) {
    if (key.length === 0 || key.length > 128)
      problems.push(`${at}: ${show(key)} is not a tag key: AWS allows 1 to 128 characters`);
    if (typeof v !== "string") problems.push(`${at}.${visible(key)}: ${show(v)} is not a string`);
    else if (v.length > 256)
      problems.push(`${at}.${visible(key)}: a value of ${v.length} characters; AWS allows up to 256`);
  }
  return dictionary(entries.filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * What `org-snapshot --stack` recorded of the identity store: the stack it was written for, the existing
 * admins it looked up (`checked`) and those the store held (`users`); only names the stack file already has,
 * so the file adds nothing to git that config does not. A name not checked is unknown, never "not held".
 */
export interface IdentityStoreRecord {
  stack: string;
  checked: string[];
  users: string[];
}

/** The organization file: the organization, and optionally the identity store's record. */
export type OrgFile = OrganizationView & { identityStore?: IdentityStoreRecord };

/** The optional identityStore record, every problem with its path. */
function identityStoreRecord(doc: unknown, problems: string[]): IdentityStoreRecord | undefined {
  const record = isRecord(doc) ? doc.identityStore : undefined;
  if (record === undefined) return undefined;
  const shape = "{ stack: <name>, checked: [<userName>, ...], users: [<userName>, ...] }";
  if (!isRecord(record) || !Array.isArray(record.users) || !Array.isArray(record.checked)) {
    problems.push(`identityStore: ${show(record)} is not ${shape} (written by org-snapshot --stack)`);
    return undefined;
  }
  for (const key of Object.keys(record).filter((k) => !["stack", "checked", "users"].includes(k)))
    problems.push(
      `identityStore.${visible(key)}: is not a field of identityStore (stack, checked and users are)`,
    );
  if (typeof record.stack !== "string" || record.stack.length === 0 || hiddenIn(record.stack))
    problems.push(`identityStore.stack: ${show(record.stack)} is not a stack name`);
  const checked = userNames(record.checked, "identityStore.checked", problems);
  const users = userNames(record.users, "identityStore.users", problems);
  const lookedUp = new Set(checked.map((u) => u.toLowerCase()));
  users.forEach((u, i) => {
    if (!lookedUp.has(u.toLowerCase()))
      problems.push(
        `identityStore.users[${i}]: ${show(u)} is not in identityStore.checked; only a checked name can be held`,
      );
  });
  return { stack: String(record.stack), checked, users };
}

/** A list of userNames: each 1-128 characters without spaces or hidden characters, none twice ignoring case. */
function userNames(list: unknown[], at: string, problems: string[]): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((u, i) => {
    if (typeof u !== "string" || u.length < 1 || u.length > 128 || /\s/.test(u) || hiddenIn(u))
      return void problems.push(
        `${at}[${i}]: ${show(u)} is not a userName (1-128 characters, no spaces or hidden characters)`,
      );
    // The identity store's userNames are unique ignoring case.
    const first = seen.get(u.toLowerCase());
    if (first !== undefined) problems.push(`${at}[${i}]: ${show(u)} repeats ${at}[${first}]`);
    else seen.set(u.toLowerCase(), i);
    names.push(u);
  });
  return names;
}

/** Reads an organization document; throws a CommandError listing every problem. */
export function parseOrganization(doc: unknown, file: string, managementAccount?: string): OrgFile {
  const problems: string[] = [];
  const list = Array.isArray(doc) ? doc : isRecord(doc) ? (doc.accounts ?? doc.Accounts) : undefined;
  if (!Array.isArray(list)) {
    throw new CommandError(
      `${file}: expected an "accounts" list (or the AWS CLI's {"Accounts": [...]}, or a list of accounts)`,
    );
  }
  const accounts: OrgAccount[] = [];
  const seen = new Map<string, string>();
  list.forEach((entry, i) => {
    const at = `accounts[${i}]`;
    if (!isRecord(entry))
      return void problems.push(`${at}: ${show(entry)} is not an account ({ id, name, state })`);
    const id = accountId(entry.id ?? entry.Id, `${at}.id`, problems);
    const name = entry.name ?? entry.Name ?? "";
    const state = entry.state ?? entry.State ?? entry.Status ?? "ACTIVE";
    if (typeof name !== "string") problems.push(`${at}.name: ${show(name)} is not a string`);
    if (typeof state !== "string" || !STATES.includes(state)) {
      problems.push(`${at}.state: ${show(state)} is not one of ${STATES.join(", ")}`);
    }
    const tags = accountTags(entry.tags, `${at}.tags`, problems);
    if (!id) return;
    const first = seen.get(id);
    if (first) problems.push(`${at}.id: "${id}" repeats ${first}.id; each account may appear once`);
    else seen.set(id, at);
    const account: OrgAccount = { id, name: String(name), state: String(state) };
    accounts.push(tags === undefined ? account : { ...account, tags });
  });

  const byId = new Map(accounts.map((a) => [a.id, a]));
  const organizationalUnits = dictionary<OrgAccount[]>();
  const ous = isRecord(doc) ? (doc.organizationalUnits ?? {}) : {};
  if (!isRecord(ous))
    problems.push(`organizationalUnits: ${show(ous)} is not a map of OU IDs to account IDs`);
  else {
    for (const [ou, ids] of Object.entries(ous)) {
      const at = `organizationalUnits.${ou}`;
      if (!OU_ID.test(ou)) problems.push(`${at}: "${ou}" is not an OU ID such as ou-ab12-cdef3456`);
      if (!Array.isArray(ids)) {
        problems.push(`${at}: ${show(ids)} is not a list of account IDs`);
        continue;
      }
      organizationalUnits[ou] = [];
      ids.forEach((value, i) => {
        const id = accountId(value, `${at}[${i}]`, problems);
        if (id && !byId.has(id)) problems.push(`${at}[${i}]: "${id}" is not in the accounts list`);
        else if (id) organizationalUnits[ou].push(byId.get(id) as OrgAccount);
      });
    }
  }

  let managementAccountId: string | undefined;
  if (managementAccount !== undefined) {
    managementAccountId = accountId(managementAccount, "--management-account", problems);
  } else if (isRecord(doc) && doc.managementAccountId !== undefined) {
    managementAccountId = accountId(doc.managementAccountId, "managementAccountId", problems);
  } else {
    // Without it the management account would be planned as an ordinary target, with the members' set.
    problems.push(
      "managementAccountId: is required: the organization's management account ID (`aws organizations " +
        "describe-organization` MasterAccountId), so that it is never planned as an ordinary target; or pass " +
        "--management-account <id>. `npm run org-snapshot` writes a complete file",
    );
  }
  const identityStore = identityStoreRecord(doc, problems);
  if (problems.length > 0) {
    throw new CommandError(
      `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return { managementAccountId, accounts, organizationalUnits, ...(identityStore && { identityStore }) };
}

/** The organization from --org (JSON or YAML) and/or --management-account; without them, explicit IDs only. */
export function loadOrganization(file: string | undefined, managementAccount: string | undefined): OrgFile {
  if (!file) {
    if (managementAccount !== undefined && !ACCOUNT_ID.test(managementAccount)) {
      throw new CommandError(
        `--management-account: ${show(managementAccount)} is not an AWS account ID: expected 12 digits`,
      );
    }
    return { managementAccountId: managementAccount, organizationalUnits: {} };
  }
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new CommandError(`${path.basename(file)}: ${(err as Error).message}`);
  }
  return parseOrganization(doc, path.basename(file), managementAccount);
}
