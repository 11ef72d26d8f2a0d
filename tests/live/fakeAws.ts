// A small fake of the three AWS APIs the live view reads (sso-admin, identitystore, organizations), served
// on the loopback only, in their wire protocol (AWS JSON 1.1: a POST whose X-Amz-Target header names the
// operation). Lists come in pages of `pageSize`; chosen requests answer ThrottlingException; every write
// is refused and recorded, so a test can prove none was tried.
import { createServer, Server } from "http";
import { AddressInfo } from "net";

export interface FakePermissionSet {
  arn: string;
  name: string;
  description?: string;
  sessionDuration?: string;
  relayState?: string;
  tags?: Record<string, string>;
  managedPolicies?: string[];
  inlinePolicy?: string;
  customerManagedPolicies?: { Name: string; Path?: string }[];
  boundary?: { ManagedPolicyArn?: string; CustomerManagedPolicyReference?: { Name: string; Path?: string } };
  /** Accounts still running an older version of the set (LATEST_PERMISSION_SET_NOT_PROVISIONED). */
  outdatedAccounts?: string[];
}

export interface FakeUser {
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  title?: string;
  external?: boolean;
}

export interface FakeOrganization {
  instance?: { arn: string; identityStoreId: string };
  managementAccountId: string;
  accounts: { Id: string; Name: string; State: string }[];
  /** OU ID to parent ID ("r-root" for the root) and its direct accounts. */
  ous?: { id: string; parent: string; accounts: string[] }[];
  rootAccounts?: string[];
  /** Delegated administrator accounts by service principal (ListDelegatedAdministrators), e.g. sso.amazonaws.com. */
  delegatedAdmins?: Record<string, string[]>;
  permissionSets: FakePermissionSet[];
  groups: { id: string; displayName: string; description?: string }[];
  users: FakeUser[];
  memberships: { id: string; groupId: string; userId: string }[];
  assignments: {
    accountId: string;
    permissionSetArn: string;
    principalType: "USER" | "GROUP";
    principalId: string;
  }[];
}

export interface FakeAws {
  url: string;
  /** Every operation received, in order, e.g. "SWBExternalService.ListInstances". */
  calls: string[];
  /** Operations that were refused because they would write. */
  writes: string[];
  close(): Promise<void>;
}

export interface FakeOptions {
  pageSize?: number;
  /** Request numbers (1-based) that answer ThrottlingException. */
  throttle?: number[];
  /** Operations that answer AccessDeniedException. */
  deny?: string[];
  /** Operations that answer HTTP 500 with an HTML page, as moto's server does for some (see tests/live/moto.ts). */
  html500?: string[];
  /** Every n-th request answers ThrottlingException, as AWS does to a client above its rate. */
  throttleEvery?: number;
}

type Body = Record<string, unknown>;
class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function page<T>(items: T[], body: Body, pageSize: number, key: string): Body {
  // A request's MaxResults may ask for smaller pages than the fake's own, never larger.
  const size = Math.min(pageSize, Number(body.MaxResults ?? pageSize));
  const start = Number(body.NextToken ?? 0);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { [key]: items.slice(start, start + size), ...(next ? { NextToken: next } : {}) };
}

