; Comments and docstrings (the first string statement of a module, class or function).
(comment) @comment
(module . (expression_statement (string) @docstring))
(function_definition body: (block . (expression_statement (string) @docstring)))
(class_definition body: (block . (expression_statement (string) @docstring)))
