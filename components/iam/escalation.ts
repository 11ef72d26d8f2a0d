// Privilege-escalation paths: permissions that let a holder grant itself (or a principal it controls)
// administrator access. One table, one source per row; tests/components/iam/escalation.test.ts holds a policy
// per row. A step is satisfied when any of its actions is allowed on a resource its `resource` pattern
// matches (`${Partition}`, `${Account}` and `${Region}` filled in by the analysis with the set's partition,
// accounts and regions; meaning.ts tries every ARN it instantiates from the names the set's own statements
// use), so `iam:*` or `*` satisfy the steps they include, and so do statements scoped to one account, one
// region or `role/app-*`. Steps that name the same resource are taken on the same one; "*": any resource.

const RHINO =
  "Rhino Security Labs, AWS IAM Privilege Escalation - Methods and Mitigation (rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/), method";
const PMAPPER = "NCC Group PMapper, principalmapper/graphing/";

/** The resources of the types the paths act on, as patterns. */
const ROLE = "arn:${Partition}:iam::${Account}:role/*";
const USER = "arn:${Partition}:iam::${Account}:user/*";
const GROUP = "arn:${Partition}:iam::${Account}:group/*";
const POLICY = "arn:${Partition}:iam::${Account}:policy/*";
const FUNCTION = "arn:${Partition}:lambda:${Region}:${Account}:function:*";
const ANY = "*";

export interface EscalationStep {
  /** Any one of these actions, allowed on a resource `resource` matches, satisfies the step. */
  anyOf: readonly string[];
  resource: string;
  /**
   * The step gives the holder what the resource already holds (a role it passes): it makes an administrator
   * only when it holds on every resource `resource` matches, names no statement singles out included. On
   * some named ones only, the path takes over those (as "existing": administrators only if they are).
   */
  every?: boolean;
}

export interface EscalationPath {
  id: string;
  /** What the holder does, in a reviewer's words. */
  title: string;
  steps: readonly EscalationStep[];
  /**
   * "any": admin of any account the set is provisioned to; "management": only where Identity Center or the
   * organization is administered (the management account), and from there admin of every account;
   * "existing": it takes over roles or users that already exist, administrators only if they are.
   */
  where: "any" | "management" | "existing";
  source: string;
}

