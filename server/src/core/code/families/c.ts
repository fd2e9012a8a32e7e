/** C and C++: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const c: LanguageFamily = {
  id: 'c',
  syntax: {
    strings: ['string_literal', 'raw_string_literal', 'concatenated_string', 'char_literal'],
    content: ['string_content', 'raw_string_content', 'character'],
    escape: ['escape_sequence'],
    interp: [],
    numbers: ['number_literal'],
    idents: ['identifier', 'field_identifier', 'namespace_identifier', 'type_identifier', 'this'],
    members: ['field_expression', 'qualified_identifier'],
    calls: ['call_expression', 'new_expression'],
    funcs: ['function_definition', 'lambda_expression'],
    binary: ['binary_expression'],
    parens: ['parenthesized_expression'],
    conds: ['conditional_expression'],
    unwrap: ['cast_expression', 'pointer_expression'],
    comments: ['comment'],
    statements: /(_statement|^declaration$|^compound_statement|^translation_unit|^field_declaration_list|_definition$)/,
  },
};
