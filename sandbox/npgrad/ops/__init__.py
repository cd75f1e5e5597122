"""One module per family of operations; each op keeps its forward and backward rule together."""
