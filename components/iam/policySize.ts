// An inline policy's size as AWS counts it: in bytes of the text the provider actually sends, which is
// not the text the program hands it. The provider normalizes the document before PutInlinePolicyToPermissionSet
// (hashicorp/terraform-provider-aws internal/service/ssoadmin/permission_set_inline_policy.go, resource
// PermissionSetInlinePolicyPut: structure.NormalizeJsonString), which is Go's json.Unmarshal into an
// interface{} and json.Marshal back (hashicorp/terraform-plugin-sdk helper/structure/normalize_json.go). So
// the escapes in the program's text are undone (a `\u4e2d` becomes the character, three bytes in UTF-8), and
// json.Marshal re-escapes as Go does (golang/go src/encoding/json/encode.go, appendString with escapeHTML):
// `<`, `>` and `&` become six-byte `\u003c`, `\u003e`, `\u0026`, as do U+2028 and U+2029; keys come sorted.

/** The ASCII escapes of Go's encoding/json (`\b` and `\f` short since Go 1.22), others as \u00XX. */
const SHORT: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (SHORT[ch]) out += SHORT[ch];
    else if (code < 0x20 || ch === "<" || ch === ">" || ch === "&" || code === 0x2028 || code === 0x2029) {
      out += hex4(code);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += "\ufffd"; // a lone surrogate: Go's decoder reads its \u escape as U+FFFD
    } else out += ch;
  }
  return `${out}"`;
}

/** Go sorts map keys by their bytes (UTF-8), which differs from JavaScript's UTF-16 order beyond the BMP. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

function goJson(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return goString(value);
  // A float64 either way; Go writes -0 with its sign, and the same shortest digits otherwise.
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort(byBytes)
    .map((k) => `${goString(k)}:${goJson(record[k])}`)
    .join(",")}}`;
}

/** The text the provider sends to AWS for a policy it is given as `json`. */
export const asProviderSends = (json: string): string => goJson(JSON.parse(json));

/** The policy's size in bytes as AWS counts it, after the provider's re-encoding. */
export const policyBytes = (json: string): number => Buffer.byteLength(asProviderSends(json), "utf8");
