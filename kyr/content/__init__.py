"""State-wide content: data files, page front matter and the macros pages use."""
