; Comments, including /// doc comments.
[(comment) (multiline_comment)] @comment
