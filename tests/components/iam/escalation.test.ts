// One policy per escalation path, written by hand from the path's source: each must be found to take its
// path, and the same policy without its last step must not.
import * as assert from "assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { ESCALATION_PATHS } from "../../../components/iam/escalation";
import { IamCatalog, meaning } from "../../../components/iam/meaning";
import { iamCatalog } from "../../../live/iamCatalog";

const ROLES = "arn:aws:iam::*:role/*";
const USERS = "arn:aws:iam::*:user/*";

/** Each path's minimal policy: [Action, Resource] statements, in the order of the path's steps. */
const POLICIES: Record<string, [string[], string][]> = {
  "iam-create-policy-version": [[["iam:CreatePolicyVersion"], "arn:aws:iam::*:policy/*"]],
  "iam-set-default-policy-version": [[["iam:SetDefaultPolicyVersion"], "arn:aws:iam::*:policy/*"]],
  "iam-user-credentials": [[["iam:CreateAccessKey"], USERS]],
  "iam-user-policy": [
    [["iam:AttachUserPolicy"], USERS],
    [["iam:CreateLoginProfile"], USERS],
  ],
  "iam-group-policy": [
    [["iam:PutGroupPolicy"], "arn:aws:iam::*:group/*"],
    [["iam:UpdateLoginProfile"], USERS],
  ],
  "iam-role-policy": [
    [["iam:AttachRolePolicy"], ROLES],
    [["sts:AssumeRole"], ROLES],
  ],
  // pathfinding iam-012: the trust policy names the holder's own role, so no sts:AssumeRole is needed.
  "iam-update-trust": [[["iam:UpdateAssumeRolePolicy"], ROLES]],
  "iam-create-role": [
    [["iam:CreateRole"], ROLES],
    [["iam:AttachRolePolicy"], ROLES],
  ],
  "pass-role-ec2": [
    [["iam:PassRole"], ROLES],
    [["ec2:RunInstances"], "*"],
  ],
  "pass-role-lambda": [
    [["iam:PassRole"], ROLES],
    [["lambda:CreateFunction"], "arn:aws:lambda:*:*:function:*"],
    [["lambda:InvokeFunction"], "arn:aws:lambda:*:*:function:*"],
  ],
  "lambda-update-code": [[["lambda:UpdateFunctionCode"], "*"]],
  "pass-role-glue": [
    [["iam:PassRole"], ROLES],
    [["glue:CreateDevEndpoint"], "*"],
  ],
  "glue-update-endpoint": [[["glue:UpdateDevEndpoint"], "*"]],
  "pass-role-cloudformation": [
    [["iam:PassRole"], ROLES],
    [["cloudformation:CreateStack"], "*"],
  ],
  "pass-role-datapipeline": [
    [["iam:PassRole"], ROLES],
    [["datapipeline:CreatePipeline"], "*"],
    [["datapipeline:PutPipelineDefinition"], "*"],
    [["datapipeline:ActivatePipeline"], "*"],
  ],
  "pass-role-codebuild": [
    [["iam:PassRole"], ROLES],
    [["codebuild:CreateProject"], "*"],
    [["codebuild:StartBuild"], "*"],
  ],
  "pass-role-ecs": [
    [["iam:PassRole"], ROLES],
    [["ecs:RegisterTaskDefinition"], "*"],
    [["ecs:RunTask"], "*"],
  ],
  "pass-role-sagemaker": [
    [["iam:PassRole"], ROLES],
    [["sagemaker:CreateNotebookInstance"], "*"],
    [["sagemaker:CreatePresignedNotebookInstanceUrl"], "*"],
  ],
  "ssm-run-on-instance": [[["ssm:StartSession"], "*"]],
  "sso-assign-self": [[["sso:CreateAccountAssignment"], "*"]],
  "identitystore-join-admin-group": [[["identitystore:CreateGroupMembership"], "*"]],
  "organization-access-role": [[["sts:AssumeRole"], "arn:aws:iam::*:role/OrganizationAccountAccessRole"]],
  "iam-role-policy-and-trust": [
    [["iam:PutRolePolicy"], ROLES],
    [["iam:UpdateAssumeRolePolicy"], ROLES],
  ],
  "sts-assume-role": [[["sts:AssumeRole"], "*"]],
  "pass-role-autoscaling": [
    [["iam:PassRole"], ROLES],
    [["autoscaling:CreateLaunchConfiguration"], "*"],
    [["autoscaling:CreateAutoScalingGroup"], "*"],
  ],
  "pass-role-lambda-event-source": [
    [["iam:PassRole"], ROLES],
    [["lambda:CreateFunction"], "arn:aws:lambda:*:*:function:*"],
    [["lambda:CreateEventSourceMapping"], "*"],
  ],
  "pass-role-scheduler": [
    [["iam:PassRole"], ROLES],
    [["scheduler:CreateSchedule"], "arn:aws:scheduler:*:*:schedule/*"],
  ],
  "pass-role-step-functions": [
    [["iam:PassRole"], ROLES],
    [["states:CreateStateMachine"], "*"],
    [["states:StartExecution"], "arn:aws:states:*:*:stateMachine:*"],
  ],
  "pass-role-glue-job": [
    [["iam:PassRole"], ROLES],
    [["glue:UpdateJob"], "*"],
    [["glue:CreateTrigger"], "*"],
  ],
  "pass-role-cloudformation-stackset": [
    [["iam:PassRole"], ROLES],
    [["cloudformation:CreateStackSet"], "*"],
    [["cloudformation:CreateStackInstances"], "*"],
  ],
  "cloudformation-update-stack": [
    [["cloudformation:CreateChangeSet"], "*"],
    [["cloudformation:ExecuteChangeSet"], "*"],
  ],
  "codebuild-start-build": [[["codebuild:StartBuildBatch"], "*"]],
  "pass-role-batch": [
    [["iam:PassRole"], ROLES],
    [["batch:RegisterJobDefinition"], "*"],
    [["batch:SubmitJob"], "*"],
  ],
  "pass-role-apprunner": [
    [["iam:PassRole"], ROLES],
    [["apprunner:CreateService"], "*"],
  ],
  "apprunner-update-service": [[["apprunner:UpdateService"], "*"]],
  "pass-role-sagemaker-job": [
    [["iam:PassRole"], ROLES],
    [["sagemaker:CreateProcessingJob"], "*"],
  ],
  "sagemaker-presigned-url": [[["sagemaker:CreatePresignedNotebookInstanceUrl"], "*"]],
  "sagemaker-lifecycle-config": [
    [["sagemaker:CreateNotebookInstanceLifecycleConfig"], "*"],
    [["sagemaker:StopNotebookInstance"], "*"],
    [["sagemaker:StartNotebookInstance"], "*"],
    [["sagemaker:UpdateNotebookInstance"], "*"],
  ],
  "pass-role-bedrock-agentcore": [
    [["iam:PassRole"], ROLES],
    [["bedrock-agentcore:CreateCodeInterpreter"], "*"],
    [["bedrock-agentcore:StartCodeInterpreterSession"], "*"],
    [["bedrock-agentcore:InvokeCodeInterpreter"], "*"],
  ],
  "ec2-instance-connect": [[["ec2-instance-connect:SendSSHPublicKey"], "*"]],
  "ec2-user-data": [
    [["ec2:StopInstances", "ec2:StartInstances"], "*"],
    [["ec2:ModifyInstanceAttribute"], "*"],
  ],
  "ec2-launch-template": [
    [["ec2:CreateLaunchTemplateVersion"], "*"],
    [["ec2:ModifyLaunchTemplate"], "*"],
  ],
  "account-access-entitlement": [[["account-access:CreateEntitlement"], "*"]],
  "pass-role-lambda-update-config": [
    [["iam:PassRole"], ROLES],
    [["lambda:UpdateFunctionConfiguration"], "arn:aws:lambda:*:*:function:*"],
    [["lambda:UpdateFunctionCode"], "arn:aws:lambda:*:*:function:*"],
  ],
  "pass-role-ssm-automation": [
    [["iam:PassRole"], ROLES],
    [["ssm:CreateDocument"], "*"],
    [["ssm:StartAutomationExecution"], "*"],
  ],
  "pass-role-emr": [
    [["iam:PassRole"], ROLES],
    [["elasticmapreduce:RunJobFlow"], "*"],
  ],
  "codedeploy-deployment": [
    [["codedeploy:RegisterApplicationRevision"], "*"],
    [["codedeploy:GetDeploymentConfig"], "*"],
    [["codedeploy:CreateDeployment"], "*"],
  ],
  "control-tower-execution-role": [[["sts:AssumeRole"], "arn:aws:iam::*:role/AWSControlTowerExecution"]],
};

