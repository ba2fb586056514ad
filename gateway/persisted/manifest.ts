/**
 * Persisted-operation manifests in the two formats clients produce:
 * - Apollo (`generate-persisted-query-manifest`):
 *   `{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id","name","type","body"}]}`,
 *   `id` = SHA-256 hex of `body` (checked here: a manifest whose ids lie is refused whole);
 * - GraphQL Codegen client preset (`persistedDocuments: true`): `{"<hash>": "<document>"}`, the
 *   hash hex or `sha256:<hex>` (codegen v6+).
 * Either way the result is id (bare hex) → document text.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export type Manifest = Map<string, string>;

const ApolloManifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({ id: z.string(), body: z.string().min(1), name: z.string().optional(), type: z.string().optional() }).passthrough(),
  ),
});
const CodegenManifestSchema = z.record(z.string().regex(/^(sha256:)?[0-9a-fA-F]{16,128}$/), z.string().min(1));

export class ManifestError extends Error {
  override name = 'ManifestError';
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `sha256:ABC…` and `abc…` name the same document. */
export const normalizeDocumentId = (id: string) => id.replace(/^sha256:/i, '').toLowerCase();

export function parseManifest(raw: unknown): Manifest {
  const apollo = ApolloManifestSchema.safeParse(raw);
  if (apollo.success) {
    const manifest: Manifest = new Map();
    for (const operation of apollo.data.operations) {
      const id = normalizeDocumentId(operation.id);
      if (id !== sha256Hex(operation.body)) {
        throw new ManifestError(`operation ${operation.name ?? operation.id}: id is not the SHA-256 of its body`);
      }
      manifest.set(id, operation.body);
    }
    return manifest;
  }
  const codegen = CodegenManifestSchema.safeParse(raw);
  if (codegen.success) return new Map(Object.entries(codegen.data).map(([id, body]) => [normalizeDocumentId(id), body]));
  throw new ManifestError('not an Apollo persisted-query manifest nor a codegen client-preset map');
}

/** Serializes to the Apollo format (what the file store writes). */
export function toApolloManifest(manifest: Manifest): string {
  const operations = [...manifest].map(([id, body]) => {
    const match = /^\s*(query|mutation|subscription)\s+(\w+)/.exec(body);
    return { id, name: match?.[2] ?? id.slice(0, 12), type: match?.[1] ?? 'query', body };
  });
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}
