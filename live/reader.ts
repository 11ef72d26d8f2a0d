// The read-only view of the live organization: IAM Identity Center, its identity store and Organizations,
// as plain data for adoption and audit. Every list is read to its last page; a missing thing is undefined,
// never an error. Nothing here writes: the clients refuse any operation that is not a read.
import {
  DescribeGroupCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetUserIdCommand,
  paginateListGroupMemberships,
  ResourceNotFoundException as StoreNotFound,
  User,
} from "@aws-sdk/client-identitystore";
import {
  DescribeOrganizationCommand,
  ListTagsForResourceCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} from "@aws-sdk/client-organizations";
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  paginateListTagsForResource,
  ResourceNotFoundException as AdminNotFound,
} from "@aws-sdk/client-sso-admin";
import { LiveGroup, LivePermissionSet, LiveUserView as LiveUser } from "../analysis/views";
import { ORGANIZATIONS_PACE, paced } from "../components/pacing";
import { dictionary, visible } from "../components/values";
import { LiveClients } from "./clients";

/** A problem with AWS itself (no instance, no credentials, access denied): the commands' AWS failure (exit 4). */
export class AwsProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AwsProblem";
  }
}

export interface LiveInstance {
  instanceArn: string;
  identityStoreId: string;
}

// The reader fills the views of analysis/views.ts: a set's settings, a group, a user.
export type { LiveGroup, LivePermissionSet, LiveUser };

export interface LiveAssignment {
  accountId: string;
  permissionSetArn: string;
  principalType: "USER" | "GROUP";
  principalId: string;
}

export interface LiveAccount {
  id: string;
  name: string;
  state: string;
}

/** The largest page the Identity Center lists allow (MaxResults 1-100): fewer requests at the rate limit. */
const PAGE = 100;

const notFound = (err: unknown) => err instanceof StoreNotFound || err instanceof AdminNotFound;

/** A read's answer, or undefined when AWS says the thing does not exist; any other error stands. */
async function ifFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== "")) as T;

/** The user as the program's config writes it; fields the API leaves empty are absent. */
export function liveUser(user: User): LiveUser {
  const primary = <T extends { Primary?: boolean }>(list: T[] | undefined) =>
    list?.find((x) => x.Primary) ?? list?.[0];
  const address = primary(user.Addresses);
  return defined({
    userId: user.UserId as string,
    userName: user.UserName as string,
    displayName: user.DisplayName,
    givenName: user.Name?.GivenName,
    familyName: user.Name?.FamilyName,
    email: primary(user.Emails)?.Value,
    title: user.Title,
    nickname: user.NickName,
    phoneNumber: primary(user.PhoneNumbers)?.Value,
    locale: user.Locale,
    timezone: user.Timezone,
    preferredLanguage: user.PreferredLanguage,
    address:
      address &&
      defined({
        streetAddress: address.StreetAddress,
        locality: address.Locality,
        region: address.Region,
        postalCode: address.PostalCode,
        country: address.Country,
      }),
    external: (user.ExternalIds ?? []).length > 0,
  });
}

export class LiveReader {
  constructor(private readonly clients: LiveClients) {}

  async instances(): Promise<LiveInstance[]> {
    const all = await collect(
      paginateListInstances({ client: this.clients.ssoAdmin }, {}),
      (p) => p.Instances,
    );
    return all.map((i) => ({
      instanceArn: i.InstanceArn as string,
      identityStoreId: i.IdentityStoreId as string,
    }));
  }

  async permissionSetArns(instanceArn: string): Promise<string[]> {
    return collect(
      paginateListPermissionSets(
        { client: this.clients.ssoAdmin, pageSize: PAGE },
        { InstanceArn: instanceArn },
      ),
      (p) => p.PermissionSets,
    );
  }