const policy = (statements: [string[], string][]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map(([Action, Resource]) => ({ Effect: "Allow", Action, Resource })),
  });

describe("privilege-escalation paths", function () {
  this.timeout(60000);
  let catalog: IamCatalog;
  before(async () => {
    catalog = await iamCatalog();
  });

  it("each row has a unique id, a source, and only actions IAM has (iam-data)", () => {
    const ids = ESCALATION_PATHS.map((p) => p.id);
    assert.deepStrictEqual([...new Set(ids)], ids);
    const known = new Set(catalog.actions.map((a) => a.toLowerCase()));
    for (const path of ESCALATION_PATHS) {
      assert.ok(path.source.length > 20, path.id);
      for (const step of path.steps) {
        for (const action of step.anyOf) assert.ok(known.has(action.toLowerCase()), `${path.id}: ${action}`);
      }
    }
    assert.deepStrictEqual(Object.keys(POLICIES).sort(), [...ids].sort());
  });

  for (const path of ESCALATION_PATHS) {
    it(`${path.id}: found from its own policy, and not without its last step`, () => {
      const statements = POLICIES[path.id];
      const found = meaning(catalog, "aws", {
        policies: [{ name: "inline policy", document: policy(statements) }],
        unreadable: [],
      });
      assert.ok(
        found.paths.some((p) => p.id === path.id),
        found.paths.map((p) => p.id).join(", "),
      );
      // sts:AssumeRole on one named role also takes over that role where the set is held (sts-assume-role on
      // the roles its statements name only): near-admin there.
      const namedRole = path.steps.some(
        (s) => s.anyOf.includes("sts:AssumeRole") && !s.resource.endsWith("role/*"),
      );
      const expected =
        path.where === "any" ? "escalation" : path.where === "existing" || namedRole ? "near-admin" : "none";
      assert.strictEqual(found.verdict, expected);
      if (path.where === "management") assert.strictEqual(found.inManagementAccount, "escalation");
      const without = meaning(catalog, "aws", {
        policies: [{ name: "inline policy", document: policy(statements.slice(0, -1)) }],
        unreadable: [],
      });
      assert.ok(!without.paths.some((p) => p.id === path.id));
    });
  }

  // The ground of iam-update-trust and iam-create-role (IAM User Guide, "Policy evaluation for requests within
  // a single account"), held to an independent evaluator: a trust policy naming the holder's Identity Center
  // role lets its session assume the role with no identity permission for sts:AssumeRole; one naming the
  // account root does not.
  it("same-account trust, by @cloud-copilot/iam-simulate: the holder's role ARN needs no sts:AssumeRole permission, the account root does", async () => {
    const ssoRole =
      "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_c_0123456789abcdef";
    const decide = async (principal: string, identityAllowsAssume: boolean) => {
      const result = await runSimulation(
        {
          identityPolicies: [
            {
              name: "set",
              policy: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Effect: "Allow",
                    Action: identityAllowsAssume ? "sts:AssumeRole" : "s3:ListAllMyBuckets",
                    Resource: "*",
                  },
                ],
              },
            },
          ],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }],
          },
          request: {
            principal: "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_c_0123456789abcdef/mallory",
            action: "sts:AssumeRole",
            resource: { resource: "arn:aws:iam::111111111111:role/Escalated", accountId: "111111111111" },
            contextVariables: {},
          },
        },
        {},
      );
      assert.ok(result.resultType !== "error", JSON.stringify(result));
      return result.overallResult;
    };
    assert.strictEqual(await decide(ssoRole, false), "Allowed");
    assert.strictEqual(await decide("arn:aws:iam::111111111111:root", false), "ImplicitlyDenied");
    assert.strictEqual(await decide("arn:aws:iam::111111111111:root", true), "Allowed");
  });
});
