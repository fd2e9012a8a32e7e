; Comments, including KDoc.
[(line_comment) (block_comment)] @comment
