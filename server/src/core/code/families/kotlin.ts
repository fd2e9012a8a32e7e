/** Kotlin: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const kotlin: LanguageFamily = {
  id: 'kotlin',
  syntax: {
    strings: ['string_literal', 'multiline_string_literal'],
    content: ['string_content', 'multiline_string_content'],
    escape: ['escape_sequence', 'character_escape_seq'],
    interp: ['interpolation', 'interpolated_expression', 'interpolated_identifier'],
    numbers: ['number_literal', 'integer_literal', 'long_literal', 'hex_literal', 'real_literal', 'float_literal'],
    idents: ['identifier', 'simple_identifier', 'this_expression'],
    members: ['navigation_expression'],
    calls: ['call_expression'],
    funcs: ['function_declaration', 'lambda_literal', 'anonymous_function', 'getter', 'setter', 'secondary_constructor', 'anonymous_initializer'],
    binary: ['binary_expression', 'additive_expression', 'elvis_expression'],
    parens: ['parenthesized_expression'],
    conds: ['if_expression'],
    unwrap: ['as_expression', 'postfix_expression'],
    comments: ['line_comment', 'block_comment'],
    statements: /(_declaration|^block|^statements|^class_body|^source_file|^function_body)$/,
  },
};
