; Crypto analyser (server/src/core/crypto): calls, definitions, designated initialisers, RNG engines and strings.
(call_expression) @call
(new_expression) @call
(init_declarator) @assign
(assignment_expression right: [(string_literal) (concatenated_string) (number_literal) (identifier) (initializer_list) (call_expression) (field_expression) (lambda_expression)]) @assign
(preproc_def) @assign
(initializer_pair) @pair
((string_literal) @str (#match? @str "(https?|wss?|ftp|telnet)://|AKIA|ASIA|gh[pousr]_|github_pat_|xox[baprs]-|sk_live_|rk_live_|AIza|-----BEGIN|sk-|glpat-|SG[.]|[Pp]assword *=|[Pp]wd *=|PASSWORD *=|PWD *=|@tcp[(]|://[^/@ ]+:[^@ ]+@"))
((raw_string_literal) @str (#match? @str "(https?|wss?|ftp|telnet)://|AKIA|ASIA|gh[pousr]_|github_pat_|xox[baprs]-|sk_live_|rk_live_|AIza|-----BEGIN|sk-|glpat-|SG[.]|[Pp]assword *=|[Pp]wd *=|PASSWORD *=|PWD *=|@tcp[(]|://[^/@ ]+:[^@ ]+@"))
(qualified_identifier name: (identifier) @_m (#match? @_m "^(Md5|Sha1|Md4)$")) @member
(declaration type: (qualified_identifier name: (type_identifier) @_t (#match? @_t "^(mt19937|mt19937_64|default_random_engine|minstd_rand0?|ranlux24|ranlux48|knuth_b)$"))) @rng
