// What every builder shares: the component as parent, secret handling of settings, the instance
// identifiers gated on target resolution, and the provider's partition.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AdminAccessComponentArgs } from "../adminAccess";
import { keptOutWhenDelegated, ManagementResolution } from "../families/managementPermissionSet";
import { TargetSpec } from "../spec";
import { Clock, ORGANIZATIONS_PACE, paced, systemClock } from "../pacing";
import {
  needsAccountList,
  OrgAccount,
  organizationView,
  Resolution,
  resolveTargets,
  tagCandidates,
  withTagsRead,
} from "../targets";
import { dictionary } from "../values";

export interface BuildContext {
  component: pulumi.ComponentResource;
  parent: { parent: pulumi.Resource };
  /** A value of a secret setting reaches the provider, and so the state, only as a secret. */
  input<T>(setting: string, value: pulumi.Input<T>): pulumi.Input<T>;
  /** Known only once the targets are resolved, so a selector problem registers nothing at all. */
  instanceArn: pulumi.Output<string>;
  identityStoreId: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  resolved: pulumi.Output<Resolution>;
  /** Register what people need to get back in with protect (docs/safety.md). */
  protect: boolean;
}

const NO_INSTANCE =
  "no IAM Identity Center instance found: Identity Center is not enabled in this region, or the credentials " +
  "are not for the organization's management account or a delegated-admin account. Check aws:region, or set " +
  "admin-access:instanceArn and admin-access:identityStoreId.";

/** The instance that ssoadmin.getInstances found; an organization has at most one. */
export function discoveredInstance(found: { arns: string[]; identityStoreIds: string[] }) {
  if (found.arns.length === 0 || found.identityStoreIds.length === 0) throw new Error(NO_INSTANCE);
  return { arn: found.arns[0], identityStoreId: found.identityStoreIds[0] };
}

/**
 * Looks the organization up once (and each selected OU) and resolves the targets against it. With
 * accountTags, also each ACTIVE account's tags, paced. With includeManagementAccount, also who is calling:
 * a delegated administrator keeps the management account out.
 */
export async function resolveOrganization(
  component: pulumi.Resource,
  targets: TargetSpec,
  clock: Clock = systemClock,
): Promise<ManagementResolution> {
  const opts = { parent: component };
  const withList = needsAccountList(targets);
  // DescribeOrganization alone suffices for the management-account rule, and any member may call it.
  const [organization, descendants, caller] = await Promise.all([
    aws.organizations.getOrganization(withList ? {} : { returnOrganizationOnly: true }, opts),
    Promise.all(
      targets.organizationalUnits.map((parentId) =>
        aws.organizations.getOrganizationalUnitDescendantAccounts({ parentId }, opts),
      ),
    ),
    targets.includeManagementAccount ? aws.getCallerIdentity({}, opts) : undefined,
  ]);
  const accounts = await withTags(component, targets, organization.accounts, clock);
  const resolution = resolveTargets(
    targets,
    organizationView(
      targets,
      { masterAccountId: organization.masterAccountId, accounts },
      Object.fromEntries(targets.organizationalUnits.map((ou, i) => [ou, descendants[i].accounts])),
    ),
  );
  return keptOutWhenDelegated(resolution, caller?.accountId);
}

/**
 * The accounts with the tags of each accountTags candidate, read with organizations.getResourceTags (the
 * provider's aws_organizations_resource_tags: ListTagsForResource to its last page, `tags` a key-to-value
 * map, empty for none; terraform-provider-aws internal/service/organizations/resource_tags_data_source.go),
 * paced within Organizations' rate. Without accountTags, the accounts as they are and no lookup.
 */
async function withTags(
  component: pulumi.Resource,
  targets: TargetSpec,
  accounts: OrgAccount[],
  clock: Clock,
): Promise<OrgAccount[]> {
  const candidates = tagCandidates(targets, accounts);
  if (candidates.length === 0) return accounts;
  const started = clock.now();
  const tags = await paced(
    candidates,
    (account) =>
      aws.organizations.getResourceTags({ resourceId: account.id }, { parent: component }).then(
        // A tag key such as `__proto__` or `constructor` is a key like any other.
        (found) => dictionary(Object.entries(found.tags ?? {})),
        (err: Error) => {
          const what =
            `accountTags: reading the tags of account ${account.id} with organizations.getResourceTags ` +
            "failed (the deployer needs organizations:ListTagsForResource)";
          throw new Error(err?.message ? `${what}: ${err.message}` : what);
        },
      ),
    ORGANIZATIONS_PACE,
    clock,
  );
  const seconds = ((clock.now() - started) / 1000).toFixed(1);
  pulumi.log.info(
    `admin-access: accountTags made ${candidates.length} organizations.getResourceTags lookups, one per ` +
      `ACTIVE account, at most ${ORGANIZATIONS_PACE.perSecond} a second (${seconds} s)`,
    component,
  );
  return withTagsRead(accounts, dictionary(candidates.map((a, i) => [a.id, tags[i]])));
}

/** The instance's identifiers, not yet gated on the targets: for lookups (reads), never for a child. */
export interface Instance {
  instanceArn: pulumi.Output<string>;
  identityStoreId: pulumi.Output<string>;
}

/** The instance from args, or discovered once when either of its identifiers is absent. */
export function instanceOf(component: pulumi.Resource, args: AdminAccessComponentArgs): Instance {
  if (args.instanceArn !== undefined && args.identityStoreId !== undefined) {
    return {
      instanceArn: pulumi.output(args.instanceArn),
      identityStoreId: pulumi.output(args.identityStoreId),
    };
  }
  const found = aws.ssoadmin.getInstancesOutput({}, { parent: component }).apply(discoveredInstance);
  return {
    instanceArn: pulumi.output(args.instanceArn ?? found.arn),
    identityStoreId: pulumi.output(args.identityStoreId ?? found.identityStoreId),
  };
}

export function buildContext(
  component: pulumi.ComponentResource,
  instance: Instance,
  secretSettings: string[],
  resolution: Promise<Resolution>,
  protect: boolean,
): BuildContext {
  const parent = { parent: component };
  const secrets = new Set(secretSettings);
  const input = <T>(setting: string, value: pulumi.Input<T>): pulumi.Input<T> =>
    secrets.has(setting) && value !== undefined ? (pulumi.secret(value) as pulumi.Output<T>) : value;
  const resolved = pulumi.output(resolution);
  // Every child waits for the targets through the instance identifiers.
  const gated = (value: pulumi.Input<string>) => pulumi.all([value, resolved]).apply(([v]) => v);
  return {
    component,
    parent,
    input,
    instanceArn: gated(input("instanceArn", instance.instanceArn)),
    identityStoreId: gated(input("identityStoreId", instance.identityStoreId)),
    // The provider answers from its own region, without an AWS call (GovCloud and China differ).
    partition: aws.getPartitionOutput({}, parent).partition,
    resolved,
    protect,
  };
}
