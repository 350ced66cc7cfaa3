#!/usr/bin/env bash
# Bazel workspace status: volatile keys (no STABLE_ prefix), so a new commit alone never
# invalidates cached experiment results; results computed at a commit record it.
commit=$(git rev-parse --verify -q HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-dirty"
fi
echo "GIT_COMMIT $commit"
