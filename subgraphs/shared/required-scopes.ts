/**
 * Reads `@requiresScopes(scopes: [[...]])` from a subgraph's own schema, so the subgraph can
 * re-check what the gateway already enforced. Scopes are alternatives of conjunctions:
 * `[["a", "b"], ["c"]]` means (a and b) or c.
 */
import {
  TypeInfo,
  isObjectType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ConstDirectiveNode,
} from 'graphql';

export type ScopeRequirement = readonly (readonly string[])[];

function scopesOf(directives: readonly ConstDirectiveNode[] | undefined): ScopeRequirement | undefined {
  const directive = directives?.find((d) => d.name.value === 'requiresScopes');
  const arg = directive?.arguments?.find((a) => a.name.value === 'scopes');
  return arg ? (valueFromASTUntyped(arg.value) as string[][]) : undefined;
}

/** `Type.field` → its requirement (field-level, else its type's), for every protected field. */
export function requiredScopesBySchema(schema: GraphQLSchema): Map<string, ScopeRequirement> {
  const required = new Map<string, ScopeRequirement>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeScopes = scopesOf(type.astNode?.directives);
    for (const field of Object.values(type.getFields())) {
      const scopes = scopesOf(field.astNode?.directives) ?? typeScopes;
      if (scopes) required.set(`${type.name}.${field.name}`, scopes);
    }
  }
  return required;
}

export const satisfies = (granted: readonly string[], requirement: ScopeRequirement) =>
  requirement.some((all) => all.every((scope) => granted.includes(scope)));

/** The protected fields an operation selects that the granted scopes do not satisfy. */
export function missingScopes(
  schema: GraphQLSchema,
  required: Map<string, ScopeRequirement>,
  document: DocumentNode,
  granted: readonly string[],
): string[] {
  const refused: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const requirement = required.get(`${parent.name}.${field.name}`);
        if (requirement && !satisfies(granted, requirement)) refused.push(`${parent.name}.${field.name}`);
      },
    }),
  );
  return refused;
}
