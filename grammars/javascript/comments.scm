; Comments that may carry MedTrace annotations.
(comment) @comment
