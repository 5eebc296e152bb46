// Placeholder; the libgit2 layer is written in its own change.
internal import CLibGit2