const step = (resource: string, ...anyOf: string[]): EscalationStep => ({ anyOf, resource });
const passRole: EscalationStep = { ...step(ROLE, "iam:PassRole"), every: true };
const userCredentials = step(USER, "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile");
const assumeRole = step(ROLE, "sts:AssumeRole");

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: "iam-create-policy-version",
    title: "rewrite a customer managed policy it holds with iam:CreatePolicyVersion",
    steps: [step(POLICY, "iam:CreatePolicyVersion")],
    where: "any",
    source: `${RHINO} 1`,
  },
  {
    id: "iam-set-default-policy-version",
    title: "switch a policy to a more permissive version with iam:SetDefaultPolicyVersion",
    steps: [step(POLICY, "iam:SetDefaultPolicyVersion")],
    where: "any",
    source: `${RHINO} 2`,
  },
  {
    id: "iam-user-credentials",
    title: "take over an IAM user (administrators included) with iam:CreateAccessKey or a login profile",
    steps: [userCredentials],
    where: "existing",
    source: `${RHINO} 4, 5 and 6`,
  },
  {
    id: "iam-user-policy",
    title: "give an IAM user any policy (iam:AttachUserPolicy/PutUserPolicy) and use its credentials",
    steps: [step(USER, "iam:AttachUserPolicy", "iam:PutUserPolicy"), userCredentials],
    where: "any",
    source: `${RHINO} 7 and 10`,
  },
  {
    id: "iam-group-policy",
    title:
      "give an IAM group any policy or join a user to an administrators' group (iam:AttachGroupPolicy/PutGroupPolicy/AddUserToGroup) and use the user's credentials",
    steps: [
      step(GROUP, "iam:AttachGroupPolicy", "iam:PutGroupPolicy", "iam:AddUserToGroup"),
      userCredentials,
    ],
    where: "any",
    source: `${RHINO} 8, 11 and 13`,
  },
  {
    id: "iam-role-policy",
    title: "give a role any policy (iam:AttachRolePolicy/PutRolePolicy) and assume it",
    steps: [step(ROLE, "iam:AttachRolePolicy", "iam:PutRolePolicy"), assumeRole],
    where: "any",
    source: `${RHINO} 9 and 12`,
  },
  {
    id: "iam-update-trust",
    title: "make an administrator role trust it (iam:UpdateAssumeRolePolicy) and assume it",
    steps: [step(ROLE, "iam:UpdateAssumeRolePolicy"), assumeRole],
    where: "any",
    source: `${RHINO} 14`,
  },
  {
    id: "pass-role-ec2",
    title: "run an EC2 instance as any role (iam:PassRole with ec2:RunInstances)",
    steps: [passRole, step(ANY, "ec2:RunInstances")],
    where: "any",
    source: `${RHINO} 3; ${PMAPPER}ec2_edges.py`,
  },
  {
    id: "pass-role-lambda",
    title:
      "run a Lambda function as any role (iam:PassRole, lambda:CreateFunction, then invoke or an event source)",
    steps: [
      passRole,
      step(FUNCTION, "lambda:CreateFunction"),
      step(FUNCTION, "lambda:InvokeFunction", "lambda:CreateEventSourceMapping"),
    ],
    where: "any",
    source: `${RHINO} 15 and 16; ${PMAPPER}lambda_edges.py`,
  },
  {
    id: "lambda-update-code",
    title: "run code as an existing function's role (lambda:UpdateFunctionCode)",
    steps: [step(FUNCTION, "lambda:UpdateFunctionCode")],
    where: "existing",
    source: `${RHINO} 17; ${PMAPPER}lambda_edges.py`,
  },
  {
    id: "pass-role-glue",
    title: "run a Glue development endpoint as any role (iam:PassRole with glue:CreateDevEndpoint)",
    steps: [passRole, step(ANY, "glue:CreateDevEndpoint")],
    where: "any",
    source: `${RHINO} 18; ${PMAPPER}glue_edges.py`,
  },
  {
    id: "glue-update-endpoint",
    title: "log in to an existing Glue development endpoint and its role (glue:UpdateDevEndpoint)",
    steps: [step(ANY, "glue:UpdateDevEndpoint")],
    where: "existing",
    source: `${RHINO} 19; ${PMAPPER}glue_edges.py`,
  },
  {
    id: "pass-role-cloudformation",
    title:
      "create a CloudFormation stack that runs as any role (iam:PassRole with cloudformation:CreateStack)",
    steps: [passRole, step(ANY, "cloudformation:CreateStack")],
    where: "any",
    source: `${RHINO} 20; ${PMAPPER}cloudformation_edges.py`,
  },
  {
    id: "pass-role-datapipeline",
    title:
      "run a Data Pipeline as any role (iam:PassRole, datapipeline:CreatePipeline, PutPipelineDefinition)",
    steps: [
      passRole,
      step(ANY, "datapipeline:CreatePipeline"),
      step(ANY, "datapipeline:PutPipelineDefinition"),
    ],
    where: "any",
    source: `${RHINO} 21; ${PMAPPER}datapipeline_edges.py`,
  },
  {
    id: "pass-role-codebuild",
    title: "run a CodeBuild project as any role (iam:PassRole, codebuild:CreateProject, StartBuild)",
    steps: [
      passRole,
      step(ANY, "codebuild:CreateProject"),
      step(ANY, "codebuild:StartBuild", "codebuild:StartBuildBatch"),
    ],
    where: "any",
    source: `${PMAPPER}codebuild_edges.py`,
  },
  {
    id: "pass-role-ecs",
    title: "run an ECS task as any role (iam:PassRole, ecs:RegisterTaskDefinition, RunTask)",
    steps: [passRole, step(ANY, "ecs:RegisterTaskDefinition"), step(ANY, "ecs:RunTask", "ecs:StartTask")],
    where: "any",
    source: `${PMAPPER}ecs_edges.py`,
  },
  {
    id: "pass-role-sagemaker",
    title:
      "open a SageMaker notebook running as any role (iam:PassRole, CreateNotebookInstance, presigned URL)",
    steps: [
      passRole,
      step(ANY, "sagemaker:CreateNotebookInstance"),
      step(ANY, "sagemaker:CreatePresignedNotebookInstanceUrl"),
    ],
    where: "any",
    source: `${PMAPPER}sagemaker_edges.py`,
  },
  {
    id: "ssm-run-on-instance",
    title: "run commands on an instance as its role (ssm:SendCommand or ssm:StartSession)",
    steps: [step(ANY, "ssm:SendCommand", "ssm:StartSession")],
    where: "existing",
    source: `${PMAPPER}ssm_edges.py`,
  },
  {
    id: "sso-assign-self",
    title:
      "in the management account, assign itself (or its group) any permission set on any account, or change one (sso:CreateAccountAssignment, sso:PutInlinePolicyToPermissionSet, ...)",
    steps: [
      step(
        ANY,
        "sso:CreateAccountAssignment",
        "sso:AttachManagedPolicyToPermissionSet",
        "sso:PutInlinePolicyToPermissionSet",
        "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
      ),
    ],
    where: "management",
    source:
      "AWS IAM Identity Center User Guide, 'Assign user access to AWS accounts' and 'Permission sets' (assignments and permission sets are administered from the management account or a delegated administrator)",
  },
  {
    id: "identitystore-join-admin-group",
    title:
      "in the management account, add itself to a group that holds administrator access (identitystore:CreateGroupMembership)",
    steps: [step(ANY, "identitystore:CreateGroupMembership")],
    where: "management",
    source:
      "AWS IAM Identity Center User Guide, 'Add users to groups'; Identity Store API Reference, CreateGroupMembership",
  },
  {
    id: "organization-access-role",
    title:
      "from the management account, assume OrganizationAccountAccessRole, administrator of every account the organization created",
    steps: [step("arn:${Partition}:iam::${Account}:role/OrganizationAccountAccessRole", "sts:AssumeRole")],
    where: "management",
    source:
      "AWS Organizations User Guide, 'Accessing a member account that has a management account access role' (the role has AdministratorAccess and trusts the management account)",
  },
];
