// Bootstrap, pure: a stack's config written from what the console runbook left in AWS, so that adopting it
// shows no difference.
import { BootstrapLive } from "./views";
import { COMPONENT_NAME } from "../components/plan";
import { byKey } from "../components/values";

/** `path` + `name` as config writes a customer-managed policy. */
const policyReference = (pathAndName: string) => {
  const at = pathAndName.lastIndexOf("/") + 1;
  return { name: pathAndName.slice(at), path: pathAndName.slice(0, at) };
};

/**
 * A stack's config written from what exists, so that the imported resources show no difference: every
 * member with the identity-store fields the program manages, or as existing: true when an external identity
 * provider (SCIM) owns it or the console left out a field a new user needs.
 */
export function bootstrapConfig(live: BootstrapLive, project = COMPONENT_NAME): Record<string, unknown> {
  const compact = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  const ps = live.permissionSet;
  const admins = [...live.members].sort(byKey((u) => u.userName)).map((u) =>
    u.external || !u.email || !u.givenName || !u.familyName
      ? { userName: u.userName, existing: true }
      : compact({
          userName: u.userName,
          email: u.email,
          givenName: u.givenName,
          familyName: u.familyName,
          displayName: u.displayName,
          title: u.title,
          nickname: u.nickname,
          phoneNumber: u.phoneNumber,
          locale: u.locale,
          timezone: u.timezone,
          preferredLanguage: u.preferredLanguage,
          address: u.address && Object.keys(u.address).length > 0 ? u.address : undefined,
        }),
  );
  return compact({
    "aws:region": live.region,
    [`${project}:permissionSet`]: compact({
      name: ps.name,
      description: ps.description,
      sessionDuration: ps.sessionDuration,
      relayState: ps.relayState,
      tags: Object.keys(ps.tags).length > 0 ? ps.tags : undefined,
      // The set's guardrails: left out, adopt would drop them without a word.
      inlinePolicy: ps.inlinePolicy ? JSON.parse(ps.inlinePolicy) : undefined,
      customerManagedPolicies: ps.customerManagedPolicies?.length
        ? ps.customerManagedPolicies.map(policyReference)
        : undefined,
      permissionsBoundary: !ps.boundary
        ? undefined
        : ps.boundary.startsWith("arn:")
          ? { managedPolicyArn: ps.boundary }
          : { customerManagedPolicy: policyReference(ps.boundary) },
    }),
    [`${project}:group`]: compact({
      displayName: live.group.displayName,
      description: live.group.description,
    }),
    [`${project}:accounts`]: [...live.accounts].sort(),
    [`${project}:admins`]: admins,
  });
}
