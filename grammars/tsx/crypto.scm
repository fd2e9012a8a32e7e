; inherits: typescript
; The TSX grammar is the TypeScript grammar plus JSX: the same crypto patterns apply.
