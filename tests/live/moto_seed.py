"""Seeds a moto server as the runbook leaves an organization built in the console, through boto3 as a user
would: an organization with a workloads OU and two accounts, the Identity Center instance's permission sets,
an admin group with its members, and the group's assignments. Prints what moto generated as JSON."""
import json
import sys

import boto3

endpoint = sys.argv[1]
client = lambda name: boto3.client(name, endpoint_url=endpoint, region_name="us-east-1")
orgs, sso, store = client("organizations"), client("sso-admin"), client("identitystore")

organization = orgs.create_organization(FeatureSet="ALL")["Organization"]
root = orgs.list_roots()["Roots"][0]["Id"]
ou = orgs.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
accounts = {}
for key, name in [("prod", "Workloads Prod"), ("dev", "Workloads Dev")]:
    status = orgs.create_account(Email=f"{key}@example.com", AccountName=name)["CreateAccountStatus"]
    accounts[key] = status["AccountId"]
    orgs.move_account(AccountId=status["AccountId"], SourceParentId=root, DestinationParentId=ou)
# Account tags, as accountTags selects by: only the prod account carries env=prod.
orgs.tag_resource(
    ResourceId=accounts["prod"], Tags=[{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "payments"}]
)

instance = sso.list_instances()["Instances"][0]
instance_arn, store_id = instance["InstanceArn"], instance["IdentityStoreId"]


def permission_set(name, managed=None, inline=None):
    arn = sso.create_permission_set(InstanceArn=instance_arn, Name=name, SessionDuration="PT4H")[
        "PermissionSet"
    ]["PermissionSetArn"]
    if managed:
        sso.attach_managed_policy_to_permission_set(
            InstanceArn=instance_arn, PermissionSetArn=arn, ManagedPolicyArn=f"arn:aws:iam::aws:policy/{managed}"
        )
    if inline:
        sso.put_inline_policy_to_permission_set(
            InstanceArn=instance_arn,
            PermissionSetArn=arn,
            InlinePolicy=json.dumps({"Version": "2012-10-17", "Statement": inline}),
        )
    return arn


admin = permission_set("AdministratorAccess", managed="AdministratorAccess")
permission_set("ReadOnly", managed="ReadOnlyAccess")
power = permission_set("PowerUser", inline=[{"Effect": "Allow", "NotAction": ["aws-portal:*"], "Resource": "*"}])


def group(name):
    return store.create_group(IdentityStoreId=store_id, DisplayName=name)["GroupId"]


def user(user_name, given, family):
    return store.create_user(
        IdentityStoreId=store_id,
        UserName=user_name,
        DisplayName=f"{given} {family}",
        Name={"GivenName": given, "FamilyName": family},
        Emails=[{"Value": f"{given.lower()}@example.com", "Type": "work", "Primary": True}],
    )["UserId"]


admins, contractors = group("Platform Admins"), group("Contractors")
for member, target in [
    (user("alice", "Alice", "Liddell"), admins),
    (user("bob@example.com", "Bob", "B"), admins),
    (user("carol", "Carol", "C"), admins),  # added by hand, not in the stack's admins
    (user("dave", "Dave", "D"), contractors),
]:
    store.create_group_membership(IdentityStoreId=store_id, GroupId=target, MemberId={"UserId": member})

for account, ps, principal in [
    (accounts["prod"], admin, admins),
    (accounts["dev"], admin, admins),
    (accounts["prod"], power, contractors),
]:
    sso.create_account_assignment(
        InstanceArn=instance_arn,
        TargetId=account,
        TargetType="AWS_ACCOUNT",
        PermissionSetArn=ps,
        PrincipalType="GROUP",
        PrincipalId=principal,
    )

print(
    json.dumps(
        {
            "managementAccountId": organization["MasterAccountId"],
            "instanceArn": instance_arn,
            "identityStoreId": store_id,
            "ou": ou,
            "accounts": accounts,
        }
    )
)