function handlers(org: FakeOrganization, size: number): Record<string, (body: Body) => Body> {
  const ps = (arn: unknown) => {
    const found = org.permissionSets.find((p) => p.arn === arn);
    if (!found) throw new AwsError("ResourceNotFoundException", `no permission set ${arn}`);
    return found;
  };
  const user = (id: unknown) => {
    const u = org.users.find((x) => x.id === id);
    if (!u) throw new AwsError("ResourceNotFoundException", `no user ${id}`);
    return u;
  };
  const attribute = (body: Body) =>
    (body.AlternateIdentifier as { UniqueAttribute: { AttributeValue: string } }).UniqueAttribute
      .AttributeValue;
  const below = (parent: string) => org.ous?.filter((o) => o.parent === parent) ?? [];
  return {
    "SWBExternalService.ListInstances": (b) =>
      page(
        org.instance
          ? [{ InstanceArn: org.instance.arn, IdentityStoreId: org.instance.identityStoreId }]
          : [],
        b,
        size,
        "Instances",
      ),
    "SWBExternalService.ListPermissionSets": (b) =>
      page(
        org.permissionSets.map((p) => p.arn),
        b,
        size,
        "PermissionSets",
      ),
    "SWBExternalService.DescribePermissionSet": (b) => {
      const p = ps(b.PermissionSetArn);
      return {
        PermissionSet: {
          PermissionSetArn: p.arn,
          Name: p.name,
          Description: p.description,
          SessionDuration: p.sessionDuration ?? "PT1H",
          RelayState: p.relayState,
        },
      };
    },
    "SWBExternalService.ListTagsForResource": (b) =>
      page(
        Object.entries(ps(b.ResourceArn).tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        b,
        size,
        "Tags",
      ),
    "SWBExternalService.ListManagedPoliciesInPermissionSet": (b) =>
      page(
        (ps(b.PermissionSetArn).managedPolicies ?? []).map((Arn) => ({ Arn, Name: Arn.split("/").pop() })),
        b,
        size,
        "AttachedManagedPolicies",
      ),
    "SWBExternalService.ListCustomerManagedPolicyReferencesInPermissionSet": (b) =>
      page(ps(b.PermissionSetArn).customerManagedPolicies ?? [], b, size, "CustomerManagedPolicyReferences"),
    "SWBExternalService.GetInlinePolicyForPermissionSet": (b) => ({
      InlinePolicy: ps(b.PermissionSetArn).inlinePolicy ?? "",
    }),
    "SWBExternalService.GetPermissionsBoundaryForPermissionSet": (b) => {
      const boundary = ps(b.PermissionSetArn).boundary;
      if (!boundary) throw new AwsError("ResourceNotFoundException", "no permissions boundary");
      return { PermissionsBoundary: boundary };
    },
    "SWBExternalService.ListAccountsForProvisionedPermissionSet": (b) => {
      const outdated = ps(b.PermissionSetArn).outdatedAccounts ?? [];
      const provisioned = [
        ...new Set(
          org.assignments.filter((a) => a.permissionSetArn === b.PermissionSetArn).map((a) => a.accountId),
        ),
      ];
      const accounts =
        b.ProvisioningStatus === "LATEST_PERMISSION_SET_NOT_PROVISIONED"
          ? outdated
          : b.ProvisioningStatus === "LATEST_PERMISSION_SET_PROVISIONED"
            ? provisioned.filter((a) => !outdated.includes(a))
            : provisioned;
      return page([...accounts].sort(), b, size, "AccountIds");
    },
    "SWBExternalService.ListAccountAssignments": (b) =>
      page(
        org.assignments
          .filter((a) => a.accountId === b.AccountId && a.permissionSetArn === b.PermissionSetArn)
          .map((a) => ({
            AccountId: a.accountId,
            PermissionSetArn: a.permissionSetArn,
            PrincipalType: a.principalType,
            PrincipalId: a.principalId,
          })),
        b,
        size,
        "AccountAssignments",
      ),
    "AWSIdentityStore.GetGroupId": (b) => {
      const g = org.groups.find((x) => x.displayName === attribute(b));
      if (!g) throw new AwsError("ResourceNotFoundException", "GROUP not found");
      return { GroupId: g.id, IdentityStoreId: b.IdentityStoreId };
    },
    "AWSIdentityStore.DescribeGroup": (b) => {
      const g = org.groups.find((x) => x.id === b.GroupId);
      if (!g) throw new AwsError("ResourceNotFoundException", "GROUP not found");
      return {
        GroupId: g.id,
        DisplayName: g.displayName,
        Description: g.description,
        IdentityStoreId: b.IdentityStoreId,
      };
    },
    "AWSIdentityStore.GetUserId": (b) => {
      const u = org.users.find((x) => x.userName === attribute(b));
      if (!u) throw new AwsError("ResourceNotFoundException", "USER not found");
      return { UserId: u.id, IdentityStoreId: b.IdentityStoreId };
    },
    "AWSIdentityStore.DescribeUser": (b) => {
      const u = user(b.UserId);
      return {
        UserId: u.id,
        UserName: u.userName,
        DisplayName: u.displayName,
        Name: { GivenName: u.givenName, FamilyName: u.familyName },
        Emails: u.email ? [{ Value: u.email, Type: "work", Primary: true }] : undefined,
        Title: u.title,
        ExternalIds: u.external ? [{ Issuer: "https://scim.example.com", Id: `ext-${u.id}` }] : undefined,
        IdentityStoreId: b.IdentityStoreId,
      };
    },
    "AWSIdentityStore.ListGroupMemberships": (b) =>
      page(
        org.memberships
          .filter((m) => m.groupId === b.GroupId)
          .map((m) => ({
            MembershipId: m.id,
            GroupId: m.groupId,
            MemberId: { UserId: m.userId },
            IdentityStoreId: b.IdentityStoreId,
          })),
        b,
        size,
        "GroupMemberships",
      ),
    "AWSOrganizationsV20161128.DescribeOrganization": () => ({
      Organization: { Id: "o-example", MasterAccountId: org.managementAccountId, FeatureSet: "ALL" },
    }),
    "AWSOrganizationsV20161128.ListAccounts": (b) => page(org.accounts, b, size, "Accounts"),
    "AWSOrganizationsV20161128.ListDelegatedAdministrators": (b) =>
      page(
        (org.delegatedAdmins?.[String(b.ServicePrincipal)] ?? []).map((id) => ({
          Id: id,
          Arn: `arn:aws:organizations::${org.managementAccountId}:account/o-example/${id}`,
          Status: "ACTIVE",
        })),
        b,
        size,
        "DelegatedAdministrators",
      ),
    "AWSOrganizationsV20161128.ListRoots": (b) => page([{ Id: "r-root", Name: "Root" }], b, size, "Roots"),
    "AWSOrganizationsV20161128.ListAccountsForParent": (b) => {
      const ids =
        b.ParentId === "r-root"
          ? (org.rootAccounts ?? [])
          : (org.ous?.find((o) => o.id === b.ParentId)?.accounts ?? []);
      return page(
        org.accounts.filter((a) => ids.includes(a.Id)),
        b,
        size,
        "Accounts",
      );
    },
    "AWSOrganizationsV20161128.ListOrganizationalUnitsForParent": (b) =>
      page(
        below(b.ParentId as string).map((o) => ({ Id: o.id, Name: o.id })),
        b,
        size,
        "OrganizationalUnits",
      ),
  };
}

/** Serves the fake on 127.0.0.1 and a free port, never any other address. */
export async function startFakeAws(org: FakeOrganization, options: FakeOptions = {}): Promise<FakeAws> {
  const ops = handlers(org, options.pageSize ?? 1);
  const calls: string[] = [];
  const writes: string[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      calls.push(target);
      requests++;
      const reply = (status: number, body: Body) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(body));
      };
      const error = (type: string, message: string) => reply(400, { __type: type, message });
      const operation = target.split(".").pop() ?? "";
      if (!/^(List|Describe|Get)[A-Z]/.test(operation)) {
        writes.push(target);
        return error("AccessDeniedException", `the fake refuses every write: ${target}`);
      }
      if (options.throttle?.includes(requests)) return error("ThrottlingException", "Rate exceeded");
      if (options.throttleEvery && requests % options.throttleEvery === 0)
        return error("ThrottlingException", "Rate exceeded");
      if (options.html500?.includes(operation)) {
        res.writeHead(500, { "content-type": "text/html; charset=utf-8" });
        return res.end(
          "<!doctype html>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n",
        );
      }
      if (options.deny?.includes(operation))
        return error("AccessDeniedException", `User is not authorized to perform ${operation}`);
      const handler = ops[target];
      if (!handler) return error("UnknownOperationException", `the fake does not serve ${target}`);
      try {
        reply(200, handler(raw ? JSON.parse(raw) : {}));
      } catch (err) {
        if (err instanceof AwsError) return error(err.type, err.message);
        reply(500, { __type: "InternalServerException", message: String(err) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    writes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
