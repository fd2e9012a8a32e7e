; Comments that may carry MedTrace annotations (Javadoc is a block_comment).
[(line_comment) (block_comment)] @comment
