; Declarations that can be traced (SPEC 1).
(function_definition name: (identifier) @name) @definition.function
(class_definition name: (identifier) @name) @definition.class
