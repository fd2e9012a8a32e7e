; Declarations that can be traced (SPEC 1). class_declaration also covers interfaces and enum classes.
(class_declaration name: (identifier) @name) @definition.class
(object_declaration name: (identifier) @name) @definition.class
(function_declaration name: (identifier) @name) @definition.function
(secondary_constructor) @definition.constructor
