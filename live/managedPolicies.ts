// The reader of AWS managed policy documents lives with the meaning engine (components/iam/managedPolicies.ts):
// the component's lockout check judges the set with it too.
export * from "../components/iam/managedPolicies";
