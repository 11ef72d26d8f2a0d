// Registers the group family: the admins' group, or looks an existing one up by display name.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GroupSpec } from "../spec";
import { BuildContext } from "./context";

/** The group's ID, created or looked up. */
export function buildGroup(
  ctx: BuildContext,
  groupResource: string | undefined,
  group: GroupSpec,
): pulumi.Output<string> {
  const { identityStoreId, parent } = ctx;
  const displayName = ctx.input("group", group.displayName);
  if (groupResource) {
    return new aws.identitystore.Group(
      groupResource,
      { identityStoreId, displayName, description: ctx.input("group", group.description) },
      { ...parent, protect: ctx.protect },
    ).groupId;
  }
  return aws.identitystore.getGroupOutput(
    {
      identityStoreId,
      alternateIdentifier: { uniqueAttribute: { attributePath: "DisplayName", attributeValue: displayName } },
    },
    parent,
  ).groupId;
}
