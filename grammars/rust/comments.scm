; Comments, including /// and //! doc comments.
[(line_comment) (block_comment)] @comment
