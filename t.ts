import { meaning } from "./components/iamMeaning";
import { iamCatalog } from "./live/iamCatalog";
import { managedPolicyDocuments } from "./live/managedPolicies";
(async () => {
  let t = Date.now();
  const cat = await iamCatalog();
  console.log("catalog", Date.now() - t, cat.actions.length, cat.resources.length);
  const names = ["AdministratorAccess","IAMFullAccess","PowerUserAccess","AWSSSOMasterAccountAdministrator","AWSSSODirectoryAdministrator","ReadOnlyAccess","SecurityAudit","ViewOnlyAccess","AWSLambda_FullAccess","AmazonEC2FullAccess","AWSCloudFormationFullAccess","AmazonS3FullAccess", "SystemAdministrator", "AWSOrganizationsFullAccess", "AmazonSSMFullAccess", "AWSCodeBuildAdminAccess", "DataScientist", "NetworkAdministrator", "DatabaseAdministrator", "AWSSSOReadOnly"];
  const docs = managedPolicyDocuments(names);
  for (const n of names) {
    t = Date.now();
    const m = meaning(cat, "aws", { policies: [{ name: n, document: docs.get(n)!.document }], unreadable: [] });
    console.log(n, Date.now() - t, "ms", m.verdict, m.inManagementAccount, m.paths.map(p => p.id).join(","), m.reasons.slice(0,1).join(";").slice(0,150), m.problems);
  }
  const inl = (s: unknown) => ({ policies: [{ name: "inline policy", document: JSON.stringify({ Version: "2012-10-17", Statement: s }) }], unreadable: [] });
  for (const s of [
    { Effect: "Allow", NotAction: ["aws-portal:*"], Resource: "*" },
    { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::x" },
    [{ Effect: "Allow", Action: ["iam:*", "sts:*"], Resource: "*" }],
    { Effect: "Allow", Action: "*?*", Resource: "*" },
    { Effect: "Allow", Action: "*", Resource: "arn:*" },
    [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" }],
    { Effect: "Deny", Action: "*", Resource: "*" },
    { Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "x" } } },
    [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }],
    { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" },
  ]) {
    t = Date.now();
    const m = meaning(cat, "aws", inl(s));
    console.log(JSON.stringify(s).slice(0, 80), Date.now() - t, "ms", m.verdict, m.inManagementAccount, m.paths.map(p => p.id).join(","), m.reasons.join(";").slice(0,120), m.limitedBy);
  }
})();
