; Crypto analyser (server/src/core/crypto): calls, definitions, designated initialisers and strings.
(call_expression) @call
(init_declarator) @assign
(assignment_expression right: [(string_literal) (concatenated_string) (number_literal) (identifier) (initializer_list) (call_expression) (field_expression)]) @assign
(preproc_def) @assign
(initializer_pair) @pair
((string_literal) @str (#match? @str "(https?|wss?|ftp|telnet)://|AKIA|ASIA|gh[pousr]_|github_pat_|xox[baprs]-|sk_live_|rk_live_|AIza|-----BEGIN|sk-|glpat-|SG[.]|[Pp]assword *=|[Pp]wd *=|PASSWORD *=|PWD *=|@tcp[(]|://[^/@ ]+:[^@ ]+@"))
