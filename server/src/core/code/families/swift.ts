/** Swift: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const swift: LanguageFamily = {
  id: 'swift',
  syntax: {
    strings: ['line_string_literal', 'multi_line_string_literal', 'raw_string_literal'],
    content: ['line_str_text', 'multi_line_str_text', 'raw_str_part'],
    escape: ['str_escaped_char'],
    interp: ['interpolated_expression'],
    numbers: ['integer_literal', 'real_literal'],
    idents: ['simple_identifier', 'self_expression'],
    members: ['navigation_expression'],
    calls: ['call_expression', 'constructor_expression'],
    funcs: ['function_declaration', 'lambda_literal', 'init_declaration', 'computed_property'],
    binary: ['additive_expression', 'nil_coalescing_expression'],
    parens: ['tuple_expression'],
    conds: ['ternary_expression'],
    unwrap: ['postfix_expression', 'try_expression', 'await_expression', 'as_expression', 'force_unwrap_expression'],
    comments: ['comment', 'multiline_comment'],
    statements: /(_statement|_declaration|^statements|^source_file|^class_body|^function_body)$/,
  },
};
