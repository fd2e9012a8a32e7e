/** Rust: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const rust: LanguageFamily = {
  id: 'rust',
  syntax: {
    strings: ['string_literal', 'raw_string_literal'],
    content: ['string_content'],
    escape: ['escape_sequence'],
    interp: [],
    numbers: ['integer_literal', 'float_literal'],
    idents: ['identifier', 'field_identifier', 'type_identifier', 'self'],
    members: ['field_expression', 'scoped_identifier', 'scoped_type_identifier'],
    calls: ['call_expression'],
    funcs: ['function_item', 'closure_expression'],
    binary: ['binary_expression'],
    parens: ['parenthesized_expression'],
    conds: ['if_expression'],
    unwrap: ['reference_expression', 'try_expression', 'generic_function', 'type_cast_expression'],
    comments: ['line_comment', 'block_comment'],
    statements: /(_statement|_declaration|_item|^block|^source_file)$/,
  },
};
