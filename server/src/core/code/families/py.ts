/** Python: what the code model needs to know of this family's syntax trees. */
import type { LanguageFamily } from '../family';

export const py: LanguageFamily = {
  id: 'py',
  syntax: {
    strings: ['string', 'concatenated_string'],
    content: ['string_content'],
    escape: ['escape_sequence'],
    interp: ['interpolation'],
    numbers: ['integer', 'float'],
    idents: ['identifier'],
    members: ['attribute', 'subscript'],
    calls: ['call'],
    funcs: ['function_definition', 'lambda'],
    binary: ['binary_operator', 'boolean_operator'],
    parens: ['parenthesized_expression'],
    conds: ['conditional_expression'],
    unwrap: ['await'],
    comments: ['comment'],
    statements: /(_statement|^module|^block|_definition)$/,
  },
};
