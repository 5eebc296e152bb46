// Placeholder; the cmark-gfm layer is written in its own change.
internal import CCmarkGFM
