; inherits: javascript
(abstract_class_declaration name: (_) @name) @definition.class
(interface_declaration name: (_) @name) @definition.interface
(enum_declaration name: (_) @name) @definition.enum
(abstract_method_signature name: (_) @name) @definition.method
