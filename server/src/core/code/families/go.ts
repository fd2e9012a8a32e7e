/** Go: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const go: LanguageFamily = {
  id: 'go',
  // `pkg.Name` is any exported identifier of a package, variables included.
  pascalCaseMembersAreFields: true,
  syntax: {
    strings: ['interpreted_string_literal', 'raw_string_literal'],
    content: ['interpreted_string_literal_content', 'raw_string_literal_content'],
    escape: ['escape_sequence'],
    interp: [],
    numbers: ['int_literal', 'float_literal'],
    idents: ['identifier', 'field_identifier', 'package_identifier', 'type_identifier'],
    members: ['selector_expression', 'qualified_type'],
    calls: ['call_expression'],
    funcs: ['function_declaration', 'method_declaration', 'func_literal'],
    binary: ['binary_expression'],
    parens: ['parenthesized_expression'],
    conds: [],
    unwrap: ['unary_expression', 'literal_element', 'type_conversion_expression'],
    comments: ['comment'],
    statements: /(_statement|_declaration|^block|^statement_list|^source_file)$/,
  },
};
