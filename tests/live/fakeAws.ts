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

/**
 * The stack's resources beyond Identity Center, as drift reads them: schedules (EventBridge Scheduler, REST
 * JSON), roles (IAM, the query protocol with XML answers), rules with their targets, API destinations and
 * connections (EventBridge, JSON 1.1) and dead-letter queues (SQS, JSON 1.0). Every region is the same here.
 */
export interface FakeStack {
  schedules?: Record<string, { ScheduleExpression: string; State: string; Target: Record<string, string> }>;
  roles?: Record<string, { trust: unknown; inline: Record<string, unknown>; attached?: string[] }>;
  rules?: {
    Name: string;
    Arn: string;
    EventPattern: string;
    State: string;
    targets: { Id: string; Arn: string; RoleArn?: string; DeadLetterConfig?: { Arn: string } }[];
  }[];
  destinations?: Record<
    string,
    { ApiDestinationArn: string; InvocationEndpoint: string; HttpMethod: string; ConnectionArn: string }
  >;
  connections?: Record<string, { ConnectionState: string }>;
  /** Queue name → messages waiting. */
  queues?: Record<string, number>;
}

export interface FakeOrganization {
  stack?: FakeStack;
  instance?: { arn: string; identityStoreId: string };
  managementAccountId: string;
  accounts: { Id: string; Name: string; State: string }[];
  /** OU ID to parent ID ("r-root" for the root) and its direct accounts. */
  ous?: { id: string; parent: string; accounts: string[] }[];
  rootAccounts?: string[];
  /** Each account's tags, by account ID (Organizations ListTagsForResource); an account not listed has none. */
  accountTags?: Record<string, Record<string, string>>;
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

/** One STS AssumeRole the fake answered: the role, the caller it was asked by, and its parameters. */
export interface FakeAssumption {
  roleArn: string;
  by: string;
  params: Record<string, string>;
}

export interface FakeAws {
  url: string;
  /** STS AssumeRole requests, in order. */
  assumed: FakeAssumption[];
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
  /** The message of those answers, when a test plays a hostile endpoint's text. */
  denyMessage?: string;
  /** Operations that answer HTTP 500 with an HTML page, as moto's server does for some (see tests/live/moto.ts). */
  html500?: string[];
  /** Every n-th request answers ThrottlingException, as AWS does to a client above its rate. */
  throttleEvery?: number;
  /** Roles STS refuses to let anyone assume (AccessDenied). */
  denyRoles?: string[];
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
    // An ID outside the organization is TargetNotFoundException, as AWS answers.
    "AWSOrganizationsV20161128.ListTagsForResource": (b) => {
      if (!org.accounts.some((a) => a.Id === b.ResourceId))
        throw new AwsError("TargetNotFoundException", `${String(b.ResourceId)} is not in the organization`);
      const tags = org.accountTags?.[String(b.ResourceId)] ?? {};
      return page(
        Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        b,
        size,
        "Tags",
      );
    },
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

const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

/**
 * STS in its wire protocol (awsQuery: a form POST naming the Action, answered in XML): GetCallerIdentity
 * answers who signed the request, by its access key; AssumeRole hands out a key of the role's own, so a
 * chain of roles shows who assumed each one.
 */
function sts(org: FakeOrganization, options: FakeOptions, assumed: FakeAssumption[]) {
  const identities = new Map<string, { account: string; arn: string }>();

  return (raw: string, authorization: string): { status: number; xml: string } => {
    const params = Object.fromEntries(new URLSearchParams(raw));
    const key = /Credential=([^/]+)\//.exec(authorization)?.[1] ?? "";
    // A key STS did not hand out is a user of the management account, named by the key: which key signed.
    const caller = identities.get(key) ?? {
      account: org.managementAccountId,
      arn: `arn:aws:iam::${org.managementAccountId}:user/${key}`,
    };
    const wrap = (action: string, body: string) =>
      `<${action}Response xmlns="${STS_NS}"><${action}Result>${body}</${action}Result>` +
      `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`;
    if (params.Action === "GetCallerIdentity")
      return {
        status: 200,
        xml: wrap(
          "GetCallerIdentity",
          `<Arn>${caller.arn}</Arn><UserId>fake</UserId><Account>${caller.account}</Account>`,
        ),
      };
    if (params.Action === "AssumeRole") {
      const roleArn = params.RoleArn;
      if (options.denyRoles?.includes(roleArn))
        return {
          status: 403,
          xml:
            `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
            `<Message>${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}</Message>` +
            "</Error><RequestId>fake</RequestId></ErrorResponse>",
        };
      assumed.push({ roleArn, by: caller.arn, params });
      const [, , , , account, resource] = roleArn.split(":");
      const accessKey = `ASIAFAKE${String(assumed.length).padStart(12, "0")}`;
      const arn = `arn:aws:sts::${account}:assumed-role/${resource.split("/").pop()}/${params.RoleSessionName}`;
      identities.set(accessKey, { account, arn });
      return {
        status: 200,
        xml: wrap(
          "AssumeRole",
          `<Credentials><AccessKeyId>${accessKey}</AccessKeyId><SecretAccessKey>fake</SecretAccessKey>` +
            "<SessionToken>fake-token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration></Credentials>" +
            `<AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROAFAKE:${params.RoleSessionName}</AssumedRoleId></AssumedRoleUser>`,
        ),
      };
    }
    return { status: 400, xml: `<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>` };
  };
}

class NotFound extends AwsError {}

/** EventBridge and SQS, which speak AWS JSON as the others do. */
function stackHandlers(stack: FakeStack, served: { url: string }): Record<string, (body: Body) => Body> {
  const found = <T>(value: T | undefined, type: string, what: string): T => {
    if (value === undefined) throw new NotFound(type, `${what} does not exist`);
    return value;
  };
  return {
    "AWSEvents.ListRules": (b) => ({
      Rules: (stack.rules ?? [])
        .filter((r) => r.Name.startsWith(String(b.NamePrefix ?? "")))
        .map(({ Name, Arn, EventPattern, State }) => ({
          Name,
          Arn,
          EventPattern,
          State,
          EventBusName: "default",
        })),
    }),
    "AWSEvents.ListTargetsByRule": (b) => ({
      Targets: found(
        stack.rules?.find((r) => r.Name === b.Rule),
        "ResourceNotFoundException",
        `rule ${b.Rule}`,
      ).targets,
    }),
    "AWSEvents.DescribeApiDestination": (b) =>
      found(stack.destinations?.[String(b.Name)], "ResourceNotFoundException", `api destination ${b.Name}`),
    "AWSEvents.DescribeConnection": (b) =>
      found(stack.connections?.[String(b.Name)], "ResourceNotFoundException", `connection ${b.Name}`),
    "AmazonSQS.GetQueueUrl": (b) => {
      found(stack.queues?.[String(b.QueueName)], "QueueDoesNotExist", `queue ${b.QueueName}`);
      // The SDK sends a queue's requests to its URL's host: the fake's own.
      return { QueueUrl: `${served.url}/${b.QueueOwnerAWSAccountId}/${b.QueueName}` };
    },
    "AmazonSQS.GetQueueAttributes": (b) => ({
      Attributes: {
        ApproximateNumberOfMessages: String(stack.queues?.[String(b.QueueUrl).split("/").pop() ?? ""] ?? 0),
      },
    }),
  };
}

/** IAM's query protocol: the form's Action, answered in XML. */
function iamAnswer(stack: FakeStack, form: URLSearchParams): { status: number; xml: string } {
  const action = form.get("Action") ?? "";
  const role = stack.roles?.[form.get("RoleName") ?? ""];
  const wrap = (inner: string) =>
    `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${inner}</${action}Result></${action}Response>`;
  const doc = (policy: unknown) => encodeURIComponent(JSON.stringify(policy));
  if (!role)
    return {
      status: 404,
      xml: `<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>no role</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
    };
  const name = form.get("RoleName");
  const members = (items: string[]) => items.map((i) => `<member>${i}</member>`).join("");
  switch (action) {
    case "GetRole":
      return {
        status: 200,
        xml: wrap(
          `<Role><RoleName>${name}</RoleName><Arn>arn:aws:iam::123456789012:role/${name}</Arn><Path>/</Path><RoleId>R</RoleId>` +
            `<CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${doc(role.trust)}</AssumeRolePolicyDocument></Role>`,
        ),
      };
    case "ListRolePolicies":
      return {
        status: 200,
        xml: wrap(
          `<PolicyNames>${members(Object.keys(role.inline))}</PolicyNames><IsTruncated>false</IsTruncated>`,
        ),
      };
    case "GetRolePolicy":
      return {
        status: 200,
        xml: wrap(
          `<RoleName>${name}</RoleName><PolicyName>${form.get("PolicyName")}</PolicyName>` +
            `<PolicyDocument>${doc(role.inline[form.get("PolicyName") ?? ""])}</PolicyDocument>`,
        ),
      };
    default:
      return {
        status: 200,
        xml: wrap(
          `<AttachedPolicies>${(role.attached ?? [])
            .map(
              (a) =>
                `<member><PolicyArn>${a}</PolicyArn><PolicyName>${a.split("/").pop()}</PolicyName></member>`,
            )
            .join("")}</AttachedPolicies><IsTruncated>false</IsTruncated>`,
        ),
      };
  }
}

/** The operation a request names: its X-Amz-Target, a scheduler path, or IAM's Action. */
function operationOf(target: string, method: string, url: string, raw: string): string {
  if (target) return target.split(".").pop() ?? "";
  if (url.startsWith("/schedules/")) return method === "GET" ? "GetSchedule" : "WriteSchedule";
  return new URLSearchParams(raw).get("Action") ?? "";
}

/** Serves the fake on 127.0.0.1 and a free port, never any other address. */
export async function startFakeAws(org: FakeOrganization, options: FakeOptions = {}): Promise<FakeAws> {
  const served = { url: "" };
  const ops = { ...handlers(org, options.pageSize ?? 1), ...stackHandlers(org.stack ?? {}, served) };
  const calls: string[] = [];
  const writes: string[] = [];
  const assumed: FakeAssumption[] = [];
  const stsAnswer = sts(org, options, assumed);
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      // STS and IAM both speak the query protocol; the credential scope of the signature names the service.
      const signedFor = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
        String(req.headers.authorization),
      )?.[1];
      if (signedFor === "sts") {
        const answer = stsAnswer(raw, String(req.headers.authorization ?? ""));
        calls.push(`STS.${new URLSearchParams(raw).get("Action")}`);
        res.writeHead(answer.status, { "content-type": "text/xml" });
        return res.end(answer.xml);
      }
      const target = String(req.headers["x-amz-target"] ?? "");
      calls.push(target);
      requests++;
      const reply = (status: number, body: Body) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(body));
      };
      const error = (type: string, message: string) => reply(400, { __type: type, message });
      const operation = operationOf(target, req.method ?? "", req.url ?? "", raw);
      if (!/^(List|Describe|Get)[A-Z]/.test(operation)) {
        writes.push(target || operation);
        return error("AccessDeniedException", `the fake refuses every write: ${target || operation}`);
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
        return error(
          "AccessDeniedException",
          options.denyMessage ?? `User is not authorized to perform ${operation}`,
        );
      if (!target && (req.url ?? "").startsWith("/schedules/")) {
        const name = decodeURIComponent((req.url ?? "").slice("/schedules/".length).split("?")[0]);
        const schedule = org.stack?.schedules?.[name];
        if (!schedule) {
          res.writeHead(404, {
            "content-type": "application/json",
            "x-amzn-errortype": "ResourceNotFoundException",
          });
          return res.end(JSON.stringify({ Message: `Schedule ${name} does not exist.` }));
        }
        return reply(200, { Name: name, GroupName: "default", ...schedule });
      }
      if (!target) {
        const { status, xml } = iamAnswer(org.stack ?? {}, new URLSearchParams(raw));
        res.writeHead(status, { "content-type": "text/xml" });
        return res.end(xml);
      }
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
  served.url = `http://127.0.0.1:${port}`;
  return {
    url: served.url,
    assumed,
    calls,
    writes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
