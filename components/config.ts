// The pure core's first half: raw config (stack YAML, Automation API objects or component args) in,
// every problem at once or a normalized, plain-data AdminAccessSpec out. Each config section states its
// shape, its cross-field rules and its normalization in components/validation/<section>.ts; this file
// composes them, in the order the config is written, and runs them once.
import { z } from "zod";
import { AdminAccessSpec } from "./spec";
import { isRecord, show } from "./values";
import * as admins from "./validation/admins";
import * as group from "./validation/group";
import * as management from "./validation/management";
import * as orgEvents from "./validation/orgEvents";
import { AdminAccessConfigError } from "./errors";
import { configShape } from "./validation/shape";
import { AllowedKeys, formatPath, unknownKeyProblems } from "./validation/messages";
import * as permissionSet from "./validation/permissionSet";
import * as selectors from "./validation/selectors";

export { ADMINISTRATOR_POLICY } from "./arns";
export { CONFIG_KEYS, UNSET_DEFAULTS } from "./validation/keys";
export { AdminAccessConfigError } from "./errors";
export { formatPath } from "./validation/messages";
export { durationSeconds, isUtcInstant } from "./validation/formats";
export { closest, distanceFrom, editDistance } from "./text";
export { byKey, visible } from "./values";
export * from "./spec";

const configSchema = z.object(configShape);

/** A zod issue in the user's words. */
function issueMessage(issue: z.core.$ZodIssue): string {
  // A nested validator (the inline policy's) states its own, deeper paths.
  if (issue.code === "custom" && (issue.params as { absolute?: boolean } | undefined)?.absolute)
    return issue.message;
  const at = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === "invalid_type") {
    return input === undefined
      ? `${at}: is required`
      : `${at}: ${show(input)} is not ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
  }
  if (issue.code === "invalid_union")
    return `${at}: ${show(input)} is not an AWS account ID: expected 12 digits`;
  return `${at}: ${issue.message}`;
}

const ALLOWED_KEYS: AllowedKeys = [
  [/^$/, Object.keys(configShape)],
  ...permissionSet.allowed,
  ...group.allowed,
  ...admins.allowed,
  ...management.allowed,
  ...orgEvents.allowed,
];

/** Every problem with a raw config, each led by its path as written, and the spec when there is none. */
export function checkConfig(raw: unknown): { problems: string[]; spec?: AdminAccessSpec } {
  if (!isRecord(raw)) return { problems: [`config: ${show(raw)} is not an object of admin-access settings`] };
  const problems: string[] = [];
  unknownKeyProblems(raw, "", ALLOWED_KEYS, problems);
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.map(issueMessage));
  selectors.problems(raw, problems);
  permissionSet.problems(raw, problems);
  group.problems(raw, problems);
  admins.problems(raw, problems);
  management.problems(raw, problems);
  if (problems.length > 0 || !parsed.success) return { problems };
  const c = parsed.data;
  return {
    problems,
    spec: {
      instanceArn: c.instanceArn,
      identityStoreId: c.identityStoreId,
      permissionSet: permissionSet.normalize(c.permissionSet),
      group: group.normalize(c.group),
      targets: selectors.normalize(c),
      assignmentConcurrency: c.assignmentConcurrency || undefined,
      admins: admins.normalize(c.admins),
      accessPortalUrl: c.accessPortalUrl,
      retainUsersOnDelete: c.retainUsersOnDelete ?? false,
      secretSettings: [...new Set(c.secretSettings ?? [])].sort(),
      allowNoAdmins: c.allowNoAdmins ?? false,
      protect: c.protect,
      breakGlass: management.normalizeBreakGlass(c.breakGlass),
      managementPermissionSet: management.normalizeManagementSet(c.managementPermissionSet),
      ...(c.orgEvents ? { orgEvents: orgEvents.normalize(c.orgEvents) } : {}),
    },
  };
}

/** Every problem with a raw config; empty when it is valid. */
export function configProblems(raw: unknown): string[] {
  return checkConfig(raw).problems;
}

/** Validates and normalizes raw config; throws one AdminAccessConfigError listing every problem. */
export function validateConfig(raw: unknown): AdminAccessSpec {
  const { problems, spec } = checkConfig(raw);
  if (!spec) throw new AdminAccessConfigError(problems);
  return spec;
}
