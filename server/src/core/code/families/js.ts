/** JavaScript, TypeScript and TSX: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const js: LanguageFamily = {
  id: 'js',
  syntax: {
    strings: ['string', 'template_string'],
    content: ['string_fragment'],
    escape: ['escape_sequence'],
    interp: ['template_substitution'],
    numbers: ['number'],
    idents: ['identifier', 'property_identifier', 'shorthand_property_identifier', 'private_property_identifier', 'this'],
    members: ['member_expression', 'subscript_expression'],
    calls: ['call_expression', 'new_expression'],
    funcs: ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function', 'function'],
    binary: ['binary_expression'],
    parens: ['parenthesized_expression'],
    conds: ['ternary_expression'],
    unwrap: ['await_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion'],
    comments: ['comment'],
    statements: /(_statement|_declaration|^program|^class_body|^statement_block)$/,
  },
};