  async permissionSet(instanceArn: string, arn: string): Promise<LivePermissionSet> {
    const { PermissionSet: ps } = await this.clients.ssoAdmin.send(
      new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }),
    );
    const tags = await collect(
      paginateListTagsForResource(
        { client: this.clients.ssoAdmin },
        { InstanceArn: instanceArn, ResourceArn: arn },
      ),
      (p) => p.Tags,
    );
    return defined({
      arn,
      name: ps?.Name as string,
      description: ps?.Description,
      sessionDuration: ps?.SessionDuration,
      relayState: ps?.RelayState,
      tags: dictionary(tags.map((t) => [t.Key as string, t.Value ?? ""])),
    });
  }

  /** Only the name: the audit reads every set, and tags would cost it a call each. */
  async permissionSetName(instanceArn: string, arn: string): Promise<string> {
    const { PermissionSet: ps } = await this.clients.ssoAdmin.send(
      new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }),
    );
    return ps?.Name as string;
  }

  /** The permission set of that name: names are unique in an instance, but only a full listing finds one. */
  async permissionSetByName(instanceArn: string, name: string): Promise<LivePermissionSet | undefined> {
    for (const arn of await this.permissionSetArns(instanceArn)) {
      const ps = await this.permissionSet(instanceArn, arn);
      if (ps.name === name) return ps;
    }
    return undefined;
  }

  async managedPolicies(instanceArn: string, permissionSetArn: string): Promise<string[]> {
    const all = await collect(
      paginateListManagedPoliciesInPermissionSet(
        { client: this.clients.ssoAdmin },
        { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn },
      ),
      (p) => p.AttachedManagedPolicies,
    );
    return all.map((p) => p.Arn as string);
  }

  async customerManagedPolicies(instanceArn: string, permissionSetArn: string): Promise<string[]> {
    const all = await collect(
      paginateListCustomerManagedPolicyReferencesInPermissionSet(
        { client: this.clients.ssoAdmin },
        { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn },
      ),
      (p) => p.CustomerManagedPolicyReferences,
    );
    return all.map((p) => `${p.Path ?? "/"}${p.Name}`);
  }

  async inlinePolicy(instanceArn: string, permissionSetArn: string): Promise<string | undefined> {
    const out = await this.clients.ssoAdmin.send(
      new GetInlinePolicyForPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: permissionSetArn,
      }),
    );
    return out.InlinePolicy || undefined;
  }

  /** The boundary's description (an ARN, or path and name of a customer-managed policy); undefined if none. */
  async permissionsBoundary(instanceArn: string, permissionSetArn: string): Promise<string | undefined> {
    const out = await ifFound(
      this.clients.ssoAdmin.send(
        new GetPermissionsBoundaryForPermissionSetCommand({
          InstanceArn: instanceArn,
          PermissionSetArn: permissionSetArn,
        }),
      ),
    );
    const b = out?.PermissionsBoundary;
    if (b?.ManagedPolicyArn) return b.ManagedPolicyArn;
    const ref = b?.CustomerManagedPolicyReference;
    return ref ? `${ref.Path ?? "/"}${ref.Name}` : undefined;
  }

  /** The accounts a set is provisioned to; with `outdated`, only those not running its latest version. */
  async accountsForPermissionSet(
    instanceArn: string,
    permissionSetArn: string,
    outdated = false,
  ): Promise<string[]> {
    return collect(
      paginateListAccountsForProvisionedPermissionSet(
        { client: this.clients.ssoAdmin, pageSize: PAGE },
        {
          InstanceArn: instanceArn,
          PermissionSetArn: permissionSetArn,
          ...(outdated ? { ProvisioningStatus: "LATEST_PERMISSION_SET_NOT_PROVISIONED" as const } : {}),
        },
      ),
      (p) => p.AccountIds,
    );
  }

  async assignments(
    instanceArn: string,
    accountId: string,
    permissionSetArn: string,
  ): Promise<LiveAssignment[]> {
    const all = await collect(
      paginateListAccountAssignments(
        { client: this.clients.ssoAdmin, pageSize: PAGE },
        { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn },
      ),
      (p) => p.AccountAssignments,
    );
    return all.map((a) => ({
      accountId: a.AccountId as string,
      permissionSetArn: a.PermissionSetArn as string,
      principalType: a.PrincipalType as "USER" | "GROUP",
      principalId: a.PrincipalId as string,
    }));
  }

  async groupByName(identityStoreId: string, displayName: string): Promise<LiveGroup | undefined> {
    const found = await ifFound(
      this.clients.identityStore.send(
        new GetGroupIdCommand({
          IdentityStoreId: identityStoreId,
          AlternateIdentifier: {
            UniqueAttribute: { AttributePath: "DisplayName", AttributeValue: displayName },
          },
        }),
      ),
    );
    return found && this.group(identityStoreId, found.GroupId as string);
  }

  async group(identityStoreId: string, groupId: string): Promise<LiveGroup> {
    const g = await this.clients.identityStore.send(
      new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: groupId }),
    );
    return defined({ groupId, displayName: g.DisplayName as string, description: g.Description });
  }

  async userByName(identityStoreId: string, userName: string): Promise<LiveUser | undefined> {
    const found = await ifFound(
      this.clients.identityStore.send(
        new GetUserIdCommand({
          IdentityStoreId: identityStoreId,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: "UserName", AttributeValue: userName } },
        }),
      ),
    );
    return found && this.user(identityStoreId, found.UserId as string);
  }

  async user(identityStoreId: string, userId: string): Promise<LiveUser> {
    const user = await this.clients.identityStore.send(
      new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: userId }),
    );
    return liveUser(user);
  }

  /** A principal's userName or display name; its ID when it no longer exists. */
  async principalName(identityStoreId: string, principalType: string, principalId: string): Promise<string> {
    const name =
      principalType === "USER"
        ? ifFound(this.user(identityStoreId, principalId).then((u) => u.userName))
        : ifFound(this.group(identityStoreId, principalId).then((g) => g.displayName));
    return (await name) ?? principalId;
  }

  /** The group's members: user ID and membership ID. */
  async memberships(
    identityStoreId: string,
    groupId: string,
  ): Promise<{ userId: string; membershipId: string }[]> {
    const all = await collect(
      paginateListGroupMemberships(
        { client: this.clients.identityStore, pageSize: PAGE },
        { IdentityStoreId: identityStoreId, GroupId: groupId },
      ),
      (p) => p.GroupMemberships,
    );
    return all.flatMap((m) =>
      m.MemberId && "UserId" in m.MemberId && m.MemberId.UserId
        ? [{ userId: m.MemberId.UserId, membershipId: m.MembershipId as string }]
        : [],
    );
  }

  async managementAccountId(): Promise<string> {
    const { Organization } = await this.clients.organizations.send(new DescribeOrganizationCommand({}));
    return Organization?.MasterAccountId as string;
  }

  async accounts(): Promise<LiveAccount[]> {
    const all = await collect(
      paginateListAccounts({ client: this.clients.organizations }, {}),
      (p) => p.Accounts,
    );
    return all.map((a) => ({
      id: a.Id as string,
      name: a.Name ?? "",
      state: (a.State ?? a.Status ?? "ACTIVE") as string,
    }));
  }

  /**
   * Each account's tags, by account ID, as the component's organizations.getResourceTags reads them
   * (ListTagsForResource to its last page), paced as the component paces them; a tag key such as
   * `constructor` is a key like any other.
   */
  async accountTags(ids: readonly string[]): Promise<Record<string, Record<string, string>>> {
    const read = async (id: string) => {
      const tags = dictionary<string>();
      const tokens = new Set<string>();
      let NextToken: string | undefined;
      do {
        const page = await this.clients.organizations.send(
          new ListTagsForResourceCommand({ ResourceId: id, NextToken }),
        );
        for (const tag of page.Tags ?? []) tags[tag.Key as string] = tag.Value ?? "";
        // A token answered twice would page forever: AWS's never repeat.
        if (page.NextToken !== undefined && tokens.has(page.NextToken))
          throw new AwsProblem(`Organizations ListTagsForResource of ${visible(id)} repeated a page token`);
        NextToken = page.NextToken;
        if (NextToken) tokens.add(NextToken);
      } while (NextToken);
      return tags;
    };
    const all = await paced(ids, read, ORGANIZATIONS_PACE);
    return dictionary(ids.map((id, i) => [id, all[i]]));
  }

  /**
   * The delegated administrator accounts of a service (`sso.amazonaws.com`: IAM Identity Center's), by ID.
   * Organizations answers this from the management account or its own delegated administrator only.
   */
  async delegatedAdministrators(servicePrincipal: string): Promise<string[]> {
    const all = await collect(
      paginateListDelegatedAdministrators(
        { client: this.clients.organizations },
        { ServicePrincipal: servicePrincipal },
      ),
      (p) => p.DelegatedAdministrators,
    );
    return all.map((a) => a.Id as string).sort();
  }

  /** Every OU of the organization with the accounts below it, nested OUs included. */
  async organizationalUnits(): Promise<Record<string, string[]>> {
    const client = { client: this.clients.organizations };
    const roots = await collect(paginateListRoots(client, {}), (p) => p.Roots);
    const result: Record<string, string[]> = dictionary();
    // Organizations' OUs are a tree; an endpoint that answers otherwise would make the walk loop forever.
    const walk = async (parentId: string, path: string[]): Promise<string[]> => {
      const direct = await collect(
        paginateListAccountsForParent(client, { ParentId: parentId }),
        (p) => p.Accounts,
      );
      const ous = await collect(
        paginateListOrganizationalUnitsForParent(client, { ParentId: parentId }),
        (p) => p.OrganizationalUnits,
      );
      const below = direct.map((a) => a.Id as string);
      const here = [...path, parentId];
      for (const ou of ous) {
        const id = ou.Id as string;
        if (here.includes(id) || id in result) {
          throw new AwsProblem(
            `Organizations listed the OU ${visible(id)} ${here.includes(id) ? "inside itself" : "under two parents"} ` +
              `(${[...here, id].map(visible).join(" > ")}); a real organization's OUs form a tree, so this ` +
              "endpoint's answer is not AWS's (check AWS_ENDPOINT_URL and any proxy)",
          );
        }
        const accounts = await walk(id, here);
        result[id] = [...accounts].sort();
        below.push(...accounts);
      }
      return below;
    };
    for (const root of roots) await walk(root.Id as string, []);
    return result;
  }
}
