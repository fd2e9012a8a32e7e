/** Java: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const java: LanguageFamily = {
  id: 'java',
  syntax: {
    strings: ['string_literal', 'text_block'],
    content: ['string_fragment', 'multiline_string_fragment'],
    escape: ['escape_sequence'],
    interp: [],
    numbers: ['decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'decimal_floating_point_literal'],
    idents: ['identifier', 'type_identifier', 'this'],
    members: ['field_access', 'scoped_identifier', 'scoped_type_identifier'],
    calls: ['method_invocation', 'object_creation_expression'],
    funcs: ['method_declaration', 'constructor_declaration', 'lambda_expression', 'static_initializer'],
    binary: ['binary_expression'],
    parens: ['parenthesized_expression'],
    conds: ['ternary_expression'],
    unwrap: ['cast_expression'],
    comments: ['line_comment', 'block_comment'],
    statements: /(_statement|_declaration|^block|^class_body|^program)$/,
  },
};
