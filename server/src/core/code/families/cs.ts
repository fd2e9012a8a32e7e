/** C#: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const cs: LanguageFamily = {
  id: 'cs',
  // Properties are PascalCase and `this` is implicit: `Patient.Name` may be a field read.
  pascalCaseMembersAreFields: true,
  syntax: {
    strings: ['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression'],
    content: ['string_literal_content', 'string_content', 'raw_string_content', 'verbatim_string_literal_content'],
    escape: ['escape_sequence'],
    interp: ['interpolation'],
    numbers: ['integer_literal', 'real_literal'],
    idents: ['identifier', 'this', 'this_expression'],
    members: ['member_access_expression', 'element_access_expression', 'qualified_name'],
    calls: ['invocation_expression', 'object_creation_expression', 'implicit_object_creation_expression'],
    funcs: ['method_declaration', 'constructor_declaration', 'lambda_expression', 'anonymous_method_expression', 'local_function_statement', 'accessor_declaration'],
    binary: ['binary_expression'],
    parens: ['parenthesized_expression'],
    conds: ['conditional_expression'],
    unwrap: ['cast_expression', 'await_expression', 'postfix_unary_expression', 'checked_expression'],
    comments: ['comment'],
    statements: /(_statement|_declaration|^block|^declaration_list|^compilation_unit)$/,
  },
};
