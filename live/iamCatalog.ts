// The IAM catalog is built next to the meaning engine (components/iam/iamCatalog.ts): the component's lockout
// check judges the set with it too.
export { iamCatalog } from "../components/iam/iamCatalog";
